"""A SPARQL file with a header of comments: `# key: value` lines before the query."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from sdkg.errors import InputError, os_reason

HEADER_LINE = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")
CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")


@dataclass(frozen=True)
class SparqlFile:
    """A query and the fields of its header comment (title, question, message, param, ...)."""

    name: str
    path: Path
    text: str
    header: dict[str, list[str]] = field(default_factory=dict)

    def field(self, key: str, default: str = "") -> str:
        values = self.header.get(key)
        return values[0] if values else default

    def fields(self, key: str) -> list[str]:
        return self.header.get(key, [])


def parse_header(text: str) -> dict[str, list[str]]:
    """The `# key: value` fields at the top of a query; an indented comment continues the last one."""
    header: dict[str, list[str]] = {}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        continued = CONTINUATION.match(stripped)
        if continued and last is not None:
            header[last][-1] += " " + continued.group(1).strip()
            continue
        match = HEADER_LINE.match(stripped)
        if match:
            last = match.group(1).lower()
            header.setdefault(last, []).append(match.group(2).strip())
    return header


def read_sparql(path: Path) -> SparqlFile:
    """Read one `.rq` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read: {os_reason(error)}", path) from None
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 (byte {error.start}): save the query as UTF-8", path) from None
    return SparqlFile(path.stem, path, text, parse_header(text))


def read_folder(folder: Path) -> list[SparqlFile]:
    """Every `.rq` file of a folder, sorted by name."""
    return [read_sparql(p) for p in sorted(folder.glob("*.rq"))]
