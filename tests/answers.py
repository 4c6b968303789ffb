"""Comparing query answers across engines: rows as display values, as a multiset (row order is free)."""

from collections import Counter

from sdkg.queries.results import Results


def normalised_rows(results: Results) -> Counter:
    """Rows as tuples of display values. No stored query concatenates values (one row per item instead), so no
    cell needs reordering."""
    return Counter(tuple(row) for row in results.table_rows())
