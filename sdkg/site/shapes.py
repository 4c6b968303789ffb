"""The SHACL shapes, in words: what each shape targets and what its constraints ask of the values."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.namespaces import RDF, RDFS, SH, shorten
from sdkg.site.names import Names, Ref, slug_of
from sdkg.site.rdf import Value, objects, rdf_list, text_of

SH_NODE_KINDS = {"IRI": "an IRI", "Literal": "a literal", "BlankNode": "a blank node",
                 "BlankNodeOrIRI": "an IRI or a blank node", "IRIOrLiteral": "an IRI or a literal"}
SH_STRUCTURE = {RDF + "type", SH + "path", SH + "message", SH + "minCount", SH + "maxCount", SH + "property",
                SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf", SH + "targetNode",
                RDFS + "comment", RDFS + "label", SH + "name", SH + "description", SH + "severity"}


@dataclass(frozen=True)
class Condition:
    """One condition of a constraint, in words, followed by the things it names."""

    text: str
    refs: tuple[Ref, ...] = ()

    def plain(self) -> str:
        """The condition as plain text, with the labels of the things it names."""
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
        """How many values the constraint allows, in words."""
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
    """The shapes that target something, and every shape and constraint by what it applies to."""

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


class ShapeReader:
    """Reads the shapes graph into `Shapes`, naming the things the constraints mention."""

    def __init__(self, store: ox.Store, known: Names) -> None:
        self.store, self.known = store, known

    def one(self, node: Value, key: str) -> Value | None:
        """The value of a SHACL parameter (`key` without the sh: namespace), if any."""
        values = objects(self.store, node, SH + key)
        return values[0] if values else None

    def integer(self, node: Value, predicate: str) -> int | None:
        """The whole number a SHACL parameter holds, if any."""
        value = self.one(node, predicate)
        return int(value.value) if isinstance(value, ox.Literal) else None

    def read(self) -> Shapes:
        """Every node shape of the store, indexed by what it applies to."""
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
        """One node shape."""
        targets = [Condition(words, tuple(self.known.ref(t) for t in objects(self.store, node, SH + key)))
                   for key, words in (("targetClass", "every instance of"),
                                      ("targetSubjectsOf", "everything that has a value of"))]
        targets = [t for t in targets if t.refs]
        constraints = sorted((self.constraint(node, p) for p in objects(self.store, node, SH + "property")),
                             key=lambda c: (c.path.label.casefold(), c.shape))
        return Shape(slug_of(node.value), text_of(self.store, node, RDFS + "comment"),
                     text_of(self.store, node, SH + "message"), tuple(targets), tuple(self.conditions(node)),
                     tuple(constraints))

    def constraint(self, shape: Value, node: Value) -> Constraint:
        """One property constraint of a shape."""
        path = self.one(node, "path")
        name = slug_of(node.value) if isinstance(node, ox.NamedNode) else slug_of(shape.value)
        return Constraint(name, self.known.ref(path) if path is not None else Ref("(no path)"),
                          self.integer(node, "minCount"), self.integer(node, "maxCount"),
                          tuple(self.conditions(node)), text_of(self.store, node, SH + "message"))

    def conditions(self, node: Value) -> list[Condition]:
        """What a shape or an option of sh:or asks of its values, beyond the path and the counts."""
        if isinstance(node, ox.Literal):
            return []
        return [self.condition(q.predicate.value, q.object)
                for q in sorted(self.store.quads_for_pattern(node, None, None, None), key=str)
                if q.predicate.value not in SH_STRUCTURE and isinstance(q.object, Value)]

    def condition(self, predicate: str, value: Value) -> Condition:
        """One SHACL parameter and its value, in words."""
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
            return Condition("conforming to: " + (text_of(self.store, value, RDFS + "comment")
                                                  or slug_of(value.value)),
                             tuple(r for p in objects(self.store, value, SH + "property")
                                   for c in self.conditions(p) for r in c.refs))
        if key == "or":
            return self.alternatives(rdf_list(self.store, value))
        return Condition(shorten(predicate), (self.known.ref(value),))

    def alternatives(self, options: list[Value]) -> Condition:
        """The options of an sh:or, in words."""
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
