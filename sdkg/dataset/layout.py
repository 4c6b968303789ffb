"""Which source file goes into which named graph (DESIGN section 2)."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError
from sdkg.namespaces import graph_iri

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


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # lower-case words joined by hyphens: slugs and document names
NOT_RDF = re.compile(r"(?i)(readme(\.\w+)?|.*\.md|\.gitkeep|\.gitignore)")  # documentation, not graph content
RESERVED = frozenset({"ontology", "entities", "evidence", "links", "metadata", "curation"})


def ontology_files(tree: SourceTree) -> list[Path]:
    """The Turtle files of the ontology graph: everything in ontology/ except the shapes."""
    return sorted(p for p in tree.ontology.glob("*.ttl") if p.name != SHAPES_FILE)


def source_files(tree: SourceTree) -> list[SourceFile]:
    """Every Turtle file of the tree with its graph; a file under ontology/ or data/ that fits no graph
    (another extension, another folder, an unsafe name, a folder link) is an error, never skipped."""
    for path in _all_entries(tree.ontology):
        if NOT_RDF.fullmatch(path.name) and path.is_file():
            continue
        if path.parent != tree.ontology or path.suffix != ".ttl" or (path.is_symlink() and path.is_dir()):
            _reject_unread(tree, path, "ontology/ holds only the Turtle files ontology/NAME.ttl")
    files = [SourceFile(p, ONTOLOGY_GRAPH, tree.relative(p)) for p in ontology_files(tree)]
    for path in _all_entries(tree.data):
        if NOT_RDF.fullmatch(path.name) and path.is_file():
            continue
        shown = tree.relative(path)
        if path.is_dir() or path.suffix != ".ttl":
            _reject_unread(tree, path, "data/ holds only Turtle files named *.ttl")
        files.append(SourceFile(path, graph_of(path.relative_to(tree.data), shown), shown))
    return files


def _all_entries(folder: Path) -> list[Path]:
    """Every file under a folder, and every link to a folder (not followed), sorted."""
    found: list[Path] = []
    for top, folders, names in os.walk(folder, followlinks=False):
        base = Path(top)
        found += [base / n for n in names]
        found += [base / d for d in folders if (base / d).is_symlink()]
    return sorted(found)


def _reject_unread(tree: SourceTree, path: Path, rule: str) -> None:
    shown = tree.relative(path)
    if path.is_symlink() and path.is_dir():
        raise InputError(f"is a link to a folder, which sdkg does not follow: {rule}; "
                         "put the files themselves in the tree", shown)
    if path.suffix.lower() in (".ttl", ".turtle") and path.suffix != ".ttl":
        raise InputError(f"would not be read: {rule}; rename it to {path.stem}.ttl", shown)
    if path.suffix == ".ttl":
        raise InputError(f"would not be read: {rule}; move it up into ontology/ (subfolders are not read)", shown)
    raise InputError(f"would not be read: {rule}; convert it to Turtle (.ttl), or move it out of the tree", shown)


def graph_of(relative: Path, shown: str) -> str:
    """The graph of a file under data/: data/NAME.ttl or data/NAME/*.ttl, documents/NAME.ttl."""
    parts = relative.parts
    if len(parts) == 1 and relative.stem in SHARED_GRAPHS:
        return graph_iri(relative.stem)
    if len(parts) == 2 and parts[0] in SHARED_GRAPHS:
        return graph_iri(parts[0])
    if len(parts) == 2 and parts[0] == "documents":
        return graph_iri(document_name(relative.stem, shown))
    expected = ", ".join(f"data/{g}.ttl or data/{g}/*.ttl" for g in SHARED_GRAPHS)
    raise InputError(f"belongs to no graph: expected {expected}, or data/documents/NAME.ttl", shown)


def document_name(stem: str, shown: str) -> str:
    """A document graph's name: lower-case letters, digits and single hyphens, not a shared graph's name."""
    if stem in RESERVED or stem in SHARED_GRAPHS:
        raise InputError(f"a document graph cannot be named {stem!r}: that is the name of a shared graph; "
                         "name document files document-NNN.ttl", shown)
    if not SLUG.fullmatch(stem):
        raise InputError(f"unsafe document file name {stem!r}: a document graph's name takes only a-z, 0-9 and "
                         "single hyphens (for instance document-002.ttl)", shown)
    return stem


def is_document_graph(graph: str) -> bool:
    """Whether a graph IRI is that of a source document's facts."""
    return graph.startswith(graph_iri("")) and graph not in (
        ONTOLOGY_GRAPH, ENTITIES_GRAPH, CURATION_GRAPH, EVIDENCE_GRAPH, LINKS_GRAPH, METADATA_GRAPH)
