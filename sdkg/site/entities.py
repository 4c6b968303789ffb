"""The entity pages: what the registry says of each entity, the facts about it, its links and queries."""

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import RDF, SKOS
from sdkg.plots.neighbourhood import Neighbour, neighbourhood_svg
from sdkg.site.facts import Fact, FactGroup, group_by_document
from sdkg.site.links import ExternalLink, external_links
from sdkg.site.names import Names, Ref, rdf_stem, slug_of
from sdkg.site.queries import QueryAnswer
from sdkg.site.rdf import objects, text_of
from sdkg.site.registry import EntitySummary, index_ref
from sdkg.site.relations import TensionSummary, inverse_heading, tension_summary

REGISTRY_SHOWN = {RDF + "type", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "definition"}
REGISTRY_NAMES = {SKOS + "broader": ("Broader", "Narrower"), SKOS + "related": ("Related", "Related")}


@dataclass(frozen=True)
class Relation:
    """The facts that point to an entity through one property, named from the entity's side."""

    heading: str
    predicate: Ref
    facts: tuple[Fact, ...]


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
    incoming: list[Relation]
    links: list[ExternalLink]
    queries: list[Ref]
    index: Ref
    rdf: str  # where its RDF is, without suffix
    summary: TensionSummary | None = None
    documents: list[Ref] | None = None
    neighbours: list[Neighbour] | None = None
    picture: str = ""  # the neighbourhood picture, inline SVG


def registry_statements(dataset: Dataset, known: Names, iri: str) -> list[tuple[Ref, Ref]]:
    """What the registry says of an entity beyond its types, labels and definition, both ways round."""
    node, graph = ox.NamedNode(iri), ox.NamedNode(ENTITIES_GRAPH)
    def name(predicate: str, inverse: bool) -> Ref:
        ref = known.ref(predicate)
        if predicate in REGISTRY_NAMES:
            return Ref(REGISTRY_NAMES[predicate][inverse], ref.href, predicate)
        return Ref(f"is {ref.label} of", ref.href, predicate) if inverse else ref

    out = [(name(q.predicate.value, False), known.ref(q.object))
           for q in dataset.store.quads_for_pattern(node, None, None, graph)
           if q.predicate.value not in REGISTRY_SHOWN]
    out += [(name(q.predicate.value, True), known.ref(q.subject))
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
        documents = sorted({f.graph for f in [*outgoing[iri], *incoming[iri]]})
        document_refs = [g.document for g in group_by_document(
            [f for f in [*outgoing[iri], *incoming[iri]] if f.graph in documents], known)]
        entity = Entity(
            known.ref(iri), slug_of(iri), summary.core, [known.ref(t) for t in summary.types],
            text_of(dataset.store, node, SKOS + "definition", ENTITIES_GRAPH),
            sorted({v.value for v in objects(dataset.store, node, SKOS + "altLabel", ENTITIES_GRAPH)}),
            registry_statements(dataset, known, iri),
            group_by_document(outgoing[iri], known), relations(incoming[iri]),
            links.get(iri, []), [a.ref for a in answers if iri in a.mentions], index_ref(summary.core),
            rdf_stem(iri), documents=document_refs)
        entity.neighbours = neighbours(outgoing[iri], incoming[iri])
        entity.picture = neighbourhood_svg(entity.ref.label, entity.neighbours, "../", f"near-{entity.slug}")
        if summary.core == "Tension":
            entity.summary = tension_summary(outgoing[iri], incoming[iri], document_refs)
        result.append(entity)
    return result


def neighbours(outgoing: list[Fact], incoming: list[Fact]) -> list[Neighbour]:
    """The things an entity's facts link it to (values that are things, not text), each once per direction,
    with every relation that links them."""
    found: dict[tuple[str, bool], tuple[Ref, list[str]]] = {}
    for facts, out in ((outgoing, True), (incoming, False)):
        for fact in facts:
            other = fact.object if out else fact.subject
            if other.iri and other.href and other.href.startswith("entities/"):
                relations = found.setdefault((other.iri, out), (other, []))[1]
                if fact.predicate.label not in relations:
                    relations.append(fact.predicate.label)
    items = [Neighbour(ref.label, ref.href, ", ".join(sorted(rels)), out) for (_, out), (ref, rels) in found.items()]
    return sorted(items, key=lambda n: (not n.outgoing, n.relation, n.label.casefold()))


def relations(facts: list[Fact]) -> list[Relation]:
    """The facts that point to an entity, by property, each property named from the entity's side."""
    by: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by[fact.predicate.iri].append(fact)
    groups = [Relation(inverse_heading(found[0].predicate), found[0].predicate,
                       tuple(sorted(found, key=lambda f: (f.subject.label.casefold(), f.graph))))
              for found in by.values()]
    return sorted(groups, key=lambda r: (-len(r.facts), r.heading))
