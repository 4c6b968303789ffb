"""Write the dataset in every standard serialisation, with VoID, DCAT and checksums, into one folder."""

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from sdkg.canonical import canonical_quads, graph_triples
from sdkg.errors import InputError
from sdkg.jsonld import context_document, to_jsonld
from sdkg.loader import Dataset
from sdkg.namespaces import GRAPH, PREFIXES


@dataclass(frozen=True)
class Format:
    """An RDF serialisation: its name, file suffix, media type and pyoxigraph format."""

    name: str
    suffix: str
    media_type: str
    rdf_format: ox.RdfFormat | None


TRIG: Final = Format("TriG", ".trig", "application/trig", ox.RdfFormat.TRIG)
NQUADS: Final = Format("N-Quads", ".nq", "application/n-quads", ox.RdfFormat.N_QUADS)
JSONLD: Final = Format("JSON-LD", ".jsonld", "application/ld+json", None)
TURTLE: Final = Format("Turtle", ".ttl", "text/turtle", ox.RdfFormat.TURTLE)
NTRIPLES: Final = Format("N-Triples", ".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES)
RDFXML: Final = Format("RDF/XML", ".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML)
DATASET_FORMATS: Final = (TRIG, NQUADS, JSONLD)
GRAPH_FORMATS: Final = (TURTLE, NTRIPLES, RDFXML)
DATASET_STEM: Final = "sdkg"
GRAPHS_FOLDER: Final = "graphs"
CONTEXT_FILE: Final = "context.jsonld"
CHECKSUMS_FILE: Final = "SHA256SUMS"


@dataclass(frozen=True)
class ExportedFile:
    """One file of an export: where it is (relative to the export folder) and what it holds."""

    name: str
    media_type: str
    size: int
    sha256: str
    graph: str | None = None  # the named graph a per-graph file holds
    format: str = ""


def graph_file_stem(graph: str) -> str:
    """The file name (without suffix) for a named graph: the last part of its IRI."""
    return graph[len(GRAPH):] if graph.startswith(GRAPH) else graph.rsplit("/", 1)[-1]


def write_file(out: Path, name: str, content: bytes, media_type: str,
               graph: str | None = None, format_name: str = "") -> ExportedFile:
    """Write one file of the export and describe it."""
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return ExportedFile(name, media_type, len(content), hashlib.sha256(content).hexdigest(), graph, format_name)


def serialise(items: list[ox.Quad] | list[ox.Triple], rdf_format: ox.RdfFormat) -> bytes:
    """Serialise quads or triples with pyoxigraph, using our prefixes where the format has them."""
    output = ox.serialize(items, format=rdf_format, prefixes=PREFIXES)
    assert output is not None
    return output


def export_rdf(dataset: Dataset, out: Path) -> list[ExportedFile]:
    """Write the dataset files and the per-graph files; the description files come after."""
    quads = canonical_quads(dataset)
    files = [write_file(out, DATASET_STEM + f.suffix, serialise(quads, f.rdf_format), f.media_type, format_name=f.name)
             for f in (TRIG, NQUADS) if f.rdf_format is not None]
    files.append(write_file(out, DATASET_STEM + JSONLD.suffix, to_jsonld(quads).encode(), JSONLD.media_type,
                            format_name=JSONLD.name))
    files.append(write_file(out, CONTEXT_FILE, context_document().encode(), "application/ld+json",
                            format_name="JSON-LD context"))
    for graph in dataset.graphs:
        triples = graph_triples(quads, graph)
        for f in GRAPH_FORMATS:
            assert f.rdf_format is not None
            name = f"{GRAPHS_FOLDER}/{graph_file_stem(graph)}{f.suffix}"
            files.append(write_file(out, name, serialise(triples, f.rdf_format), f.media_type, graph, f.name))
    return files


def prepare_folder(out: Path) -> None:
    """Create the export folder, removing per-graph files of an earlier export (a graph may be gone)."""
    if out.exists() and not out.is_dir():
        raise InputError("is a file; the export needs a folder", str(out))
    shutil.rmtree(out / GRAPHS_FOLDER, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def checksums(files: list[ExportedFile]) -> bytes:
    """The checksum file in the format of `sha256sum`, so that `sha256sum -c` verifies the export."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode()


def export(dataset: Dataset, out: Path, base_url: str | None = None) -> list[ExportedFile]:
    """Write every serialisation, the VoID and DCAT descriptions and the checksums into `out`."""
    from sdkg.describe import dcat_record, release_base, void_description

    prepare_folder(out)
    base = base_url or release_base(dataset)
    files = export_rdf(dataset, out)
    files.append(write_file(out, "void.ttl", void_description(dataset, files, base), "text/turtle",
                            format_name="VoID"))
    files.append(write_file(out, "dcat.ttl", dcat_record(dataset, files, base), "text/turtle",
                            format_name="DCAT"))
    files.append(write_file(out, CHECKSUMS_FILE, checksums(files), "text/plain", format_name="SHA-256 checksums"))
    return files
