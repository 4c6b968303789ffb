"""`sdkg curate entity`: a new entity of the registry (one, or a batch from a TSV file)."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate

COLUMNS = ("slug", "class", "label", "definition")
OPTIONAL = ("altLabels",)


@curate.command("entity")
@root_option
@click.argument("entity", nargs=-1)
@click.option("--definition", help="What it is, in your own words (an English sentence).")
@click.option("--alt", "alt_labels", multiple=True, help="An alternative label: another name, acronym or the "
              "source's own spelling (repeatable).")
@click.option("--file", "file_name", required=True, metavar="NAME",
              help="The registry file: data/entities/NAME.ttl (shared: entities several documents name).")
@click.option("--batch", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.tsv",
              help="Add every entity of a TSV file: slug, class, label, definition[, altLabels separated by |].")
@reports_input_errors
def entity(root: Path | None, entity: tuple[str, ...], definition: str | None, alt_labels: tuple[str, ...],
           file_name: str, batch: Path | None) -> None:
    """Add ENTITY (SLUG CLASS "Preferred label") to the registry, or every entity of --batch."""
    from sdkg.curate.entity import EntityRequest, add_entities
    from sdkg.curate.tsv import read_rows
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.errors import InputError
    from sdkg.namespaces import shorten

    if batch is not None:
        if entity or definition or alt_labels:
            raise InputError("--batch takes every entity from the file: give no ENTITY, --definition or --alt")
        requests = [EntityRequest(row["slug"], row["class"], row["label"], row["definition"],
                                  tuple(a for a in row.get("altLabels", "").split("|") if a.strip()), where)
                    for where, row in read_rows(batch, COLUMNS, OPTIONAL)]
    else:
        if len(entity) != 3 or not definition:
            raise InputError("give SLUG CLASS \"Preferred label\" and --definition \"...\" (or --batch FILE.tsv)")
        requests = [EntityRequest(*entity, definition=definition, alt_labels=alt_labels)]
    planned = add_entities(load(locate(root, for_writing=True)), file_name, requests)
    for p in planned:
        click.echo(f"{shorten(p.iri)}: {shorten(p.cls)} {p.label!r}")
        for reminder in p.reminders:
            click.echo(f"  note: {reminder}")
    click.echo(f"added {len(planned)} entit{'y' if len(planned) == 1 else 'ies'} to data/entities/"
               f"{file_name.removesuffix('.ttl')}.ttl")
