"""The site's addresses and the names of things.

Records refer to other things through a `Ref`: a label and, when the site has a page for the thing, that
page's path from the site root. The site's addresses are laid out here (`Names`, the `*_page` functions),
so that neither the build nor the templates work out an address themselves.
"""

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, RDFS, SDKG, SKOS, VOCAB, shorten
from sdkg.site.rdf import Term, select

LABEL_PREDICATES = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title")  # in order of preference


def slug_of(iri: str) -> str:
    """The file name of a thing's page: the IRI's last segment, made safe for a path."""
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", local).strip("-.") or "thing"


def entity_page(iri: str) -> str:
    """The page of an entity of the registry."""
    return f"entities/{slug_of(iri)}.html"


def document_page(iri: str) -> str:
    """The page of a source document."""
    return f"documents/{slug_of(iri)}.html"


def query_page(name: str) -> str:
    """The page of a stored query."""
    return f"queries/{slug_of(name)}.html"


def class_index_page(name: str) -> str:
    """The page that lists the entities of a core class."""
    return f"classes/{name.lower()}.html"


def rdf_stem(iri: str) -> str:
    """Where the RDF of a thing is written (without suffix): its IRI's path below the namespace root, so that
    a host can map `https://w3id.org/sdkg/resource/x` to `resource/x.ttl`; ontology terms under `terms/`."""
    if iri.startswith(SDKG):
        return f"terms/{slug_of(iri)}"
    if iri.startswith(VOCAB):
        return f"vocab/{slug_of(iri)}"
    return f"resource/{slug_of(iri)}"


def term_anchor(iri: str) -> str:
    """The id, on the ontology page, of an ontology term or a vocabulary concept."""
    return ("v-" if iri.startswith(VOCAB) else "") + slug_of(iri)


@dataclass(frozen=True)
class Ref:
    """A thing as a page shows it: its label, and its page (path from the site root) when it has one."""

    label: str
    href: str | None = None
    iri: str = ""


@dataclass
class Names:
    """The label and the page of every thing the site knows by IRI."""

    labels: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    by_label: dict[str, str] = field(default_factory=dict)  # an entity's or document's label -> its page

    def ref(self, term: Term | str) -> Ref:
        """A term (or an IRI) as a page shows it."""
        if isinstance(term, ox.Literal):
            return Ref(term.value)
        if isinstance(term, ox.BlankNode | ox.Triple):
            return Ref(str(term))
        iri = term if isinstance(term, str) else term.value
        return Ref(self.labels.get(iri) or shorten(iri), self.pages.get(iri), iri)

    def text_ref(self, text: str) -> Ref:
        """A piece of text, linked to the page of the entity or document it names, if any."""
        return Ref(text, self.by_label.get(text))


def names(dataset: Dataset, entities: Collection[str], documents: dict[str, str]) -> Names:
    """Labels and pages of entities (by IRI), ontology terms, vocabulary concepts and documents (by graph)."""
    found = Names()
    ranked: dict[str, tuple[int, str]] = {}
    for graph in (ENTITIES_GRAPH, ONTOLOGY_GRAPH, METADATA_GRAPH):
        for quad in dataset.quads([graph]):
            if quad.predicate.value in LABEL_PREDICATES and isinstance(quad.object, ox.Literal) \
                    and isinstance(quad.subject, ox.NamedNode) and quad.object.language in (None, "en"):
                rank = (LABEL_PREDICATES.index(quad.predicate.value), quad.object.value)
                if quad.subject.value not in ranked or rank < ranked[quad.subject.value]:
                    ranked[quad.subject.value] = rank
    found.labels = {iri: label for iri, (_, label) in ranked.items()}
    for row in select(dataset.store, f"SELECT DISTINCT ?t WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t a ?kind "
                                     "VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty "
                                     "owl:AnnotationProperty skos:Concept skos:ConceptScheme } } }"):
        iri = row["t"].value
        if iri.startswith((SDKG, VOCAB)):
            found.pages[iri] = f"ontology.html#{term_anchor(iri)}"
    for graph, document in documents.items():
        found.pages[document] = found.pages[graph] = document_page(document)
        found.labels.setdefault(graph, found.labels.get(document, shorten(document)))
    for entity in entities:
        found.pages[entity] = entity_page(entity)
    counts: dict[str, int] = defaultdict(int)
    for iri in [*entities, *documents.values()]:
        counts[found.labels.get(iri, "")] += 1
    found.by_label = {found.labels[iri]: found.pages[iri] for iri in [*entities, *documents.values()]
                      if counts[found.labels.get(iri, "")] == 1}
    return found
