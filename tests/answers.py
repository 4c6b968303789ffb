"""Comparing query answers across engines: rows as display values, lists in a fixed order."""

from collections import Counter

from sdkg.queries.results import Results

LIST_SEPARATOR = " | "


def normalised_rows(results: Results) -> Counter:
    """Rows as tuples of display values; lists made by GROUP_CONCAT are sorted (their order is free)."""
    def cell(value: str) -> str:
        return LIST_SEPARATOR.join(sorted(value.split(LIST_SEPARATOR))) if LIST_SEPARATOR in value else value
    return Counter(tuple(cell(c) for c in row) for row in results.table_rows())
