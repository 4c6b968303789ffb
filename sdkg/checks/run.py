"""Run the checks of `sdkg check` on a dataset and gather one report."""

from dataclasses import dataclass
from pathlib import Path

from sdkg.checks.report import Report
from sdkg.loader import Dataset

ALL_CHECKS = ("shacl", "reasoner", "quality", "links", "queries", "quotes")


@dataclass(frozen=True)
class CheckOptions:
    """Which checks to run, and where the source texts are (quotes are checked only then)."""

    sources: Path | None = None
    reasoner: bool = True
    only: tuple[str, ...] = ALL_CHECKS


def run_checks(dataset: Dataset, options: CheckOptions) -> Report:
    """Every selected check, in a fixed order; engines are imported only when their check runs."""
    report = Report()
    if "shacl" in options.only:
        from sdkg.checks.shacl import check_shacl

        report.add(check_shacl(dataset))
    if "reasoner" in options.only and options.reasoner:
        from sdkg.checks.reasoner import check_reasoner

        report.add(check_reasoner(dataset))
    if "quality" in options.only:
        from sdkg.checks.quality import check_quality

        for outcome in check_quality(dataset):
            report.add(outcome)
    if "links" in options.only:
        from sdkg.checks.links import check_links

        report.add(check_links(dataset))
    if "queries" in options.only:
        from sdkg.checks.competency import check_competency

        report.add(check_competency(dataset))
    if "quotes" in options.only and options.sources is not None:
        from sdkg.checks.quotes import check_quotes

        report.add(check_quotes(dataset, options.sources))
    return report
