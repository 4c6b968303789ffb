"""`sdkg curate expected`: the diff between the expected answers and the stored queries' answers, and, after
review, the accepted rows written."""

import sys
from pathlib import Path

import click

from sdkg.cli.common import EXIT_NONCONFORMING, reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("expected")
@root_option
@click.argument("names", nargs=-1)
@click.option("--accept", is_flag=True, help="Write the new rows into the expected answers (after reading the diff).")
@click.option("--drop-missing", is_flag=True, help="With --accept: also remove the rows the answer no longer has.")
@click.option("--expected", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="The folder of expected answers (default: tests/expected of the tree).")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts, for the line of each new row's passage (default: $SDKG_SOURCES).")
@reports_input_errors
def expected(root: Path | None, names: tuple[str, ...], accept: bool, drop_missing: bool, folder: Path | None,
             sources: Path | None) -> None:
    """Show how the answers of the stored queries (all, or NAMES) differ from tests/expected (exit 1 when they
    do); with --accept, write the new rows, each with the passage of the evidence behind it (a row with none is
    listed, not written: exit 1)."""
    from sdkg.curate.expected import accept as write, reviews
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate, require_folder

    tree = locate(root, for_writing=accept)
    folder = require_folder(folder or tree.root / "tests" / "expected", "the folder of expected answers")
    dataset = load(tree)
    differing = [r for r in reviews(dataset, folder, names) if not r.comparison.ok]
    for review in differing:
        click.echo(review.comparison.report())
    if not differing:
        click.echo("every compared answer is the expected one")
        return
    if not accept:
        click.echo(f"{len(differing)} answer(s) differ; read the rows above against the texts, then run "
                   f"`sdkg curate expected --accept` (add --drop-missing to remove the missing rows)")
        sys.exit(EXIT_NONCONFORMING)
    refused = 0
    for review in differing:
        write(dataset, review, sources, drop_missing)
        click.echo(f"wrote {tree.relative(review.path)}: {len(review.added)} row(s) added"
                   + (f", {len(review.comparison.missing)} removed" if drop_missing else ""))
        for cells in review.refused:
            click.echo(f"  not written (no evidence quote behind it): {' | '.join(cells)}")
        refused += len(review.refused)
    if refused:
        click.echo(f"{refused} new row(s) not written: add each by hand with the text behind it, "
                   f"DOC:LINE \"quote of at most 12 words\"" + ("" if sources else " (give --sources for the lines)"))
        sys.exit(EXIT_NONCONFORMING)
