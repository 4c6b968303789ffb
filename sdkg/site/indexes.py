"""The class index pages: the entities of each core class, grouped by their most specific class."""

from collections import defaultdict
from dataclasses import dataclass

from sdkg.namespaces import SDKG
from sdkg.site.names import Names, Ref
from sdkg.site.registry import CORE_CLASSES, OTHER, EntitySummary, index_ref


@dataclass
class ClassIndex:
    """What the index page of a core class (or of OTHER) shows."""

    name: str
    ref: Ref
    definition: str
    groups: list[tuple[Ref, list[Ref]]]  # most specific class -> its entities

    @property
    def count(self) -> int:
        """How many distinct entities the index lists."""
        return len({r.iri for _, refs in self.groups for r in refs})


def build_indexes(known: Names, entities: dict[str, EntitySummary], definitions: dict[str, str]) -> list[ClassIndex]:
    """The index of every core class and of OTHER, given the definitions of the classes."""
    result = []
    for name in (*CORE_CLASSES, OTHER):
        groups: dict[str, list[Ref]] = defaultdict(list)
        for entity in entities.values():
            if entity.core == name:
                for kind in entity.types:
                    groups[kind].append(known.ref(entity.iri))
        ordered = sorted(groups.items(), key=lambda g: (g[0] != SDKG + name, known.ref(g[0]).label.casefold()))
        result.append(ClassIndex(name, index_ref(name), definitions.get(SDKG + name, ""),
                                 [(known.ref(kind), refs) for kind, refs in ordered]))
    return result
