"""Build the dataset of named graphs from the Turtle sources, parsing each file once.

Each file is parsed straight into the store (pyoxigraph's parser and store, no Python object per triple).
Which file defines a node (types it) is worked out only when a report asks, from the store when the node's
graph comes from one file, else by reading the typing statements of that graph's files once.
"""

import os
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from sdkg.errors import InputError, os_reason
from sdkg.dataset.layout import SourceFile, is_document_graph, source_files
from sdkg.namespaces import RDF
from sdkg.dataset.tree import SourceTree, locate

if TYPE_CHECKING:
    import rdflib

RDF_TYPE = ox.NamedNode(RDF + "type")
STORE_LIMIT_MIB = 16  # pyoxigraph's parser buffer


@dataclass
class Dataset:
    """All named graphs in one pyoxigraph store, with where each node was defined."""

    tree: SourceTree
    store: ox.Store
    files: list[SourceFile]
    _typed_in: dict[Path, frozenset[str]] = field(default_factory=dict, repr=False)  # file -> nodes it types

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
        """The number of quads in all graphs, or the number of triples in one graph."""
        if graph is None:
            return len(self.store)
        solutions = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert isinstance(solutions, ox.QuerySolutions)
        return int(next(iter(solutions))[0].value)

    def file_of(self, node: str) -> str:
        """The first file (in load order) that types a node, or '' when none does."""
        if not node or node.startswith("_:"):
            return ""
        try:
            subject = ox.NamedNode(node)
        except ValueError:
            return ""
        graphs = {q.graph_name.value for q in self.store.quads_for_pattern(subject, RDF_TYPE, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        if not graphs:
            return ""
        for source in self.files:
            if source.graph not in graphs:
                continue
            if self._files_per_graph[source.graph] == 1 or node in self._typed_by(source):
                return source.name
        return ""

    @cached_property
    def _files_per_graph(self) -> dict[str, int]:
        return Counter(source.graph for source in self.files)

    def _typed_by(self, source: SourceFile) -> frozenset[str]:
        """The IRIs a file types (read on demand, for reports; each file at most once)."""
        if source.path not in self._typed_in:
            self._typed_in[source.path] = frozenset(
                q.subject.value for q in ox.parse(path=source.path, format=ox.RdfFormat.TURTLE)
                if q.predicate == RDF_TYPE and isinstance(q.subject, ox.NamedNode))
        return self._typed_in[source.path]

    def to_rdflib(self, graphs: Iterable[str] | None = None) -> "rdflib.Graph":
        """The union of some graphs as one rdflib Graph (for engines that need rdflib)."""
        from sdkg.dataset.convert import to_rdflib_graph

        return to_rdflib_graph(q.triple for q in self.quads(graphs))


def load_file(store: ox.Store, source: SourceFile) -> None:
    """Parse one Turtle file into its named graph; a syntax error names the file, line and column.

    Blank node labels are local to their file, as in RDF: `_:x` in two files are two nodes."""
    try:
        with open(source.path, "rb") as start:
            if start.read(3) == b"\xef\xbb\xbf":
                raise InputError("starts with a UTF-8 byte-order mark (BOM), which Turtle does not allow: save the "
                                 "file as UTF-8 without BOM", source.name, 1, 1)
        store.load(path=source.path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(source.graph))
    except SyntaxError as error:
        raise InputError.from_syntax_error(error, "invalid Turtle", source.name) from None
    except OSError as error:
        raise InputError(f"cannot read: {_why_unreadable(source.path, error)}", source.name) from None
    except MemoryError:
        raise InputError(f"too large to load: a literal or a line over the store's limit of {STORE_LIMIT_MIB} MiB; "
                         "split the value or keep it outside the graph", source.name) from None


def _why_unreadable(path: Path, error: OSError) -> str:
    """The reason a source file cannot be read, in words (a dangling or looping link says so)."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return "the link points back to itself (a symlink loop)"
        except OSError:
            return f"the link points to {os.readlink(path)}, which does not exist"
    return os_reason(error)


def load(tree: SourceTree | None = None, files: list[SourceFile] | None = None) -> Dataset:
    """Parse every source file of the tree (or the given ones, `source_files(tree)`) into one dataset."""
    tree = tree or locate()
    files = source_files(tree) if files is None else files
    if not files:
        raise InputError("no Turtle files found", tree.root)
    store = ox.Store()
    for source in files:
        load_file(store, source)
    return Dataset(tree, store, files)


def load_path(root: Path | None) -> Dataset:
    """Load the tree at `root` (or the default tree)."""
    return load(locate(root))
