"""The terms a curator writes with: fact properties with their domain, range and definition, and classes."""

from dataclasses import dataclass

from sdkg.queries.engines import select_rows
from sdkg.curate.add import fact_properties
from sdkg.curate.registry import Registry
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG, SKOS, shorten

DEFINITIONS = f"""SELECT ?term ?definition WHERE {{ GRAPH <https://w3id.org/sdkg/graph/ontology> {{
  ?term <{SKOS}definition> ?definition }} }}"""


@dataclass(frozen=True)
class Term:
    name: str
    kind: str  # "property" (to another thing), "value" (a literal), or "class"
    domain: str
    range: str
    definition: str
    parent: str = ""


def definitions(dataset: Dataset) -> dict[str, str]:
    return {row["term"].value: row["definition"].value for row in select_rows(dataset.store, DEFINITIONS)}


def property_terms(dataset: Dataset) -> list[Term]:
    """Every property a document fact may use."""
    registry, texts = Registry.of(dataset), definitions(dataset)
    return [Term(shorten(p.iri), "value" if p.datatype else "property", shorten(p.domain) if p.domain else "",
                 shorten(p.range) if p.range else ("" if not p.datatype else "text@en"), texts.get(p.iri, ""))
            for p in fact_properties(registry)]


def class_terms(dataset: Dataset) -> list[Term]:
    """Every class of the sdkg ontology with its direct superclasses."""
    registry, texts = Registry.of(dataset), definitions(dataset)
    return [Term(shorten(c), "class", "", "", texts.get(c, ""),
                 ", ".join(sorted(shorten(s) for s in registry.supers.get(c, ()) if s.startswith(SDKG))))
            for c in sorted(registry.classes) if c.startswith(SDKG)]
