"""What every `sdkg` sub-command shares: exit codes, the --root option, error reporting, the console.

Exit codes: 0 the data holds, 1 it does not conform, 2 bad input or environment (an unreadable file, an
unwritable folder, a bad option value, a missing program), 3 a fault in sdkg itself (one line and a hint to
rerun with --debug, which shows the traceback), 130 interrupted by Ctrl-C.
"""

import errno
import logging
import math
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from sdkg.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEBUG_ENV = "SDKG_DEBUG"

# rdflib logs a full traceback for every ill-typed literal it meets ("Failed to convert Literal lexical form");
# sdkg reports such literals itself (SHACL, the reasoner), so only rdflib's errors are shown.
logging.getLogger("rdflib").setLevel(logging.ERROR)


def console() -> Console:
    """A console for tables: the terminal's width, or a wide page when the output is a file or pipe.

    Markup and emoji codes are off: what is printed is the data as it is (see sdkg.cli.render)."""
    if sys.stdout.isatty():
        return Console(markup=False, emoji=False, highlight=False)
    return Console(file=sys.stdout, width=160, markup=False, emoji=False, highlight=False)


def root_option(function: F) -> F:
    """The --root option shared by every command that reads the sources."""
    return click.option("--root", type=click.Path(path_type=Path, file_okay=False),
                        help="The sdkg tree to use (default: the tree holding the current directory, found by "
                             "looking upward as git does; else, for commands that only read, the packaged copy).")(
        function)


def positive_seconds(ctx: click.Context | None, param: click.Parameter | None, value: float | None) -> float | None:
    """A click callback: a time limit must be a finite number of seconds above zero."""
    if value is not None and (math.isnan(value) or math.isinf(value) or value <= 0):
        raise click.BadParameter(f"{value!r} is not a number of seconds above zero")
    return value


def debugging() -> bool:
    """Whether --debug (or SDKG_DEBUG=1) asks for tracebacks."""
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        return True
    context = click.get_current_context(silent=True)
    while context is not None:
        if context.params.get("debug"):
            return True
        context = context.parent
    return False


def os_error_line(error: OSError) -> str:
    """An OSError as `PATH: reason`, never "None" (pyoxigraph's errors carry no strerror)."""
    reason = error.strerror or (errno.errorcode.get(error.errno, "") if error.errno else "") or str(error)
    where = error.filename if error.filename is not None else ""
    return f"{where}: {reason}" if where else reason


def reports_input_errors(function: F) -> F:
    """Turn every failure into one line on stderr and an exit code, never a traceback (unless --debug).

    InputError, OSError, an undecodable file and memory exhaustion are bad input or environment (2);
    Ctrl-C is 130; anything else is a fault in sdkg (3)."""
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (SystemExit, click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InputError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            click.echo("interrupted (Ctrl-C): nothing was left half-written", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as error:  # noqa: BLE001 - the one place where every error becomes an exit code
            if debugging():
                raise
            code, message = classify(error)
            click.echo(f"error: {message}", err=True)
            sys.exit(code)
    return wrapper  # type: ignore[return-value]


def classify(error: Exception) -> tuple[int, str]:
    """The exit code and one-line message for an error that is not an InputError."""
    if isinstance(error, MemoryError):
        return EXIT_BAD_INPUT, f"out of memory or over a size limit: {error}"
    if isinstance(error, OSError):
        return EXIT_BAD_INPUT, os_error_line(error)
    if isinstance(error, UnicodeDecodeError):
        return EXIT_BAD_INPUT, (f"a file is not UTF-8 (byte {error.start}: {error.object[error.start:error.end]!r}); "
                                "save it as UTF-8")
    first = (str(error).strip().splitlines() or [""])[0][:300]
    return EXIT_BUG, (f"internal error in sdkg ({type(error).__name__}: {first}); this is a bug: rerun with "
                      "--debug for the traceback and report it")
