"""Print reports and tables for people, with rich."""

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from sdkg.checks.report import Finding, Report, Status

FINDING_COLUMNS = ("file", "node", "path", "value", "shape")
STATUS_STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.SKIPPED: "yellow"}


def print_report(report: Report, console: Console) -> None:
    """The check report: a summary table, then one table of findings per failed check."""
    summary = Table(title="sdkg check", show_lines=False)
    summary.add_column("check")
    summary.add_column("status")
    summary.add_column("summary", overflow="fold")
    for outcome in report.outcomes:
        style = STATUS_STYLE[outcome.status]
        summary.add_row(outcome.check, f"[{style}]{outcome.status.value.upper()}[/]", outcome.summary)
    console.print(summary)
    for outcome in report.outcomes:
        by_message: dict[str, list[Finding]] = {}
        for finding in outcome.findings:
            by_message.setdefault(finding.message, []).append(finding.short())
        for message, findings in by_message.items():
            columns = [c for c in FINDING_COLUMNS if any(getattr(f, c) for f in findings)]
            table = Table(title=f"{outcome.check}: {message}", title_justify="left", show_lines=False)
            for column in columns:
                table.add_column(column, overflow="fold")
            for f in findings:
                table.add_row(*(getattr(f, c) for c in columns))
            console.print(table)
    verdict = "[green]all checks hold[/]" if report.ok else "[bold red]the data does not conform[/]"
    console.print(verdict)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], console: Console) -> None:
    """A plain table with a title."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
