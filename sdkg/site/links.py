"""The identity links of the links graph, with what the curators saw when they checked them."""

from collections import defaultdict
from dataclasses import dataclass

from sdkg.dataset.layout import LINKS_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import OWL, SDKG, SKOS
from sdkg.site.names import Names, Ref
from sdkg.site.rdf import select

LINK_NAMES = {OWL + "sameAs": "same as (owl:sameAs)", SKOS + "exactMatch": "exact match (skos:exactMatch)",
              SKOS + "closeMatch": "close match (skos:closeMatch)"}
LINK_PREDICATES = (*LINK_NAMES, SDKG + "iso3166Alpha2")


@dataclass(frozen=True)
class ExternalLink:
    """An identity link, with what the curators saw when they checked it. Shown as text: the site links to
    nothing outside itself."""

    relation: Ref
    target: str  # an IRI or a code
    notes: tuple[str, ...] = ()
    checked_at: tuple[str, ...] = ()  # addresses of the pages consulted


def external_links(dataset: Dataset, known: Names) -> dict[str, list[ExternalLink]]:
    """The identity links of the links graph, by entity, with the link checks (sdkg:LinkCheck records that
    name the entity, the relation and the target as rdf:subject, rdf:predicate and rdf:object)."""
    values = " ".join(f"<{p}>" for p in LINK_PREDICATES)
    rows = select(dataset.store, f"""SELECT ?e ?p ?target ?note ?page WHERE {{ GRAPH <{LINKS_GRAPH}> {{
        ?e ?p ?target VALUES ?p {{ {values} }}
        OPTIONAL {{ ?check a sdkg:LinkCheck ; rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?target .
                   OPTIONAL {{ ?check sdkg:checkNote ?note }} OPTIONAL {{ ?check sdkg:checkedAgainst ?page }} }}
        FILTER(isIRI(?e)) }} }} ORDER BY ?e ?p ?target ?note ?page""")
    checks: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {}
    for row in rows:
        notes, pages = checks.setdefault((row["e"].value, row["p"].value, row["target"].value), ([], []))
        for found, key in ((notes, "note"), (pages, "page")):
            if key in row and row[key].value not in found:
                found.append(row[key].value)
    links: dict[str, list[ExternalLink]] = defaultdict(list)
    for (entity, predicate, target), (notes, pages) in checks.items():
        relation = known.ref(predicate)
        relation = Ref(LINK_NAMES.get(predicate, relation.label), relation.href, predicate)
        links[entity].append(ExternalLink(relation, target, tuple(notes), tuple(pages)))
    return links
