"""`sdkg curate new-document`: register a source text."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("new-document")
@root_option
@click.argument("text", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--title", required=True, help="The document's title.")
@click.option("--url", help="Where the document is published (http or https).")
@click.option("--issued", metavar="YYYY[-MM[-DD]]", help="Date of issue: a year, a month or a day.")
@click.option("--creator", "creators", multiple=True, help="An author (repeatable).")
@click.option("--publisher", help="Who published it.")
@click.option("--part-of", help="The blog, journal or series it is part of.")
@click.option("--entities", metavar="SLUG", help="Name of the registry file for its new entities "
              "(data/entities/SLUG.ttl; default: from the title).")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES); the text is copied there.")
@reports_input_errors
def new_document(root: Path | None, text: Path, title: str, url: str | None, issued: str | None,
                 creators: tuple[str, ...], publisher: str | None, part_of: str | None, entities: str | None,
                 sources: Path | None) -> None:
    """Register the source text TEXT: next document number, checksum, bibliographic record, empty graph files."""
    from sdkg.curate.documents import sources_folder
    from sdkg.curate.new_document import Bibliography, register
    from sdkg.dataset.tree import locate

    tree = locate(root, for_writing=True)
    done = register(tree, text, sources_folder(sources),
                    Bibliography(title, url, issued, creators, publisher, part_of), entities)
    click.echo(f"registered document-{done.number}: {done.words} words, SHA-256 {done.sha256}")
    for path in done.written:
        click.echo(f"  wrote {path}")
    click.echo(f"next: sdkg curate mentions {done.number}")
