"""`sdkg curate shared`: entities several documents name, moved into data/entities/shared.ttl."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("shared")
@root_option
@click.option("--move", is_flag=True, help="Move them into data/entities/shared.ttl.")
@reports_input_errors
def shared(root: Path | None, move: bool) -> None:
    """List the registry entities that several documents name but that live in one document's registry file;
    with --move, move their blocks into data/entities/shared.ttl."""
    from sdkg.cli.common import console
    from sdkg.cli.render import print_table
    from sdkg.curate.shared import move_to_shared, placements
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.namespaces import shorten

    dataset = load(locate(root, for_writing=move))
    found = placements(dataset)
    if not found:
        click.echo("every entity that several documents name is in data/entities/shared.ttl")
        return
    print_table(f"{len(found)} entities several documents name, outside shared.ttl", ["entity", "file", "documents"],
                [(shorten(p.entity), p.file, ", ".join(p.documents)) for p in found], console())
    if move:
        for file in move_to_shared(dataset, found):
            click.echo(f"wrote {file}")
    else:
        click.echo("run `sdkg curate shared --move` to move them")
