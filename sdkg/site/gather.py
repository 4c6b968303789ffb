"""Everything the site's pages show, gathered from the dataset, the shapes and the stored queries."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from sdkg.dataset.layout import METADATA_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, OWL, PREFIXES, RESOURCE, shorten
from sdkg.publish.export import ExportedFile
from sdkg.site.documents import Document, build_documents, documents_by_graph
from sdkg.site.entities import Entity, build_entities
from sdkg.site.facts import CURATION_GRAPH, Fact, Sentences, read_facts
from sdkg.site.indexes import ClassIndex, build_indexes
from sdkg.site.names import names
from sdkg.site.ontology import Ontology, OntologyReader
from sdkg.site.queries import QueryAnswer, run_queries
from sdkg.site.rdf import objects, text_of
from sdkg.site.registry import class_ancestors, registry
from sdkg.site.shapes import read_shapes

LICENCE_NAMES = {"https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
                 "http://creativecommons.org/licenses/by/4.0/": "CC BY 4.0"}


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
    endpoint: str = ""  # the SPARQL endpoint the editor and the "open in the editor" links use
    with_sources: bool = False  # sentences of the source texts are shown (a local build, never published)
    names: list["Name"] = field(default_factory=list)  # every preferred and alternative label, A to Z
    downloads: list[ExportedFile] = field(default_factory=list)  # the files of the release
    ontology_files: list[str] = field(default_factory=list)  # the ontology's source files, by name
    facts: list[Fact] = field(default_factory=list)
    release_problem: str = ""  # why the release files could not be written, if they could not

    @property
    def curated(self) -> list[Fact]:
        """The statements of the curation graph, with their sources."""
        return [f for f in self.facts if f.graph == CURATION_GRAPH]

    @property
    def indexes_nav(self) -> list[tuple[str, str]]:
        """The class indexes as (page, label) for the navigation."""
        return [(i.ref.href or "", i.ref.label) for i in self.indexes]

    @property
    def editor_queries(self) -> list[dict[str, str]]:
        """The stored queries as the editor opens them in tabs (federated ones too: they run from the editor)."""
        return [{"name": q.name, "title": q.title, "query": q.runnable} for q in self.queries]

    @property
    def document_slugs(self) -> list[str]:
        """The names of the documents' pages (an IRI of the resource namespace is a document or an entity)."""
        return [d.slug for d in self.documents]

    @property
    def graph_triples(self) -> dict[str, int]:
        """Triples per named graph, by the graph's IRI."""
        return {expand(name): size for name, size in self.graph_sizes}

    @property
    def licence_name(self) -> str:
        """The licence as people call it."""
        return LICENCE_NAMES.get(self.licence.rstrip("/") + "/", self.licence)

    @property
    def tensions(self) -> list[Entity]:
        """The tensions, with their summaries."""
        return [e for e in self.entities if e.summary is not None]


def expand(curie: str) -> str:
    """A prefixed name written by `shorten`, as an IRI again."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else curie


@dataclass(frozen=True)
class Name:
    """A name in the A-Z list: a preferred label, or an alternative label of an entity."""

    name: str
    entity: Entity
    alternative: bool

    @property
    def letter(self) -> str:
        first = self.name[:1].upper()
        return first if first.isalpha() else "#"


def all_names(entities: list[Entity]) -> list[Name]:
    """Every preferred and alternative label of the entities, in alphabetical order."""
    found = [Name(e.ref.label, e, False) for e in entities]
    found += [Name(alt, e, True) for e in entities for alt in e.alt_labels if alt != e.ref.label]
    return sorted(found, key=lambda n: (n.name.casefold(), n.alternative, n.entity.ref.iri))


def gather(dataset: Dataset, sentences: Sentences | None = None, endpoint: str = "") -> Site:
    """Read everything the site shows from the dataset, the shapes and the stored queries."""
    entities = registry(dataset)
    documents = documents_by_graph(dataset)
    known = names(dataset, entities, documents)
    shapes = read_shapes(dataset.tree.shapes, known)
    ontology = OntologyReader(dataset, known, shapes, entities, class_ancestors(dataset)).read()
    facts = read_facts(dataset, known, documents, sentences)
    answers = run_queries(dataset, known, entities)
    dataset_node = ox.NamedNode(RESOURCE + "dataset")

    def meta(predicate: str) -> str:
        return text_of(dataset.store, dataset_node, predicate, METADATA_GRAPH)

    licence = objects(dataset.store, dataset_node, DCTERMS + "license", METADATA_GRAPH)
    definitions = {c.ref.iri: c.definition for c in ontology.classes}
    entity_pages = build_entities(dataset, known, entities, facts, answers)
    return Site(meta(DCTERMS + "title") or "Science Diplomacy Knowledge Graph", meta(DCTERMS + "description"),
                meta(OWL + "versionInfo") or ontology.version, licence[0].value if licence else "", ontology,
                entity_pages, build_documents(dataset, known, documents, facts, entities), answers,
                build_indexes(known, entities, definitions), len(facts),
                [(shorten(g), dataset.triple_count(g)) for g in dataset.graphs], endpoint,
                bool(sentences and sentences.texts), all_names(entity_pages), facts=facts)
