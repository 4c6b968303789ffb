"""Reading the store: the rows of a SELECT query, the values of a property, RDF lists and English text."""

from collections.abc import Iterable

import pyoxigraph as ox

from sdkg.namespaces import PREFIXES, RDF

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
Value = ox.NamedNode | ox.BlankNode | ox.Literal  # what our queries bind; the graph holds no RDF-star triples
Term = Value | ox.Triple


def select(store: ox.Store, text: str) -> list[dict[str, Value]]:
    """The rows of a SELECT query (our prefixes are declared), as dicts of bound values."""
    solutions = store.query(SPARQL_PREFIXES + text)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if isinstance(row[n], Value)} for row in solutions]


def english(values: Iterable[Value]) -> str:
    """The English (or untagged) value among the literals of some values, else any of them ("" if none)."""
    literals = sorted((v for v in values if isinstance(v, ox.Literal)),
                      key=lambda lit: (lit.language not in (None, "en"), lit.value))
    return literals[0].value if literals else ""


def objects(store: ox.Store, subject: Term, predicate: str, graph: str | None = None) -> list[Value]:
    """The values of a property of a node, in a stable order (none for a literal)."""
    if isinstance(subject, ox.Literal):
        return []
    graph_node = ox.NamedNode(graph) if graph else None
    return sorted((q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, graph_node)
                   if isinstance(q.object, Value)), key=str)


def text_of(store: ox.Store, subject: Term, predicate: str, graph: str | None = None) -> str:
    """The English (or untagged) text of a property of a node ("" if it has none)."""
    return english(objects(store, subject, predicate, graph))


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
