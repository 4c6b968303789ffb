"""Benchmarks: synthetic corpora shaped like the real graph, generated on demand (never committed)."""
