"""Run the checks of `sdkg check` on a dataset and gather one report.

The checks are independent and read the one dataset: they run side by side, on as many threads as the machine
has cores (pyoxigraph lets go of the interpreter while it answers a query, and HermiT runs in its own Java
process), and their outcomes are reported in a fixed order, the same as if they ran one after the other.
"""

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from sdkg.checks.report import Outcome, Report, Status
from sdkg.concurrency import paused_gc, workers
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError

if TYPE_CHECKING:
    from sdkg.queries.catalogue import StoredQuery

R = TypeVar("R")

ALL_CHECKS = ("shacl", "reasoner", "quality", "links", "queries", "quotes")


@dataclass(frozen=True)
class CheckOptions:
    """Which checks to run, and where the source texts are (quotes are checked only then)."""

    sources: Path | None = None
    reasoner: bool = True
    only: tuple[str, ...] = ALL_CHECKS


def skipped(options: CheckOptions) -> list[Outcome]:
    """The selected checks that will not run, each with the reason."""
    outcomes = []
    if "reasoner" in options.only and not options.reasoner:
        outcomes.append(Outcome("reasoner", Status.SKIPPED, "not run: --no-reasoner was given"))
    if "quotes" in options.only and options.sources is None:
        outcomes.append(Outcome("quotes", Status.SKIPPED, "not run: no --sources DIR was given, so the evidence "
                                                         "quotes were not checked against the source texts"))
    return outcomes


def guarded(check: str, function: Callable[..., R], *args: object) -> Callable[[], R | list[Outcome]]:
    """`function(*args)`, with an error turned into an outcome of its own so the other checks still report."""
    def run() -> R | list[Outcome]:
        try:
            return function(*args)
        except InputError as error:
            return [Outcome(check, Status.ERROR, f"could not run: {error}")]
        except Exception as error:  # noqa: BLE001 - one check's fault must not lose the others' report
            if os.environ.get("SDKG_DEBUG", "") not in ("", "0"):
                raise
            first = (str(error).strip().splitlines() or [""])[0][:300]
            return [Outcome(check, Status.INTERNAL, f"could not run: internal error ({type(error).__name__}: "
                                                    f"{first}); rerun with --debug for the traceback")]
    return run


def run_checks(dataset: Dataset, options: CheckOptions) -> Report:
    """Every selected check, reported in a fixed order; engines are imported only when their check runs.

    A selected check that cannot run is reported SKIPPED with the reason; one that fails by an error is
    reported ERROR (bad input or environment) or INTERNAL (a fault in sdkg), and the others still report."""
    report = Report()
    with paused_gc(), ThreadPoolExecutor(max_workers=workers()) as pool:
        # The longest first: SHACL, and the reasoner, whose Java process then works on a core of its own.
        parts: list[Callable[[], list[Outcome]]] = []

        def submit(check: str, function: Callable[..., object], *args: object) -> None:
            future = pool.submit(guarded(check, function, *args))
            parts.append(lambda: _as_list(future.result()))

        if "shacl" in options.only:
            from sdkg.checks.shacl import check_shacl

            submit("shacl", check_shacl, dataset)
        if "reasoner" in options.only and options.reasoner:
            from sdkg.checks.reasoner import check_reasoner

            submit("reasoner", check_reasoner, dataset)
        if "quality" in options.only:
            from sdkg.checks.quality import quality_queries, run_quality_query

            from sdkg.checks.definitions import CHECK as DEFINITIONS, check_duplicate_definitions

            for query in quality_queries():
                submit(f"quality:{query.name.removesuffix('-violation')}", run_quality_query, dataset, query)
            submit(DEFINITIONS, check_duplicate_definitions, dataset)
        if "links" in options.only:
            from sdkg.checks.links import check_links

            submit("links", check_links, dataset)
        if "queries" in options.only:
            from sdkg.checks.competency import answerable, answered, competency_outcome

            listed = guarded("queries", answerable, dataset)()
            if isinstance(listed, list) and listed and isinstance(listed[0], Outcome):
                parts.append(lambda: listed)  # the stored queries could not be read
            else:
                queries = listed
                answers: list[Future[object]] = [pool.submit(guarded("queries", answered, dataset, query))
                                                 for query in queries]

                def competency() -> list[Outcome]:
                    results = [a.result() for a in answers]
                    failed = [r for r in results if isinstance(r, list)]
                    if failed:
                        return cast(list[Outcome], failed[0])
                    return [competency_outcome(dataset, cast("list[StoredQuery]", queries),
                                               [bool(r) for r in results])]

                parts.append(competency)
        if "quotes" in options.only and options.sources is not None:
            from sdkg.checks.quotes import check_quotes

            submit("quotes", check_quotes, dataset, options.sources)
        try:
            for part in parts:
                for outcome in part():
                    report.add(outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    for outcome in skipped(options):
        report.add(outcome)
    from sdkg.checks.explain import explain

    return explain(report, dataset, options.sources)  # file and line of each fault, hints, root causes


def _as_list(result: object) -> list[Outcome]:
    if isinstance(result, Outcome):
        return [result]
    assert isinstance(result, list)
    return result
