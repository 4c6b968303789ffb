"""`sdkg bench`: tools for the benchmarks (bench/run.py), such as synthetic corpora of a given size."""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option


@click.group()
def bench() -> None:
    """Benchmark tools: synthetic corpora shaped like the real graph."""


@bench.command()
@root_option
@click.option("--triples", "-n", type=click.IntRange(min=1), required=True, metavar="N",
              help="About how many triples the corpus holds in all (ontology included).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write the corpus into (new or empty, or a corpus generated before).")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same corpus.")
@reports_input_errors
def generate(root: Path | None, triples: int, out: Path, seed: int) -> None:
    """Write a synthetic sdkg tree of about N triples: the real ontology and queries, generated data.

    The data is shaped like the curated data (entities of every class, facts with evidence, links with their
    checks) and passes `sdkg check`; sources/ holds a text per document for `sdkg check --sources`.
    """
    from sdkg.bench.generate import generate as write_corpus
    from sdkg.dataset.tree import locate

    summary = write_corpus(locate(root), out, triples, seed)
    parts = ", ".join(f"{name} {count:,}" for name, count in summary.triples.items())
    click.echo(f"wrote {out}/: {summary.total:,} triples ({parts}); {summary.entities:,} entities, "
               f"{summary.facts:,} facts in {summary.documents} documents, {summary.files} data files")
