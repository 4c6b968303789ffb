"""Errors in the user's input: a missing or unreadable file, unparsable Turtle, a bad argument."""

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

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message
