"""`sdkg terms`: the properties (or classes) a curator writes facts with."""

import json
from pathlib import Path

import click

from sdkg.cli.common import console, reports_input_errors, root_option


@click.command("terms")
@root_option
@click.option("--classes", is_flag=True, help="List the classes instead of the properties.")
@click.option("--format", "output", type=click.Choice(["table", "tsv", "json"]), default="table", show_default=True)
@reports_input_errors
def terms(root: Path | None, classes: bool, output: str) -> None:
    """The properties of document facts with domain, range and definition (or, with --classes, the classes)."""
    from sdkg.cli.render import print_table
    from sdkg.curate.terms import class_terms, property_terms
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate

    dataset = load(locate(root))
    found = class_terms(dataset) if classes else property_terms(dataset)
    columns = ("name", "parent", "definition") if classes else ("name", "kind", "domain", "range", "definition")
    rows = [tuple(getattr(t, c) for c in columns) for t in found]
    if output == "json":
        click.echo(json.dumps([dict(zip(columns, r)) for r in rows], indent=2, ensure_ascii=False))
    elif output == "tsv":
        click.echo("\n".join("\t".join(r) for r in [columns, *rows]))
    else:
        print_table(f"{len(rows)} {'classes' if classes else 'properties of document facts'}", columns, rows,
                    console())
