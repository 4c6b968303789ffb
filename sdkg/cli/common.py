"""What every `sdkg` sub-command shares: exit codes, the --root option, error reporting, the console."""

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from sdkg.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT = 0, 1, 2


def console() -> Console:
    """A console for tables: the terminal's width, or a wide page when the output is a file or pipe."""
    return Console() if sys.stdout.isatty() else Console(file=sys.stdout, width=160)


def root_option(function: F) -> F:
    """The --root option shared by every command that reads the sources."""
    return click.option("--root", type=click.Path(path_type=Path, file_okay=False),
                        help="The sdkg tree to use (default: the current directory if it is one, "
                             "else the packaged copy).")(function)


def reports_input_errors(function: F) -> F:
    """Turn an InputError into one line on stderr and exit code 2, never a traceback."""
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except InputError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_BAD_INPUT)
    return wrapper  # type: ignore[return-value]
