"""Which source file goes into which named graph (DESIGN section 2)."""

from dataclasses import dataclass
from pathlib import Path

from sdkg.errors import InputError
from sdkg.namespaces import graph_iri
from sdkg.dataset.tree import SourceTree

SHARED_GRAPHS = ("entities", "curation", "evidence", "links", "metadata")
ONTOLOGY_GRAPH = graph_iri("ontology")
ENTITIES_GRAPH = graph_iri("entities")
EVIDENCE_GRAPH = graph_iri("evidence")
CURATION_GRAPH = graph_iri("curation")
LINKS_GRAPH = graph_iri("links")
METADATA_GRAPH = graph_iri("metadata")
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class SourceFile:
    """One Turtle file of the tree and the named graph its triples go into."""

    path: Path
    graph: str
    name: str  # the path as shown to the user


def ontology_files(tree: SourceTree) -> list[Path]:
    """The Turtle files of the ontology graph: everything in ontology/ except the shapes."""
    return sorted(p for p in tree.ontology.glob("*.ttl") if p.name != SHAPES_FILE)


def source_files(tree: SourceTree) -> list[SourceFile]:
    """Every Turtle file of the tree with its graph; a file that fits no graph is an error."""
    files = [SourceFile(p, ONTOLOGY_GRAPH, tree.relative(p)) for p in ontology_files(tree)]
    for path in sorted(tree.data.rglob("*.ttl")):
        files.append(SourceFile(path, graph_of(path.relative_to(tree.data), tree.relative(path)), tree.relative(path)))
    return files


def graph_of(relative: Path, shown: str) -> str:
    """The graph of a file under data/: data/NAME.ttl or data/NAME/*.ttl, documents/NAME.ttl."""
    parts = relative.parts
    if len(parts) == 1 and relative.stem in SHARED_GRAPHS:
        return graph_iri(relative.stem)
    if len(parts) == 2 and parts[0] in SHARED_GRAPHS:
        return graph_iri(parts[0])
    if len(parts) == 2 and parts[0] == "documents":
        return graph_iri(relative.stem)
    expected = ", ".join(f"data/{g}.ttl or data/{g}/*.ttl" for g in SHARED_GRAPHS)
    raise InputError(f"belongs to no graph: expected {expected}, or data/documents/NAME.ttl", shown)


def is_document_graph(graph: str) -> bool:
    """Whether a graph IRI is that of a source document's facts."""
    return graph.startswith(graph_iri("")) and graph not in (
        ONTOLOGY_GRAPH, ENTITIES_GRAPH, CURATION_GRAPH, EVIDENCE_GRAPH, LINKS_GRAPH, METADATA_GRAPH)
