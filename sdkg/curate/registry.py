"""What a curator's names are checked against: the registry's entities and the ontology's terms."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox

from sdkg.queries.engines import select_rows
from sdkg.dataset.layout import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import OWL, RDF, RDFS, RESOURCE, SDKG, SKOS, VOCAB, shorten

LABELS = f"""SELECT ?thing ?kind ?label WHERE {{
  GRAPH ?g {{ ?thing ?p ?label }}
  VALUES (?p ?kind) {{ (<{SKOS}prefLabel> "pref") (<{SKOS}altLabel> "alt") (<{RDFS}label> "label") }}
  FILTER(?g IN (<{ENTITIES_GRAPH}>, <{ONTOLOGY_GRAPH}>))
}}"""
TYPES = f"""SELECT ?thing ?type ?g WHERE {{
  GRAPH ?g {{ ?thing <{RDF}type> ?type }} FILTER(?g IN (<{ENTITIES_GRAPH}>, <{ONTOLOGY_GRAPH}>)) }}"""
SUPERCLASSES = f"SELECT ?c ?super WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c <{RDFS}subClassOf> ?super }} }}"
PROPERTIES = f"""SELECT ?p ?kind ?domain ?range WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
  ?p <{RDF}type> ?kind FILTER(?kind IN (<{OWL}ObjectProperty>, <{OWL}DatatypeProperty>))
  OPTIONAL {{ ?p <{RDFS}domain> ?domain FILTER(isIRI(?domain)) }}
  OPTIONAL {{ ?p <{RDFS}range> ?range FILTER(isIRI(?range)) }} }} }}"""


@dataclass(frozen=True)
class Property:
    iri: str
    datatype: bool  # an owl:DatatypeProperty: its values are literals
    domain: str | None
    range: str | None


@dataclass
class Registry:
    """Entities (typed in the entities graph), concepts and classes (ontology graph), and their labels."""

    entities: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # IRI -> types
    vocabulary: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # ontology-graph things
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # IRI -> (kind, label)
    supers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    properties: dict[str, Property] = field(default_factory=dict)

    @classmethod
    def of(cls, dataset: Dataset) -> "Registry":
        registry = cls()
        store = dataset.store
        for row in select_rows(store, TYPES):
            target = registry.entities if row["g"].value == ENTITIES_GRAPH else registry.vocabulary
            target[row["thing"].value].add(row["type"].value)
        for row in select_rows(store, LABELS):
            registry.labels[row["thing"].value].append((row["kind"].value, row["label"].value))
        for row in select_rows(store, SUPERCLASSES):
            if isinstance(row["super"], ox.NamedNode):
                registry.supers[row["c"].value].add(row["super"].value)
        for row in select_rows(store, PROPERTIES):
            iri = row["p"].value
            registry.properties[iri] = Property(
                iri, row["kind"].value == OWL + "DatatypeProperty",
                row["domain"].value if "domain" in row else None,
                row["range"].value if "range" in row else None)
        return registry

    @cached_property
    def classes(self) -> set[str]:
        return {iri for iri, types in self.vocabulary.items() if OWL + "Class" in types}

    @cached_property
    def concepts(self) -> set[str]:
        return {iri for iri in self.vocabulary if iri.startswith(VOCAB)}

    def ancestors(self, cls: str) -> set[str]:
        """A class with every class above it."""
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.supers.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def types_of(self, iri: str) -> set[str]:
        """Every class an entity or concept belongs to, superclasses included."""
        direct = self.entities.get(iri, set()) | self.vocabulary.get(iri, set())
        return set().union(*(self.ancestors(t) for t in direct)) if direct else set()

    def label(self, iri: str) -> str:
        """The preferred label (or rdfs:label) of a thing, else its short name."""
        for kind in ("pref", "label"):
            for found_kind, text in self.labels.get(iri, []):
                if found_kind == kind:
                    return text
        return shorten(iri)

    def names_of_entities(self) -> dict[str, set[str]]:
        """Every way to name an entity or concept (short name, slug, preferred and alternative labels),
        folded, to the IRIs it names (a slug names one; a label may name several)."""
        names: dict[str, set[str]] = defaultdict(set)
        slugs: dict[str, str] = {}
        for iri in [*self.entities, *self.concepts]:
            slugs[shorten(iri).casefold()] = iri
            slugs[iri.rsplit("/", 1)[-1].casefold()] = iri
            for _, text in self.labels.get(iri, []):
                names[text.casefold()].add(iri)
        for key, iri in slugs.items():
            names[key] = {iri}
        return names

    def resolve_entity(self, name: str, what: str = "entity") -> str:
        """The IRI a curator means by a name (sdr:slug, slug, sdv:concept, or a label); bad input otherwise."""
        from sdkg.curate.suggest import did_you_mean

        names = self.names_of_entities()
        key = name.strip().casefold()
        if key.startswith(RESOURCE.casefold()) or key.startswith(VOCAB.casefold()):
            key = shorten(name.strip()).casefold()
        if len(names.get(key, ())) == 1:
            return next(iter(names[key]))
        if names.get(key):
            raise InputError(f"{what} {name!r} is a label of {len(names[key])} entities "
                             f"({', '.join(sorted(shorten(i) for i in names[key]))}): write the one you mean")
        slugs = [shorten(iri) for iri in [*self.entities, *self.concepts]]
        hint = did_you_mean(name, slugs + [t for iri in self.entities for _, t in self.labels.get(iri, [])])
        raise InputError(f"unknown {what} {name!r}: not in the registry (data/entities/*.ttl){hint}; "
                         f"add a new one with `sdkg curate entity`")

    def resolve_class(self, name: str) -> str:
        from sdkg.curate.suggest import did_you_mean

        iri = expand_term(name)
        if iri in self.classes:
            return iri
        raise InputError(f"unknown class {name!r}{did_you_mean(shorten(iri), [shorten(c) for c in self.classes if c.startswith(SDKG)])}"
                         f"; `sdkg terms --classes` lists them")

    def resolve_property(self, name: str) -> Property:
        from sdkg.curate.suggest import did_you_mean

        iri = expand_term(name)
        if iri in self.properties:
            return self.properties[iri]
        hint = did_you_mean(shorten(iri), [shorten(p) for p in self.properties])
        raise InputError(f"unknown property {name!r}{hint}; `sdkg terms` lists the properties with their "
                         f"domains and ranges")


def expand_term(name: str) -> str:
    """An ontology term from `sdkg:Term`, `Term` or a full IRI."""
    name = name.strip()
    if name.startswith(("http://", "https://")):
        return name
    from sdkg.namespaces import PREFIXES

    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return SDKG + name
