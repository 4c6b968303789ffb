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
    """Link coverage per class and authority, and the entities left unlinked."""
    from sdkg.cli import print_link_coverage
    from sdkg.links.coverage import link_coverage, unlinked_entities
    from sdkg.dataset.loader import load_path
    from sdkg.namespaces import shorten
    from sdkg.cli.render import print_table

    dataset = load_path(root)
    unlinked = unlinked_entities(dataset)
    if output == "tsv":
        click.echo("class\tentity")
        for class_name, entity in unlinked:
            click.echo(f"{class_name}\t{shorten(entity)}")
        return
    print_link_coverage(link_coverage(dataset))
    print_table(f"{len(unlinked)} entities without a link", ["class", "entity"],
                [(c, shorten(e)) for c, e in unlinked], console())
