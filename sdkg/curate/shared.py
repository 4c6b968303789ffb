"""Where registry entities live: an entity that several documents name belongs in data/entities/shared.ttl;
one that a single document names (or none) belongs in that document's registry file. This module reports the
entities that sit elsewhere and moves the ones several documents name into shared.ttl (move, not copy)."""

from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef

from sdkg.queries.engines import select_rows
from sdkg.curate.files import read_graph, write_graph
from sdkg.dataset.layout import ENTITIES_GRAPH
from sdkg.dataset.loader import Dataset

SHARED = "data/entities/shared.ttl"


@dataclass(frozen=True)
class Placement:
    """An entity, the registry file that defines it, and the documents that name it."""

    entity: str
    file: str
    documents: tuple[str, ...]

    @property
    def belongs_in_shared(self) -> bool:
        return len(self.documents) > 1 and self.file != SHARED


def placements(dataset: Dataset) -> list[Placement]:
    """Every registry entity that several documents name but that is not in shared.ttl."""
    named: dict[str, set[str]] = defaultdict(set)
    for graph in dataset.document_graphs:
        query = f"SELECT DISTINCT ?x WHERE {{ GRAPH <{graph}> {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} }} FILTER(isIRI(?x)) }}"
        for row in select_rows(dataset.store, query):
            named[row["x"].value].add(graph.rsplit("/", 1)[-1])
    entities = {row["e"].value for row in select_rows(dataset.store, 
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?t }} }}")}
    found = [Placement(e, dataset.file_of(e), tuple(sorted(named.get(e, ())))) for e in sorted(entities)]
    return [p for p in found if p.belongs_in_shared]


def move_to_shared(dataset: Dataset, moving: list[Placement]) -> list[str]:
    """Move each entity's registry statements from its file into shared.ttl; returns the files written."""
    tree = dataset.tree
    shared_path = tree.root / SHARED
    shared = read_graph(shared_path, SHARED)
    by_file: dict[str, list[str]] = defaultdict(list)
    for placement in moving:
        by_file[placement.file].append(placement.entity)
    written = []
    for file, entities in sorted(by_file.items()):
        path = tree.root / file
        graph = read_graph(path, file)
        for entity in entities:
            for triple in list(graph.triples((URIRef(entity), None, None))):
                shared.add(triple)
                graph.remove(triple)
        write_graph(graph, path, file)
        written.append(file)
    write_graph(shared, shared_path, SHARED)
    return [*written, SHARED]
