"""SHACL validation of the data against ontology/shapes.ttl, by a complete engine on every node.

The engine is `shacl` (PyPI; a SHACL Core and SHACL-SPARQL validator written in Rust, pinned in pyproject.toml;
why this one: bench/README.md). The data graph is the union of every named graph, read from the source files
as they are written: pyoxigraph's store keeps numbers by value (`"1947"^^xsd:int` comes back as an
xsd:integer, `"01990"` as `"1990"`), so a validator fed from the store could not see an ill-typed or
non-canonical literal. The Turtle files are handed to the engine one after the other in one text; a file that
names blank nodes (`_:x`) is first turned into N-Triples with its blank nodes renamed, as the loader keeps
them apart. A dataset built in memory, with no files, is validated from its N-Quads.

pyshacl stays the reference: the tests compare the two on every fixture and on damaged graphs.
"""

import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import shacl

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import SourceFile
from sdkg.dataset.loader import Dataset
from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError
from sdkg.namespaces import RDF

SH = "http://www.w3.org/ns/shacl#"
Source = Path | bytes  # a Turtle file, or Turtle (or N-Triples) text


def load_shapes(path: Path, shown: str) -> shacl.Shapes:
    """The compiled shapes graph; a syntax error or an ill-formed shape is bad input."""
    if not path.is_file():
        raise InputError("no such file", shown)
    try:
        return shacl.Shapes.from_file(str(path))
    except ValueError as error:
        raise InputError(f"invalid shapes graph: {one_line(error)}", shown) from None


def validate_sources(shapes: shacl.Shapes, sources: Iterable[Source]) -> shacl.Report:
    """Validate the union of some Turtle sources, each read as written (their literals untouched)."""
    with tempfile.NamedTemporaryFile(suffix=".ttl", prefix="sdkg-shacl-") as handle:
        for source in sources:
            handle.write(turtle_of(source))
            handle.write(b"\n")
        handle.flush()
        try:
            return shapes.validate_file(handle.name, allow_warnings=True)
        except ValueError as error:
            raise InputError(f"the SHACL engine cannot read the data: {one_line(error)}") from None


def turtle_of(source: Source) -> bytes:
    """A source's statements as Turtle that can follow other files: its own text, or, when it labels blank
    nodes, N-Triples with them renamed (so that `_:x` in two files stays two nodes)."""
    text = source.read_bytes() if isinstance(source, Path) else source
    if b"_:" not in text:
        return text
    quads = ox.parse(input=text, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
    output = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
    return output or b""


def dataset_sources(dataset: Dataset) -> list[Source]:
    """What the engine reads: the source files, or the N-Quads of a dataset built in memory (no files)."""
    if dataset.files:
        return [source.path for source in dataset.files]
    nquads = dataset.store.dump(format=ox.RdfFormat.N_QUADS)
    assert nquads is not None
    # N-Quads is not Turtle: give the engine the triples (the union of the graphs)
    triples = (quad.triple for quad in ox.parse(input=nquads, format=ox.RdfFormat.N_QUADS))
    return [ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""]


def unbracket(term: str | None) -> str:
    """How findings name a term: an IRI without its brackets; a blank node or path as the engine writes it."""
    if not term:
        return ""
    if term.startswith("<") and term.endswith(">") and " " not in term:
        return term[1:-1]
    return term


def findings_of(report: shacl.Report, dataset: Dataset | None = None) -> list[Finding]:
    """The validation results as findings, sorted, each with the file that defines its node."""
    findings = {Finding(
        message=result.message or "constraint violated",
        node=unbracket(result.focus_node),
        path=unbracket(result.path),
        value=result.value_plain or "",
        shape=unbracket(result.source_shape) if (result.source_shape or "").startswith("<")
        else unbracket(result.root_shape),
    ) for result in report.results}
    if dataset is not None:
        files = {node: dataset.file_of(node) for node in sorted({f.node for f in findings})}
        findings = {replace(f, file=files[f.node]) for f in findings}
    return sorted(findings, key=lambda f: (f.file, f.node, f.path, f.shape, f.value))


def tree_shapes(tree: SourceTree) -> shacl.Shapes:
    """The compiled shapes graph of a tree (ontology/shapes.ttl)."""
    return load_shapes(tree.shapes, tree.relative(tree.shapes))


def validate_files(tree: SourceTree, files: list[SourceFile]) -> shacl.Report:
    """Validate the union of the source files, as written, against the tree's shapes (needs no store: `sdkg
    check` and `sdkg build` start it while the store loads)."""
    return validate_sources(tree_shapes(tree), [f.path for f in files])


def check_shacl(dataset: Dataset, report: shacl.Report | None = None) -> Outcome:
    """Validate every node of the union of the dataset's graphs against the shapes (`report`: the engine's
    report on the dataset's files, when it was started before the dataset was loaded)."""
    if report is None:
        report = validate_sources(tree_shapes(dataset.tree), dataset_sources(dataset))
    findings = findings_of(report, dataset)
    if findings:
        return Outcome("shacl", Status.FAIL, f"{len(findings)} violation(s) of the shapes", findings)
    where = f"{len(dataset.files)} files" if dataset.files else "the dataset"
    return Outcome("shacl", Status.PASS, f"every node of {where} ({len(dataset.store):,} statements) conforms "
                                         f"to {shape_count(dataset.tree.shapes)} shapes")


def shape_count(path: Path) -> int:
    """The named node and property shapes of a shapes file."""
    kinds = {ox.NamedNode(SH + "NodeShape"), ox.NamedNode(SH + "PropertyShape")}
    rdf_type = ox.NamedNode(RDF + "type")
    return len({quad.subject for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE)
                if quad.predicate == rdf_type and quad.object in kinds and isinstance(quad.subject, ox.NamedNode)})


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
