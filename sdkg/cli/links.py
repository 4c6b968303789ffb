"""`sdkg links`: check the identity links, and report the entities left unlinked."""

import sys
from pathlib import Path

import click

from sdkg.cli.common import EXIT_NONCONFORMING, EXIT_OK, console, reports_input_errors, root_option


@click.group()
def links() -> None:
    """Identity links to Wikidata and other authorities."""


@links.command("check")
@root_option
@reports_input_errors
def check_links_command(root: Path | None) -> None:
    """Identifiers well formed, no entity linked to two items of one authority, no item linked from two
    entities, every linked entity typed, every link verified by one link-check record (exit 1 otherwise)."""
    from sdkg.checks.links import check_links
    from sdkg.checks.report import Report
    from sdkg.dataset.loader import load_path
    from sdkg.cli.render import print_report

    report = Report([check_links(load_path(root))])
    print_report(report, console())
    sys.exit(EXIT_OK if report.ok else EXIT_NONCONFORMING)


@links.command("report")
@root_option
@click.option("--format", "output", type=click.Choice(["table", "tsv"]), default="table", show_default=True)
@reports_input_errors
def report_links(root: Path | None, output: str) -> None:
    """Link coverage per class and authority, and each entity left unlinked with the reason: no counterpart
    expected (one of the documents' own framings), or not found yet (still to do)."""
    from sdkg.cli import print_link_coverage
    from sdkg.cli.render import print_table
    from sdkg.dataset.loader import load_path
    from sdkg.links.coverage import link_coverage
    from sdkg.links.unlinked import unlinked_with_reasons
    from sdkg.namespaces import shorten

    dataset = load_path(root)
    unlinked = unlinked_with_reasons(dataset)
    if output == "tsv":
        click.echo("class\tentity\treason")
        for item in unlinked:
            click.echo(f"{item.class_name}\t{shorten(item.entity)}\t{item.reason}")
        return
    print_link_coverage(link_coverage(dataset))
    to_do = sum(1 for item in unlinked if not item.expected)
    print_table(f"{len(unlinked)} entities without a link: {to_do} not found yet, "
                f"{len(unlinked) - to_do} with no counterpart expected", ["class", "entity", "label", "reason"],
                [(u.class_name, shorten(u.entity), u.label, u.reason) for u in unlinked], console())
