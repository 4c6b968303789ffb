"""Batch input: a tab-separated file with a header line, one item a row; rows are named FILE:LINE."""

import csv
from pathlib import Path

from sdkg.errors import InputError


def read_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[tuple[str, dict[str, str]]]:
    """(where, row) for every non-blank row; a missing column or an unknown one is bad input."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path) from None
    if not lines:
        raise InputError(f"empty: expected a header line ({chr(9).join(required)})", path)
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required + optional]
    if missing or unknown:
        raise InputError(f"header: {'missing ' + ', '.join(missing) if missing else ''}"
                         f"{'; ' if missing and unknown else ''}{'unknown ' + ', '.join(unknown) if unknown else ''}"
                         f" (columns: {', '.join(required)}; optional: {', '.join(optional)})", path, 1)
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells) or cells[0].startswith("#"):
            continue
        while len(cells) > len(header) and not cells[-1].strip():
            cells = cells[:-1]  # trailing empty cells
        if len(cells) > len(header):
            raise InputError(f"{len(cells)} cells for {len(header)} columns (a tab inside a cell?)", path, number)
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        rows.append((f"{path}:{number}", row))
    return rows
