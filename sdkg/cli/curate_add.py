"""`sdkg curate add`: a fact of a document with its evidence record (one, or a batch from a TSV file)."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate

COLUMNS = ("subject", "predicate", "object", "quote")
OPTIONAL = ("support", "comment", "also")


@curate.command("add")
@root_option
@click.argument("document")
@click.argument("fact", nargs=-1)
@click.option("--quote", help="At most 12 words of the text, verbatim, that state the fact.")
@click.option("--implied", is_flag=True, help="The text implies the fact without stating it in one place.")
@click.option("--comment", help="With --implied: how the text implies it, in your own words.")
@click.option("--also", metavar="QUOTE", help="A second passage read together with the first (a second span).")
@click.option("--batch", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.tsv",
              help="Add every fact of a TSV file: subject, predicate, object, quote[, support, comment, also].")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES).")
@reports_input_errors
def add(root: Path | None, document: str, fact: tuple[str, ...], quote: str | None, implied: bool,
        comment: str | None, also: str | None, batch: Path | None, sources: Path | None) -> None:
    """Add FACT (SUBJECT PREDICATE OBJECT) to DOCUMENT with its evidence, or every fact of --batch.

    Names are registry slugs (sdr:iter-agreement), labels ("ITER Agreement") or concepts (sdv:track-2); the
    predicate is an ontology property (sdkg:hasParty); for a year or a role description the object is the value.
    """
    from sdkg.curate.add import FactRequest, add_facts
    from sdkg.curate.documents import find_document, sources_folder
    from sdkg.curate.tsv import read_rows
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.errors import InputError
    from sdkg.namespaces import shorten

    if batch is not None:
        if fact or quote or implied or comment or also:
            raise InputError("--batch takes every fact from the file: give no FACT, --quote, --implied, "
                             "--comment or --also with it")
        requests = [request_of(row, where) for where, row in read_rows(batch, COLUMNS, OPTIONAL)]
    else:
        if len(fact) != 3 or not quote:
            raise InputError("give SUBJECT PREDICATE OBJECT and --quote \"words of the text\" (or --batch FILE.tsv)")
        requests = [FactRequest(*fact, quote=quote, implied=implied, comment=comment, also=also)]
    tree = locate(root, for_writing=True)
    doc = find_document(tree, document)
    written, planned = add_facts(load(tree), doc, sources_folder(sources), requests)
    for iri, p in zip(written, planned):
        obj = shorten(str(p.object)) if hasattr(p.object, "n3") and not hasattr(p.object, "language") \
            else str(p.object)
        note = "" if p.names_both else "  (check: the sentence does not name both ends; --implied if it only implies them)"
        click.echo(f"{shorten(iri)}: {shorten(str(p.subject))} {shorten(str(p.predicate))} {obj} "
                   f"[{p.quote.quote.start}-{p.quote.quote.end}]{note}")
    click.echo(f"added {len(written)} fact(s) to {doc.name}")


def request_of(row: dict[str, str], where: str) -> "FactRequest":
    from sdkg.curate.add import FactRequest
    from sdkg.errors import InputError

    support = row.get("support", "").strip().lower() or "stated"
    if support not in ("stated", "implied"):
        raise InputError(f"{where}: support {support!r}: write stated, implied or nothing")
    return FactRequest(row["subject"], row["predicate"], row["object"], row["quote"], support == "implied",
                       row.get("comment") or None, row.get("also") or None, where)
