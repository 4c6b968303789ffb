"""The provenance queries (who-says-so, implied-and-curated-facts, evidence-per-document) and `sdkg query
--sources`: every expected answer is computed here from the Turtle files with rdflib, never from the engine."""

import json
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from minitree import REPO
from sdkg.cli import main
from sdkg.dataset.sourcetext import read_source

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"  # ../shared/seeds beside the repository
SDKG = rdflib.Namespace("https://w3id.org/sdkg/ontology#")
SDV = rdflib.Namespace("https://w3id.org/sdkg/vocab/")
SDR = rdflib.Namespace("https://w3id.org/sdkg/resource/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
RDF, RDFS, SKOS = rdflib.RDF, rdflib.RDFS, rdflib.SKOS
CURATION = "Curation graph"


@pytest.fixture(scope="module")
def turtle() -> dict[str, rdflib.Graph]:
    """The evidence, metadata, entity and ontology files, each group as one rdflib graph."""
    def union(paths: list[Path]) -> rdflib.Graph:
        graph = rdflib.Graph()
        for path in paths:
            graph.parse(path)
        return graph
    return {"evidence": union(sorted((REPO / "data/evidence").glob("*.ttl"))),
            "metadata": union([REPO / "data/metadata.ttl"]),
            "entities": union(sorted((REPO / "data/entities").glob("*.ttl"))),
            "ontology": union([p for p in sorted((REPO / "ontology").glob("*.ttl")) if p.name != "shapes.ttl"])}


def run(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["query", *args, "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    return [{k: v["value"] for k, v in row.items()} for row in document["results"]["bindings"]]


def source_of(turtle: dict[str, rdflib.Graph], record: rdflib.term.Node) -> str:
    document = turtle["evidence"].value(record, PROV.wasQuotedFrom)
    return str(turtle["metadata"].value(document, DCTERMS.title)) if document is not None else CURATION


def label(turtle: dict[str, rdflib.Graph], node: rdflib.term.Node) -> str:
    for graph in (turtle["entities"], turtle["ontology"]):
        found = graph.value(node, SKOS.prefLabel)
        if found is not None:
            return str(found)
    return str(node)


def test_evidence_per_document_counts_each_kind_of_support(turtle: dict[str, rdflib.Graph]) -> None:
    expected: dict[str, Counter] = {}
    for record in turtle["evidence"].subjects(RDF.type, SDKG.Evidence):
        support = str(turtle["evidence"].value(record, SDKG.support)).rsplit("/", 1)[1]
        expected.setdefault(source_of(turtle, record), Counter())[support] += 1
    got = {row["source"]: (int(row["facts"]), int(row["statedFacts"]), int(row["impliedFacts"]),
                           int(row["curatedFacts"])) for row in run("evidence-per-document")}
    assert got == {source: (sum(c.values()), c["stated"], c["implied"], c["curated"])
                   for source, c in expected.items()}
    assert got[CURATION][3] == got[CURATION][0] > 0  # the curation graph's records are all curated


def test_implied_and_curated_facts_are_every_such_record(turtle: dict[str, rdflib.Graph]) -> None:
    evidence = turtle["evidence"]
    expected = set()
    for support in (SDV.implied, SDV.curated):
        for record in evidence.subjects(SDKG.support, support):
            note = evidence.value(record, RDFS.comment) or evidence.value(record, SDKG.checkNote)
            expected.add((str(record), label(turtle, support), source_of(turtle, record),
                          str(evidence.value(record, RDF.subject)), str(evidence.value(record, RDF.object)),
                          str(note)))
    rows = run("implied-and-curated-facts")
    got = {(r["evidence"], r["support"], r["source"], r["subject"], r["value"], r["note"]) for r in rows}
    assert len(rows) == len(got) and got == expected


def test_who_says_so_traces_every_fact_of_an_entity_both_ways(turtle: dict[str, rdflib.Graph]) -> None:
    evidence, entity = turtle["evidence"], SDR["international-geophysical-year"]
    expected = set()
    for direction, own, other in (("to", RDF.subject, RDF.object), ("from", RDF.object, RDF.subject)):
        for record in evidence.subjects(own, entity):
            quote = evidence.value(rdflib.URIRef(f"{record}-quote"), OA.exact)
            span = rdflib.URIRef(f"{record}-span-1")
            start, end = evidence.value(span, OA.start), evidence.value(span, OA.end)
            expected.add((str(record), direction, str(evidence.value(record, other)),
                          label(turtle, evidence.value(record, SDKG.support)), source_of(turtle, record),
                          str(quote) if quote is not None else "", str(start) if start is not None else "",
                          str(end) if end is not None else ""))
    rows = run("who-says-so")
    got = {(r["evidence"], r["direction"], r["other"], r["support"], r["source"], r.get("quote", ""),
            r.get("start", ""), r.get("end", "")) for r in rows}
    assert len(rows) == len(got) and got == expected and len(expected) >= 5


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not on this machine")
def test_query_with_sources_shows_the_sentence_behind_each_fact(turtle: dict[str, rdflib.Graph]) -> None:
    evidence = turtle["evidence"]
    rows = run("who-says-so", "--sources", str(SEEDS))
    assert rows and all("sentence" in r for r in rows if r["source"] != CURATION)
    for row in rows:
        record = rdflib.URIRef(row["evidence"])
        document = evidence.value(record, PROV.wasQuotedFrom)
        if document is None:
            assert "sentence" not in row
            continue
        text = read_source(SEEDS / str(turtle["metadata"].value(document, SDKG.sourceFile))).text
        spans = sorted((int(evidence.value(s, OA.start)), int(evidence.value(s, OA.end)))
                       for s in evidence.objects(record, OA.hasSelector) if evidence.value(s, OA.start) is not None)
        assert row["sentence"] == " [\u2026] ".join(text[a:b] for a, b in spans)
        assert row["quote"] in row["sentence"]


def test_query_with_a_folder_that_does_not_exist_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "who-says-so", "--root", str(REPO), "--sources",
                                       str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.stderr and "Traceback" not in result.output
