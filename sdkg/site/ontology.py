"""The ontology page: its classes, properties and concept schemes, with the shapes that apply to each."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from sdkg.dataset.layout import ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import DCTERMS, OWL, RDF, RDFS, SDKG, SKOS, VOCAB
from sdkg.site.names import Names, Ref, term_anchor
from sdkg.site.rdf import Value, english, select
from sdkg.site.registry import EntitySummary, core_class, index_ref
from sdkg.site.shapes import Constraint, Shape, Shapes

VANN = "http://purl.org/vocab/vann/"
PROPERTY_KINDS = {OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "datatype",
                  OWL + "AnnotationProperty": "annotation"}


@dataclass(frozen=True)
class AppliedShape:
    """A shape that applies to a class."""

    shape: Shape
    inherited_from: Ref | None  # the super-class the shape targets, when not the class itself


@dataclass
class OntologyClass:
    """A class of the ontology, with its neighbours, shapes and members."""

    ref: Ref
    anchor: str
    definition: str
    supers: list[Ref]
    subs: list[Ref]
    domain_of: list[Ref]
    range_of: list[Ref]
    shapes: list[AppliedShape]
    members: int  # entities of this class or its subclasses
    index: Ref | None  # the class index that lists them


@dataclass
class OntologyProperty:
    """A property of the ontology, with its domain, range, neighbours and constraints."""

    ref: Ref
    anchor: str
    kind: str  # "object", "datatype" or "annotation" property
    definition: str
    domain: list[Ref]
    range: list[Ref]
    supers: list[Ref]
    subs: list[Ref]
    functional: bool
    shapes: list[Shape]  # shapes that target the subjects of the property
    constraints: list[Constraint]  # constraints on the property wherever they are


@dataclass
class Concept:
    """A concept of a vocabulary."""

    ref: Ref
    anchor: str
    definition: str


@dataclass
class Scheme:
    """A concept scheme and its concepts."""

    ref: Ref
    anchor: str
    definition: str
    concepts: list[Concept]


@dataclass
class TreeNode:
    """A class in the class tree, with its sub-classes."""

    ref: Ref
    children: list["TreeNode"]


@dataclass
class Ontology:
    """What the ontology page shows."""

    iri: str
    title: str
    description: str
    version: str
    comment: str
    classes: list[OntologyClass]
    properties: list[OntologyProperty]
    schemes: list[Scheme]
    shape_count: int
    metadata: list[tuple[str, list[Ref]]] = field(default_factory=list)  # field name -> values
    tree: list[TreeNode] = field(default_factory=list)
    disjoint: list[list[Ref]] = field(default_factory=list)  # sets of pairwise disjoint classes
    alignments: list[tuple[Ref, Ref, Ref]] = field(default_factory=list)  # our term, relation, outside term
    shapes: list[Shape] = field(default_factory=list)  # every shape, once


METADATA = (("Title", DCTERMS + "title"), ("IRI", ""), ("Version IRI", OWL + "versionIRI"),
            ("Version", OWL + "versionInfo"), ("Creators", DCTERMS + "creator"),
            ("Contributors", DCTERMS + "contributor"), ("Publisher", DCTERMS + "publisher"),
            ("Licence", DCTERMS + "license"), ("Issued", DCTERMS + "issued"), ("Modified", DCTERMS + "modified"),
            ("Preferred prefix", VANN + "preferredNamespacePrefix"),
            ("Namespace", VANN + "preferredNamespaceUri"), ("Imports", OWL + "imports"))
ALIGNING = (RDFS + "subClassOf", RDFS + "subPropertyOf", OWL + "equivalentClass", OWL + "equivalentProperty",
            SKOS + "exactMatch", SKOS + "closeMatch", SKOS + "broadMatch", SKOS + "narrowMatch")


class OntologyReader:
    """Reads the ontology graph, with the shapes that apply to each term."""

    def __init__(self, dataset: Dataset, known: Names, shapes: Shapes, entities: dict[str, EntitySummary],
                 ancestors: dict[str, list[str]]) -> None:
        self.known, self.shapes, self.ancestors, self.dataset = known, shapes, ancestors, dataset
        self.props: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
        for quad in dataset.quads([ONTOLOGY_GRAPH]):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, Value):
                self.props[quad.subject.value][quad.predicate.value].append(quad.object)
        self.members: dict[str, int] = defaultdict(int)
        for entity in entities.values():
            for above in {a for t in entity.types for a in ancestors.get(t, [t])}:
                self.members[above] += 1

    def values(self, iri: str, predicate: str) -> list[Value]:
        """The values of a property of a term."""
        return self.props.get(iri, {}).get(predicate, [])

    def refs(self, iris: Iterable[str]) -> list[Ref]:
        """Some terms, once each, in the order of their labels."""
        return sorted((self.known.ref(i) for i in set(iris)), key=lambda r: r.label.casefold())

    def iri_values(self, iri: str, predicate: str) -> list[str]:
        """The IRIs among the values of a property of a term."""
        return [v.value for v in self.values(iri, predicate) if isinstance(v, ox.NamedNode)]

    def text(self, iri: str, predicate: str) -> str:
        """The English (or untagged) text of a property of a term."""
        return english(self.values(iri, predicate))

    def definition(self, iri: str) -> str:
        """The definition of a term."""
        return self.text(iri, SKOS + "definition")

    def typed(self, *kinds: str) -> list[str]:
        """Our terms of some kinds, in the order of their labels."""
        return sorted((iri for iri, p in self.props.items()
                       if iri.startswith((SDKG, VOCAB)) and any(ox.NamedNode(k) in p.get(RDF + "type", [])
                                                                for k in kinds)),
                      key=lambda i: self.known.ref(i).label.casefold())

    def inverse(self, predicate: str) -> dict[str, list[str]]:
        """For each IRI, the terms that have it as a value of a property."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, p in self.props.items():
            for value in p.get(predicate, []):
                if isinstance(value, ox.NamedNode):
                    found[value.value].append(iri)
        return found

    def read(self) -> Ontology:
        """The whole ontology page."""
        node = next((i for i, p in self.props.items() if ox.NamedNode(OWL + "Ontology") in p.get(RDF + "type", [])),
                    SDKG.rstrip("#"))
        classes = self.classes()
        return Ontology(node, self.text(node, DCTERMS + "title"), self.text(node, DCTERMS + "description"),
                        self.text(node, OWL + "versionInfo"), self.text(node, RDFS + "comment"), classes,
                        self.properties(), self.schemes(), len(self.shapes.shapes), self.metadata(node),
                        self.tree(classes), self.disjoint(), self.alignments(),
                        sorted(self.shapes.shapes, key=lambda s: s.name))

    def metadata(self, node: str) -> list[tuple[str, list[Ref]]]:
        """The ontology's own record, as pyLODE and WIDOCO show it."""
        rows = []
        for name, predicate in METADATA:
            values = [Ref(node, None, node)] if not predicate else [
                Ref(v.value, None, v.value) if isinstance(v, ox.NamedNode) else Ref(v.value)
                for v in self.values(node, predicate)]
            if values:
                rows.append((name, sorted(values, key=lambda r: r.label)))
        return rows

    def tree(self, classes: list[OntologyClass]) -> list[TreeNode]:
        """Our classes as a tree: the roots are those whose super-classes are all outside the ontology."""
        ours = {c.ref.iri for c in classes}
        subs = {c.ref.iri: [s.iri for s in c.subs if s.iri in ours] for c in classes}

        def node(iri: str, seen: frozenset[str]) -> TreeNode:
            return TreeNode(self.known.ref(iri), [node(s, seen | {s}) for s in subs.get(iri, []) if s not in seen])

        roots = [c.ref.iri for c in classes if not any(s.iri in ours for s in c.supers)]
        return [node(r, frozenset({r})) for r in roots]

    def disjoint(self) -> list[list[Ref]]:
        """The sets of classes declared pairwise disjoint (owl:AllDisjointClasses, owl:disjointWith)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for row in select(self.dataset.store, f"""SELECT ?set ?c WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
                {{ ?set a owl:AllDisjointClasses ; owl:members ?list . ?list rdf:rest*/rdf:first ?c }}
                UNION {{ ?a owl:disjointWith ?c BIND(STR(?a) AS ?set) }}
                UNION {{ ?c owl:disjointWith ?b BIND(STR(?c) AS ?set) }} }} }}"""):
            groups[str(row["set"])].append(row["c"].value)
        return sorted((self.refs(members) for members in groups.values()),
                      key=lambda refs: [r.label for r in refs])

    def alignments(self) -> list[tuple[Ref, Ref, Ref]]:
        """How our terms relate to terms of other vocabularies (PROV-O, FOAF, schema.org, Wikidata, ...)."""
        found = []
        for iri, props in self.props.items():
            if not iri.startswith((SDKG, VOCAB)):
                continue
            for predicate in ALIGNING:
                for value in props.get(predicate, []):
                    if isinstance(value, ox.NamedNode) and not value.value.startswith((SDKG, VOCAB)):
                        found.append((self.known.ref(iri), self.known.ref(predicate), self.known.ref(value)))
        return sorted(found, key=lambda t: (t[0].label.casefold(), t[1].label, t[2].label))

    def classes(self) -> list[OntologyClass]:
        """The classes, with the shapes that target them or their super-classes."""
        subs, domains, ranges = (self.inverse(RDFS + p) for p in ("subClassOf", "domain", "range"))
        result = []
        for iri in self.typed(OWL + "Class"):
            applied = [AppliedShape(s, None if above == iri else self.known.ref(above))
                       for above in self.ancestors.get(iri, [iri]) for s in self.shapes.by_class.get(above, [])]
            result.append(OntologyClass(
                self.known.ref(iri), term_anchor(iri), self.definition(iri),
                self.refs(self.iri_values(iri, RDFS + "subClassOf")), self.refs(subs.get(iri, [])),
                self.refs(domains.get(iri, [])), self.refs(ranges.get(iri, [])), applied, self.members[iri],
                index_ref(core_class([iri], self.ancestors)) if self.members[iri] else None))
        return result

    def properties(self) -> list[OntologyProperty]:
        """The properties, with the shapes and constraints that mention them."""
        subs = self.inverse(RDFS + "subPropertyOf")
        result = []
        for iri in self.typed(*PROPERTY_KINDS):
            types = {t.value for t in self.values(iri, RDF + "type")}
            kind = next(k for t, k in PROPERTY_KINDS.items() if t in types)
            result.append(OntologyProperty(
                self.known.ref(iri), term_anchor(iri), kind, self.definition(iri),
                self.refs(self.iri_values(iri, RDFS + "domain")), self.refs(self.iri_values(iri, RDFS + "range")),
                self.refs(self.iri_values(iri, RDFS + "subPropertyOf")), self.refs(subs.get(iri, [])),
                OWL + "FunctionalProperty" in types, self.shapes.by_subjects_of.get(iri, []),
                self.shapes.by_path.get(iri, [])))
        return result

    def schemes(self) -> list[Scheme]:
        """The concept schemes and their concepts."""
        members = self.inverse(SKOS + "inScheme")
        return [Scheme(self.known.ref(s), term_anchor(s), self.definition(s),
                       [Concept(self.known.ref(c), term_anchor(c), self.definition(c))
                        for c in sorted(members.get(s, []), key=lambda c: self.known.ref(c).label.casefold())])
                for s in self.typed(SKOS + "ConceptScheme")]
