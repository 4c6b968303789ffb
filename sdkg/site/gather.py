"""Everything the site's pages show, gathered from the dataset, the shapes and the stored queries."""

from dataclasses import dataclass

import pyoxigraph as ox

from sdkg.dataset.layout import METADATA_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, OWL, RESOURCE, shorten
from sdkg.site.documents import Document, build_documents, documents_by_graph
from sdkg.site.entities import Entity, build_entities
from sdkg.site.facts import read_facts
from sdkg.site.indexes import ClassIndex, build_indexes
from sdkg.site.names import names
from sdkg.site.ontology import Ontology, OntologyReader
from sdkg.site.queries import QueryAnswer, run_queries
from sdkg.site.rdf import objects, text_of
from sdkg.site.registry import class_ancestors, registry
from sdkg.site.shapes import read_shapes


@dataclass
class Site:
    """Everything the pages show."""

    title: str
    description: str
    version: str
    licence: str
    ontology: Ontology
    entities: list[Entity]
    documents: list[Document]
    queries: list[QueryAnswer]
    indexes: list[ClassIndex]
    fact_count: int
    graph_sizes: list[tuple[str, int]]


def gather(dataset: Dataset) -> Site:
    """Read everything the site shows from the dataset, the shapes and the stored queries."""
    entities = registry(dataset)
    documents = documents_by_graph(dataset)
    known = names(dataset, entities, documents)
    shapes = read_shapes(dataset.tree.shapes, known)
    ontology = OntologyReader(dataset, known, shapes, entities, class_ancestors(dataset)).read()
    facts = read_facts(dataset, known, documents)
    answers = run_queries(dataset, known, entities)
    dataset_node = ox.NamedNode(RESOURCE + "dataset")

    def meta(predicate: str) -> str:
        return text_of(dataset.store, dataset_node, predicate, METADATA_GRAPH)

    licence = objects(dataset.store, dataset_node, DCTERMS + "license", METADATA_GRAPH)
    definitions = {c.ref.iri: c.definition for c in ontology.classes}
    return Site(meta(DCTERMS + "title") or "Science Diplomacy Knowledge Graph", meta(DCTERMS + "description"),
                meta(OWL + "versionInfo") or ontology.version, licence[0].value if licence else "", ontology,
                build_entities(dataset, known, entities, facts, answers),
                build_documents(dataset, known, documents, facts, entities), answers,
                build_indexes(known, entities, definitions), len(facts),
                [(shorten(g), dataset.triple_count(g)) for g in dataset.graphs])
