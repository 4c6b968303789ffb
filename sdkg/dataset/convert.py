"""Turn pyoxigraph terms into rdflib terms, for the engines that need rdflib (pyshacl)."""

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from sdkg.namespaces import XSD

XSD_STRING = XSD + "string"


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    """The rdflib term equal to a pyoxigraph term; xsd:string literals become plain literals."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


def to_rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """One rdflib Graph holding the given triples."""
    graph = rdflib.Graph()
    add = graph.add
    for t in triples:
        add((to_rdflib_term(t.subject), to_rdflib_term(t.predicate), to_rdflib_term(t.object)))
    return graph
