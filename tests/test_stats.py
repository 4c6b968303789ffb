"""`sdkg stats`: counts per class and per document, the support of every fact (stated, implied, curated), and the
stated facts whose spans do not name both ends."""

import json
from collections import Counter
from pathlib import Path

import rdflib
from click.testing import CliRunner

from minitree import REPO, make_sources, make_tree
from sdkg.cli import main

SDKG = rdflib.Namespace("https://w3id.org/sdkg/ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def stats_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["stats", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def support_counts_from_turtle(root: Path) -> dict[str, Counter]:
    """Per source (document-NNN or curation): how many evidence records of each support, read with rdflib."""
    counts: dict[str, Counter] = {}
    for path in sorted((root / "data" / "evidence").glob("*.ttl")):
        graph = rdflib.Graph().parse(path)
        for record in graph.subjects(rdflib.RDF.type, SDKG.Evidence):
            document = graph.value(record, PROV.wasQuotedFrom)
            source = str(document).rsplit("/", 1)[1] if document is not None else "curation"
            counts.setdefault(source, Counter())[str(graph.value(record, SDKG.support)).rsplit("/", 1)[1]] += 1
    return counts


def test_stats_counts_classes_documents_and_evidence() -> None:
    stats = stats_json("--root", str(REPO))
    assert stats["all_facts_evidenced"] is True
    assert sum(stats["classes"][c] for c in ("Actor", "Initiative", "Treaty", "Technology", "Tension")) > 100
    documents = {d["document"].rsplit("/", 1)[1]: d for d in stats["documents"]}
    metadata = rdflib.Graph().parse(REPO / "data" / "metadata.ttl")
    registered = {str(g).rsplit("/", 1)[1] for g in metadata.objects(None, SDKG.factsGraph)}
    assert len(registered) >= 2 and registered | {"curation"} == set(documents)  # any number of documents
    assert all(d["facts"] == d["evidenced"] and d["facts"] > 0 for d in documents.values())


def test_stats_support_counts_are_those_of_the_evidence_files() -> None:
    stats = stats_json("--root", str(REPO))
    expected = support_counts_from_turtle(REPO)
    for row in stats["documents"]:
        source = row["document"].rsplit("/", 1)[1]
        counts = expected[source]
        assert (row["stated"], row["implied"], row["curated"]) == (counts["stated"], counts["implied"],
                                                                   counts["curated"]), source
    assert stats["stated_facts_with_unnamed_ends"] is None  # no source texts given


def test_stats_table_says_every_fact_carries_evidence() -> None:
    result = CliRunner().invoke(main, ["stats", "--root", str(REPO)])
    assert "every fact carries evidence" in result.stdout
    assert "not counted (give --sources DIR)" in result.stdout


def test_stats_counts_stated_facts_whose_spans_do_not_name_both_ends(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    sources = make_sources(tmp_path / "sources")
    assert stats_json("--root", str(root), "--sources", str(sources))["stated_facts_with_unnamed_ends"] == 0
    entities = root / "data/entities/test.ttl"  # the union is renamed: the sentence no longer names it
    entities.write_text(entities.read_text().replace('"Sylvanian Union"@en', '"Union of Sylvania"@en'))
    stats = stats_json("--root", str(root), "--sources", str(sources))
    assert (stats["stated_facts"], stats["stated_facts_with_unnamed_ends"]) == (1, 1)
