"""`sdkg curate locate`: where a quote stands in a document's text."""

from pathlib import Path

import click

from sdkg.cli.common import EXIT_NONCONFORMING, reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("locate")
@root_option
@click.argument("document")
@click.argument("quote")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES).")
@reports_input_errors
def locate_command(root: Path | None, document: str, quote: str, sources: Path | None) -> None:
    """The offsets and sentence of QUOTE in DOCUMENT's text, or the nearest passages (exit 1) when it is not there."""
    import sys

    from sdkg.curate.documents import find_document, source_text, sources_folder
    from sdkg.curate.locate import MAX_WORDS, clip, occurrences, word_count
    from sdkg.dataset.tree import locate

    doc = find_document(locate(root), document)
    text = source_text(doc, sources_folder(sources))
    words = word_count(quote)
    found, loose = occurrences(text, quote)
    if not found:
        click.echo(f"not in the text of {doc.name} ({words} words); nearest passages:")
        for passage in text.nearest(quote, limit=3):
            click.echo(f"  {passage.score:5.1f}%  {passage.span.start}-{passage.span.end}  {clip(passage)!r}")
        sys.exit(EXIT_NONCONFORMING)
    for at in found:
        sentence = text.sentence_at(at)
        exact = text.excerpt(at)
        click.echo(f"quote {at.start}-{at.end}, sentence {sentence.start}-{sentence.end}"
                   + (f" (the text writes {exact!r})" if loose else ""))
        click.echo(f"  {text.excerpt(sentence)}")
    if len(found) > 1:
        click.echo(f"the quote stands {len(found)} times: add words so that it names one place")
    if words > MAX_WORDS:
        click.echo(f"the quote has {words} words: keep at most {MAX_WORDS}")
        sys.exit(EXIT_NONCONFORMING)
