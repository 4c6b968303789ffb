"""VoID statistics and the DCAT record of an export, computed from the dataset and the files written."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from sdkg.links.authorities import AUTHORITIES
from sdkg.queries.engines import select_rows
from sdkg.errors import InputError
from sdkg.dataset.layout import LINKS_GRAPH, METADATA_GRAPH
from sdkg.namespaces import PREFIXES, RESOURCE, shorten

if TYPE_CHECKING:
    from sdkg.publish.export import ExportedFile
    from sdkg.dataset.loader import Dataset

DATASET: Final = rdflib.URIRef(RESOURCE + "dataset")
SD: Final = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
SPDX: Final = rdflib.Namespace("http://spdx.org/rdf/terms#")
IANA: Final = "https://www.iana.org/assignments/media-types/"
FORMATS: Final = "http://www.w3.org/ns/formats/"
DCAT_VERSION: Final = rdflib.URIRef(str(DCAT) + "version")  # DCAT 3; rdflib knows DCAT 2
METADATA_FILE: Final = "data/metadata.ttl"

STATISTICS: Final = """(COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
    (COUNT(DISTINCT ?o) AS ?objects) (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?class) AS ?classes)
    WHERE { GRAPH ?g { ?s ?p ?o }
      BIND(IF(isIRI(?s), ?s, ?unbound) AS ?entity)
      BIND(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>, ?o, ?unbound) AS ?class) }"""
# Entities are the distinct IRIs in subject position, classes the distinct objects of rdf:type: one scan gives
# every figure (an IF that picks the unbound variable leaves its result unbound, which COUNT does not count).
DATASET_STATISTICS: Final = f"SELECT {STATISTICS}"
GRAPH_STATISTICS: Final = f"SELECT ?g {STATISTICS} GROUP BY ?g"
CLASS_PARTITION: Final = """
SELECT ?c (COUNT(DISTINCT ?e) AS ?entities) WHERE { GRAPH ?g { ?e a ?c } } GROUP BY ?c ORDER BY ?c
"""
LINK_COUNTS: Final = f"""
SELECT ?p ?authority (COUNT(*) AS ?links) WHERE {{
  VALUES (?authority ?namespace) {{ {" ".join(f'("{a.key}" "{a.namespace}")' for a in AUTHORITIES if a.namespace)} }}
  GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?target FILTER(isIRI(?target)) }}
  FILTER(STRSTARTS(STR(?target), ?namespace))
}}
GROUP BY ?p ?authority
"""


def _count(value: int) -> rdflib.Literal:
    return rdflib.Literal(value, datatype=XSD.integer)


def release_base(dataset: "Dataset") -> str:
    """Where the files of this release are published: a folder named by the dataset's version."""
    return f"https://w3id.org/sdkg/release/{metadata_value(dataset, OWL.versionInfo)}/"


def metadata_value(dataset: "Dataset", predicate: rdflib.URIRef) -> str:
    """One value of the dataset's record in the metadata graph; missing is bad input."""
    found = list(dataset.store.quads_for_pattern(ox.NamedNode(str(DATASET)), ox.NamedNode(str(predicate)), None,
                                                 ox.NamedNode(METADATA_GRAPH)))
    if not found:
        raise InputError(f"the dataset record <{DATASET}> has no {predicate.n3()} value", METADATA_FILE)
    return found[0].object.value


def subset_iri(graph: str) -> rdflib.URIRef:
    """The VoID subset that stands for one named graph."""
    return rdflib.URIRef(RESOURCE + "dataset-graph-" + graph.rsplit("/", 1)[-1])


def new_graph() -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, "sd": str(SD), "spdx": str(SPDX)}.items():
        graph.bind(prefix, namespace)
    return graph


def add_statistics(graph: rdflib.Graph, node: rdflib.URIRef, row: dict[str, int]) -> None:
    for key, predicate in (("triples", VOID.triples), ("entities", VOID.entities), ("classes", VOID.classes),
                           ("properties", VOID.properties), ("subjects", VOID.distinctSubjects),
                           ("objects", VOID.distinctObjects)):
        graph.add((node, predicate, _count(row.get(key, 0))))


def select(dataset: "Dataset", query: str) -> list[dict[str, str]]:
    """The rows of a SELECT query on the dataset, each value as its lexical form."""
    return [{name: value.value for name, value in row.items()} for row in select_rows(dataset.store, query)]


VOID_QUERIES: Final = (DATASET_STATISTICS, GRAPH_STATISTICS, CLASS_PARTITION, LINK_COUNTS)
Rows = list[dict[str, str]]


def void_statistics(dataset: "Dataset") -> dict[str, Rows]:
    """The rows of every query the VoID description needs: run them ahead (in another thread, while the export
    writes its files) and pass them to `void_description`."""
    return {query: select(dataset, query) for query in VOID_QUERIES}


def counts(row: dict[str, str]) -> dict[str, int]:
    return {key: int(value) for key, value in row.items() if value.isdigit()}


def void_description(dataset: "Dataset", files: list["ExportedFile"], base: str,
                     statistics: dict[str, Rows] | None = None) -> bytes:
    """VoID: the whole dataset, one subset per named graph with its dumps, class partitions and linksets
    (`statistics`: the rows of the statistics queries, when they were run ahead)."""
    known = statistics or {}

    def run(query: str) -> Rows:
        return known[query] if query in known else select(dataset, query)

    graph = new_graph()
    graph.add((DATASET, RDF.type, VOID.Dataset))
    graph.add((DATASET, RDFS.comment, rdflib.Literal(
        "Triples count every quad of every named graph; entities are the distinct IRIs in subject position.",
        lang="en")))
    whole = counts(run(DATASET_STATISTICS)[0])
    add_statistics(graph, DATASET, whole)
    graph.add((DATASET, VOID.uriSpace, rdflib.Literal(RESOURCE)))
    for f in files:
        if f.graph is None and f.format in ("TriG", "N-Quads", "JSON-LD"):
            graph.add((DATASET, VOID.dataDump, rdflib.URIRef(base + f.name)))
    for feature in ("TriG", "N-Quads", "JSON-LD", "Turtle", "N-Triples", "RDF_XML"):
        graph.add((DATASET, VOID.feature, rdflib.URIRef(FORMATS + feature)))
    add_graph_subsets(graph, dataset, files, base, run)
    add_class_partitions(graph, run)
    add_linksets(graph, run)
    return graph.serialize(format="longturtle").encode()


def add_graph_subsets(graph: rdflib.Graph, dataset: "Dataset", files: list["ExportedFile"], base: str,
                      run: Callable[[str], Rows]) -> None:
    """One VoID subset per named graph: its name, statistics and per-graph dumps."""
    statistics = {row["g"]: counts(row) for row in run(GRAPH_STATISTICS)}
    dumps: dict[str, list["ExportedFile"]] = {}
    for f in files:
        if f.graph is not None:
            dumps.setdefault(f.graph, []).append(f)
    for name in dataset.graphs:
        subset = subset_iri(name)
        graph.add((DATASET, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, RDF.type, SD.NamedGraph))
        graph.add((subset, SD.name, rdflib.URIRef(name)))
        add_statistics(graph, subset, statistics.get(name, {}))
        for f in dumps.get(name, ()):
            graph.add((subset, VOID.dataDump, rdflib.URIRef(base + f.name)))


def add_class_partitions(graph: rdflib.Graph, run: Callable[[str], Rows]) -> None:
    """For each class used anywhere in the dataset, how many distinct things are typed with it."""
    for row in run(CLASS_PARTITION):
        partition = rdflib.URIRef(f"{DATASET}-class-{_local_name(row['c'])}")
        graph.add((DATASET, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], rdflib.URIRef(row["c"])))
        graph.add((partition, VOID.entities, _count(int(row["entities"]))))


def _local_name(iri: str) -> str:
    """A readable, IRI-safe name for a class, prefixed by its vocabulary."""
    short = shorten(iri)
    return short.replace(":", "-", 1) if short != iri else "".join(c if c.isalnum() else "-" for c in iri)


def add_linksets(graph: rdflib.Graph, run: Callable[[str], Rows]) -> None:
    """One VoID linkset per external authority and link predicate, with its number of links."""
    totals: dict[tuple[str, str], int] = {}
    for row in run(LINK_COUNTS):
        pair = (row["authority"], row["p"])
        totals[pair] = totals.get(pair, 0) + int(row["links"])
    for (key, predicate), links in sorted(totals.items()):
        authority = next(a for a in AUTHORITIES if a.key == key)
        linkset = rdflib.URIRef(f"{DATASET}-links-{key}-{_local_name(predicate)}")
        target = rdflib.URIRef(authority.dataset)
        graph.add((DATASET, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.subjectsTarget, DATASET))
        graph.add((linkset, VOID.objectsTarget, target))
        graph.add((linkset, VOID.linkPredicate, rdflib.URIRef(predicate)))
        graph.add((linkset, VOID.triples, _count(links)))
        graph.add((target, RDF.type, VOID.Dataset))
        graph.add((target, DCTERMS.title, rdflib.Literal(authority.name)))
        graph.add((target, FOAF.homepage, rdflib.URIRef(authority.homepage)))


def dcat_record(dataset: "Dataset", files: list["ExportedFile"], base: str) -> bytes:
    """DCAT: the dataset with licence, version and dates, and one distribution per exported file."""
    graph = new_graph()
    graph.add((DATASET, RDF.type, DCAT.Dataset))
    licence = rdflib.URIRef(metadata_value(dataset, DCTERMS.license))
    for predicate, value in (
            (DCTERMS.title, rdflib.Literal(metadata_value(dataset, DCTERMS.title), lang="en")),
            (DCTERMS.description, rdflib.Literal(metadata_value(dataset, DCTERMS.description), lang="en")),
            (DCTERMS.license, licence),
            (DCAT_VERSION, rdflib.Literal(metadata_value(dataset, OWL.versionInfo))),
            (OWL.versionInfo, rdflib.Literal(metadata_value(dataset, OWL.versionInfo))),
            (DCTERMS.issued, rdflib.Literal(metadata_value(dataset, DCTERMS.issued), datatype=XSD.date)),
            (DCTERMS.modified, rdflib.Literal(metadata_value(dataset, DCTERMS.modified), datatype=XSD.date))):
        graph.add((DATASET, predicate, value))
    for f in files:
        distribution = rdflib.URIRef(base + f.name)
        checksum = rdflib.BNode(f"sha256-{f.sha256}")
        graph.add((DATASET, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, rdflib.Literal(distribution_title(f), lang="en")))
        graph.add((distribution, DCAT.downloadURL, distribution))
        graph.add((distribution, DCAT.mediaType, rdflib.URIRef(IANA + f.media_type)))
        graph.add((distribution, DCAT.byteSize, rdflib.Literal(f.size, datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, rdflib.Literal(f.sha256, datatype=XSD.hexBinary)))
    return graph.serialize(format="longturtle").encode()


def distribution_title(f: "ExportedFile") -> str:
    """A short title for a distribution: its format and what it holds."""
    if f.graph is not None:
        return f"{f.format}: the named graph {f.graph.rsplit('/', 1)[-1]}"
    if f.format in ("TriG", "N-Quads", "JSON-LD"):
        return f"{f.format}: every named graph of the dataset"
    return f.format
