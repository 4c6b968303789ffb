"""What the site's pages show, gathered from the dataset into typed records.

Records refer to other things through a `Ref`: a label and, when the site has a page for the thing, that
page's path from the site root. The site's addresses are laid out here (`Names`, the `*_page` functions),
so that neither the build nor the templates work out an address themselves.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sdkg.catalogue import Parameter, stored_queries
from sdkg.engines import query_embedded
from sdkg.errors import InputError
from sdkg.layout import ENTITIES_GRAPH, EVIDENCE_GRAPH, LINKS_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.loader import Dataset
from sdkg.namespaces import DCTERMS, GRAPH, OWL, PREFIXES, RDF, RDFS, RESOURCE, SDKG, SH, SKOS, VOCAB, shorten

CORE_CLASSES = ("Actor", "Initiative", "Treaty", "Technology", "Tension")
OTHER = "Other"
PLURALS = {"Actor": "Actors", "Initiative": "Initiatives", "Treaty": "Treaties", "Technology": "Technologies",
           "Tension": "Tensions", OTHER: "Other entities"}
LINK_NAMES = {OWL + "sameAs": "same as (owl:sameAs)", SKOS + "exactMatch": "exact match (skos:exactMatch)",
              SKOS + "closeMatch": "close match (skos:closeMatch)"}
LINK_PREDICATES = (*LINK_NAMES, SDKG + "iso3166Alpha2")
LIST_SEPARATOR = " | "  # how the stored queries join a GROUP_CONCAT list
LABEL_PREDICATES = (SKOS + "prefLabel", RDFS + "label", DCTERMS + "title")  # in order of preference
REGISTRY_SHOWN = {RDF + "type", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "definition"}
RECORD_LABELS = {  # our names for the fields of a bibliographic record
    RDF + "type": "Kind", DCTERMS + "title": "Title", DCTERMS + "creator": "Authors",
    DCTERMS + "issued": "Issued", DCTERMS + "publisher": "Publisher", DCTERMS + "language": "Language",
    "https://schema.org/isPartOf": "Published in", "https://schema.org/url": "Web address",
}
SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
Value = ox.NamedNode | ox.BlankNode | ox.Literal  # what our queries bind; the graph holds no RDF-star triples
Term = Value | ox.Triple


# ---------------------------------------------------------------------------------------------- addresses

def slug_of(iri: str) -> str:
    """The file name of a thing's page: the IRI's last segment, made safe for a path."""
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", local).strip("-.") or "thing"


def entity_page(iri: str) -> str:
    return f"entities/{slug_of(iri)}.html"


def document_page(iri: str) -> str:
    return f"documents/{slug_of(iri)}.html"


def query_page(name: str) -> str:
    return f"queries/{slug_of(name)}.html"


def class_index_page(name: str) -> str:
    return f"classes/{name.lower()}.html"


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
        if isinstance(term, ox.Literal):
            return Ref(term.value)
        if isinstance(term, ox.BlankNode | ox.Triple):
            return Ref(str(term))
        iri = term if isinstance(term, str) else term.value
        return Ref(self.labels.get(iri) or shorten(iri), self.pages.get(iri), iri)

    def text_ref(self, text: str) -> Ref:
        """A piece of text, linked to the page of the entity or document it names, if any."""
        return Ref(text, self.by_label.get(text))


# ---------------------------------------------------------------------------------------------- queries

def select(store: ox.Store, text: str) -> list[dict[str, Value]]:
    """The rows of a SELECT query (our prefixes are declared), as dicts of bound values."""
    solutions = store.query(SPARQL_PREFIXES + text)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if isinstance(row[n], Value)} for row in solutions]


def english(literals: Iterable[ox.Literal]) -> str:
    """The English (or untagged) value among some literals, else any."""
    values = sorted(literals, key=lambda lit: (lit.language not in (None, "en"), lit.value))
    return values[0].value if values else ""


def objects(store: ox.Store, subject: Term, predicate: str, graph: str | None = None) -> list[Value]:
    """The values of a property of a node, in a stable order (none for a literal)."""
    if isinstance(subject, ox.Literal):
        return []
    graph_node = ox.NamedNode(graph) if graph else None
    return sorted((q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, graph_node)
                   if isinstance(q.object, Value)), key=str)


def rdf_list(store: ox.Store, node: Value) -> list[Value]:
    """The members of an RDF collection."""
    members: list[Value] = []
    while node != ox.NamedNode(RDF + "nil"):
        first = objects(store, node, RDF + "first")
        rest = objects(store, node, RDF + "rest")
        if not first or not rest:
            break
        members.append(first[0])
        node = rest[0]
    return members


# ---------------------------------------------------------------------------------------------- the registry

@dataclass(frozen=True)
class EntitySummary:
    """An entity of the registry: label, most specific types and the core class above them."""

    iri: str
    label: str
    types: tuple[str, ...]
    core: str  # one of CORE_CLASSES, or OTHER


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


def documents_by_graph(dataset: Dataset) -> dict[str, str]:
    """Each document graph and the source document whose facts it holds."""
    found = {row["g"].value: row["d"].value for row in select(
        dataset.store, f"SELECT ?d ?g WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?d sdkg:factsGraph ?g }} }}")}
    for graph in dataset.document_graphs:
        found.setdefault(graph, RESOURCE + graph.removeprefix(GRAPH))
    return {g: found[g] for g in sorted(found) if g in dataset.document_graphs}


def names(dataset: Dataset, entities: dict[str, EntitySummary], documents: dict[str, str]) -> Names:
    """Labels and pages of entities, ontology terms, vocabulary concepts and documents."""
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
    for entity in entities.values():
        found.pages[entity.iri] = entity_page(entity.iri)
    counts: dict[str, int] = defaultdict(int)
    for iri in [*entities, *documents.values()]:
        counts[found.labels.get(iri, "")] += 1
    found.by_label = {found.labels[iri]: found.pages[iri] for iri in [*entities, *documents.values()]
                      if counts[found.labels.get(iri, "")] == 1}
    return found


# ---------------------------------------------------------------------------------------------- SHACL shapes

@dataclass(frozen=True)
class Condition:
    """One condition of a constraint, in words, followed by the things it names."""

    text: str
    refs: tuple[Ref, ...] = ()

    def plain(self) -> str:
        return " ".join([self.text, ", ".join(r.label for r in self.refs)]).strip()


@dataclass(frozen=True)
class Constraint:
    """A property constraint: the path, how many values, what they must be, and the message."""

    shape: str
    path: Ref
    min_count: int | None
    max_count: int | None
    conditions: tuple[Condition, ...]
    message: str

    @property
    def count(self) -> str:
        return count_words(self.min_count, self.max_count) or "any number"


@dataclass(frozen=True)
class Shape:
    """A node shape: what it targets, its own conditions and its property constraints."""

    name: str
    comment: str
    message: str
    targets: tuple[Condition, ...]
    conditions: tuple[Condition, ...]
    constraints: tuple[Constraint, ...]


@dataclass
class Shapes:
    shapes: list[Shape]
    by_class: dict[str, list[Shape]]  # sh:targetClass -> shapes
    by_subjects_of: dict[str, list[Shape]]  # sh:targetSubjectsOf -> shapes
    by_path: dict[str, list[Constraint]]  # sh:path -> constraints


def count_words(low: int | None, high: int | None) -> str:
    """How many values a constraint allows, in words ("" when any number)."""
    low = low or 0
    if high is not None and low == high:
        return f"exactly {low}"
    if high is None:
        return f"at least {low}" if low else ""
    return f"{low} to {high}" if low else f"at most {high}"


SH_NODE_KINDS = {"IRI": "an IRI", "Literal": "a literal", "BlankNode": "a blank node",
                 "BlankNodeOrIRI": "an IRI or a blank node", "IRIOrLiteral": "an IRI or a literal"}
SH_STRUCTURE = {RDF + "type", SH + "path", SH + "message", SH + "minCount", SH + "maxCount", SH + "property",
                SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf", SH + "targetNode",
                RDFS + "comment", RDFS + "label", SH + "name", SH + "description", SH + "severity"}


class ShapeReader:
    """Reads the shapes graph into `Shapes`, naming the things the constraints mention."""

    def __init__(self, store: ox.Store, known: Names) -> None:
        self.store, self.known = store, known

    def one(self, node: Value, key: str) -> Value | None:
        """The value of a SHACL parameter (`key` without the sh: namespace), if any."""
        values = objects(self.store, node, SH + key)
        return values[0] if values else None

    def text(self, node: Value, predicate: str) -> str:
        return english(v for v in objects(self.store, node, predicate) if isinstance(v, ox.Literal))

    def integer(self, node: Value, predicate: str) -> int | None:
        value = self.one(node, predicate)
        return int(value.value) if isinstance(value, ox.Literal) else None

    def read(self) -> Shapes:
        nodes = sorted({q.subject for q in self.store.quads_for_pattern(
            None, ox.NamedNode(RDF + "type"), ox.NamedNode(SH + "NodeShape"), None)
            if isinstance(q.subject, ox.NamedNode)}, key=lambda n: n.value)
        shapes = [self.shape(n) for n in nodes]
        result = Shapes([s for s in shapes if s.targets], defaultdict(list), defaultdict(list), defaultdict(list))
        for node, shape in zip(nodes, shapes):
            for target in objects(self.store, node, SH + "targetClass"):
                result.by_class[target.value].append(shape)
            for target in objects(self.store, node, SH + "targetSubjectsOf"):
                result.by_subjects_of[target.value].append(shape)
            for constraint in shape.constraints:
                if constraint not in result.by_path[constraint.path.iri]:
                    result.by_path[constraint.path.iri].append(constraint)
        return result

    def shape(self, node: ox.NamedNode) -> Shape:
        targets = [Condition(words, tuple(self.known.ref(t) for t in objects(self.store, node, SH + key)))
                   for key, words in (("targetClass", "every instance of"),
                                      ("targetSubjectsOf", "everything that has a value of"))]
        targets = [t for t in targets if t.refs]
        constraints = sorted((self.constraint(node, p) for p in objects(self.store, node, SH + "property")),
                             key=lambda c: (c.path.label.casefold(), c.shape))
        return Shape(slug_of(node.value), self.text(node, RDFS + "comment"), self.text(node, SH + "message"),
                     tuple(targets), tuple(self.conditions(node)), tuple(constraints))

    def constraint(self, shape: Value, node: Value) -> Constraint:
        path = self.one(node, "path")
        name = slug_of(node.value) if isinstance(node, ox.NamedNode) else slug_of(shape.value)
        return Constraint(name, self.known.ref(path) if path is not None else Ref("(no path)"),
                          self.integer(node, "minCount"), self.integer(node, "maxCount"),
                          tuple(self.conditions(node)), self.text(node, SH + "message"))

    def conditions(self, node: Value) -> list[Condition]:
        """What a shape or an option of sh:or asks of its values, beyond the path and the counts."""
        if isinstance(node, ox.Literal):
            return []
        return [self.condition(q.predicate.value, q.object)
                for q in sorted(self.store.quads_for_pattern(node, None, None, None), key=str)
                if q.predicate.value not in SH_STRUCTURE and isinstance(q.object, Value)]

    def condition(self, predicate: str, value: Value) -> Condition:
        key = predicate.removeprefix(SH)
        simple = {"class": "an instance of", "datatype": "of datatype", "hasValue": "the value",
                  "lessThanOrEquals": "not greater than the value of"}
        if key in simple:
            return Condition(simple[key], (self.known.ref(value),))
        if key == "nodeKind":
            return Condition(SH_NODE_KINDS.get(slug_of(value.value), slug_of(value.value)))
        if key in ("minInclusive", "maxInclusive"):
            return Condition(f"{'no less' if key == 'minInclusive' else 'no more'} than {value.value}")
        if key == "pattern":
            return Condition(f"matching the pattern {value.value}")
        if key == "languageIn":
            return Condition("in language " + ", ".join(v.value for v in rdf_list(self.store, value)))
        if key == "in":
            return Condition("one of", tuple(self.known.ref(v) for v in rdf_list(self.store, value)))
        if key == "node":
            return Condition("conforming to: " + (self.text(value, RDFS + "comment") or slug_of(value.value)),
                             tuple(r for p in objects(self.store, value, SH + "property")
                                   for c in self.conditions(p) for r in c.refs))
        if key == "or":
            return self.alternatives(rdf_list(self.store, value))
        return Condition(shorten(predicate), (self.known.ref(value),))

    def alternatives(self, options: list[Value]) -> Condition:
        described = [self.conditions(o) for o in options]
        paths = [self.one(o, "path") for o in options]
        if all(len(d) == 1 and p is None for d, p in zip(described, paths)) \
                and len({d[0].text for d in described}) == 1:
            return Condition(described[0][0].text + " one of", tuple(r for d in described for r in d[0].refs))
        words = []
        for option, conditions, path in zip(options, described, paths):
            counted = count_words(self.integer(option, "minCount"), self.integer(option, "maxCount"))
            parts = [f"{counted} values" if counted else ""]
            parts += [c.plain() for c in conditions]
            text = ", ".join(p for p in parts if p)
            words.append(f"{self.known.ref(path).label}: {text}" if path is not None else text)
        return Condition("one of: " + "; or ".join(words))


def read_shapes(path: Path, known: Names) -> Shapes:
    """The shapes of ontology/shapes.ttl (none when the file is missing)."""
    store = ox.Store()
    if path.is_file():
        try:
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object)
                              for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        except SyntaxError as error:
            raise InputError.from_syntax_error(error, "invalid Turtle", path) from None
    return ShapeReader(store, known).read()


# ---------------------------------------------------------------------------------------------- the ontology

@dataclass(frozen=True)
class AppliedShape:
    shape: Shape
    inherited_from: Ref | None  # the super-class the shape targets, when not the class itself


@dataclass
class OntologyClass:
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
    ref: Ref
    anchor: str
    definition: str


@dataclass
class Scheme:
    ref: Ref
    anchor: str
    definition: str
    concepts: list[Concept]


@dataclass
class Ontology:
    iri: str
    title: str
    description: str
    version: str
    comment: str
    classes: list[OntologyClass]
    properties: list[OntologyProperty]
    schemes: list[Scheme]
    shape_count: int


PROPERTY_KINDS = {OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "datatype",
                  OWL + "AnnotationProperty": "annotation"}


class OntologyReader:
    """Reads the ontology graph, with the shapes that apply to each term."""

    def __init__(self, dataset: Dataset, known: Names, shapes: Shapes, entities: dict[str, EntitySummary],
                 ancestors: dict[str, list[str]]) -> None:
        self.known, self.shapes, self.ancestors = known, shapes, ancestors
        self.props: dict[str, dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
        for quad in dataset.quads([ONTOLOGY_GRAPH]):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, Value):
                self.props[quad.subject.value][quad.predicate.value].append(quad.object)
        self.members: dict[str, int] = defaultdict(int)
        for entity in entities.values():
            for above in {a for t in entity.types for a in ancestors.get(t, [t])}:
                self.members[above] += 1

    def values(self, iri: str, predicate: str) -> list[Value]:
        return self.props.get(iri, {}).get(predicate, [])

    def refs(self, iris: Iterable[str]) -> list[Ref]:
        return sorted((self.known.ref(i) for i in set(iris)), key=lambda r: r.label.casefold())

    def iri_values(self, iri: str, predicate: str) -> list[str]:
        return [v.value for v in self.values(iri, predicate) if isinstance(v, ox.NamedNode)]

    def definition(self, iri: str) -> str:
        return english(v for v in self.values(iri, SKOS + "definition") if isinstance(v, ox.Literal))

    def typed(self, *kinds: str) -> list[str]:
        return sorted((iri for iri, p in self.props.items()
                       if iri.startswith((SDKG, VOCAB)) and any(ox.NamedNode(k) in p.get(RDF + "type", [])
                                                                for k in kinds)),
                      key=lambda i: self.known.ref(i).label.casefold())

    def inverse(self, predicate: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for iri, p in self.props.items():
            for value in p.get(predicate, []):
                if isinstance(value, ox.NamedNode):
                    found[value.value].append(iri)
        return found

    def read(self) -> Ontology:
        node = next((i for i, p in self.props.items() if ox.NamedNode(OWL + "Ontology") in p.get(RDF + "type", [])),
                    SDKG.rstrip("#"))
        def text(predicate: str) -> str:
            return english(v for v in self.values(node, predicate) if isinstance(v, ox.Literal))

        return Ontology(node, text(DCTERMS + "title"), text(DCTERMS + "description"),
                        text(OWL + "versionInfo"), text(RDFS + "comment"), self.classes(), self.properties(),
                        self.schemes(), len(self.shapes.shapes))

    def classes(self) -> list[OntologyClass]:
        subs, domains, ranges = (self.inverse(RDFS + p) for p in ("subClassOf", "domain", "range"))
        result = []
        for iri in self.typed(OWL + "Class"):
            applied = [AppliedShape(s, None if above == iri else self.known.ref(above))
                       for above in self.ancestors.get(iri, [iri]) for s in self.shapes.by_class.get(above, [])]
            core = core_class([iri], self.ancestors)
            result.append(OntologyClass(
                self.known.ref(iri), term_anchor(iri), self.definition(iri),
                self.refs(self.iri_values(iri, RDFS + "subClassOf")), self.refs(subs.get(iri, [])),
                self.refs(domains.get(iri, [])), self.refs(ranges.get(iri, [])), applied, self.members[iri],
                Ref(PLURALS[core], class_index_page(core)) if self.members[iri] else None))
        return result

    def properties(self) -> list[OntologyProperty]:
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
        members = self.inverse(SKOS + "inScheme")
        return [Scheme(self.known.ref(s), term_anchor(s), self.definition(s),
                       [Concept(self.known.ref(c), term_anchor(c), self.definition(c))
                        for c in sorted(members.get(s, []), key=lambda c: self.known.ref(c).label.casefold())])
                for s in self.typed(SKOS + "ConceptScheme")]


# ---------------------------------------------------------------------------------------------- facts

@dataclass(frozen=True)
class Evidence:
    quote: str
    support: Ref
    comment: str

    @property
    def inferred(self) -> bool:
        return self.support.iri == VOCAB + "inferred"


@dataclass(frozen=True)
class Fact:
    """A triple of a document graph, with the evidence for it in that document."""

    graph: str
    subject: Ref
    predicate: Ref
    object: Ref
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class FactGroup:
    document: Ref
    facts: tuple[Fact, ...]


def evidence_index(dataset: Dataset, known: Names) -> dict[tuple[str, Term, Term, Term], list[Evidence]]:
    """Evidence records by (document, subject, predicate, object)."""
    rows = select(dataset.store, f"""SELECT ?doc ?s ?p ?o ?quote ?support ?comment WHERE {{
      GRAPH <{EVIDENCE_GRAPH}> {{
        ?ev a sdkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasQuotedFrom ?doc .
        OPTIONAL {{ ?ev sdkg:quote ?quote }} OPTIONAL {{ ?ev sdkg:support ?support }}
        OPTIONAL {{ ?ev rdfs:comment ?comment }} }} }} ORDER BY ?ev""")
    index: dict[tuple[str, Term, Term, Term], list[Evidence]] = defaultdict(list)
    for row in rows:
        evidence = Evidence(row["quote"].value if "quote" in row else "",
                            known.ref(row["support"]) if "support" in row else Ref(""),
                            row["comment"].value if "comment" in row else "")
        index[(row["doc"].value, row["s"], row["p"], row["o"])].append(evidence)
    return index


def read_facts(dataset: Dataset, known: Names, documents: dict[str, str]) -> list[Fact]:
    """Every triple of every document graph, with its evidence."""
    evidence = evidence_index(dataset, known)
    facts = []
    for graph, document in documents.items():
        for quad in dataset.quads([graph]):
            facts.append(Fact(graph, known.ref(quad.subject), known.ref(quad.predicate), known.ref(quad.object),
                              tuple(evidence.get((document, quad.subject, quad.predicate, quad.object), []))))
    return sorted(facts, key=lambda f: (f.graph, f.subject.label.casefold(), f.predicate.label,
                                        f.object.label.casefold()))


def group_by_document(facts: Iterable[Fact], known: Names) -> list[FactGroup]:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.graph].append(fact)
    return [FactGroup(known.ref(graph), tuple(groups[graph])) for graph in sorted(groups)]


# ---------------------------------------------------------------------------------------------- stored queries

Cell = list[Ref]  # one value, or the items of a list that the query joined


@dataclass
class QueryAnswer:
    name: str
    ref: Ref
    title: str
    question: str
    sparql: str
    federated: bool
    parameters: list[Parameter]
    variables: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    error: str = ""
    mentions: set[str] = field(default_factory=set)  # IRIs of the entities its answer names


def run_queries(dataset: Dataset, known: Names, entities: dict[str, EntitySummary]) -> list[QueryAnswer]:
    """Every stored query with its current answer on the embedded engine (federated ones are not run)."""
    label_of = {e.label: iri for iri, e in entities.items()}
    answers = []
    for query in stored_queries(dataset.tree.queries):
        answer = QueryAnswer(query.name, Ref(query.title, query_page(query.name)), query.title, query.question,
                             query.source.text, query.federated, query.parameters)
        answers.append(answer)
        if query.federated:
            continue
        try:
            results = query_embedded(dataset.store, query.text(), str(query.source.path))
        except InputError as error:
            answer.error = str(error)
            continue
        answer.variables = results.variables
        for row in results.rows:
            cells: list[Cell] = []
            for variable in results.variables:
                term = row.get(variable)
                if term is None:
                    cells.append([])
                elif term.kind == "uri":
                    cells.append([known.ref(term.value)])
                    if term.value in entities:
                        answer.mentions.add(term.value)
                else:
                    pieces = term.value.split(LIST_SEPARATOR) if term.value else [""]
                    cells.append([known.text_ref(p) for p in pieces])
                    answer.mentions.update(label_of[p] for p in pieces if p in label_of)
            answer.rows.append(cells)
    return answers


# ---------------------------------------------------------------------------------------------- pages

@dataclass(frozen=True)
class ExternalLink:
    """An identity link, with what the curators saw when they checked it. Shown as text: the site links to
    nothing outside itself."""

    relation: Ref
    target: str  # an IRI or a code
    notes: tuple[str, ...] = ()
    checked_at: tuple[str, ...] = ()  # addresses of the pages consulted


@dataclass
class Entity:
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


@dataclass
class Document:
    ref: Ref
    slug: str
    graph: str
    record: list[tuple[Ref, list[Ref]]]
    facts: list[Fact]
    entities: int  # distinct entities its facts mention

    @property
    def inferred(self) -> int:
        return sum(1 for f in self.facts if any(e.inferred for e in f.evidence))

    @property
    def evidenced(self) -> int:
        return sum(1 for f in self.facts if f.evidence)


@dataclass
class ClassIndex:
    name: str
    ref: Ref
    definition: str
    groups: list[tuple[Ref, list[Ref]]]  # most specific class -> its entities

    @property
    def count(self) -> int:
        return len({r.iri for _, refs in self.groups for r in refs})


def external_links(dataset: Dataset, known: Names) -> dict[str, list[ExternalLink]]:
    """The identity links of the links graph, by entity, with the link checks (sdkg:LinkCheck records that
    name the entity, the relation and the target as rdf:subject, rdf:predicate and rdf:object)."""
    values = " ".join(f"<{p}>" for p in LINK_PREDICATES)
    rows = select(dataset.store, f"""SELECT ?e ?p ?target ?note ?page WHERE {{ GRAPH <{LINKS_GRAPH}> {{
        ?e ?p ?target VALUES ?p {{ {values} }}
        OPTIONAL {{ ?check a sdkg:LinkCheck ; rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?target .
                   OPTIONAL {{ ?check sdkg:checkNote ?note }} OPTIONAL {{ ?check sdkg:checkedAgainst ?page }} }}
        FILTER(isIRI(?e)) }} }} ORDER BY ?e ?p ?target ?note ?page""")
    checks: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {}
    for row in rows:
        notes, pages = checks.setdefault((row["e"].value, row["p"].value, row["target"].value), ([], []))
        for found, key in ((notes, "note"), (pages, "page")):
            if key in row and row[key].value not in found:
                found.append(row[key].value)
    links: dict[str, list[ExternalLink]] = defaultdict(list)
    for (entity, predicate, target), (notes, pages) in checks.items():
        relation = known.ref(predicate)
        relation = Ref(LINK_NAMES.get(predicate, relation.label), relation.href, predicate)
        links[entity].append(ExternalLink(relation, target, tuple(notes), tuple(pages)))
    return links


def registry_statements(dataset: Dataset, known: Names, iri: str) -> list[tuple[Ref, Ref]]:
    node, graph = ox.NamedNode(iri), ox.NamedNode(ENTITIES_GRAPH)
    out = [(known.ref(q.predicate), known.ref(q.object)) for q in dataset.store.quads_for_pattern(node, None, None, graph)
           if q.predicate.value not in REGISTRY_SHOWN]
    out += [(Ref(f"narrower ({known.ref(q.predicate).label})" if q.predicate.value == SKOS + "broader"
                 else f"is {known.ref(q.predicate).label} of"), known.ref(q.subject))
            for q in dataset.store.quads_for_pattern(None, None, node, graph)]
    return sorted(out, key=lambda pair: (pair[0].label, pair[1].label.casefold()))


def build_entities(dataset: Dataset, known: Names, entities: dict[str, EntitySummary], facts: list[Fact],
                   answers: list[QueryAnswer]) -> list[Entity]:
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
            english(v for v in objects(dataset.store, node, SKOS + "definition", ENTITIES_GRAPH)
                    if isinstance(v, ox.Literal)),
            sorted({v.value for v in objects(dataset.store, node, SKOS + "altLabel", ENTITIES_GRAPH)}),
            registry_statements(dataset, known, iri),
            group_by_document(outgoing[iri], known), group_by_document(incoming[iri], known),
            links.get(iri, []), [a.ref for a in answers if iri in a.mentions],
            Ref(PLURALS[summary.core], class_index_page(summary.core))))
    return result


def build_documents(dataset: Dataset, known: Names, documents: dict[str, str], facts: list[Fact],
                    entities: dict[str, EntitySummary]) -> list[Document]:
    result = []
    for graph, iri in documents.items():
        record: dict[str, list[Ref]] = defaultdict(list)
        for quad in dataset.store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.NamedNode(METADATA_GRAPH)):
            value = quad.object
            shown = known.ref(value) if isinstance(value, ox.NamedNode) and not value.value.startswith(GRAPH) \
                else Ref(str(value) if isinstance(value, ox.Triple) else value.value)
            record[quad.predicate.value].append(shown)
        rows = [(Ref(RECORD_LABELS[p]) if p in RECORD_LABELS else known.ref(p),
                 sorted(refs, key=lambda r: r.label)) for p, refs in record.items()]
        own = [f for f in facts if f.graph == graph]
        mentioned = {r.iri for f in own for r in (f.subject, f.object) if r.iri in entities}
        result.append(Document(known.ref(iri), slug_of(iri), graph,
                               sorted(rows, key=lambda r: (r[0].label != "Title", r[0].label)), own, len(mentioned)))
    return result


def build_indexes(known: Names, entities: dict[str, EntitySummary], definitions: dict[str, str]) -> list[ClassIndex]:
    result = []
    for name in (*CORE_CLASSES, OTHER):
        groups: dict[str, list[Ref]] = defaultdict(list)
        for entity in entities.values():
            if entity.core == name:
                for kind in entity.types:
                    groups[kind].append(known.ref(entity.iri))
        ordered = sorted(groups.items(), key=lambda g: (g[0] != SDKG + name, known.ref(g[0]).label.casefold()))
        result.append(ClassIndex(name, Ref(PLURALS[name], class_index_page(name)),
                                 definitions.get(SDKG + name, ""),
                                 [(known.ref(kind), refs) for kind, refs in ordered]))
    return result


@dataclass
class Site:
    """Everything the pages show."""

    title: str
    description: str
    version: str
    licence: str
    ontology: Ontology
    entities: list[Entity]
    documents: list[Document]
    queries: list[QueryAnswer]
    indexes: list[ClassIndex]
    fact_count: int
    graph_sizes: list[tuple[str, int]]


def gather(dataset: Dataset) -> Site:
    """Read everything the site shows from the dataset, the shapes and the stored queries."""
    entities = registry(dataset)
    documents = documents_by_graph(dataset)
    known = names(dataset, entities, documents)
    shapes = read_shapes(dataset.tree.shapes, known)
    ontology = OntologyReader(dataset, known, shapes, entities, class_ancestors(dataset)).read()
    facts = read_facts(dataset, known, documents)
    answers = run_queries(dataset, known, entities)
    dataset_node = ox.NamedNode(RESOURCE + "dataset")

    def meta(predicate: str) -> str:
        return english(v for v in objects(dataset.store, dataset_node, predicate, METADATA_GRAPH)
                       if isinstance(v, ox.Literal))

    licence = objects(dataset.store, dataset_node, DCTERMS + "license", METADATA_GRAPH)
    definitions = {c.ref.iri: c.definition for c in ontology.classes}
    return Site(meta(DCTERMS + "title") or "Science Diplomacy Knowledge Graph", meta(DCTERMS + "description"),
                meta(OWL + "versionInfo") or ontology.version, licence[0].value if licence else "", ontology,
                build_entities(dataset, known, entities, facts, answers),
                build_documents(dataset, known, documents, facts, entities), answers,
                build_indexes(known, entities, definitions), len(facts),
                [(shorten(g), dataset.triple_count(g)) for g in dataset.graphs])
