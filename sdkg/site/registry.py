"""The entities of the registry, and the core class (Actor, Initiative, ...) each one falls under."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG, shorten
from sdkg.site.names import Ref, class_index_page
from sdkg.site.rdf import english, select

CORE_CLASSES = ("Actor", "Initiative", "Treaty", "Technology", "Tension")
OTHER = "Other"
PLURALS = {"Actor": "Actors", "Initiative": "Initiatives", "Treaty": "Treaties", "Technology": "Technologies",
           "Tension": "Tensions", OTHER: "Other entities"}


@dataclass(frozen=True)
class EntitySummary:
    """An entity of the registry: label, most specific types and the core class above them."""

    iri: str
    label: str
    types: tuple[str, ...]
    core: str  # one of CORE_CLASSES, or OTHER


def index_ref(core: str) -> Ref:
    """The class index that lists the entities of a core class (or of OTHER)."""
    return Ref(PLURALS[core], class_index_page(core))


def class_ancestors(dataset: Dataset) -> dict[str, list[str]]:
    """Every ontology class with itself and its super-classes, nearest first."""
    parents: dict[str, list[str]] = defaultdict(list)
    for row in select(dataset.store, f"SELECT ?c ?s WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ "
                                     "?c rdfs:subClassOf ?s FILTER(isIRI(?c) && isIRI(?s)) } } ORDER BY ?c ?s"):
        parents[row["c"].value].append(row["s"].value)
    ancestors: dict[str, list[str]] = {}
    for start in set(parents) | {s for ps in parents.values() for s in ps}:
        seen, queue = [start], [start]
        while queue:
            for parent in parents.get(queue.pop(0), []):
                if parent not in seen:
                    seen.append(parent)
                    queue.append(parent)
        ancestors[start] = seen
    return ancestors


def core_class(types: Iterable[str], ancestors: dict[str, list[str]]) -> str:
    """The core class (Actor, Initiative, ...) above some types, or OTHER."""
    above = {a for t in types for a in ancestors.get(t, [t])}
    return next((c for c in CORE_CLASSES if SDKG + c in above), OTHER)


def registry(dataset: Dataset) -> dict[str, EntitySummary]:
    """The entities of the registry, by IRI, in the order of their labels."""
    ancestors = class_ancestors(dataset)
    types: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, list[ox.Literal]] = defaultdict(list)
    for row in select(dataset.store, f"SELECT ?e ?t ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?t "
                                     "OPTIONAL { ?e skos:prefLabel ?l } FILTER(isIRI(?e)) } }"):
        types[row["e"].value].append(row["t"].value)
        label = row.get("l")
        if isinstance(label, ox.Literal):
            labels[row["e"].value].append(label)
    entities = [EntitySummary(iri, english(labels[iri]) or shorten(iri), tuple(sorted(set(ts))),
                              core_class(ts, ancestors)) for iri, ts in types.items()]
    return {e.iri: e for e in sorted(entities, key=lambda e: (e.label.casefold(), e.iri))}
