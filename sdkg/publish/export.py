"""Write the dataset in every standard serialisation, with VoID, DCAT and checksums, into one folder."""

import hashlib
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from sdkg.publish.canonical import CanonicalGraphs, canonical_quads, has_default_graph, triples_by_graph
from sdkg.concurrency import paused_gc
from sdkg.errors import InputError
from sdkg.publish.jsonld import JsonLdWriter, RdflibNeeded, context_document, to_jsonld, to_jsonld_rdflib
from sdkg.dataset.loader import Dataset
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
    """Write the dataset files and the per-graph files; the description files come after.

    One named graph at a time: its canonical N-Triples text is its .nt file and its part of the N-Quads file;
    its triples, parsed once from that text, give its Turtle and RDF/XML files and its part of the JSON-LD
    document; its Turtle text, indented, is its part of the TriG file (what pyoxigraph's TriG writer writes
    for it, without going through the quads again). The TriG and N-Quads files are written as they grow."""
    if has_default_graph(dataset.store):
        return export_rdf_from_quads(dataset, out)
    assert TURTLE.rdf_format is not None and RDFXML.rdf_format is not None and TRIG.rdf_format is not None
    with paused_gc(), Output(out, DATASET_STEM + TRIG.suffix) as trig, \
            Output(out, DATASET_STEM + NQUADS.suffix) as nquads:
        canonical = CanonicalGraphs(dataset)
        header = turtle_header()
        trig.write(trig_header())
        jsonld = JsonLdWriter()
        per_graph: dict[str, list[ExportedFile]] = {}
        trig_from_turtle, jsonld_here = True, True
        for graph in canonical.graphs:
            lines = canonical.lines(graph)
            ntriples = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
            del lines
            # a line end is never inside a term (N-Triples escapes it): each " .\n" ends a statement
            nquads.write(ntriples.replace(b" .\n", f" <{graph}> .\n".encode("utf-8")))
            triples = list(ox.parse(input=ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True))
            turtle = serialise(triples, TURTLE.rdf_format)
            stem = f"{GRAPHS_FOLDER}/{graph_file_stem(graph)}"
            per_graph[graph] = [
                write_file(out, stem + TURTLE.suffix, turtle, TURTLE.media_type, graph, TURTLE.name),
                write_file(out, stem + NTRIPLES.suffix, ntriples, NTRIPLES.media_type, graph, NTRIPLES.name),
                write_file(out, stem + RDFXML.suffix, serialise(triples, RDFXML.rdf_format), RDFXML.media_type,
                           graph, RDFXML.name)]
            part = trig_part(graph, turtle, header) if trig_from_turtle else None
            if part is not None:
                trig.write(part)
            trig_from_turtle = part is not None
            if jsonld_here:
                try:
                    jsonld.add_graph(graph, triples)
                except RdflibNeeded:
                    jsonld_here = False
            del triples, turtle, ntriples
        nquads_file = nquads.close(NQUADS.media_type, format_name=NQUADS.name)
        quads: list[ox.Quad] = []
        if not (trig_from_turtle and jsonld_here):  # the rare ways round: from the quads as Python objects
            quads = list(ox.parse(path=out / nquads_file.name, format=ox.RdfFormat.N_QUADS))
        if not trig_from_turtle:
            trig.restart()
            trig.write(serialise(quads, TRIG.rdf_format))
        files = [trig.close(TRIG.media_type, format_name=TRIG.name), nquads_file]
        text = jsonld.text() if jsonld_here else to_jsonld_rdflib(quads)
        files.append(write_file(out, DATASET_STEM + JSONLD.suffix, text.encode("utf-8"), JSONLD.media_type,
                                format_name=JSONLD.name))
        del text, quads
    files.append(write_file(out, CONTEXT_FILE, context_document().encode(), "application/ld+json",
                            format_name="JSON-LD context"))
    for graph in dataset.graphs:
        files += per_graph.get(graph, [])
    return files


class Output:
    """A file of the export written piece by piece, its checksum and size counted as it grows."""

    def __init__(self, out: Path, name: str) -> None:
        self.out, self.name = out, name
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        self.handle = (out / name).open("wb")
        self.hash = hashlib.sha256()
        self.size = 0
        self.closed: ExportedFile | None = None

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, *_: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.hash.update(data)
        self.size += len(data)

    def restart(self) -> None:
        """Start the file again, empty."""
        self.handle.seek(0)
        self.handle.truncate()
        self.hash, self.size = hashlib.sha256(), 0

    def close(self, media_type: str, graph: str | None = None, format_name: str = "") -> ExportedFile:
        if self.closed is None:
            self.handle.close()
            self.closed = ExportedFile(self.name, media_type, self.size, self.hash.hexdigest(), graph, format_name)
        return self.closed


def trig_part(graph: str, turtle: bytes, header: bytes) -> bytes | None:
    """A named graph as pyoxigraph's TriG writer writes it: its label, then its Turtle statements indented by a
    tab; None when the Turtle text is not of the expected form (the TriG is then written from the quads)."""
    if not turtle.startswith(header) or not turtle.endswith(b"\n"):
        return None
    body = turtle[len(header):]
    if b"\n\n" in body or body.startswith(b"\n"):
        return None
    return graph_label(graph) + b"\n\t" + body[:-1].replace(b"\n", b"\n\t") + b"\n}\n"


SAMPLE: Final = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))


def graph_label(graph: str) -> bytes:
    """How pyoxigraph's TriG writer opens a named graph: `sdg:name {`."""
    return sample_trig(graph)[1]


def trig_header() -> bytes:
    """The prefix lines pyoxigraph's TriG writer starts with."""
    return sample_trig("urn:x:g")[0]


def sample_trig(graph: str) -> tuple[bytes, bytes]:
    assert TRIG.rdf_format is not None
    text = serialise([ox.Quad(SAMPLE.subject, SAMPLE.predicate, SAMPLE.object, ox.NamedNode(graph))],
                     TRIG.rdf_format)
    lines = text.split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.endswith(b"{"))
    return b"".join(line + b"\n" for line in lines[:at]), lines[at]


def turtle_header() -> bytes:
    """The prefix lines pyoxigraph's Turtle writer starts with (it writes them with the first triple)."""
    assert TURTLE.rdf_format is not None
    text = serialise([SAMPLE], TURTLE.rdf_format)
    last = b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"
    assert text.endswith(last)
    return text[:-len(last)]


def export_rdf_from_quads(dataset: Dataset, out: Path) -> list[ExportedFile]:
    """The same files, from the canonical quads as Python objects (for a dataset with a default graph)."""
    quads = canonical_quads(dataset)
    files = [write_file(out, DATASET_STEM + f.suffix, serialise(quads, f.rdf_format), f.media_type, format_name=f.name)
             for f in (TRIG, NQUADS) if f.rdf_format is not None]
    files.append(write_file(out, DATASET_STEM + JSONLD.suffix, to_jsonld(quads).encode(), JSONLD.media_type,
                            format_name=JSONLD.name))
    files.append(write_file(out, CONTEXT_FILE, context_document().encode(), "application/ld+json",
                            format_name="JSON-LD context"))
    by_graph = triples_by_graph(quads)
    for graph in dataset.graphs:
        triples = by_graph.get(graph, [])
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
    from sdkg.publish.describe import dcat_record, release_base, void_description, void_statistics

    prepare_folder(out)
    base = base_url or release_base(dataset)
    with ThreadPoolExecutor(max_workers=1) as pool:  # the statistics queries run while the files are written
        statistics = pool.submit(void_statistics, dataset)
        files = export_rdf(dataset, out)
        files.append(write_file(out, "void.ttl", void_description(dataset, files, base, statistics.result()),
                                "text/turtle", format_name="VoID"))
    files.append(write_file(out, "dcat.ttl", dcat_record(dataset, files, base), "text/turtle",
                            format_name="DCAT"))
    files.append(write_file(out, CHECKSUMS_FILE, checksums(files), "text/plain", format_name="SHA-256 checksums"))
    return files
