"""The dataset as a canonical, sorted list of quads: the same sources always give the same bytes.

Blank nodes are renamed by RDFC-1.0, and the quads sorted by the text of their graph, subject, predicate and
object. Two shortcuts keep this fast on a large dataset, with the same result: RDFC-1.0 labels a blank node by
the quads that mention blank nodes and no others, so only those quads are canonicalised; and each graph is
sorted as its N-Triples text, which pyoxigraph writes in one go, rather than as Python objects.
"""

from collections import defaultdict

import pyoxigraph as ox

from sdkg.dataset.loader import Dataset

NQUADS = ox.RdfFormat.N_QUADS
NTRIPLES = ox.RdfFormat.N_TRIPLES


class CanonicalGraphs:
    """The N-Triples lines of each named graph (all by default), blank nodes renamed by RDFC-1.0 over the whole
    dataset, sorted. Within a graph, the order of the text is that of (subject, predicate, object): a term
    never holds a space, and where one term is the start of a longer one, the shorter comes first both ways.

    Each graph's text is read from the store at once, as bytes; its lines are made when asked for, one graph at
    a time, so that a large dataset is not held twice as Python strings."""

    def __init__(self, dataset: Dataset, graphs: list[str] | None = None) -> None:
        self.texts: dict[str, bytes] = {}
        for graph in (dataset.graphs if graphs is None else graphs):
            text = dataset.store.dump(format=NTRIPLES, from_graph=ox.NamedNode(graph))
            assert text is not None
            self.texts[graph] = text
        self.blank_lines: dict[str, set[str]] = {}
        blank: list[ox.Quad] = []
        for graph, text in self.texts.items():
            if b"_:" not in text:
                continue
            for line in text.decode("utf-8").split("\n"):
                if "_:" in line:  # maybe a blank node (or those characters in a literal)
                    quad = next(iter(ox.parse(input=line, format=NTRIPLES)))
                    if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                        self.blank_lines.setdefault(graph, set()).add(line)
                        blank.append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(graph)))
        self.renamed: dict[str, list[str]] = defaultdict(list)
        if blank:
            canonical = ox.Dataset(blank)
            canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
            for quad in canonical:
                self.renamed[quad.graph_name.value].append(_triple_line(quad.triple))

    @property
    def graphs(self) -> list[str]:
        """The graphs in the order of the canonical quads: by the text of their IRIs, brackets included."""
        return sorted(self.texts, key=lambda g: f"<{g}>")

    def lines(self, graph: str) -> list[str]:
        """The sorted lines of one graph (without line ends); its text is let go."""
        lines = self.texts.pop(graph).decode("utf-8").split("\n")
        lines.pop()  # the text ends with a line end
        drop = self.blank_lines.get(graph)
        if drop:
            lines = [line for line in lines if line not in drop]
        lines += self.renamed.get(graph, [])
        lines.sort()
        return lines


def canonical_graph_lines(dataset: Dataset, graphs: list[str] | None = None) -> dict[str, list[str]]:
    """For each named graph (all by default), its canonical N-Triples lines, sorted (see CanonicalGraphs)."""
    canonical = CanonicalGraphs(dataset, graphs)
    return {graph: canonical.lines(graph) for graph in canonical.graphs}


def canonical_lines(dataset: Dataset, graphs: list[str] | None = None) -> list[str]:
    """The N-Quads lines (without line ends) of some graphs (all by default), canonical and sorted by graph,
    subject, predicate and object."""
    if has_default_graph(dataset.store):
        return [_line(q) for q in _canonical_quads_slowly(dataset, graphs)]
    by_graph = canonical_graph_lines(dataset, graphs)
    return [line[:-2] + f" <{graph}> ." for graph in sorted(by_graph, key=lambda g: f"<{g}>")
            for line in by_graph[graph]]


def canonical_nquads(dataset: Dataset, graphs: list[str] | None = None) -> bytes:
    """The canonical N-Quads text of some graphs (all by default)."""
    return "".join(line + "\n" for line in canonical_lines(dataset, graphs)).encode("utf-8")


def canonical_quads(dataset: Dataset, graphs: list[str] | None = None) -> list[ox.Quad]:
    """The quads of some graphs (all by default), blank nodes renamed by RDFC-1.0, sorted."""
    text = canonical_nquads(dataset, graphs)
    return list(ox.parse(input=text, format=NQUADS)) if text else []


def _line(quad: ox.Quad) -> str:
    output = ox.serialize([quad], format=NQUADS)
    assert output is not None
    return output.decode("utf-8").rstrip("\n")


def _triple_line(triple: ox.Triple) -> str:
    output = ox.serialize([triple], format=NTRIPLES)
    assert output is not None
    return output.decode("utf-8").rstrip("\n")


def has_default_graph(store: ox.Store) -> bool:
    """Whether the store holds triples outside the named graphs (the loader puts none there)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _canonical_quads_slowly(dataset: Dataset, graphs: list[str] | None) -> list[ox.Quad]:
    copy = ox.Dataset(dataset.quads(graphs))
    copy.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(copy, key=_sort_key)


def _sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def graph_triples(quads: list[ox.Quad], graph: str) -> list[ox.Triple]:
    """The triples of one graph, in the order of the canonical quads."""
    name = ox.NamedNode(graph)
    return [quad.triple for quad in quads if quad.graph_name == name]


def triples_by_graph(quads: list[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """The triples of every named graph, in the order of the canonical quads (one pass over them)."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    return graphs
