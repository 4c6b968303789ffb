"""Print reports and tables for people, with rich: the data exactly as it is.

Every value is a `rich.text.Text`, never markup, so `[sic]` or `[/bold]` in a label is shown as written;
control characters (ESC sequences, NUL, ...) are shown as escapes such as `\\x1b`, never sent to the terminal.
"""

import re
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sdkg.checks.report import Finding, Report, Status

FINDING_COLUMNS = ("where", "node", "path", "value", "shape", "hint")  # where: file:line of the fault
COLUMN_TITLES = {"where": "file:line", "hint": "fix"}
STATUS_STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.SKIPPED: "yellow", Status.ERROR: "bold red",
                Status.INTERNAL: "bold red"}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """A value as text a terminal shows as it is: control and bidi characters escaped (tab, newline kept)."""
    text = "" if value is None else str(value)
    return CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def cell(value: object, style: str = "") -> Text:
    """One table cell: literal text (no markup), control characters escaped."""
    return Text(printable(value), style=style)


def print_report(report: Report, console: Console) -> None:
    """The check report: a summary table, then one table of findings per failed check, then the verdict."""
    summary = Table(title="sdkg check", show_lines=False)
    summary.add_column("check")
    summary.add_column("status")
    summary.add_column("summary", overflow="fold")
    for outcome in report.outcomes:
        summary.add_row(cell(outcome.check), cell(outcome.status.value.upper(), STATUS_STYLE[outcome.status]),
                        cell(outcome.summary))
    console.print(summary)
    print_causes(report, console)
    for outcome in report.outcomes:
        by_message: dict[str, list[Finding]] = {}
        for finding in outcome.findings:
            if not finding.cause:  # a finding explained by a root cause is counted there
                by_message.setdefault(finding.message, []).append(finding.short())
        for message, findings in by_message.items():
            columns = [c for c in FINDING_COLUMNS if any(getattr(f, c) for f in findings)]
            table = Table(title=cell(f"{outcome.check}: {message}"), title_justify="left", show_lines=False)
            for column in columns:
                table.add_column(COLUMN_TITLES.get(column, column), overflow="fold")
            for f in findings:
                table.add_row(*(cell(getattr(f, c)) for c in columns))
            console.print(table)
    console.print(verdict(report))


def print_causes(report: Report, console: Console) -> None:
    """The root causes, each once with the number of findings it explains (listed in --format json)."""
    if not report.causes:
        return
    table = Table(title=cell("root causes (each explains several findings; fix these first)"), title_justify="left")
    for column in ("cause", "file:line", "findings", "fix"):
        table.add_column(column, overflow="fold")
    for cause in report.causes:
        where = f"{cause.file}:{cause.line}" if cause.file and cause.line else cause.file
        table.add_row(cell(cause.message), cell(where), cell(cause.count), cell(cause.hint))
    console.print(table)


def verdict(report: Report) -> Text:
    """The last line: never "all checks hold" when a check was skipped."""
    if report.exit_code >= 2:
        return Text("some checks could not run (ERROR above): the verdict is incomplete", style="bold red")
    if not report.ok:
        return Text("the data does not conform", style="bold red")
    skipped = [o.check for o in report.outcomes if o.status is Status.SKIPPED]
    if skipped:
        return Text(f"the checks that ran hold; not run: {', '.join(skipped)} (see SKIPPED above)", style="yellow")
    return Text("all checks hold", style="green")


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], console: Console) -> None:
    """A plain table with a title; every cell literal."""
    table = Table(title=cell(title))
    for column in columns:
        table.add_column(printable(column), overflow="fold")
    for row in rows:
        table.add_row(*(cell(v) for v in row))
    console.print(table)


def print_line(text: str, console: Console, style: str = "") -> None:
    """One line of literal text."""
    console.print(cell(text, style))
