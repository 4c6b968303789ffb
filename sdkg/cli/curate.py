"""`sdkg curate`: tools that help a curator add a document; they write canonical Turtle, never the dataset.

Each sub-command lives in a module of its own (sdkg/cli/curate_*.py) and is registered below."""

import click


@click.group()
def curate() -> None:
    """Curation tools: register a document, find mentions, locate quotes, add facts, compute spans."""


def _register() -> None:
    """Attach the sub-commands (one module each)."""
    import importlib
    import pkgutil

    import sdkg.cli as cli_package

    for module in pkgutil.iter_modules(cli_package.__path__):
        if module.name.startswith("curate_"):
            importlib.import_module(f"sdkg.cli.{module.name}")


_register()
