"""Errors in the user's input: a missing or unreadable file, unparsable Turtle, a bad argument."""

import re
from pathlib import Path


class InputError(Exception):
    """Bad input; the command line reports it in one line and exits with code 2."""

    def __init__(self, message: str, file: Path | str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    @classmethod
    def from_syntax_error(cls, error: SyntaxError, what: str, file: Path | str) -> "InputError":
        """A parser's syntax error (pyoxigraph's Turtle or SPARQL parser) with its line and column."""
        message = str(error.msg if getattr(error, "msg", None) else error)
        line, column = error.lineno, error.offset
        if line is None:  # the SPARQL parser puts the position in the message: "error at 3:2: ..."
            match = re.search(r"(\d+):(\d+)", message)
            line, column = (int(match[1]), int(match[2])) if match else (None, None)
        return cls(f"{what}: {message}", file, line, column)

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


def os_reason(error: OSError) -> str:
    """Why an OSError happened, in words; never "None" (pyoxigraph's errors carry no strerror)."""
    import errno
    import os

    if error.strerror:
        return error.strerror
    if error.errno:
        return os.strerror(error.errno)
    text = str(error).strip()
    return text or errno.errorcode.get(error.errno or 0, type(error).__name__)


class BugError(Exception):
    """A fault in sdkg itself (exit code 3), raised where a check cannot say more."""
