"""`sdkg curate support`: mark a written record stated or implied."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("support")
@root_option
@click.argument("record")
@click.argument("support", type=click.Choice(["stated", "implied"]))
@click.option("--comment", help="With implied: how the text implies the fact, in your own words.")
@reports_input_errors
def support(root: Path | None, record: str, support: str, comment: str | None) -> None:
    """Mark the evidence RECORD (e.g. ev-002-007) as SUPPORT, stated or implied; it keeps its number and spans."""
    from sdkg.curate.support import set_support
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate

    if comment and support == "stated":
        from sdkg.errors import InputError

        raise InputError("--comment goes with implied; a stated fact needs none")
    shown = set_support(load(locate(root, for_writing=True)), record, support, comment)
    click.echo(f"{record}: {support} (in {shown})")
