"""IRIs of the graph: ontology terms, things, vocabularies, shapes and named graphs."""

from typing import Final

BASE: Final = "https://w3id.org/sdkg/"
ONTOLOGY: Final = BASE + "ontology"
SDKG: Final = ONTOLOGY + "#"
RESOURCE: Final = BASE + "resource/"
VOCAB: Final = BASE + "vocab/"
SHAPES: Final = BASE + "shapes#"
GRAPH: Final = BASE + "graph/"

RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
OWL: Final = "http://www.w3.org/2002/07/owl#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
PROV: Final = "http://www.w3.org/ns/prov#"
DCTERMS: Final = "http://purl.org/dc/terms/"
SH: Final = "http://www.w3.org/ns/shacl#"
OA: Final = "http://www.w3.org/ns/oa#"
SPDX: Final = "http://spdx.org/rdf/terms#"

PREFIXES: Final[dict[str, str]] = {
    "sdkg": SDKG,
    "sdr": RESOURCE,
    "sdv": VOCAB,
    "sdsh": SHAPES,
    "sdg": GRAPH,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "sh": SH,
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "vann": "http://purl.org/vocab/vann/",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "oa": OA,
    "spdx": SPDX,
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}


def graph_iri(name: str) -> str:
    """The IRI of the named graph called `name` (entities, evidence, document-000, ...)."""
    return GRAPH + name


def shorten(iri: str) -> str:
    """Write an IRI as a prefixed name when one of our prefixes covers it."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
