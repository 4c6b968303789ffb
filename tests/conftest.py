"""Shared fixtures: the repository tree, its dataset (parsed once per session) and the shapes."""

from pathlib import Path

import pytest
import rdflib

from sdkg.dataset.loader import Dataset, load
from sdkg.dataset.tree import SourceTree

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def tree() -> SourceTree:
    return SourceTree(REPO)


@pytest.fixture(scope="session")
def dataset(tree: SourceTree) -> Dataset:
    return load(tree)


@pytest.fixture(scope="session")
def shapes_graph(tree: SourceTree) -> rdflib.Graph:
    return rdflib.Graph().parse(tree.shapes, format="turtle")


@pytest.fixture(scope="session")
def ontology_graph(tree: SourceTree) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(tree.ontology.glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts not found at {SEEDS}")
    return SEEDS
