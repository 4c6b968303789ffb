"""The dataset as a canonical, sorted list of quads: the same sources always give the same bytes."""

import pyoxigraph as ox

from sdkg.loader import Dataset


def canonical_quads(dataset: Dataset, graphs: list[str] | None = None) -> list[ox.Quad]:
    """The quads of some graphs (all by default), blank nodes renamed by RDFC-1.0, sorted."""
    copy = ox.Dataset(dataset.quads(graphs))
    copy.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(copy, key=_sort_key)


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def graph_triples(quads: list[ox.Quad], graph: str) -> list[ox.Triple]:
    """The triples of one graph, in the order of the canonical quads."""
    name = ox.NamedNode(graph)
    return [quad.triple for quad in quads if quad.graph_name == name]
