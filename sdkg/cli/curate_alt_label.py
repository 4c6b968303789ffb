"""`sdkg curate alt-label`: another name for an entity of the registry."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("alt-label")
@root_option
@click.argument("entity")
@click.argument("labels", nargs=-1, required=True)
@reports_input_errors
def alt_label(root: Path | None, entity: str, labels: tuple[str, ...]) -> None:
    """Add LABELS as alternative labels of ENTITY (another name, an acronym, the source's own spelling), in the
    registry file that defines it; a label another entity already has is refused."""
    from sdkg.curate.entity import add_alt_labels
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.namespaces import shorten

    iri, file = add_alt_labels(load(locate(root, for_writing=True)), entity, labels)
    click.echo(f"{shorten(iri)}: {len(labels)} alternative label(s) added in {file}")
