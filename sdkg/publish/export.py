"""Write the dataset in every standard serialisation, with VoID, DCAT and checksums, into one folder.

pyoxigraph's writers write every file straight from the store, in Rust: TriG, N-Quads and JSON-LD for the
whole dataset; Turtle, N-Triples and RDF/XML for each named graph. No Python object is made per triple. Blank
nodes are first renamed canonically in the store (sdkg.publish.canonical); the store writes the statements in
the order the loader read them (the files in a fixed order), so the same sources give the same bytes on every
run. The JSON-LD document is
pyoxigraph's expanded form: every literal keeps its lexical form and datatype, so it parses back into exactly
the quads of the N-Quads file; `context.jsonld` holds our prefixes for readers who want to compact it.

The files are written into a temporary folder that replaces the release folder only when everything is
written (sdkg.atomic): the folder then holds exactly this release, and an interrupted run leaves the previous
one as it was.
"""

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from sdkg.atomic import atomic_folder
from sdkg.concurrency import parallel
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import GRAPH, PREFIXES
from sdkg.publish.canonical import canonicalise
from sdkg.publish.jsonld import context_document


@dataclass(frozen=True)
class Format:
    """An RDF serialisation: its name, file suffix, media type and pyoxigraph format."""

    name: str
    suffix: str
    media_type: str
    rdf_format: ox.RdfFormat


TRIG: Final = Format("TriG", ".trig", "application/trig", ox.RdfFormat.TRIG)
NQUADS: Final = Format("N-Quads", ".nq", "application/n-quads", ox.RdfFormat.N_QUADS)
JSONLD: Final = Format("JSON-LD", ".jsonld", "application/ld+json", ox.RdfFormat.JSON_LD)
TURTLE: Final = Format("Turtle", ".ttl", "text/turtle", ox.RdfFormat.TURTLE)
NTRIPLES: Final = Format("N-Triples", ".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES)
RDFXML: Final = Format("RDF/XML", ".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML)
DATASET_FORMATS: Final = (TRIG, NQUADS, JSONLD)
GRAPH_FORMATS: Final = (TURTLE, NTRIPLES, RDFXML)
DATASET_STEM: Final = "sdkg"
GRAPHS_FOLDER: Final = "graphs"
CONTEXT_FILE: Final = "context.jsonld"
CHECKSUMS_FILE: Final = "SHA256SUMS"
KEEP: Final = ("site",)  # written into the release folder by `sdkg docs`: an export keeps it
CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class ExportedFile:
    """One file of an export: where it is (relative to the export folder) and what it holds."""

    name: str
    media_type: str
    size: int
    sha256: str
    graph: str | None = None  # the named graph a per-graph file holds
    format: str = ""


class NotExported(Exception):
    """The export was called off before the folder was put in place (see `export`'s `go_ahead`)."""


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


def described(out: Path, name: str, media_type: str, graph: str | None, format_name: str) -> ExportedFile:
    """The description of a file already written (its size and checksum read back)."""
    digest, size = hashlib.sha256(), 0
    with (out / name).open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return ExportedFile(name, media_type, size, digest.hexdigest(), graph, format_name)


def serialise(items: list[ox.Quad] | list[ox.Triple], rdf_format: ox.RdfFormat) -> bytes:
    """Serialise quads or triples with pyoxigraph, using our prefixes where the format has them."""
    output = ox.serialize(items, format=rdf_format, prefixes=PREFIXES)
    assert output is not None
    return output


def dump(store: ox.Store, out: Path, name: str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
    """One file written by the store itself (the whole dataset, or one named graph)."""
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {} if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) \
        else {"prefixes": PREFIXES}
    if graph is not None:
        options["from_graph"] = ox.NamedNode(graph)
    store.dump(output=path, format=rdf_format, **options)  # type: ignore[arg-type]


def export_rdf(dataset: Dataset, out: Path) -> list[ExportedFile]:
    """Write the dataset files, the context and the per-graph files (blank nodes must be canonical already).

    The store writes without holding the interpreter, so the files are written on every core, the largest
    first (by the size of their source files) so that the small ones fill in at the end; each file's checksum
    is computed on the thread that wrote it. The list keeps a fixed order."""
    store = dataset.store
    jobs: list[tuple[str, Format, str | None]] = [(DATASET_STEM + f.suffix, f, None) for f in DATASET_FORMATS]
    for graph in dataset.graphs:
        jobs += [(f"{GRAPHS_FOLDER}/{graph_file_stem(graph)}{f.suffix}", f, graph) for f in GRAPH_FORMATS]
    source_bytes = graph_source_sizes(dataset)
    total = sum(source_bytes.values())
    largest_first = sorted(jobs, key=lambda job: -(total if job[2] is None else source_bytes.get(job[2], 0)))

    def write(job: tuple[str, Format, str | None]) -> ExportedFile:
        name, f, graph = job
        dump(store, out, name, f.rdf_format, graph)
        return described(out, name, f.media_type, graph, f.name)

    written = dict(zip(largest_first, parallel(write, largest_first)))
    return [write_file(out, CONTEXT_FILE, context_document().encode(), "application/ld+json",
                       format_name="JSON-LD context"), *(written[job] for job in jobs)]


def graph_source_sizes(dataset: Dataset) -> dict[str, int]:
    """The bytes of the source files of each named graph (0 for a dataset built in memory)."""
    sizes: dict[str, int] = {}
    for source in dataset.files:
        try:
            sizes[source.graph] = sizes.get(source.graph, 0) + source.path.stat().st_size
        except OSError:
            continue  # gone since it was loaded: only the order of writing depends on it
    return sizes


def checksums(files: list[ExportedFile]) -> bytes:
    """The checksum file in the format of `sha256sum`, so that `sha256sum -c` verifies the export."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode()


def export(dataset: Dataset, out: Path, base_url: str | None = None,
           go_ahead: Callable[[], bool] | None = None, canonical: bool = False) -> list[ExportedFile]:
    """Write every serialisation, the VoID and DCAT descriptions and the checksums into `out`.

    Everything is written into a temporary folder that replaces `out` at the end. `go_ahead`, when given, is
    asked just before: if it says no, the temporary folder is removed, `out` is left as it was, and NotExported
    is raised (`sdkg build` writes the files while its checks run, and keeps them only if the checks hold).
    `canonical`: the blank nodes of the store have been canonicalised already."""
    from sdkg.publish.describe import dcat_record, release_base, void_description, void_statistics

    if not canonical:
        canonicalise(dataset.store)
    base = base_url or release_base(dataset)
    with atomic_folder(out, keep=KEEP) as folder:
        with ThreadPoolExecutor(max_workers=1) as pool:  # the statistics queries run while the files are written
            statistics = pool.submit(void_statistics, dataset)
            files = export_rdf(dataset, folder)
            files.append(write_file(folder, "void.ttl", void_description(dataset, files, base, statistics.result()),
                                    "text/turtle", format_name="VoID"))
        files.append(write_file(folder, "dcat.ttl", dcat_record(dataset, files, base), "text/turtle",
                                format_name="DCAT"))
        files.append(write_file(folder, CHECKSUMS_FILE, checksums(files), "text/plain",
                                format_name="SHA-256 checksums"))
        if go_ahead is not None and not go_ahead():
            raise NotExported()
    return files
