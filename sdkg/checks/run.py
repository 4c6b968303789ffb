"""Run the checks of `sdkg check` on a dataset and gather one report.

The checks are independent and read the one dataset: they run side by side, on as many threads as the machine
has cores (pyoxigraph lets go of the interpreter while it answers a query, and HermiT runs in its own Java
process), and their outcomes are reported in a fixed order, the same as if they ran one after the other.
"""

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sdkg.checks.report import Outcome, Report
from sdkg.concurrency import paused_gc, workers
from sdkg.dataset.loader import Dataset

ALL_CHECKS = ("shacl", "reasoner", "quality", "links", "queries", "quotes")


@dataclass(frozen=True)
class CheckOptions:
    """Which checks to run, and where the source texts are (quotes are checked only then)."""

    sources: Path | None = None
    reasoner: bool = True
    only: tuple[str, ...] = ALL_CHECKS


def run_checks(dataset: Dataset, options: CheckOptions) -> Report:
    """Every selected check, reported in a fixed order; engines are imported only when their check runs."""
    report = Report()
    with paused_gc(), ThreadPoolExecutor(max_workers=workers()) as pool:
        # The longest first: SHACL, and the reasoner, whose Java process then works on a core of its own.
        parts: list[Callable[[], list[Outcome]]] = []
        if "shacl" in options.only:
            from sdkg.checks.shacl import check_shacl

            shacl = pool.submit(check_shacl, dataset)
            parts.append(lambda: [shacl.result()])
        if "reasoner" in options.only and options.reasoner:
            from sdkg.checks.reasoner import check_reasoner

            reasoner = pool.submit(check_reasoner, dataset)
            parts.append(lambda: [reasoner.result()])
        if "quality" in options.only:
            from sdkg.checks.quality import quality_queries, run_quality_query

            quality = [pool.submit(run_quality_query, dataset, query) for query in quality_queries()]
            parts.append(lambda: [future.result() for future in quality])
        if "links" in options.only:
            from sdkg.checks.links import check_links

            links = pool.submit(check_links, dataset)
            parts.append(lambda: [links.result()])
        if "queries" in options.only:
            from sdkg.checks.competency import answerable, answered, competency_outcome

            queries = answerable(dataset)
            answers: list[Future[bool]] = [pool.submit(answered, dataset, query) for query in queries]
            parts.append(lambda: [competency_outcome(dataset, queries, [a.result() for a in answers])])
        if "quotes" in options.only and options.sources is not None:
            from sdkg.checks.quotes import check_quotes

            sources = options.sources
            quotes = pool.submit(check_quotes, dataset, sources)
            parts.append(lambda: [quotes.result()])
        try:
            for part in parts:
                for outcome in part():
                    report.add(outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return report
