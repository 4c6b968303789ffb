"""The entity pages: what the registry says of each entity, the facts about it, its links and queries."""

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import RDF, SKOS
from sdkg.site.facts import Fact, FactGroup, group_by_document
from sdkg.site.links import ExternalLink, external_links
from sdkg.site.names import Names, Ref, slug_of
from sdkg.site.queries import QueryAnswer
from sdkg.site.rdf import objects, text_of
from sdkg.site.registry import EntitySummary, index_ref

REGISTRY_SHOWN = {RDF + "type", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "definition"}


@dataclass
class Entity:
    """What the page of an entity shows."""

    ref: Ref
    slug: str
    core: str
    types: list[Ref]
    definition: str
    alt_labels: list[str]
    registry: list[tuple[Ref, Ref]]  # other statements of the registry (broader, ...)
    outgoing: list[FactGroup]
    incoming: list[FactGroup]
    links: list[ExternalLink]
    queries: list[Ref]
    index: Ref


def registry_statements(dataset: Dataset, known: Names, iri: str) -> list[tuple[Ref, Ref]]:
    """What the registry says of an entity beyond its types, labels and definition, both ways round."""
    node, graph = ox.NamedNode(iri), ox.NamedNode(ENTITIES_GRAPH)
    out = [(known.ref(q.predicate), known.ref(q.object))
           for q in dataset.store.quads_for_pattern(node, None, None, graph)
           if q.predicate.value not in REGISTRY_SHOWN]
    out += [(Ref(f"narrower ({known.ref(q.predicate).label})" if q.predicate.value == SKOS + "broader"
                 else f"is {known.ref(q.predicate).label} of"), known.ref(q.subject))
            for q in dataset.store.quads_for_pattern(None, None, node, graph)]
    return sorted(out, key=lambda pair: (pair[0].label, pair[1].label.casefold()))


def build_entities(dataset: Dataset, known: Names, entities: dict[str, EntitySummary], facts: list[Fact],
                   answers: list[QueryAnswer]) -> list[Entity]:
    """The page of every entity of the registry."""
    outgoing: dict[str, list[Fact]] = defaultdict(list)
    incoming: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        outgoing[fact.subject.iri].append(fact)
        if fact.object.iri:
            incoming[fact.object.iri].append(fact)
    links = external_links(dataset, known)
    result = []
    for iri, summary in entities.items():
        node = ox.NamedNode(iri)
        result.append(Entity(
            known.ref(iri), slug_of(iri), summary.core, [known.ref(t) for t in summary.types],
            text_of(dataset.store, node, SKOS + "definition", ENTITIES_GRAPH),
            sorted({v.value for v in objects(dataset.store, node, SKOS + "altLabel", ENTITIES_GRAPH)}),
            registry_statements(dataset, known, iri),
            group_by_document(outgoing[iri], known), group_by_document(incoming[iri], known),
            links.get(iri, []), [a.ref for a in answers if iri in a.mentions], index_ref(summary.core)))
    return result
