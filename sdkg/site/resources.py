"""The RDF of one thing, written beside its page: Turtle, TriG (with the named graph of each statement) and
JSON-LD (named graphs too).

An entity's RDF holds what the registry says of it, every fact that names it (as subject or value) in the
graph that states it, the evidence record of each of those facts with its selectors, and its identity links
with their checks. A document's RDF holds its bibliographic record, its facts and their evidence. An ontology
term's RDF holds the statements of the ontology graph about it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sdkg.dataset.layout import (
    ENTITIES_GRAPH,
    EVIDENCE_GRAPH,
    LINKS_GRAPH,
    METADATA_GRAPH,
    ONTOLOGY_GRAPH,
)
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import RDF
from sdkg.publish.export import serialise
from sdkg.publish.jsonld import to_jsonld
from sdkg.site.facts import CURATION_GRAPH

SUBJECT, OBJECT = ox.NamedNode(RDF + "subject"), ox.NamedNode(RDF + "object")


@dataclass(frozen=True)
class RdfFormat:
    """A serialisation written beside each page: its suffix, media type and name."""

    suffix: str
    media_type: str
    name: str


TURTLE = RdfFormat(".ttl", "text/turtle", "Turtle")
JSONLD = RdfFormat(".jsonld", "application/ld+json", "JSON-LD")
TRIG = RdfFormat(".trig", "application/trig", "TriG")
FORMATS = (TURTLE, JSONLD, TRIG)


def _about(store: ox.Store, node: ox.NamedNode | ox.BlankNode, graph: ox.NamedNode | None) -> list[ox.Quad]:
    """The statements about a node in a graph, with the blank nodes they lead to (OWL lists, restrictions)."""
    found, queue, seen = [], [node], {node}
    while queue:
        for quad in store.quads_for_pattern(queue.pop(), None, None, graph):
            found.append(quad)
            if isinstance(quad.object, ox.BlankNode) and quad.object not in seen:
                seen.add(quad.object)
                queue.append(quad.object)
    return found


def _records(store: ox.Store, node: ox.NamedNode, graph: str) -> list[ox.Quad]:
    """The records (evidence or link checks) of a graph whose rdf:subject or rdf:object is the node, with what
    they say and the statements about their selectors."""
    graph_node = ox.NamedNode(graph)
    records = {q.subject for p in (SUBJECT, OBJECT) for q in store.quads_for_pattern(None, p, node, graph_node)}
    quads = []
    for record in records:
        if not isinstance(record, ox.NamedNode):
            continue
        for quad in store.quads_for_pattern(record, None, None, graph_node):
            quads.append(quad)
            if isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(record.value + "-"):
                quads += store.quads_for_pattern(quad.object, None, None, graph_node)  # its selectors
    return quads


def entity_quads(dataset: Dataset, iri: str) -> list[ox.Quad]:
    """Everything the release says of an entity, each statement in its graph."""
    node, store = ox.NamedNode(iri), dataset.store
    quads = list(store.quads_for_pattern(node, None, None, ox.NamedNode(ENTITIES_GRAPH)))
    for graph in [*dataset.document_graphs, CURATION_GRAPH, LINKS_GRAPH]:
        graph_node = ox.NamedNode(graph)
        quads += store.quads_for_pattern(node, None, None, graph_node)
        if graph != LINKS_GRAPH:
            quads += store.quads_for_pattern(None, None, node, graph_node)
    quads += _records(store, node, EVIDENCE_GRAPH) + _records(store, node, LINKS_GRAPH)
    return quads


def document_quads(dataset: Dataset, iri: str, graph: str) -> list[ox.Quad]:
    """A source document: its bibliographic record, its facts, and their evidence records."""
    store, node = dataset.store, ox.NamedNode(iri)
    quads = _about(store, node, ox.NamedNode(METADATA_GRAPH))
    for quad in list(quads):
        if isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(iri + "-"):  # its checksum
            quads += store.quads_for_pattern(quad.object, None, None, ox.NamedNode(METADATA_GRAPH))
    quads += store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    evidence = ox.NamedNode(EVIDENCE_GRAPH)
    for record in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/prov#wasQuotedFrom"), node,
                                          evidence):
        if not isinstance(record.subject, ox.NamedNode):
            continue
        for quad in store.quads_for_pattern(record.subject, None, None, evidence):
            quads.append(quad)
            if isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(record.subject.value + "-"):
                quads += store.quads_for_pattern(quad.object, None, None, evidence)
    return quads


def curation_quads(dataset: Dataset) -> list[ox.Quad]:
    """The curation graph and the evidence records of its statements (sources or reasoning)."""
    store, evidence = dataset.store, ox.NamedNode(EVIDENCE_GRAPH)
    quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(CURATION_GRAPH)))
    support = ox.NamedNode("https://w3id.org/sdkg/ontology#support")
    for record in store.quads_for_pattern(None, support, ox.NamedNode("https://w3id.org/sdkg/vocab/curated"),
                                          evidence):
        if isinstance(record.subject, ox.NamedNode):
            quads += store.quads_for_pattern(record.subject, None, None, evidence)
    return quads


def term_quads(dataset: Dataset, iri: str) -> list[ox.Quad]:
    """The statements of the ontology graph about one of its terms."""
    return _about(dataset.store, ox.NamedNode(iri), ox.NamedNode(ONTOLOGY_GRAPH))


def graph_quads(dataset: Dataset, graphs: Iterable[str]) -> list[ox.Quad]:
    """Every statement of some graphs."""
    return [q for g in graphs for q in dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def _sorted(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(set(quads), key=lambda q: (q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "",
                                             str(q.subject), str(q.predicate), str(q.object)))


def write_rdf(quads: Iterable[ox.Quad], stem: Path) -> list[Path]:
    """Write quads as STEM.ttl (the statements, without their graphs), STEM.trig and STEM.jsonld."""
    ordered = _sorted(quads)
    triples = sorted({q.triple for q in ordered}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, content in ((TURTLE, serialise(triples, ox.RdfFormat.TURTLE)),
                         (TRIG, serialise(ordered, ox.RdfFormat.TRIG)),
                         (JSONLD, to_jsonld(ordered).encode("utf-8"))):
        path = stem.with_name(stem.name + fmt.suffix)
        path.write_bytes(content)
        written.append(path)
    return written
