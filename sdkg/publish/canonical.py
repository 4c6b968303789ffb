"""Blank nodes named by RDFC-1.0 inside the store, so that the same sources always give the same bytes.

pyoxigraph's store gives a blank node a random name when it loads a file, and writes the quads in the order
they were added (the files, in a fixed order, each as it is written). Renaming the blank nodes canonically in
the store, and adding the renamed quads in a sorted order, is therefore all it takes for its writers to give
byte-identical files on every run. RDFC-1.0 names a blank node from the quads
that mention blank nodes, and no others, so only those quads are read out of the store and canonicalised.

RDFC-1.0 needs exponential work on some graphs (a clique of blank nodes that look alike, a long chain of them):
before canonicalising, `check_work` tells apart what the algorithm would tell apart cheaply (the first-degree
hash of the specification) and refuses, with a one-line error, the blank nodes it would have to tell apart by
trying permutations or by walking long paths.
"""

import hashlib
from collections import Counter, defaultdict
from typing import Final

import pyoxigraph as ox

from sdkg.concurrency import parallel
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError

BLANK_TRIPLES: Final = "SELECT ?s ?p ?o WHERE {{ {pattern} FILTER(isBlank(?s) || isBlank(?o)) }}"
MAX_ALIKE: Final = 128  # blank nodes whose own statements look the same as another's
MAX_ALIKE_NEIGHBOURS: Final = 5  # look-alike blank nodes next to one blank node (5! orders to try)
Term = ox.NamedNode | ox.BlankNode | ox.Literal


def blank_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of the store (every graph) whose subject or object is a blank node: one scan per graph, the
    graphs on every core."""
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph(), *store.named_graphs()]

    def of_graph(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> list[ox.Quad]:
        if isinstance(graph, ox.BlankNode):  # a query cannot name it
            return [q for q in store.quads_for_pattern(None, None, None, graph)
                    if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]
        pattern = "?s ?p ?o" if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{ ?s ?p ?o }}"
        return [ox.Quad(s, p, o, graph) for s, p, o in store.query(BLANK_TRIPLES.format(pattern=pattern))]  # type: ignore[misc]

    return [quad for found in parallel(of_graph, graphs) for quad in found]


def canonicalise(store: ox.Store) -> int:
    """Rename the store's blank nodes by RDFC-1.0 (in place); the number of blank nodes.

    Raises InputError when the blank nodes would need more work than `check_work` allows."""
    quads = blank_quads(store)
    if not quads:
        return 0
    check_work(quads)
    canonical = ox.Dataset(quads)
    canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    renamed = set(canonical)
    if renamed != set(quads):
        for quad in quads:
            store.remove(quad)
        store.extend(sorted(renamed, key=str))  # the store writes in the order quads were added
    return len({t for q in renamed for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)})


def check_work(quads: list[ox.Quad]) -> None:
    """Refuse blank nodes that RDFC-1.0 could only tell apart with too much work (one line, naming the graph)."""
    mentions: dict[ox.BlankNode, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        for term in {quad.subject, quad.object}:
            if isinstance(term, ox.BlankNode):
                mentions[term].append(quad)
    hashes = {node: first_degree_hash(node, node_quads) for node, node_quads in mentions.items()}
    sizes = Counter(hashes.values())
    alike = [node for node, h in hashes.items() if sizes[h] > 1]
    worst = 0
    for node in alike:
        neighbours = {t for q in mentions[node] for t in (q.subject, q.object)
                      if isinstance(t, ox.BlankNode) and t != node and sizes[hashes[t]] > 1}
        worst = max([worst, *Counter(hashes[t] for t in neighbours).values()])
    if len(alike) > MAX_ALIKE or worst > MAX_ALIKE_NEIGHBOURS:
        graph = mentions[alike[0]][0].graph_name
        where = f"graph <{graph.value}>" if isinstance(graph, ox.NamedNode) else "the default graph"
        raise InputError(
            f"{len(alike)} blank nodes in {where} (and maybe others) look alike by their own statements"
            f"{f', up to {worst} of them next to one node' if worst > MAX_ALIKE_NEIGHBOURS else ''}: naming "
            f"them canonically (RDFC-1.0) would take too long (limits: {MAX_ALIKE} look-alike blank nodes, "
            f"{MAX_ALIKE_NEIGHBOURS} next to one node); give these nodes IRIs")


def first_degree_hash(node: ox.BlankNode, quads: list[ox.Quad]) -> str:
    """RDFC-1.0's first-degree hash: the node's quads with itself as _:a and every other blank node as _:z."""
    def term(t: Term) -> str:
        if isinstance(t, ox.BlankNode):
            return "_:a" if t == node else "_:z"
        return str(t)
    lines = sorted(f"{term(q.subject)} {q.predicate} {term(q.object)} {q.graph_name}" for q in quads)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def canonical_quads(dataset: Dataset, graphs: list[str] | None = None) -> list[ox.Quad]:
    """The quads of some graphs (all by default), blank nodes renamed by RDFC-1.0, sorted by the text of their
    graph, subject, predicate and object (for the commands that need Python objects: load, serve)."""
    canonicalise(dataset.store)
    return sorted(dataset.quads(graphs), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                                        str(q.object)))


def triples_by_graph(quads: list[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """The triples of every named graph, in the order of the quads (one pass over them)."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    return graphs
