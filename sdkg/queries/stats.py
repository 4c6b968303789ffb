"""Counts that describe the graph: entities per class, facts per document, evidence coverage."""

from dataclasses import dataclass

from sdkg.dataset.layout import ENTITIES_GRAPH, EVIDENCE_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.links.coverage import Coverage, link_coverage
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG

CORE_CLASSES = ("Actor", "Initiative", "Treaty", "Technology", "Tension")

CLASS_COUNTS = f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(DISTINCT ?entity) AS ?n) WHERE {{
  GRAPH <{ENTITIES_GRAPH}> {{ ?entity rdf:type ?type }}
  GRAPH <{ONTOLOGY_GRAPH}> {{ ?type rdfs:subClassOf* ?class }}
  FILTER(STRSTARTS(STR(?class), "{SDKG}"))
}}
GROUP BY ?class ORDER BY DESC(?n) ?class
"""

DOCUMENT_COUNTS = f"""
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT ?document ?graph (COUNT(*) AS ?facts) (SUM(?has) AS ?evidenced) (SUM(?inf) AS ?inferred) WHERE {{
  GRAPH <{METADATA_GRAPH}> {{ ?document sdkg:factsGraph ?graph }}
  GRAPH ?graph {{ ?s ?p ?o }}
  OPTIONAL {{
    SELECT ?s ?p ?o ?document (MAX(IF(?support = <https://w3id.org/sdkg/vocab/inferred>, 1, 0)) AS ?inf0) WHERE {{
      GRAPH <{EVIDENCE_GRAPH}> {{
        ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasQuotedFrom ?document ; sdkg:support ?support
      }}
    }} GROUP BY ?s ?p ?o ?document
  }}
  BIND(IF(BOUND(?inf0), 1, 0) AS ?has)
  BIND(COALESCE(?inf0, 0) AS ?inf)
}}
GROUP BY ?document ?graph ORDER BY ?graph
"""


@dataclass(frozen=True)
class DocumentStats:
    document: str
    graph: str
    facts: int
    evidenced: int
    inferred: int


@dataclass(frozen=True)
class Stats:
    classes: list[tuple[str, int]]
    documents: list[DocumentStats]
    graphs: list[tuple[str, int]]
    links: list[Coverage]

    @property
    def all_evidenced(self) -> bool:
        return all(d.facts == d.evidenced for d in self.documents)


def compute_stats(dataset: Dataset) -> Stats:
    """Entities per class (counting subclasses), facts and evidence per document, triples per graph,
    link coverage per class and authority."""
    classes = [(row["class"].value.removeprefix(SDKG), int(row["n"].value))
               for row in dataset.store.query(CLASS_COUNTS)]
    documents = [DocumentStats(row["document"].value, row["graph"].value, int(row["facts"].value),
                               int(row["evidenced"].value), int(row["inferred"].value))
                 for row in dataset.store.query(DOCUMENT_COUNTS)]
    graphs = [(graph, dataset.triple_count(graph)) for graph in dataset.graphs]
    return Stats(classes, documents, graphs, link_coverage(dataset))
