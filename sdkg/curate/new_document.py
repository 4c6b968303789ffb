"""Register a new source text: its number, checksum, bibliographic record and empty graph files."""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, XSD, Literal, URIRef

from sdkg.curate.documents import document_iri, documents, graph_iri, metadata_path, next_number
from sdkg.curate.files import read_graph, write_graph
from sdkg.dataset.layout import SLUG
from sdkg.dataset.sourcetext import read_source
from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError
from sdkg.namespaces import DCTERMS, RESOURCE, SDKG, SPDX

SCHEMA = "https://schema.org/"
DATES = ((re.compile(r"\d{4}$"), XSD.gYear), (re.compile(r"\d{4}-(0[1-9]|1[0-2])$"), XSD.gYearMonth),
         (re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), XSD.date))
STOPWORDS = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "by", "with", "from"}


@dataclass(frozen=True)
class Bibliography:
    """What the curator knows of the document."""

    title: str
    url: str | None = None
    issued: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    part_of: str | None = None


@dataclass(frozen=True)
class Registered:
    """What new-document wrote."""

    number: str
    source_file: str
    sha256: str
    words: int
    written: tuple[str, ...]


def slug_of(title: str, words: int = 3) -> str:
    """A file slug from a title: its first few significant words, lower-case and hyphenated."""
    kept = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in STOPWORDS]
    return "-".join(kept[:words]) or "document"


def issued_literal(value: str) -> Literal:
    """A date of issue as xsd:gYear, xsd:gYearMonth or xsd:date, by its form."""
    for pattern, datatype in DATES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    raise InputError(f"--issued {value!r}: write a year (2006), a month (2006-11) or a date (2006-11-21)")


def register(tree: SourceTree, text_path: Path, sources: Path, bib: Bibliography,
             entities: str | None = None) -> Registered:
    """Copy the text into the sources folder under its number, and write the record and empty graph files."""
    if not bib.title.strip():
        raise InputError("--title is empty: give the document's title")
    if bib.url is not None and not re.match(r"https?://\S+$", bib.url):
        raise InputError(f"--url {bib.url!r} is not an http(s) address")
    issued = issued_literal(bib.issued) if bib.issued else None
    entities = entities or slug_of(bib.title)
    if not SLUG.fullmatch(entities):
        raise InputError(f"--entities {entities!r}: use lower-case words joined by hyphens (e.g. iter-agreement)")
    text = read_source(text_path)
    for known in documents(tree):
        if known.sha256 == text.sha256:
            raise InputError(f"this text is already registered as {known.name} ({known.source_file})", text_path)
    number = next_number(tree)
    file_name = f"{number}_{text.sha256[:16]}.txt"
    target = sources / file_name
    if text_path.resolve() != target.resolve():
        shutil.copyfile(text_path, target)
    written = [str(target)]
    path = metadata_path(tree)
    metadata = read_graph(path, tree.relative(path))
    add_record(metadata, number, file_name, text.sha256, bib, issued)
    write_graph(metadata, path, tree.relative(path))
    written.append(tree.relative(path))
    for folder, stem in (("documents", f"document-{number}"), ("evidence", f"document-{number}"),
                         ("entities", entities)):
        empty = tree.data / folder / f"{stem}.ttl"
        if not empty.exists():
            empty.parent.mkdir(parents=True, exist_ok=True)
            empty.write_text("", encoding="utf-8")
            written.append(tree.relative(empty))
    return Registered(number, file_name, text.sha256, len(text.text.split()), tuple(written))


def add_record(graph: rdflib.Graph, number: str, file_name: str, sha256: str, bib: Bibliography,
               issued: Literal | None) -> None:
    """The bibliographic record, its checksum node, and the document in the dataset's sources."""
    doc = URIRef(document_iri(number))
    checksum = URIRef(f"{doc}-checksum")
    graph.add((doc, RDF.type, URIRef(SDKG + "SourceDocument")))
    graph.add((doc, URIRef(DCTERMS + "title"), Literal(bib.title.strip(), lang="en")))
    graph.add((doc, URIRef(DCTERMS + "language"), Literal("en")))
    graph.add((doc, URIRef(SDKG + "factsGraph"), URIRef(graph_iri(number))))
    graph.add((doc, URIRef(SDKG + "sourceFile"), Literal(file_name)))
    graph.add((doc, URIRef(SPDX + "checksum"), checksum))
    graph.add((checksum, RDF.type, URIRef(SPDX + "Checksum")))
    graph.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
    graph.add((checksum, URIRef(SPDX + "checksumValue"), Literal(sha256)))
    if bib.url:
        graph.add((doc, URIRef(SCHEMA + "url"), URIRef(bib.url)))
    if issued is not None:
        graph.add((doc, URIRef(DCTERMS + "issued"), issued))
    for creator in bib.creators:
        graph.add((doc, URIRef(DCTERMS + "creator"), Literal(creator)))
    if bib.publisher:
        graph.add((doc, URIRef(DCTERMS + "publisher"), Literal(bib.publisher)))
    if bib.part_of:
        graph.add((doc, URIRef(SCHEMA + "isPartOf"), Literal(bib.part_of)))
    graph.add((URIRef(RESOURCE + "dataset"), URIRef(DCTERMS + "source"), doc))
