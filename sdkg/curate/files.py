"""Read a Turtle source file into rdflib, and write it back in the project's canonical form."""

import tempfile
from pathlib import Path

import rdflib

from sdkg.atomic import write_text_atomic
from sdkg.curate.fmt import canonical_turtle, literals_as_written
from sdkg.errors import InputError
from sdkg.namespaces import XSD


def read_graph(path: Path, shown: str) -> rdflib.Graph:
    """The triples of a Turtle file (an empty graph when the file does not exist yet)."""
    graph = rdflib.Graph(bind_namespaces="none")
    if path.is_file():
        try:
            with literals_as_written():  # a literal is kept as the file writes it ("01" stays "01")
                graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several parser exception types
            raise InputError(f"invalid Turtle: {error}", shown) from None
    return graph


def write_graph(graph: rdflib.Graph, path: Path, shown: str) -> None:
    """Write a graph over `path` in canonical Turtle (sdkg fmt's form), all or nothing.

    The draft keeps the prefixes the file declared (as `sdkg fmt` does), and xsd: for typed literals."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if any(isinstance(o, rdflib.Literal) and str(o.datatype or "").startswith(XSD) for o in graph.objects()):
        graph.bind("xsd", XSD, override=True, replace=True)
    with tempfile.NamedTemporaryFile("w", suffix=".ttl", dir=path.parent, delete=False, encoding="utf-8") as draft:
        draft.write(graph.serialize(format="turtle"))
    draft_path = Path(draft.name)
    try:
        text = canonical_turtle(draft_path, shown)
    finally:
        draft_path.unlink(missing_ok=True)
    write_text_atomic(path, text)
