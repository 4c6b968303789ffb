"""Stored queries: the catalogue, the engines that run them, their results, the statistics."""
