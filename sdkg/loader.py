"""Build the dataset of named graphs from the Turtle sources, parsing each file once."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.layout import SourceFile, is_document_graph, source_files
from sdkg.namespaces import RDF
from sdkg.tree import SourceTree, locate

if TYPE_CHECKING:
    import rdflib

RDF_TYPE = ox.NamedNode(RDF + "type")


@dataclass
class Dataset:
    """All named graphs in one pyoxigraph store, with where each node was defined."""

    tree: SourceTree
    store: ox.Store
    files: list[SourceFile]
    defined_in: dict[str, str] = field(default_factory=dict)  # node IRI -> file that types it

    @property
    def graphs(self) -> list[str]:
        """The named graphs, in a stable order."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    @property
    def document_graphs(self) -> list[str]:
        return [g for g in self.graphs if is_document_graph(g)]

    def quads(self, graphs: Iterable[str] | None = None) -> Iterable[ox.Quad]:
        """The quads of the given graphs (all graphs when none are given)."""
        if graphs is None:
            yield from self.store.quads_for_pattern(None, None, None, None)
            return
        for graph in graphs:
            yield from self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def triple_count(self, graph: str | None = None) -> int:
        return sum(1 for _ in self.quads(None if graph is None else [graph]))

    def file_of(self, node: str) -> str:
        """The file that defines a node, or '' when none does."""
        return self.defined_in.get(node, "")

    def to_rdflib(self, graphs: Iterable[str] | None = None) -> "rdflib.Graph":
        """The union of some graphs as one rdflib Graph (for engines that need rdflib)."""
        from sdkg.convert import to_rdflib_graph

        return to_rdflib_graph(q.triple for q in self.quads(graphs))


def parse_file(source: SourceFile) -> list[ox.Triple]:
    """The triples of one Turtle file; a syntax error names the file, line and column."""
    try:
        return list(ox.parse(path=source.path, format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        raise InputError.from_syntax_error(error, "invalid Turtle", source.name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source.name) from None


def load(tree: SourceTree | None = None) -> Dataset:
    """Parse every source file of the tree into one dataset of named graphs."""
    tree = tree or locate()
    files = source_files(tree)
    if not files:
        raise InputError("no Turtle files found", tree.root)
    store = ox.Store()
    dataset = Dataset(tree, store, files)
    for source in files:
        triples = parse_file(source)
        graph = ox.NamedNode(source.graph)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        for t in triples:
            if isinstance(t.subject, ox.NamedNode) and t.predicate == RDF_TYPE:
                dataset.defined_in.setdefault(t.subject.value, source.name)
    return dataset


def load_path(root: Path | None) -> Dataset:
    """Load the tree at `root` (or the default tree)."""
    return load(locate(root))
