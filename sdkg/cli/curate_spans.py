"""`sdkg curate spans`: compute the spans of evidence records from their quotes, report those that do not name
both ends of their fact, and apply a curator's review (curated / implied / stated)."""

import sys
from pathlib import Path

import click

from sdkg.cli.common import EXIT_NONCONFORMING, reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("spans")
@root_option
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES).")
@click.option("--document", "document", default=None, help="Only this document (number, name or IRI).")
@click.option("--review", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="A review file: RECORD<TAB>curated|implied|stated<TAB>NOTE per line.")
@click.option("--imply-unnamed", is_flag=True,
              help="Re-mark implied every stated record whose spans do not name both ends (with a second span "
                   "when a nearby sentence names the missing end).")
@click.option("--write", is_flag=True, help="Write the changes (canonical Turtle); without it, only report.")
@reports_input_errors
def spans_command(root: Path | None, sources: Path | None, document: str | None, review: Path | None,
                  imply_unnamed: bool, write: bool) -> None:
    """Compute every evidence span from its quote; list stated facts whose span does not name both ends
    (exit 1 when a quote is not in its text)."""
    from sdkg.curate.documents import sources_folder
    from sdkg.curate.spans_review import read_review, run
    from sdkg.dataset.tree import locate
    from sdkg.namespaces import shorten

    decisions = read_review(review) if review else None
    outcomes, written = run(locate(root), sources_folder(sources), document, decisions, imply_unnamed, write)
    missing = 0
    for name, outcome in outcomes.items():
        named = outcome.stated - len(outcome.unnamed)
        share = f"{100 * named / outcome.stated:.1f}%" if outcome.stated else "-"
        click.echo(f"{name}: {outcome.records} records; {outcome.stated} stated, {outcome.implied} implied, "
                   f"{len(outcome.moved)} moved to the curation graph; stated naming both ends: "
                   f"{named}/{outcome.stated} ({share})")
        for iri in outcome.quotes_missing:
            click.echo(f"  quote not in the text: {shorten(iri)} (see `sdkg curate locate`)")
        for placement in outcome.unnamed:
            ends = [e for e, ok in (("subject", placement.names_subject), ("object", placement.names_object)) if not ok]
            record = placement.record
            click.echo(f"  span names no {' or '.join(ends)}: {shorten(str(record.iri))} "
                       f"({shorten(str(record.subject))} {shorten(str(record.predicate))} {shorten(str(record.object))})")
        for iri in outcome.dropped:
            click.echo(f"  curated record dropped, a document graph holds its statement: {shorten(iri)}")
        if outcome.remarked:
            click.echo(f"  re-marked implied: {len(outcome.remarked)}")
        missing += len(outcome.quotes_missing)
    for path in written:
        click.echo(f"wrote {path}")
    if not write:
        click.echo("nothing written (add --write)")
    if missing:
        sys.exit(EXIT_NONCONFORMING)
