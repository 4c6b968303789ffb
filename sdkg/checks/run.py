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
from sdkg.concurrency import in_background, paused_gc, workers
from sdkg.dataset.layout import SourceFile, source_files
from sdkg.dataset.loader import Dataset, load
from sdkg.dataset.tree import SourceTree, locate
from sdkg.errors import InputError

if TYPE_CHECKING:
    import shacl

    from sdkg.queries.catalogue import StoredQuery

R = TypeVar("R")

ALL_CHECKS = ("shacl", "reasoner", "quality", "links", "queries", "quotes")


@dataclass(frozen=True)
class CheckOptions:
    """Which checks to run, and where the source texts are (quotes are checked only then)."""

    sources: Path | None = None
    reasoner: bool = True
    only: tuple[str, ...] = ALL_CHECKS


@dataclass(frozen=True)
class Started:
    """Checks begun from the source files before the store was loaded (the SHACL engine reads the files)."""

    shacl: "Future[shacl.Report] | None" = None


def start_checks(tree: SourceTree, files: list[SourceFile], options: CheckOptions) -> Started:
    """Begin what of the checks needs only the source files, on a thread of its own, so that it runs while
    the store loads them. The thread does not hold up the process: a load that fails is reported at once."""
    if "shacl" not in options.only or not files:
        return Started()
    from sdkg.checks.shacl import validate_files

    return Started(shacl=in_background(lambda: validate_files(tree, files), "sdkg-shacl"))


def load_checking(root: Path | None, options: CheckOptions) -> tuple[Dataset, Started]:
    """Load the tree at `root` (or the default tree), beginning meanwhile the checks that read the files."""
    tree = locate(root)
    files = source_files(tree)
    started = start_checks(tree, files, options)
    return load(tree, files), started


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


def run_checks(dataset: Dataset, options: CheckOptions, started: Started | None = None) -> Report:
    """Every selected check, reported in a fixed order; engines are imported only when their check runs
    (`started`: the checks begun before the dataset was loaded, by `load_checking`).

    A selected check that cannot run is reported SKIPPED with the reason; one that fails by an error is
    reported ERROR (bad input or environment) or INTERNAL (a fault in sdkg), and the others still report."""
    report = Report()
    with paused_gc(), ThreadPoolExecutor(max_workers=workers()) as pool:
        # The longest first: the reasoner (its Java process then works on a core of its own) and the evidence
        # check (mostly Python); the many short queries after them fill the cores to the end. SHACL was begun
        # before the dataset loaded (`started`), or runs here. The outcomes are reported in a fixed order.
        parts: list[Callable[[], list[Outcome]]] = []

        def submit(check: str, function: Callable[..., object], *args: object) -> Callable[[], list[Outcome]]:
            future = pool.submit(guarded(check, function, *args))
            return lambda: _as_list(future.result())

        def guarded_list(check: str, function: Callable[[], object]) -> Callable[[], list[Outcome]]:
            return lambda: _as_list(guarded(check, function)())

        shacl_part = reasoner_part = quotes_part = None
        if "shacl" in options.only:
            from sdkg.checks.shacl import check_shacl

            if started is not None and started.shacl is not None:
                early = started.shacl
                shacl_part = guarded_list("shacl", lambda: check_shacl(dataset, early.result()))
            else:
                shacl_part = submit("shacl", check_shacl, dataset)
        if "reasoner" in options.only and options.reasoner:
            from sdkg.checks.reasoner import check_reasoner

            reasoner_part = submit("reasoner", check_reasoner, dataset)
        if "quotes" in options.only and options.sources is not None:
            from sdkg.checks.quotes import check_quotes

            quotes_part = submit("quotes", check_quotes, dataset, options.sources)
        parts += [part for part in (shacl_part, reasoner_part) if part is not None]
        if "quality" in options.only:
            from sdkg.checks.definitions import CHECK as DEFINITIONS
            from sdkg.checks.definitions import check_duplicate_definitions
            from sdkg.checks.quality import quality_queries, run_quality_query

            for query in quality_queries():
                parts.append(submit(f"quality:{query.name.removesuffix('-violation')}", run_quality_query, dataset,
                                    query))
            parts.append(submit(DEFINITIONS, check_duplicate_definitions, dataset))
        if "links" in options.only:
            from sdkg.checks.links import check_links

            parts.append(submit("links", check_links, dataset))
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
        if quotes_part is not None:
            parts.append(quotes_part)
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
