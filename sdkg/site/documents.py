"""The source documents: which graph holds the facts of each, and what the page of each shows."""

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from sdkg.dataset.layout import METADATA_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, GRAPH, RDF, RESOURCE, SDKG
from sdkg.site.facts import Fact
from sdkg.site.names import Names, Ref, rdf_stem, slug_of
from sdkg.site.rdf import select
from sdkg.site.registry import EntitySummary

RECORD_LABELS = {  # our names for the fields of a bibliographic record
    RDF + "type": "Kind", DCTERMS + "title": "Title", DCTERMS + "creator": "Authors",
    DCTERMS + "issued": "Issued", DCTERMS + "publisher": "Publisher", DCTERMS + "language": "Language",
    "https://schema.org/isPartOf": "Published in", "https://schema.org/url": "Web address",
    SDKG + "sourceFile": "Source text (file name)", SDKG + "factsGraph": "Facts graph",
}


@dataclass
class Document:
    """What the page of a source document shows: its bibliographic record and its facts."""

    ref: Ref
    slug: str
    graph: str
    record: list[tuple[Ref, list[Ref]]]
    facts: list[Fact]
    entities: int  # distinct entities its facts mention

    @property
    def rdf(self) -> str:
        """Where its RDF is, without suffix."""
        return rdf_stem(self.ref.iri)

    @property
    def inferred(self) -> int:
        """How many of its facts have evidence that infers them."""
        return sum(1 for f in self.facts if any(e.inferred for e in f.evidence))

    @property
    def evidenced(self) -> int:
        """How many of its facts have any evidence."""
        return sum(1 for f in self.facts if f.evidence)


def documents_by_graph(dataset: Dataset) -> dict[str, str]:
    """Each document graph and the source document whose facts it holds."""
    found = {row["g"].value: row["d"].value for row in select(
        dataset.store, f"SELECT ?d ?g WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?d sdkg:factsGraph ?g }} }}")}
    for graph in dataset.document_graphs:
        found.setdefault(graph, RESOURCE + graph.removeprefix(GRAPH))
    return {g: found[g] for g in sorted(found) if g in dataset.document_graphs}


def build_documents(dataset: Dataset, known: Names, documents: dict[str, str], facts: list[Fact],
                    entities: dict[str, EntitySummary]) -> list[Document]:
    """The page of every source document."""
    result = []
    for graph, iri in documents.items():
        record: dict[str, list[Ref]] = defaultdict(list)
        for quad in dataset.store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.NamedNode(METADATA_GRAPH)):
            value = quad.object
            shown = known.ref(value) if isinstance(value, ox.NamedNode) and not value.value.startswith(GRAPH) \
                else Ref(str(value) if isinstance(value, ox.Triple) else value.value)
            record[quad.predicate.value].append(shown)
        rows = [(Ref(RECORD_LABELS[p]) if p in RECORD_LABELS else known.ref(p),
                 sorted(refs, key=lambda r: r.label)) for p, refs in record.items()]
        own = [f for f in facts if f.graph == graph]
        mentioned = {r.iri for f in own for r in (f.subject, f.object) if r.iri in entities}
        result.append(Document(known.ref(iri), slug_of(iri), graph,
                               sorted(rows, key=lambda r: (r[0].label != "Title", r[0].label)), own, len(mentioned)))
    return result
