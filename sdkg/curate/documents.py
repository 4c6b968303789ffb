"""The source documents of a tree, as their bibliographic records in data/metadata.ttl name them."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

import rdflib

from sdkg.curate.files import read_graph
from sdkg.dataset.sourcetext import SourceText, read_source
from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError
from sdkg.namespaces import GRAPH, RESOURCE, SDKG, SPDX

SOURCES_ENV = "SDKG_SOURCES"
NUMBER = re.compile(r"(?:sdr:|.*/)?(?:document-)?(\d{3})$")


@dataclass(frozen=True)
class Document:
    """One source document: its number (e.g. "002"), record, facts graph, text file and checksum."""

    number: str
    iri: str
    graph: str
    source_file: str
    sha256: str
    title: str

    @property
    def name(self) -> str:
        return f"document-{self.number}"


def metadata_path(tree: SourceTree) -> Path:
    return tree.data / "metadata.ttl"


def documents(tree: SourceTree) -> list[Document]:
    """Every document with a bibliographic record, by number."""
    path = metadata_path(tree)
    graph = read_graph(path, tree.relative(path))
    found = []
    for iri in graph.subjects(rdflib.RDF.type, rdflib.URIRef(SDKG + "SourceDocument")):
        match = NUMBER.match(str(iri))
        if not match:
            continue
        checksum = graph.value(iri, rdflib.URIRef(SPDX + "checksum"))
        sha = graph.value(checksum, rdflib.URIRef(SPDX + "checksumValue")) if checksum is not None else None
        found.append(Document(match[1], str(iri), str(graph.value(iri, rdflib.URIRef(SDKG + "factsGraph")) or ""),
                              str(graph.value(iri, rdflib.URIRef(SDKG + "sourceFile")) or ""),
                              str(sha or ""),
                              str(graph.value(iri, rdflib.URIRef("http://purl.org/dc/terms/title")) or "")))
    return sorted(found, key=lambda d: d.number)


def next_number(tree: SourceTree) -> str:
    """The next free document number: one above every number in the records and the document files."""
    taken = {int(d.number) for d in documents(tree)}
    for folder in (tree.data / "documents", tree.data / "evidence"):
        for path in folder.glob("document-*.ttl"):
            match = NUMBER.match(path.stem)
            if match:
                taken.add(int(match[1]))
    return f"{max(taken, default=-1) + 1:03d}"


def find_document(tree: SourceTree, name: str) -> Document:
    """A document by number ("002"), name ("document-002") or IRI; an unknown one is bad input."""
    known = documents(tree)
    match = NUMBER.match(name.strip())
    for document in known:
        if match and document.number == match[1]:
            return document
    listed = ", ".join(d.name for d in known) or "none"
    raise InputError(f"no document {name!r} in {tree.relative(metadata_path(tree))} (known: {listed}); "
                     f"register a text with `sdkg curate new-document`")


def sources_folder(option: Path | None) -> Path:
    """The folder of source texts: --sources, else $SDKG_SOURCES."""
    folder = option or (Path(os.environ[SOURCES_ENV]) if os.environ.get(SOURCES_ENV) else None)
    if folder is None:
        raise InputError(f"pass --sources DIR, the folder of source texts (or set {SOURCES_ENV})")
    if not folder.is_dir():
        raise InputError("no such folder (the folder of source texts)", folder)
    return folder


def source_text(document: Document, sources: Path) -> SourceText:
    """The document's text from the sources folder, refused when its checksum differs from the record."""
    if not document.source_file:
        raise InputError(f"{document.name} names no sdkg:sourceFile in data/metadata.ttl")
    path = sources / document.source_file
    if not path.is_file():
        from sdkg.curate.suggest import did_you_mean

        hint = did_you_mean(document.source_file, [p.name for p in sources.glob("*.txt")])
        raise InputError(f"the text of {document.name} is not in {sources}{hint}", path)
    text = read_source(path)
    if document.sha256 and text.sha256 != document.sha256:
        raise InputError(f"the text's SHA-256 is {text.sha256}, not {document.sha256} as data/metadata.ttl "
                         f"records for {document.name}: this is another version of the text", path)
    return text


def document_iri(number: str) -> str:
    return f"{RESOURCE}document-{number}"


def graph_iri(number: str) -> str:
    return f"{GRAPH}document-{number}"
