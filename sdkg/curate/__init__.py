"""Curation tools: they write Turtle source files, never the dataset."""
