"""The registry's entities without an identity link, each with the reason: no counterpart is expected in the
external datasets (the entity is one of the documents' own framings), or none was found yet (work to do)."""

from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.links.coverage import entity_types, links
from sdkg.namespaces import SDKG, SKOS

NO_COUNTERPART: Final[dict[str, str]] = {
    "Tension": "a tension as the documents frame it; other datasets describe its parties, not the tension",
    "Recommendation": "one of the documents' own recommendations",
    "Mechanism": "a way of working the documents describe, not a named body or programme",
    "Goal": "a goal or value in the documents' own framing",
    "Community": "a loose group the documents speak of, not an organisation",
    "Partnership": "a relationship between actors that the documents describe, not a named body",
    "ScientificCollaboration": "a collaboration the documents describe, not a named project",
    "Event": "a development as the documents describe it, not an event recorded elsewhere",
}
# Entities of those classes that another dataset may still describe: they stay on the list of work to do.
MAY_HAVE_COUNTERPART: Final = frozenset({"https://w3id.org/sdkg/resource/telegram-ceo-arrest"})
NOT_FOUND: Final = "not found: no accepted source has given an identifier yet"


@dataclass(frozen=True)
class Unlinked:
    """An entity without a link, its class, its preferred label and why it has no link."""

    entity: str
    class_name: str
    label: str
    reason: str

    @property
    def expected(self) -> bool:
        """True when no counterpart is expected, False when one may exist and is still to be found."""
        return self.reason != NOT_FOUND


def reason_for(classes: set[str], entity: str = "") -> str:
    """Why an entity of these classes has no link."""
    if entity in MAY_HAVE_COUNTERPART:
        return NOT_FOUND
    for name in sorted(c.removeprefix(SDKG) for c in classes):
        if name in NO_COUNTERPART:
            return f"no counterpart expected: {NO_COUNTERPART[name]}"
    return NOT_FOUND


def unlinked_with_reasons(dataset: Dataset) -> list[Unlinked]:
    """The unlinked entities, those still to do (not found) first, then by class and entity."""
    linked = {link.entity for link in links(dataset)}
    graph, pref = ox.NamedNode(ENTITIES_GRAPH), ox.NamedNode(SKOS + "prefLabel")
    found = []
    for entity, classes in entity_types(dataset).items():
        if entity in linked:
            continue
        label = next((q.object.value for q in dataset.store.quads_for_pattern(ox.NamedNode(entity), pref, None,
                                                                              graph)), "")
        class_name = ", ".join(sorted(c.removeprefix(SDKG) for c in classes))
        found.append(Unlinked(entity, class_name, label, reason_for(classes, entity)))
    return sorted(found, key=lambda u: (u.expected, u.class_name, u.entity))
