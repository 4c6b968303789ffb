"""Counts that describe the graph: entities per class, facts per document and their support (stated, implied,
curated), evidence coverage, and the stated facts whose spans do not name both ends."""

from dataclasses import dataclass
from pathlib import Path

from sdkg.dataset.layout import CURATION_GRAPH, ENTITIES_GRAPH, EVIDENCE_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.links.coverage import Coverage, link_coverage
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG, VOCAB

CORE_CLASSES = ("Actor", "Initiative", "Treaty", "Technology", "Tension")
STATED, IMPLIED, CURATED = (VOCAB + k for k in ("stated", "implied", "curated"))

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

SUPPORT_COUNTS = f"""
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT ?document ?graph (COUNT(*) AS ?facts) (SUM(?has) AS ?evidenced) (SUM(?st) AS ?stated) (SUM(?im) AS ?implied)
       (SUM(?cu) AS ?curated) WHERE {{
  {{ GRAPH <{METADATA_GRAPH}> {{ ?document sdkg:factsGraph ?graph }} GRAPH ?graph {{ ?s ?p ?o }} }}
  UNION
  {{ BIND(<{CURATION_GRAPH}> AS ?graph) BIND(<{CURATION_GRAPH}> AS ?document) GRAPH ?graph {{ ?s ?p ?o }} }}
  OPTIONAL {{
    SELECT ?s ?p ?o ?document (MAX(IF(?support = <{STATED}>, 1, 0)) AS ?st0) (MAX(IF(?support = <{IMPLIED}>, 1, 0)) AS ?im0)
           (MAX(IF(?support = <{CURATED}>, 1, 0)) AS ?cu0) WHERE {{
      GRAPH <{EVIDENCE_GRAPH}> {{
        ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; sdkg:support ?support .
        OPTIONAL {{ ?e prov:wasQuotedFrom ?quoted }}
      }}
      BIND(COALESCE(?quoted, <{CURATION_GRAPH}>) AS ?document)
    }} GROUP BY ?s ?p ?o ?document
  }}
  BIND(IF(BOUND(?st0), 1, 0) AS ?has)
  BIND(COALESCE(?st0, 0) AS ?st)
  BIND(COALESCE(?im0, 0) AS ?im)
  BIND(COALESCE(?cu0, 0) AS ?cu)
}}
GROUP BY ?document ?graph ORDER BY ?graph
"""


@dataclass(frozen=True)
class DocumentStats:
    """The facts of one document graph (or of the curation graph) and the support of their evidence: a fact
    counts as evidenced when a record of its own source (the document, or a curated record) describes it."""

    document: str
    graph: str
    facts: int
    evidenced: int
    stated: int
    implied: int
    curated: int


@dataclass(frozen=True)
class Stats:
    classes: list[tuple[str, int]]
    documents: list[DocumentStats]
    graphs: list[tuple[str, int]]
    links: list[Coverage]
    unnamed: int | None = None  # stated facts whose spans do not name both ends (None: no source texts given)
    stated: int = 0
    unrecorded: tuple[str, ...] = ()  # document graphs with no bibliographic record: their facts are unchecked

    @property
    def all_evidenced(self) -> bool:
        return not self.unrecorded and all(d.facts == d.evidenced for d in self.documents)


def compute_stats(dataset: Dataset, sources: Path | None = None) -> Stats:
    """Entities per class (counting subclasses), facts and their support per document and for the curation
    graph, triples per graph, link coverage per class and authority; with the source texts, the number of
    stated facts whose spans do not name both ends (the warnings of the evidence check)."""
    classes = [(row["class"].value.removeprefix(SDKG), int(row["n"].value))
               for row in dataset.store.query(CLASS_COUNTS)]
    documents = [DocumentStats(row["document"].value, row["graph"].value,
                               *(int(row[k].value) for k in ("facts", "evidenced", "stated", "implied", "curated")))
                 for row in dataset.store.query(SUPPORT_COUNTS)]
    graphs = [(graph, dataset.triple_count(graph)) for graph in dataset.graphs]
    unnamed = None
    if sources is not None:
        from sdkg.checks.evidence import check_evidence

        outcome = check_evidence(dataset, sources)
        unnamed = sum(f.message.startswith("warning:") for f in outcome.findings)
    stated = sum(d.stated for d in documents)
    recorded = {d.graph for d in documents}
    unrecorded = tuple(g for g in dataset.document_graphs if g not in recorded)
    return Stats(classes, documents, graphs, link_coverage(dataset), unnamed, stated, unrecorded)
