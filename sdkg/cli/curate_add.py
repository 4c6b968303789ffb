"""`sdkg curate add`: a fact of a document with its evidence record (one, or a batch from a TSV file)."""

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate

if TYPE_CHECKING:
    from sdkg.curate.add import FactRequest

COLUMNS = ("subject", "predicate", "object", "quote")
OPTIONAL = ("support", "comment", "also", "checkedAgainst", "note", "derivedFrom")


@curate.command("add")
@root_option
@click.argument("document")
@click.argument("fact", nargs=-1)
@click.option("--quote", help="At most 12 words of the text, verbatim, that state the fact.")
@click.option("--implied", is_flag=True, help="The text implies the fact without stating it in one place.")
@click.option("--comment", help="With --implied: how the text implies it, in your own words.")
@click.option("--also", metavar="QUOTE", help="A second passage read together with the first (a second span).")
@click.option("--checked-against", metavar="URL", help="Curated: the page or record you read.")
@click.option("--note", help="Curated, with --checked-against: what that page showed, in your own words.")
@click.option("--derived-from", metavar="IRI", help="Curated: the external item (e.g. Wikidata) it comes from.")
@click.option("--dry-run", is_flag=True, help="Check every fact and show where it stands; write nothing.")
@click.option("--batch", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.tsv",
              help="Add every fact of a TSV file: subject, predicate, object, quote[, support, comment, also].")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES).")
@reports_input_errors
def add(root: Path | None, document: str, fact: tuple[str, ...], quote: str | None, implied: bool,
        comment: str | None, also: str | None, checked_against: str | None, note: str | None,
        derived_from: str | None, dry_run: bool, batch: Path | None, sources: Path | None) -> None:
    """Add FACT (SUBJECT PREDICATE OBJECT) to DOCUMENT with its evidence, or every fact of --batch.

    Names are registry slugs (sdr:antarctic-treaty), labels ("Antarctic Treaty") or concepts (sdv:track-2); the
    predicate is an ontology property (sdkg:hasParty); for a year or a role description the object is the value.
    DOCUMENT `curation` adds a statement no document makes (data/curation.ttl), with --comment (your reasoning)
    or --checked-against URL --note (what the page showed).
    """
    from sdkg.curate.add import FactRequest, add_facts
    from sdkg.curate.documents import find_document, sources_folder
    from sdkg.curate.tsv import read_rows
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.errors import InputError
    from sdkg.namespaces import shorten

    if batch is not None:
        if fact or quote or implied or comment or also or checked_against or note or derived_from:
            raise InputError("--batch takes every fact from the file: give no FACT, --quote, --implied, "
                             "--comment or --also with it")
        requests = [request_of(row, where) for where, row in read_rows(batch, COLUMNS, OPTIONAL)]
    else:
        curated = document.strip().lower() == "curation"
        if len(fact) != 3 or not (quote or curated):
            raise InputError("give SUBJECT PREDICATE OBJECT and --quote \"words of the text\" (or --batch FILE.tsv)")
        requests = [FactRequest(*fact, quote=quote or "", implied=implied, comment=comment, also=also,
                                checked_against=checked_against, note=note, derived_from=derived_from)]
    tree = locate(root, for_writing=True)
    if document.strip().lower() == "curation":
        doc, folder = None, None
    else:
        doc, folder = find_document(tree, document), sources_folder(sources)
    written, planned = add_facts(load(tree), doc, folder, requests, write=not dry_run)
    from rdflib import URIRef

    for iri, p in zip(written or ["(dry run)"] * len(planned), planned):
        obj = shorten(str(p.object)) if isinstance(p.object, URIRef) else str(p.object)
        warn = "" if p.names_both else "  (check: the sentence does not name both ends; --implied if it only implies them)"
        where = f" [{p.quote.quote.start}-{p.quote.quote.end}]" if p.quote else " (curated)"
        click.echo(f"{shorten(iri)}: {shorten(str(p.subject))} {shorten(str(p.predicate))} {obj}{where}{warn}")
    target = doc.name if doc else "the curation graph"
    click.echo(f"checked {len(planned)} fact(s) for {target}; nothing written (dry run)" if dry_run else
               f"added {len(written)} fact(s) to {target}")


def request_of(row: dict[str, str], where: str) -> "FactRequest":
    from sdkg.curate.add import FactRequest
    from sdkg.errors import InputError

    support = row.get("support", "").strip().lower() or "stated"
    if support not in ("stated", "implied"):
        raise InputError(f"{where}: support {support!r}: write stated, implied or nothing")
    return FactRequest(row["subject"], row["predicate"], row["object"], row["quote"], support == "implied",
                       row.get("comment") or None, row.get("also") or None, where,
                       row.get("checkedAgainst") or None, row.get("note") or None, row.get("derivedFrom") or None)
