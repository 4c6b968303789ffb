"""The registry keeps one IRI per idea: labels are unique, merged entities stay as deprecated aliases that
point to their survivor, and nothing uses a deprecated IRI (docs/MODELLING.md, section 1)."""

from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from minitree import REPO

ENTITIES = sorted((REPO / "data" / "entities").glob("*.ttl"))
USERS = sorted((REPO / "data" / "documents").glob("*.ttl")) + sorted((REPO / "data" / "evidence").glob("*.ttl")) + \
    [REPO / "data" / "curation.ttl", REPO / "data" / "links.ttl"]


@pytest.fixture(scope="module")
def registry() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ENTITIES:
        graph.parse(path, format="turtle")
    return graph


def deprecated(registry: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in registry.subjects(OWL.deprecated, rdflib.Literal(True))}


def test_every_label_names_one_entity(registry: rdflib.Graph) -> None:
    owners: dict[str, set[rdflib.term.Node]] = defaultdict(set)
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for entity, label in registry.subject_objects(predicate):
            owners[str(label).casefold()].add(entity)
    shared = {label: sorted(map(str, entities)) for label, entities in owners.items() if len(entities) > 1}
    assert shared == {}


def test_merged_entities_point_to_a_live_survivor(registry: rdflib.Graph) -> None:
    merged = deprecated(registry)
    assert merged, "the merges of release 0.3.0 are kept as deprecated aliases"
    for old in merged:
        survivors = list(registry.objects(old, DCTERMS.isReplacedBy))
        assert len(survivors) == 1, old
        survivor = survivors[0]
        assert survivor not in merged, f"{old} is replaced by {survivor}, itself deprecated"
        assert registry.value(survivor, RDF.type) is not None, f"{old} is replaced by {survivor}, not in the registry"
        assert registry.value(old, RDF.type) is None, f"{old} is deprecated but still typed (it would be counted)"


@pytest.mark.parametrize("path", USERS, ids=[p.name for p in USERS])
def test_no_fact_record_or_link_uses_a_deprecated_iri(path: Path, registry: rdflib.Graph) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} does not exist in this tree")
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    used = {t for triple in graph for t in triple}
    assert sorted(map(str, used & deprecated(registry))) == []


def test_no_stored_query_names_a_deprecated_iri(registry: rdflib.Graph) -> None:
    slugs = {str(iri).rsplit("/", 1)[1] for iri in deprecated(registry)}
    for query in sorted((REPO / "queries").glob("*.rq")):
        text = query.read_text(encoding="utf-8")
        assert not [s for s in slugs if f"sdr:{s}" in text or f"/resource/{s}>" in text], query.name
