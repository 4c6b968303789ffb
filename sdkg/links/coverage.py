"""The identity links of the links graph: which entity points to which external item, checked and counted."""

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from sdkg.links.authorities import AUTHORITIES, ISO3166, Authority, authority_of
from sdkg.dataset.layout import ENTITIES_GRAPH, LINKS_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, OWL, RDF, SDKG, SKOS, XSD

SAME_AS: Final = OWL + "sameAs"
LINK_PREDICATES: Final = (SAME_AS, SKOS + "exactMatch", SKOS + "closeMatch", SDKG + "iso3166Alpha2")
LINK_CHECK: Final = SDKG + "LinkCheck"

WELL_FORMED: Final[dict[str, re.Pattern[str]]] = {
    "wikidata": re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
    "dbpedia": re.compile(r"^http://dbpedia\.org/resource/[^\s/<>\"{}|\\^`]+$"),
    "ror": re.compile(r"^https://ror\.org/0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$"),
    "geonames": re.compile(r"^https://sws\.geonames\.org/[1-9][0-9]*/$"),
    "iso3166": re.compile(r"^[A-Z]{2}$"),
}


@dataclass(frozen=True)
class Link:
    """One identity link: our entity, the link predicate, the external identifier and its authority."""

    entity: str
    predicate: str
    target: str
    authority: Authority | None


def links(dataset: Dataset) -> list[Link]:
    """Every link statement of the links graph whose predicate is a link predicate."""
    found = []
    for predicate in LINK_PREDICATES:
        for quad in dataset.store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(LINKS_GRAPH)):
            target = quad.object.value
            authority = ISO3166 if predicate.endswith("iso3166Alpha2") else authority_of(target)
            found.append(Link(quad.subject.value, predicate, target, authority))
    return sorted(found, key=lambda link: (link.entity, link.predicate, link.target))


def replacements(dataset: Dataset) -> dict[str, str]:
    """The registry's deprecated entities, each with the entity that replaces it ("" when none is named)."""
    graph = ox.NamedNode(ENTITIES_GRAPH)
    found = {q.subject.value: "" for q in dataset.store.quads_for_pattern(
        None, ox.NamedNode(OWL + "deprecated"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), graph)}
    for quad in dataset.store.quads_for_pattern(None, ox.NamedNode(DCTERMS + "isReplacedBy"), None, graph):
        found[quad.subject.value] = quad.object.value
    return found


def entity_types(dataset: Dataset) -> dict[str, set[str]]:
    """The classes of every typed entity of the registry."""
    types: dict[str, set[str]] = defaultdict(set)
    for quad in dataset.store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), None, ox.NamedNode(ENTITIES_GRAPH)):
        types[quad.subject.value].add(quad.object.value)
    return types


@dataclass(frozen=True)
class LinkCheckRecord:
    """How one link was verified: its statement, the page consulted and a note."""

    node: str
    entity: str
    predicate: str
    target: str
    pages: tuple[str, ...]
    notes: tuple[str, ...]


def link_checks(dataset: Dataset) -> list[LinkCheckRecord]:
    """The link-check records of the links graph."""
    graph = ox.NamedNode(LINKS_GRAPH)

    def values(node: ox.NamedNode | ox.BlankNode, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(q.object.value for q in dataset.store.quads_for_pattern(node, ox.NamedNode(predicate),
                                                                                    None, graph)))
    records = []
    for quad in dataset.store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(LINK_CHECK), graph):
        node = quad.subject
        first = {p: next(iter(values(node, RDF + p)), "") for p in ("subject", "predicate", "object")}
        records.append(LinkCheckRecord(node.value, first["subject"], first["predicate"], first["object"],
                                       values(node, SDKG + "checkedAgainst"), values(node, SDKG + "checkNote")))
    return records


def all_authorities() -> tuple[Authority, ...]:
    return (*AUTHORITIES, ISO3166)


@dataclass(frozen=True)
class Coverage:
    """For one class of the registry: how many entities, how many linked at all, and per authority."""

    class_name: str
    entities: int
    linked: int
    per_authority: dict[str, int]


def _class_name(types: set[str]) -> str:
    return ", ".join(sorted(t.removeprefix(SDKG) for t in types))


def link_coverage(dataset: Dataset) -> list[Coverage]:
    """Linked entities of each (direct) class out of all, per authority; a last row for all classes."""
    types = entity_types(dataset)
    linked: dict[str, set[str]] = defaultdict(set)  # entity -> authority keys
    for link in links(dataset):
        if link.authority is not None:
            linked[link.entity].add(link.authority.key)
    by_class: dict[str, list[str]] = defaultdict(list)
    for entity, classes in types.items():
        by_class[_class_name(classes)].append(entity)
    keys = [a.key for a in all_authorities()]

    def row(name: str, entities: list[str]) -> Coverage:
        return Coverage(name, len(entities), sum(1 for e in entities if linked.get(e)),
                        {key: sum(1 for e in entities if key in linked.get(e, ())) for key in keys})
    rows = [row(name, entities) for name, entities in sorted(by_class.items())]
    return rows + [row("all", list(types))]


def unlinked_entities(dataset: Dataset) -> list[tuple[str, str]]:
    """The registry's entities without any identity link, as (class, entity), sorted."""
    linked = {link.entity for link in links(dataset)}
    return sorted((_class_name(classes), entity) for entity, classes in entity_types(dataset).items()
                  if entity not in linked)
