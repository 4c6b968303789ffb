"""Reading the store: the rows of a SELECT query, the values of a property, RDF lists and English text."""

from collections.abc import Iterable

import pyoxigraph as ox

from sdkg.namespaces import RDF
from sdkg.queries.engines import Value, select_rows

Term = Value | ox.Triple


select = select_rows  # the rows of a SELECT query (our prefixes declared), as dicts of bound values


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
