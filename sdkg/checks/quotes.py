"""The `quotes` check of `sdkg check --sources DIR`: since 0.3.0 the evidence check (sdkg.checks.evidence), which
verifies quotes and spans against the checksummed texts, the kinds of support, and lists unnamed ends."""

from sdkg.checks.evidence import CHECK, SOURCES_FOLDER, check_evidence

check_quotes = check_evidence

__all__ = ["CHECK", "SOURCES_FOLDER", "check_quotes"]
