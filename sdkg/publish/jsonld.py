"""JSON-LD of the whole dataset, compacted with our published context, in a stable order.

The document is the one rdflib's JSON-LD serializer writes when asked to compact with our context (IRIs as
prefixed names, one object per named graph, a node object per subject, RDF lists as @list, integers and
booleans as JSON values), with every set-valued array sorted. rdflib needs a graph of Python objects and
minutes for a million triples, so the document is built here straight from the quads, following rdflib's
rules and using its own context object for the compact IRIs. Where rdflib's result would depend on more
than those rules (a property IRI that is itself a context term, an RDF list it reads in its own way, a
value whose order among others changes what rdflib keeps), rdflib writes the document, as before:
`to_jsonld_rdflib` is that path, and the reference the tests compare with.
"""

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
import rdflib

from sdkg.dataset.convert import to_rdflib_term
from sdkg.namespaces import PREFIXES, RDF, XSD

CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))
RDF_TYPE, RDF_FIRST, RDF_REST = RDF + "type", RDF + "first", RDF + "rest"
RDF_NIL, RDF_LIST = RDF + "nil", RDF + "List"
XSD_STRING = XSD + "string"
NATIVE = frozenset({XSD + "boolean", XSD + "integer", XSD + "double"})  # rdflib writes these as JSON values

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def context_document() -> str:
    """The context file users reference: our prefixes as JSON-LD term definitions."""
    return json.dumps({"@context": CONTEXT}, indent=2, ensure_ascii=False) + "\n"


def to_jsonld(quads: list[ox.Quad]) -> str:
    """The quads as one JSON-LD document with named graphs, sorted so equal input gives equal text."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            return to_jsonld_rdflib(quads)
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    writer = JsonLdWriter()
    try:
        for name, graph_quads in by_graph.items():
            writer.add_graph(name, graph_quads)
    except RdflibNeeded:
        return to_jsonld_rdflib(quads)
    return writer.text()


def to_jsonld_rdflib(quads: list[ox.Quad]) -> str:
    """The same document, written by rdflib's serializer (slow; the reference)."""
    return dump(rdflib_document(quads))


def dump(document: Any) -> str:
    return json.dumps(_sorted(document), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def rdflib_document(quads: list[ox.Quad]) -> Any:
    dataset = rdflib.Dataset()
    for quad in quads:
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
    return json.loads(dataset.serialize(format="json-ld", context=CONTEXT, auto_compact=True))


class RdflibNeeded(Exception):
    """The quads hold something whose JSON-LD is left to rdflib."""


@lru_cache(maxsize=1)
def rdflib_context() -> Any:
    from rdflib.plugins.shared.jsonld.context import Context

    return Context(CONTEXT)


class Compactor:
    """rdflib's compaction rules (rdflib.plugins.serializers.jsonld.Converter), for quads given in any order."""

    def __init__(self) -> None:
        self.context = rdflib_context()
        self.shrink = lru_cache(maxsize=None)(self.context.shrink_iri)
        self.symbol = lru_cache(maxsize=None)(self.context.to_symbol)
        self.term_ids = {term.id for term in self.context.terms.values()}
        self.keys: dict[str, str] = {}

    def key(self, predicate: str) -> str:
        """The key of a property in node objects; RdflibNeeded when the property is itself a context term
        (rdflib then applies the term's definition)."""
        key = self.keys.get(predicate)
        if key is None:
            if predicate in self.term_ids:
                raise RdflibNeeded(f"the property {predicate} is a term of the context")
            key = self.keys[predicate] = "@type" if predicate == RDF_TYPE else self.symbol(predicate)
        return key


class GraphCompactor:
    """The node objects of one named graph."""

    def __init__(self, compactor: Compactor, statements: dict[Term, list[tuple[str, Term]]],
                 firsts: set[Term]) -> None:
        self.c = compactor
        self.statements = statements
        self.firsts = firsts  # nodes with an rdf:first
        self.objects = {o for pairs in statements.values() for _, o in pairs if isinstance(o, ox.BlankNode)}
        self.nodemap: dict[str, dict[str, Any]] = {}

    def nodes(self) -> list[dict[str, Any]]:
        for subject in self.statements:
            if isinstance(subject, ox.NamedNode) or subject not in self.objects:
                self.process(subject)
        return list(self.nodemap.values())

    def process(self, subject: Term) -> None:
        node_id = self.c.shrink(subject.value) if type(subject) is ox.NamedNode else f"_:{subject.value}"
        if node_id in self.nodemap:
            return
        node: dict[str, Any] = {"@id": node_id}
        self.nodemap[node_id] = node
        keys, key_of, raw, symbol = self.c.keys, self.c.key, self.raw, self.c.symbol
        for predicate, obj in self.statements.get(subject, ()):
            key = keys.get(predicate) or key_of(predicate)
            if key == "@type" and type(obj) is ox.NamedNode:
                value = symbol(obj.value)
            else:
                value = raw(obj)
            existing = node.get(key)
            if existing:
                if type(existing) is list:
                    existing.append(value)
                else:
                    node[key] = [existing, value]
            elif existing is not None:  # rdflib replaces a false-like value: which survives depends on its order
                raise RdflibNeeded("a value that rdflib would replace")
            else:
                node[key] = value

    def first_of(self, node: Term) -> list[Term]:
        if node not in self.firsts:
            return []
        return [o for p, o in self.statements.get(node, ()) if p == RDF_FIRST]

    def raw(self, obj: Term) -> Any:
        if type(obj) is ox.NamedNode:
            if obj.value == RDF_NIL or obj in self.firsts:
                items = self.collection(obj)
                if items is not None:
                    return {"@list": [self.raw(item) for item in items]}
            return {"@id": self.c.shrink(obj.value)}
        if type(obj) is ox.BlankNode:
            if obj in self.firsts:
                items = self.collection(obj)
                if items is not None:
                    return {"@list": [self.raw(item) for item in items]}
            self.process(obj)
            return {"@id": f"_:{obj.value}"}
        if obj.language:
            return {"@language": obj.language, "@value": obj.value}
        datatype = obj.datatype.value
        if datatype == XSD_STRING:
            return obj.value
        if datatype in NATIVE:
            native = to_rdflib_term(obj).toPython()
            return str(native) if isinstance(native, rdflib.Literal) else native
        return {"@type": self.c.symbol(datatype), "@value": obj.value}

    def collection(self, head: Term) -> list[Term] | None:
        """The members of the RDF list starting at `head`, as rdflib reads lists; None when it is no list."""
        nil = isinstance(head, ox.NamedNode) and head.value == RDF_NIL
        if not nil:
            firsts = self.first_of(head)
            if not firsts:
                return None
            if any(isinstance(f, ox.Literal) for f in firsts):
                raise RdflibNeeded("a list of literals")
        items: list[Term] = []
        chain, node = {head}, head
        while True:
            if isinstance(node, ox.NamedNode) and node.value == RDF_NIL:
                return items
            if isinstance(node, ox.NamedNode):
                return None
            first = rest = None
            for predicate, value in self.statements.get(node, ()):
                if first is None and predicate == RDF_FIRST:
                    first = value
                elif rest is None and predicate == RDF_REST:
                    rest = value
                elif predicate != RDF_TYPE or not (isinstance(value, ox.NamedNode) and value.value == RDF_LIST):
                    return None
            if first is None or isinstance(first, ox.Literal):
                raise RdflibNeeded("a list node without a member, or with a literal member")
            items.append(first)
            if rest is None or rest in chain:
                return None
            chain.add(rest)
            node = rest


class JsonLdWriter:
    """The JSON-LD document, one named graph at a time (each graph's quads in any order, graphs in any order);
    the graph objects are put in order at the end, by their compact JSON, as rdflib's document is sorted."""

    def __init__(self) -> None:
        self.compactor = Compactor()
        self.graphs: list[dict[str, Any]] = []

    def add_graph(self, name: str, quads: Iterable[ox.Quad]) -> None:
        """Add the statements of one named graph (the quads' own graph names are not read)."""
        statements: dict[Term, list[tuple[str, Term]]] = {}
        firsts: set[Term] = set()
        for quad in quads:
            predicate = quad.predicate.value
            subject = quad.subject
            pairs = statements.get(subject)
            if pairs is None:
                pairs = statements[subject] = []
            pairs.append((predicate, quad.object))
            if predicate == RDF_FIRST:
                firsts.add(subject)
        nodes = GraphCompactor(self.compactor, statements, firsts).nodes()
        if not nodes:
            return  # rdflib leaves out a graph without a node object
        for node in nodes:
            for key, value in node.items():
                if type(value) is list:
                    node[key] = sorted((_sorted(v) for v in value), key=compact_json)
                elif type(value) is dict and "@list" in value:
                    node[key] = _sorted(value)
        nodes.sort(key=lambda node: compact_json(node["@id"]))  # node ids are unique: the same as by node text
        self.graphs.append({"@graph": nodes, "@id": self.compactor.shrink(name)})

    def text(self) -> str:
        if len(self.graphs) == 1:  # one graph object alone is the document itself
            document = {**self.graphs[0], "@context": CONTEXT}
        else:
            document = {"@context": CONTEXT, "@graph": sorted(self.graphs, key=compact_json)}
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def compact_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted(node: Any, ordered: bool = False) -> Any:
    """Sort every set-valued array of a JSON-LD tree by its items' text (keys are sorted when dumped);
    an RDF collection (`@list`) keeps its order."""
    if isinstance(node, dict):
        return {key: _sorted(value, ordered=key == "@list") for key, value in node.items()}
    if isinstance(node, list) and ordered:
        return [_sorted(item) for item in node]
    if isinstance(node, list):
        items = [_sorted(item) for item in node]
        return sorted(items, key=compact_json)
    return node
