"""The facts of the document graphs, each with the evidence for it in its document."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sdkg.dataset.layout import EVIDENCE_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import VOCAB
from sdkg.site.names import Names, Ref
from sdkg.site.rdf import Term, select


@dataclass(frozen=True)
class Evidence:
    """What a document says for a fact: a quote, how it supports the fact, and a comment."""

    quote: str
    support: Ref
    comment: str

    @property
    def inferred(self) -> bool:
        """Whether the fact is inferred rather than stated."""
        return self.support.iri == VOCAB + "inferred"


@dataclass(frozen=True)
class Fact:
    """A triple of a document graph, with the evidence for it in that document."""

    graph: str
    subject: Ref
    predicate: Ref
    object: Ref
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class FactGroup:
    """The facts of one document."""

    document: Ref
    facts: tuple[Fact, ...]


def evidence_index(dataset: Dataset, known: Names) -> dict[tuple[str, Term, Term, Term], list[Evidence]]:
    """Evidence records by (document, subject, predicate, object)."""
    rows = select(dataset.store, f"""SELECT ?doc ?s ?p ?o ?quote ?support ?comment WHERE {{
      GRAPH <{EVIDENCE_GRAPH}> {{
        ?ev a sdkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasQuotedFrom ?doc .
        OPTIONAL {{ ?ev sdkg:quote ?quote }} OPTIONAL {{ ?ev sdkg:support ?support }}
        OPTIONAL {{ ?ev rdfs:comment ?comment }} }} }} ORDER BY ?ev""")
    index: dict[tuple[str, Term, Term, Term], list[Evidence]] = defaultdict(list)
    for row in rows:
        evidence = Evidence(row["quote"].value if "quote" in row else "",
                            known.ref(row["support"]) if "support" in row else Ref(""),
                            row["comment"].value if "comment" in row else "")
        index[(row["doc"].value, row["s"], row["p"], row["o"])].append(evidence)
    return index


def read_facts(dataset: Dataset, known: Names, documents: dict[str, str]) -> list[Fact]:
    """Every triple of every document graph, with its evidence."""
    evidence = evidence_index(dataset, known)
    facts = []
    for graph, document in documents.items():
        for quad in dataset.quads([graph]):
            facts.append(Fact(graph, known.ref(quad.subject), known.ref(quad.predicate), known.ref(quad.object),
                              tuple(evidence.get((document, quad.subject, quad.predicate, quad.object), []))))
    return sorted(facts, key=lambda f: (f.graph, f.subject.label.casefold(), f.predicate.label,
                                        f.object.label.casefold()))


def group_by_document(facts: Iterable[Fact], known: Names) -> list[FactGroup]:
    """Some facts, grouped by the document graph that holds them."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.graph].append(fact)
    return [FactGroup(known.ref(graph), tuple(groups[graph])) for graph in sorted(groups)]
