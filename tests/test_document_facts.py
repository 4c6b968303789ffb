"""Facts an analyst lists from reading each document must be in that document's graph.

tests/facts/document-NNN.tsv lists them as (subject label, predicate, object label or literal value).
"""

import csv
from pathlib import Path

import pytest

from sdkg.dataset.loader import Dataset
from sdkg.namespaces import PREFIXES, graph_iri

FACT_FILES = sorted((Path(__file__).parent / "facts").glob("*.tsv"))
MINIMUM_FACTS = 40

FACTS_BY_LABEL = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s_label ?p ?o_text WHERE {
  GRAPH <%s> { ?s ?p ?o }
  GRAPH <https://w3id.org/sdkg/graph/entities> { ?s skos:prefLabel ?s_label }
  OPTIONAL {
    GRAPH ?label_graph { ?o skos:prefLabel ?o_label }
    FILTER(?label_graph IN (<https://w3id.org/sdkg/graph/entities>, <https://w3id.org/sdkg/graph/ontology>))
  }
  BIND(COALESCE(STR(?o_label), STR(?o)) AS ?o_text)
}
"""


def expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


def listed_facts(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["subject"].strip(), expand(r["predicate"].strip()), r["object"].strip()) for r in rows]


def graph_facts(dataset: Dataset, document: str) -> set[tuple[str, str, str]]:
    rows = dataset.store.query(FACTS_BY_LABEL % graph_iri(document))
    return {(r["s_label"].value, r["p"].value, r["o_text"].value) for r in rows}


def test_there_is_a_fact_list_per_document(dataset: Dataset) -> None:
    documents = {g.rsplit("/", 1)[1] for g in dataset.document_graphs}
    listed = {f.stem for f in FACT_FILES}
    assert documents, "no document graph"
    assert not documents - listed, (f"write tests/facts/NAME.tsv for {sorted(documents - listed)}: the facts an "
                                    "analyst lists from reading the text (see data/README.md, Adding a document)")
    assert not listed - documents, f"fact lists for documents that have no graph: {sorted(listed - documents)}"


@pytest.mark.parametrize("fact_file", FACT_FILES, ids=[f.stem for f in FACT_FILES])
def test_listed_facts_are_in_the_document_graph(fact_file: Path, dataset: Dataset) -> None:
    listed = listed_facts(fact_file)
    assert len(listed) >= MINIMUM_FACTS
    present = graph_facts(dataset, fact_file.stem)
    missing = [fact for fact in listed if fact not in present]
    assert missing == []
