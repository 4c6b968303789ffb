"""What of the data the OWL reasoner needs: the ontology, and one representative node of each kind.

Our ontology stays in a fragment of OWL 2 where the consistency of the data is local to each node: named
classes only; subclass, equivalence and disjointness axioms between them; domains and ranges that are named
classes or datatypes; sub-properties; functional data properties. No restriction, no property chain, no
transitive, inverse or functional object property, no equality in the data. In that fragment a node is
inconsistent with the ontology exactly when its classes (asserted; implied by the domain of a property it
has; implied by the range of an object property that points at it) include disjoint ones, or when one of its
literal values does not fit the range of its property, or it has two values of a functional property that
differ. All of that is read from the node's kind (`key`): its classes, the kinds of its literal values, and
the statements it takes part in that the ontology does not describe. The reasoner then sees the ontology, and
for each kind one node with all its statements and, for each property pointing at it, one such statement: a
part of the data, so nothing inconsistent is made up, and for every node of the data a node of the same kind,
so nothing inconsistent is missed. Nodes the ontology itself mentions are each their own kind.

`representatives` raises NotLocal when the ontology or the data leave the fragment: the reasoner then sees all.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from sdkg.dataset.layout import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import OWL, RDF, RDFS, XSD

TYPE: Final = RDF + "type"
ALLOWED_TYPES: Final = {OWL + name for name in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "FunctionalProperty",
    "AllDisjointClasses", "NamedIndividual", "Ontology", "Axiom", "Thing")} | {RDFS + "Class", RDFS + "Datatype"}
SCHEMA_OBJECTS: Final = {RDFS + "subClassOf", RDFS + "subPropertyOf", RDFS + "domain", RDFS + "range",
                         OWL + "equivalentClass", OWL + "disjointWith"}
ALLOWED_PREDICATES: Final = SCHEMA_OBJECTS | {
    OWL + name for name in ("members", "versionIRI", "versionInfo", "annotatedSource", "annotatedProperty",
                            "annotatedTarget", "sameAs", "differentFrom", "deprecated")} | {
    RDFS + name for name in ("label", "comment", "seeAlso", "isDefinedBy")} | {
    RDF + name for name in ("type", "first", "rest")}
BUILT_IN: Final = (OWL, RDFS, RDF)
DATA_TYPES_ALLOWED: Final = {OWL + "NamedIndividual", OWL + "Thing"}
# Lexical forms certainly valid for their datatype, whatever the literal: such literals are all of one kind.
CERTAIN: Final = {XSD + "integer": re.compile(r"^-?[0-9]+$"), XSD + "string": None, RDF + "langString": None}
LITERAL_RANGES: Final = {XSD + "integer": {XSD + "integer", XSD + "decimal", RDFS + "Literal"},
                         XSD + "string": {XSD + "string", RDFS + "Literal"},
                         RDF + "langString": {RDF + "langString", RDFS + "Literal", RDF + "PlainLiteral"}}


class NotLocal(Exception):
    """The ontology or the data use something outside the fragment where consistency is local."""


def built_in(iri: str) -> bool:
    return iri.startswith(BUILT_IN)


@dataclass
class Schema:
    """What the ontology says of properties: their kinds, domains and ranges (with those of super-properties)."""

    object_properties: set[str]
    data_properties: set[str]
    annotation_properties: set[str]
    functional: set[str]
    domains: dict[str, frozenset[str]]
    ranges: dict[str, frozenset[str]]
    mentioned: set[ox.NamedNode | ox.BlankNode]  # every node of the ontology graph

    @classmethod
    def of(cls, quads: list[ox.Quad]) -> "Schema":
        kinds: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        domains: dict[str, set[str]] = defaultdict(set)
        ranges: dict[str, set[str]] = defaultdict(set)
        mentioned: set[ox.NamedNode | ox.BlankNode] = set()
        for quad in quads:
            s, p, o = quad.subject, quad.predicate.value, quad.object
            mentioned.add(s)
            if not isinstance(o, ox.Literal):
                mentioned.add(o)
            if p == TYPE:
                if built_in(o.value) and o.value not in ALLOWED_TYPES:
                    raise NotLocal(f"{s} is typed {o}")
                kinds[s.value].add(o.value)
            elif built_in(p) and p not in ALLOWED_PREDICATES:
                raise NotLocal(f"the ontology uses {p}")
            elif p in SCHEMA_OBJECTS and not isinstance(o, ox.NamedNode):
                raise NotLocal(f"{p} with a class expression at {s}")
            elif p == RDF + "first" and not isinstance(o, ox.NamedNode):
                raise NotLocal(f"a list of class expressions at {s}")
            elif p == RDFS + "subPropertyOf":
                parents[s.value].add(o.value)
            elif p == RDFS + "domain":
                domains[s.value].add(o.value)
            elif p == RDFS + "range":
                ranges[s.value].add(o.value)
        objects = {s for s, k in kinds.items() if OWL + "ObjectProperty" in k}
        data = {s for s, k in kinds.items() if OWL + "DatatypeProperty" in k}
        annotations = {s for s, k in kinds.items() if OWL + "AnnotationProperty" in k}
        functional = {s for s, k in kinds.items() if OWL + "FunctionalProperty" in k}
        if functional - data or objects & data or (objects | data) & annotations:
            raise NotLocal("a functional object property, or a property of two kinds")

        def closure(prop: str, table: dict[str, set[str]]) -> frozenset[str]:
            found, todo, seen = set(table.get(prop, ())), [prop], {prop}
            while todo:
                for parent in parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
                        found |= table.get(parent, set())
            return frozenset(found)
        every = objects | data | annotations | set(parents)
        return cls(objects, data, annotations, functional, {p: closure(p, domains) for p in every},
                   {p: closure(p, ranges) for p in every}, mentioned)

    def literal_kind(self, predicate: str, value: ox.Literal) -> tuple[str, ...]:
        """What of a literal value can matter: its datatype and, unless it certainly fits, its lexical form."""
        datatype = value.datatype.value
        pattern = CERTAIN.get(datatype, False)
        fits = all(r in LITERAL_RANGES.get(datatype, ()) for r in self.ranges.get(predicate, ()))
        certain = pattern is None or (pattern is not False and pattern.match(value.value) is not None)
        lexical = "*" if certain and fits else value.value
        return ("literal", predicate, datatype, "@" if value.language else "", lexical)


@dataclass
class Reduction:
    """The triples the reasoner sees and what they stand for."""

    triples: list[ox.Triple]
    ontology: int  # triples of the ontology graph
    representatives: int
    nodes: int  # nodes of the entities and document graphs
    data: int  # triples of the entities and document graphs

    def summary(self) -> str:
        return (f"reasoned over the ontology and {self.representatives} representative nodes, one of each kind, "
                f"standing for all {self.nodes} nodes of the entities and document graphs: {len(self.triples)} of "
                f"{self.ontology + self.data} triples")


def data_graphs(dataset: Dataset) -> list[ox.NamedNode]:
    return [ox.NamedNode(g) for g in (ENTITIES_GRAPH, *dataset.document_graphs) if g in dataset.graphs]


def representatives(dataset: Dataset) -> Reduction:
    """The ontology and one representative node of each kind, with their statements; NotLocal outside the
    fragment."""
    ontology = [q for q in dataset.quads([ONTOLOGY_GRAPH])]
    schema = Schema.of(ontology)
    graphs = data_graphs(dataset)
    classes: dict[ox.NamedNode | ox.BlankNode, set[str]] = defaultdict(set)
    other: dict[ox.NamedNode | ox.BlankNode, set[tuple[str, ...]]] = defaultdict(set)
    values: dict[tuple[ox.NamedNode | ox.BlankNode, str], set[ox.Literal]] = defaultdict(set)
    count = 0
    for quad in (q for g in graphs for q in dataset.store.quads_for_pattern(None, None, None, g)):
        count += 1
        s, p, o = quad.subject, quad.predicate.value, quad.object
        classes[s]  # every subject is a node
        if p == TYPE:
            if built_in(o.value) and o.value not in DATA_TYPES_ALLOWED:
                raise NotLocal(f"{s} is typed {o} in the data")
            classes[s].add(o.value if isinstance(o, ox.NamedNode) else f"_:{o.value}")
        elif built_in(p):
            raise NotLocal(f"the data uses {p}")
        elif isinstance(o, ox.Literal):
            if p in schema.annotation_properties:
                continue
            other[s].add(schema.literal_kind(p, o))
            if p in schema.functional:
                values[(s, p)].add(o)
        elif p in schema.object_properties:
            classes[s] |= schema.domains[p]
            classes[o] |= schema.ranges[p]
        elif p not in schema.annotation_properties:  # a data property with a node, or an undeclared property
            other[s].add(("out", p))
            other[o].add(("in", p))
    for (node, predicate), literals in values.items():
        if len(literals) > 1:
            other[node].add(("functional", predicate, *sorted(str(v) for v in literals)))
    kinds: dict[tuple, ox.NamedNode | ox.BlankNode] = {}
    for node in sorted(set(classes) | set(other), key=str):
        key = (frozenset(classes.get(node, ())), frozenset(other.get(node, ())),
               node if node in schema.mentioned else None)
        kinds.setdefault(key, node)
    triples = [q.triple for q in ontology]
    seen = set(triples)
    for node in kinds.values():
        for triple in statements(dataset.store, node, graphs):
            if triple not in seen:
                seen.add(triple)
                triples.append(triple)
    return Reduction(triples, len(ontology), len(kinds), len(set(classes) | set(other)), count)


def statements(store: ox.Store, node: ox.NamedNode | ox.BlankNode, graphs: list[ox.NamedNode]) -> Iterable[ox.Triple]:
    """All statements about a node, and one statement of each property that points at it."""
    for graph in graphs:
        for quad in store.quads_for_pattern(node, None, None, graph):
            yield quad.triple
    pointing: set[ox.NamedNode] = set()
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, node, graph):
            if quad.predicate not in pointing:
                pointing.add(quad.predicate)
                yield quad.triple
