"""Find with SPARQL, on the store, every focus node that might violate the SHACL shapes.

pyshacl validates about 30k triples a second: a million triples take half a minute, and most nodes conform.
Whether a node conforms to our shapes depends only on its own statements, on the types of the nodes it points
to, and (through sh:node and sh:or) on the statements of those nodes. So the SHACL check works in two steps:

1. SPARQL queries on pyoxigraph, one per shape and kind of constraint, find the focus nodes that might violate a
   shape. They are exact for cardinality, sh:class, sh:nodeKind, sh:in, sh:hasValue, sh:datatype, sh:node and
   sh:or; the lexical constraints (sh:pattern, lengths, ranges, sh:languageIn, sh:lessThanOrEquals, ill-typed
   literals) are checked in Python on the values the queries return, as pyshacl checks them or more strictly.
   A node they pass is certain to conform; a node they flag may or may not.
2. pyshacl validates the flagged nodes, and a bounded sample of the others, on the part of the graph that their
   validation reads (their statements, those of the nodes they point to, the class hierarchy). Its results are
   the report: messages, values and shapes are pyshacl's own.

Should pyshacl find a violation at a sampled node that no query flagged, the queries would be shown incomplete,
and the caller validates the whole graph with pyshacl. So does a shapes graph that uses SHACL features outside
those above: `compile_shapes` raises `Unsupported`.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from datetime import date, datetime, time
from typing import Final

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from sdkg.dataset.convert import to_rdflib_term

SUPPORTED: Final = frozenset(SH[name] for name in (
    "targetClass", "targetSubjectsOf", "targetNode", "property", "path", "or", "node", "class", "datatype",
    "nodeKind", "minCount", "maxCount", "pattern", "flags", "languageIn", "in", "hasValue", "minInclusive",
    "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength", "lessThanOrEquals", "lessThan",
    "message", "name", "description", "order", "group"))
SHAPE_TYPES: Final = (SH.NodeShape, SH.PropertyShape)
LEXICAL: Final = (SH.pattern, SH.minLength, SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
                  SH.maxExclusive)
STRINGS: Final = (XSD.string, RDF.langString)
INTEGER: Final = re.compile(r"^[+-]?[0-9]+$")
SUBCLASS_PAIRS: Final = f"SELECT DISTINCT ?sub ?super WHERE {{ GRAPH ?g {{ ?sub <{RDFS.subClassOf}> ?super }} }}"
NODE_KINDS: Final = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
# Lexical forms that rdflib certainly reads as well-typed values of these datatypes (a strict subset of the
# valid ones): a nested shape (sh:or of datatypes) is only taken as met when the value matches.
CERTAINLY_VALID: Final = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?[0-9]+(\\.[0-9]+)?$",
    XSD.boolean: r"^(true|false)$",
    XSD.date: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    XSD.gYearMonth: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$",
    XSD.gYear: r"^[1-9][0-9]{3}$",
}
PYTHON_TYPES: Final = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
                       XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time,
                       XSD.dateTime: datetime}


class Unsupported(Exception):
    """The shapes use a SHACL feature the queries do not cover: validate the whole graph with pyshacl."""


Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class ValueCheck:
    """Values of one path at the focus nodes of a shape, checked in Python (lexical constraints)."""

    shape: rdflib.term.Node
    query: str  # SELECT ?f ?v (and ?w for a pair constraint)
    test: Callable[[Term, Term | None], bool]  # True when the value certainly conforms
    pair: bool = False


@dataclass
class Plan:
    """The queries that find the focus nodes that might violate the shapes, and what pyshacl then needs."""

    flag_queries: list[str] = field(default_factory=list)  # SELECT DISTINCT ?f: nodes that might violate
    value_checks: list[ValueCheck] = field(default_factory=list)
    sample_queries: list[str] = field(default_factory=list)  # SELECT DISTINCT ?f: some focus nodes of each shape
    reads: dict[int, set[str]] = field(default_factory=dict)  # steps from a focus node -> predicates read there


def sparql_term(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        return node.n3()
    raise Unsupported(f"a blank node where the queries need an IRI or a literal: {node}")


def items(shapes: rdflib.Graph, head: rdflib.term.Node | None) -> list[rdflib.term.Node]:
    if head is None:
        return []
    try:
        return list(shapes.items(head))
    except Exception as error:  # a malformed list: let pyshacl report it
        raise Unsupported(f"malformed RDF list: {error}") from None


class Compiler:
    """Turns the shapes into SPARQL; `closure` gives a class and its subclasses in the data."""

    def __init__(self, shapes: rdflib.Graph, subclasses: dict[str, set[str]], sample: int) -> None:
        self.shapes = shapes
        self.subclasses = subclasses
        self.sample = sample
        self.count = 0
        self.reads: dict[int, set[str]] = defaultdict(set)  # beyond the focus node: what validation reads

    def read(self, level: int, predicate: str) -> None:
        if level > 0:
            self.reads[level].add(predicate)

    def var(self, stem: str = "x") -> str:
        self.count += 1
        return f"?{stem}{self.count}"

    def graph(self) -> str:
        return self.var("g")

    # -- class membership ----------------------------------------------------------------------------

    def closure(self, cls: rdflib.term.Node) -> list[str]:
        if not isinstance(cls, rdflib.URIRef):
            raise Unsupported(f"sh:class or sh:targetClass with a blank node: {cls}")
        found, todo = {str(cls)}, [str(cls)]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        if any(c.startswith("_:") for c in found):
            raise Unsupported(f"a blank node in the class hierarchy under {cls}")
        return sorted(found)

    def instance_of(self, v: str, cls: rdflib.term.Node, level: int) -> str:
        self.read(level, str(RDF.type))
        c = self.var("c")
        classes = ", ".join(f"<{x}>" for x in self.closure(cls))
        return f"EXISTS {{ GRAPH {self.graph()} {{ {v} <{RDF.type}> {c} }} FILTER({c} IN ({classes})) }}"

    # -- exact conformance of a node to a shape (for sh:node and sh:or) ------------------------------------

    def values(self, shape: rdflib.term.Node, predicate: rdflib.URIRef) -> list[rdflib.term.Node]:
        return list(self.shapes.objects(shape, predicate))

    def path(self, shape: rdflib.term.Node) -> str:
        path = self.shapes.value(shape, SH.path)
        if not isinstance(path, rdflib.URIRef):
            raise Unsupported(f"a path that is not one IRI in {shape}")
        return f"<{path}>"

    def at_least(self, x: str, path: str, n: int) -> str:
        """x has at least n distinct values of path."""
        if n <= 0:
            return "true"
        if n > 3:
            raise Unsupported("a cardinality above 3 in a nested shape or a count query")
        ys = [self.var("y") for _ in range(n)]
        patterns = " ".join(f"GRAPH {self.graph()} {{ {x} {path} {y} }}" for y in ys)
        distinct = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(ys) for b in ys[i + 1:])
        return f"EXISTS {{ {patterns} {f'FILTER({distinct})' if distinct else ''} }}"

    def value_test(self, shape: rdflib.term.Node, v: str, level: int, nested: bool = False) -> str:
        """The test of one value node against the value-level constraints of a shape: exact, but for the
        lexical form of typed literals, which is left to Python at the top level and, in a nested shape
        (`nested`), only taken as valid when it certainly is."""
        parts = [self.instance_of(v, c, level) for c in self.values(shape, SH["class"])]
        for kind in self.values(shape, SH.nodeKind):
            if kind not in NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {kind}")
            parts.append(NODE_KINDS[kind].format(v=v))
        for head in self.values(shape, SH["in"]):
            members = items(self.shapes, head)
            parts.append("(" + (" || ".join(f"sameTerm({v}, {sparql_term(m)})" for m in members) or "false") + ")")
        for head in self.values(shape, SH.languageIn):  # pyshacl: the tag, or its first part, is listed
            allowed = sorted({str(item).lower() for item in items(self.shapes, head)})
            if "*" in allowed:
                parts.append(f"(isLiteral({v}) && LANG({v}) != \"\")")
            else:
                listed = ", ".join(rdflib.Literal(a).n3() for a in allowed) or '""'
                parts.append(f"(isLiteral({v}) && LANG({v}) != \"\" && (LCASE(LANG({v})) IN ({listed}) || "
                             f"LCASE(STRBEFORE(LANG({v}), \"-\")) IN ({listed})))")
        for datatype in self.values(shape, SH.datatype):
            parts.append(self.datatype_test(v, datatype, nested))
        for node in self.values(shape, SH.node):
            parts.append(self.conforms(node, v, level))
        for head in self.values(shape, SH["or"]):
            parts.append("(" + (" || ".join(self.conforms(alt, v, level) for alt in items(self.shapes, head))
                                or "false") + ")")
        return " && ".join(parts) or "true"

    def datatype_test(self, v: str, datatype: rdflib.term.Node, nested: bool) -> str:
        """The literal's datatype is the one required; in a nested shape, its lexical form certainly valid too."""
        if not isinstance(datatype, rdflib.URIRef):
            raise Unsupported(f"sh:datatype {datatype}")
        if datatype == RDF.langString:
            return f"(isLiteral({v}) && LANG({v}) != \"\")"
        test = f"isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) = <{datatype}>"
        if nested and datatype != XSD.string:
            if datatype not in CERTAINLY_VALID:
                return "false"
            test += f" && REGEX(STR({v}), \"{CERTAINLY_VALID[datatype]}\")"
        return f"({test})"

    def conforms(self, shape: rdflib.term.Node, x: str, level: int) -> str:
        """Exactly whether node x conforms to a shape used through sh:node or sh:or (x at `level` steps)."""
        if next(iter(self.shapes.objects(shape, None)), None) is None:
            return "true"  # a shape with no constraint: every node conforms
        for predicate in (*LEXICAL, SH.lessThan, SH.lessThanOrEquals):
            if self.values(shape, predicate):
                raise Unsupported(f"a lexical constraint in a shape used through sh:node or sh:or: {shape}")
        if self.shapes.value(shape, SH.path) is not None:
            return self.property_conforms(shape, x, level, nested=True)
        parts = [self.value_test(shape, x, level, nested=True)]
        parts += [f"sameTerm({x}, {sparql_term(h)})" for h in self.values(shape, SH.hasValue)]
        parts += [self.property_conforms(p, x, level, nested=True) for p in self.values(shape, SH.property)]
        return "(" + " && ".join(parts) + ")"

    def property_conforms(self, shape: rdflib.term.Node, x: str, level: int, nested: bool = False) -> str:
        path = self.path(shape)
        self.read(level, path[1:-1])
        parts = []
        for n in self.values(shape, SH.minCount):
            parts.append(self.at_least(x, path, int(n)))
        for n in self.values(shape, SH.maxCount):
            parts.append(f"!({self.at_least(x, path, int(n) + 1)})")
        for h in self.values(shape, SH.hasValue):
            parts.append(f"EXISTS {{ GRAPH {self.graph()} {{ {x} {path} {sparql_term(h)} }} }}")
        y = self.var("y")
        test = self.value_test(shape, y, level + 1, nested)
        if test != "true":
            parts.append(f"NOT EXISTS {{ GRAPH {self.graph()} {{ {x} {path} {y} }} FILTER(!COALESCE({test}, false)) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # -- queries for the shapes with targets ---------------------------------------------------------------

    def targets(self, shape: rdflib.term.Node) -> str:
        branches = []
        for cls in self.values(shape, SH.targetClass):
            classes = " ".join(f"<{c}>" for c in self.closure(cls))
            branches.append(f"{{ GRAPH ?tg {{ ?f <{RDF.type}> ?tc }} VALUES ?tc {{ {classes} }} }}")
        for predicate in self.values(shape, SH.targetSubjectsOf):
            if not isinstance(predicate, rdflib.URIRef):
                raise Unsupported(f"sh:targetSubjectsOf {predicate}")
            branches.append(f"{{ GRAPH ?tg {{ ?f <{predicate}> ?to }} }}")
        for node in self.values(shape, SH.targetNode):
            branches.append(f"{{ VALUES ?f {{ {sparql_term(node)} }} }}")
        return "{ SELECT DISTINCT ?f WHERE { " + " UNION ".join(branches) + " } }"

    def plan(self, plan: Plan, shape: rdflib.term.Node) -> None:
        """The queries for one shape with targets."""
        target = self.targets(shape)
        plan.sample_queries.append(f"SELECT ?f WHERE {{ {target} }} LIMIT {self.sample}")
        tests: list[str] = []
        if self.shapes.value(shape, SH.path) is not None:
            self.plan_property(plan, shape, target, tests)
        else:
            self.plan_node(plan, shape, target, tests)
        if tests:  # one scan of the focus nodes; an error in a test flags the node: the queries never miss one
            failing = " || ".join(f"!COALESCE({test}, false)" for test in tests)
            plan.flag_queries.append(f"SELECT DISTINCT ?f WHERE {{ {target} FILTER({failing}) }}")

    def plan_node(self, plan: Plan, shape: rdflib.term.Node, target: str, tests: list[str]) -> None:
        for predicate in (*LEXICAL, SH.lessThan, SH.lessThanOrEquals):
            if self.values(shape, predicate):
                raise Unsupported(f"a lexical constraint on the focus node itself: {shape}")
        if any(t for t in self.values(shape, SH.datatype) if t not in STRINGS):
            raise Unsupported(f"sh:datatype on the focus node itself: {shape}")
        test = self.value_test(shape, "?f", 0)
        test += "".join(f" && sameTerm(?f, {sparql_term(h)})" for h in self.values(shape, SH.hasValue))
        if test != "true":
            tests.append(test)
        for prop in self.values(shape, SH.property):
            self.plan_property(plan, prop, target, tests)

    def plan_property(self, plan: Plan, shape: rdflib.term.Node, target: str, tests: list[str]) -> None:
        path = self.path(shape)
        if self.values(shape, SH.property):
            raise Unsupported(f"sh:property inside a property shape: {shape}")
        structure = self.property_conforms(shape, "?f", 0)
        if structure != "(true)":
            tests.append(structure)
        test = lexical_test(self.shapes, shape)
        if test is not None:
            plan.value_checks.append(ValueCheck(shape, f"SELECT DISTINCT ?f ?v WHERE {{ {target} "
                                                       f"GRAPH ?vg {{ ?f {path} ?v }} }}", test))
        for predicate, strict in ((SH.lessThanOrEquals, False), (SH.lessThan, True)):
            for other in self.values(shape, predicate):
                if not isinstance(other, rdflib.URIRef):
                    raise Unsupported(f"{predicate} {other}")
                plan.value_checks.append(ValueCheck(
                    shape, f"SELECT DISTINCT ?f ?v ?w WHERE {{ {target} GRAPH ?vg {{ ?f {path} ?v }} "
                           f"GRAPH ?wg {{ ?f <{other}> ?w }} }}", pair_test(strict), pair=True))


# -- lexical constraints, checked in Python ----------------------------------------------------------------

def lexical_text(value: Term) -> str:
    """The string pyshacl tests lexical constraints on: a literal's lexical form, an IRI."""
    return value.value


def lexical_test(shapes: rdflib.Graph, shape: rdflib.term.Node) -> Callable[[Term, Term | None], bool] | None:
    """A test that passes a value only if it certainly meets the shape's lexical constraints; None if none."""
    tests: list[Callable[[Term], bool]] = []
    flags = shapes.value(shape, SH.flags)
    re_flags = 0
    if flags is not None:
        text = str(flags).lower()
        re_flags = (re.I if "i" in text else 0) | (re.M if "m" in text else 0)
    for pattern in shapes.objects(shape, SH.pattern):
        compiled = re.compile(str(pattern), re_flags)
        tests.append(lambda v, c=compiled: not isinstance(v, ox.BlankNode) and c.search(lexical_text(v)) is not None)
    for bound in shapes.objects(shape, SH.minLength):
        tests.append(lambda v, n=int(bound): not isinstance(v, ox.BlankNode) and len(lexical_text(v)) >= n)
    for bound in shapes.objects(shape, SH.maxLength):
        tests.append(lambda v, n=int(bound): not isinstance(v, ox.BlankNode) and len(lexical_text(v)) <= n)
    for predicate, compare in ((SH.minInclusive, lambda v, b: v >= b), (SH.maxInclusive, lambda v, b: v <= b),
                               (SH.minExclusive, lambda v, b: v > b), (SH.maxExclusive, lambda v, b: v < b)):
        for bound in shapes.objects(shape, predicate):
            limit = integer_of(bound)
            if limit is None:
                tests.append(lambda v: False)  # a bound we do not compare here: pyshacl decides
            else:
                tests.append(lambda v, b=limit, c=compare: (n := integer_value(v)) is not None and c(n, b))
    for datatype in shapes.objects(shape, SH.datatype):
        if datatype not in STRINGS:  # the datatype itself is checked by the queries, its lexical form here
            tests.append(lambda v, d=datatype: well_typed(v, d))
    if not tests:
        return None
    return lambda v, _: all(test(v) for test in tests)


def integer_of(node: rdflib.term.Node) -> int | None:
    if isinstance(node, rdflib.Literal) and node.datatype == XSD.integer and INTEGER.match(str(node)):
        return int(str(node))
    return None


def integer_value(value: Term) -> int | None:
    """The value of an xsd:integer literal of plain digits; None for anything else."""
    if isinstance(value, ox.Literal) and value.datatype.value == str(XSD.integer) and INTEGER.match(value.value):
        return int(value.value)
    return None


def well_typed(value: Term, datatype: rdflib.term.Node) -> bool:
    """pyshacl's test of a literal of the required datatype: rdflib does not find it ill typed, and its Python
    value has the expected type (other datatypes pass). Other values are caught by the queries."""
    if not isinstance(value, ox.Literal) or value.datatype.value != str(datatype):
        return True
    literal = to_rdflib_term(value)
    if getattr(literal, "ill_typed", None) is True:
        return False
    expected = PYTHON_TYPES.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def pair_test(strict: bool) -> Callable[[Term, Term | None], bool]:
    def test(v: Term, w: Term | None) -> bool:
        a, b = integer_value(v), integer_value(w) if w is not None else None
        return a is not None and b is not None and (a < b if strict else a <= b)
    return test


# -- the whole search ----------------------------------------------------------------------------------------

def check_supported(shapes: rdflib.Graph) -> None:
    for predicate in set(shapes.predicates()):
        if str(predicate).startswith(str(SH)) and predicate not in SUPPORTED:
            raise Unsupported(f"{predicate}")
    for shape_type in SHAPE_TYPES:
        for shape in shapes.subjects(RDF.type, shape_type):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
                raise Unsupported(f"a shape that is also a class (implicit target): {shape}")


def subclass_index(store: ox.Store) -> dict[str, set[str]]:
    """Class -> its direct subclasses, from every graph (SHACL sees the union)."""
    index: dict[str, set[str]] = defaultdict(set)
    solutions = store.query(SUBCLASS_PAIRS)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        sub, sup = row["sub"], row["super"]
        index[node_id(sup)].add(node_id(sub))
    return index


def node_id(term: Term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def compile_shapes(shapes: rdflib.Graph, store: ox.Store, sample: int) -> Plan:
    """The queries for every shape with targets; `Unsupported` when some feature is not covered."""
    check_supported(shapes)
    compiler = Compiler(shapes, subclass_index(store), sample)
    plan = Plan()
    targeted = set()
    for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode):
        targeted |= set(shapes.subjects(predicate, None))
    for shape in sorted(targeted, key=str):
        if not isinstance(shape, rdflib.URIRef | rdflib.BNode):
            continue
        compiler.plan(plan, shape)
    plan.reads = dict(compiler.reads)
    return plan


def focus_rows(store: ox.Store, query: str) -> Iterable[ox.QuerySolution]:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def flagged_by_query(store: ox.Store, query: str) -> set[Term]:
    return {row[0] for row in focus_rows(store, query)}


def flagged_by_check(store: ox.Store, check: ValueCheck) -> set[Term]:
    flagged = set()
    for row in focus_rows(store, check.query):
        if row[0] not in flagged and not check.test(row[1], row[2] if check.pair else None):
            flagged.add(row[0])
    return flagged


def neighbourhood(store: ox.Store, focus: Iterable[Term], reads: dict[int, set[str]]) -> set[ox.Triple]:
    """What validating the focus nodes reads: all their statements; of the nodes they point to (and so on),
    the statements the shapes look at there; and the class hierarchy."""
    triples: set[ox.Triple] = set()
    level = {f for f in focus if not isinstance(f, ox.Literal)}
    for quad in (q for node in level for q in store.quads_for_pattern(node, None, None, None)):
        triples.add(quad.triple)
    seen = set(level)
    for step in range(1, max(reads, default=0) + 1):
        level = {t.object for t in triples if not isinstance(t.object, ox.Literal)} - seen
        seen |= level
        predicates = [ox.NamedNode(p) for p in sorted(reads.get(step, ()))]
        for node in level:
            for predicate in predicates:
                triples.update(q.triple for q in store.quads_for_pattern(node, predicate, None, None))
    triples.update(q.triple for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.subClassOf)), None, None))
    return triples
