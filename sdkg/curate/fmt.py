"""Keep every Turtle source in one canonical serialisation (rdflib's sorted `longturtle`)."""

from dataclasses import dataclass
from pathlib import Path

import rdflib

from sdkg.errors import InputError
from sdkg.namespaces import PREFIXES
from sdkg.dataset.tree import SourceTree


@dataclass(frozen=True)
class Drift:
    """A file whose text differs from its canonical form."""

    name: str
    path: Path
    canonical: str


def canonical_turtle(path: Path, shown: str) -> str:
    """The canonical text of a Turtle file: same triples, sorted, with the project's prefixes."""
    graph = rdflib.Graph(bind_namespaces="none")
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several parser exception types
        raise InputError(f"invalid Turtle: {error}", shown) from None
    used = {str(node) for triple in graph for node in triple if isinstance(node, rdflib.URIRef)}
    for prefix, namespace in PREFIXES.items():
        if any(iri.startswith(namespace) for iri in used):
            graph.bind(prefix, namespace, override=True, replace=True)
    return graph.serialize(format="longturtle")


def turtle_files(tree: SourceTree) -> list[Path]:
    """Every Turtle source of the tree: ontology, shapes and data."""
    return sorted(tree.ontology.glob("*.ttl")) + sorted(tree.data.rglob("*.ttl"))


def find_drift(tree: SourceTree) -> list[Drift]:
    """The files that are not in canonical form."""
    drifts = []
    for path in turtle_files(tree):
        shown = tree.relative(path)
        canonical = canonical_turtle(path, shown)
        if path.read_text(encoding="utf-8") != canonical:
            drifts.append(Drift(shown, path, canonical))
    return drifts


def rewrite(drifts: list[Drift]) -> None:
    """Write the canonical form over each drifted file."""
    for drift in drifts:
        drift.path.write_text(drift.canonical, encoding="utf-8")
