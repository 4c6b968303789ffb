"""The facts of the document graphs and of the curation graph, each with its evidence record.

Evidence is read in the W3C Web Annotation form (the quote as `oa:exact` of a `oa:TextQuoteSelector`, the
spans as `oa:TextPositionSelector` with `oa:start`/`oa:end`). With the source texts at hand (`Sentences`), each span is shown as the sentence
it covers; the site never stores more of a source than that, and only in a build made for the user.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sdkg.dataset.layout import EVIDENCE_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import VOCAB, graph_iri
from sdkg.site.names import Names, Ref, slug_of
from sdkg.site.rdf import Term, Value, select

CURATION_GRAPH = graph_iri("curation")
CURATION = "curation"  # the key of curated evidence, which no document quotes
CURATION_REF = Ref("the curators' additions", "curation.html", CURATION_GRAPH)
IMPLIED = (VOCAB + "implied", VOCAB + "inferred")  # sdv:inferred is the deprecated name of sdv:implied


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: a quote and its spans in a document, or a curator's source or reasoning."""

    iri: str
    quote: str
    support: Ref
    comment: str
    spans: tuple[tuple[int, int], ...] = ()
    sentences: tuple[str, ...] = ()  # the text of each span, when the source texts were given
    checked_against: tuple[str, ...] = ()
    derived_from: tuple[str, ...] = ()
    check_note: str = ""

    @property
    def anchor(self) -> str:
        """The id of the record on its document's page."""
        return slug_of(self.iri)

    @property
    def kind(self) -> str:
        """stated, implied or curated (the style of its badge)."""
        if self.support.iri in IMPLIED:
            return "implied"
        return "curated" if self.support.iri == VOCAB + "curated" else "stated"

    @property
    def inferred(self) -> bool:
        """Whether the document implies the fact rather than stating it."""
        return self.kind == "implied"


@dataclass(frozen=True)
class Fact:
    """A triple of a document graph (or of the curation graph), with its evidence."""

    graph: str
    subject: Ref
    predicate: Ref
    object: Ref
    evidence: tuple[Evidence, ...]
    source: Ref = field(default_factory=lambda: Ref(""))  # the page of the document (or of the curation graph) that holds it


@dataclass(frozen=True)
class FactGroup:
    """The facts of one document (or of the curation graph)."""

    document: Ref
    facts: tuple[Fact, ...]


@dataclass
class Sentences:
    """The normalised source texts, by document IRI, when the user gave them (`sdkg docs --sources`)."""

    texts: dict[str, object] = field(default_factory=dict)  # document IRI -> sdkg.dataset.sourcetext.SourceText

    def of(self, document: str, spans: Iterable[tuple[int, int]]) -> tuple[str, ...]:
        """The text of each span of a document, or nothing when its source is not at hand."""
        from sdkg.dataset.sourcetext import Span

        text: Any = self.texts.get(document)
        if text is None:
            return ()
        return tuple(text.excerpt(Span(start, end)) for start, end in spans)


def _values(rows: list[dict[str, Value]], key: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if key in row and row[key].value not in found[row["ev"].value]:
            found[row["ev"].value].append(row[key].value)
    return found


def evidence_index(dataset: Dataset, known: Names, sentences: Sentences | None = None
                   ) -> dict[tuple[str, Term, Term, Term], list[Evidence]]:
    """Evidence records by (document IRI or CURATION, subject, predicate, object)."""
    graph = f"GRAPH <{EVIDENCE_GRAPH}>"
    records = select(dataset.store, f"""SELECT ?ev ?doc ?s ?p ?o ?support ?comment ?note WHERE {{ {graph} {{
        ?ev a sdkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        OPTIONAL {{ ?ev prov:wasQuotedFrom ?doc }} OPTIONAL {{ ?ev sdkg:support ?support }}
        OPTIONAL {{ ?ev rdfs:comment ?comment }} OPTIONAL {{ ?ev sdkg:checkNote ?note }} }} }} ORDER BY ?ev""")
    quotes = select(dataset.store, f"""SELECT ?ev ?quote WHERE {{ {graph} {{
        ?ev oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?quote
        }} }} ORDER BY ?ev ?quote""")
    spans = select(dataset.store, f"""SELECT ?ev ?start ?end WHERE {{ {graph} {{
        ?ev oa:hasSelector ?sel . ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }} }}
        ORDER BY ?ev ?start""")
    sources = select(dataset.store, f"""SELECT ?ev ?page ?item WHERE {{ {graph} {{ ?ev a sdkg:Evidence .
        OPTIONAL {{ ?ev sdkg:checkedAgainst ?page }} OPTIONAL {{ ?ev prov:wasDerivedFrom ?item }} }} }}""")
    quote_of = _values(quotes, "quote")
    pages, items = _values(sources, "page"), _values(sources, "item")
    span_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in spans:
        span_of[row["ev"].value].append((int(row["start"].value), int(row["end"].value)))
    index: dict[tuple[str, Term, Term, Term], list[Evidence]] = defaultdict(list)
    seen: set[str] = set()
    for row in records:
        iri = row["ev"].value
        if iri in seen:  # a record with two comments or supports is shown once
            continue
        seen.add(iri)
        document = row["doc"].value if "doc" in row else CURATION
        own_spans = tuple(sorted(span_of.get(iri, [])))
        index[(document, row["s"], row["p"], row["o"])].append(Evidence(
            iri, " … ".join(quote_of.get(iri, [])),
            known.ref(row["support"]) if "support" in row else Ref(""),
            row["comment"].value if "comment" in row else "", own_spans,
            sentences.of(document, own_spans) if sentences else (),
            tuple(pages.get(iri, [])), tuple(items.get(iri, [])),
            row["note"].value if "note" in row else ""))
    return index


def read_facts(dataset: Dataset, known: Names, documents: dict[str, str],
               sentences: Sentences | None = None) -> list[Fact]:
    """Every triple of every document graph and of the curation graph, with its evidence."""
    evidence = evidence_index(dataset, known, sentences)
    sources = dict(documents)
    if CURATION_GRAPH in dataset.graphs:
        sources[CURATION_GRAPH] = CURATION
    facts = []
    for graph, document in sources.items():
        source = CURATION_REF if graph == CURATION_GRAPH else known.ref(graph)
        for quad in dataset.quads([graph]):
            facts.append(Fact(graph, known.ref(quad.subject), known.ref(quad.predicate), known.ref(quad.object),
                              tuple(evidence.get((document, quad.subject, quad.predicate, quad.object), [])),
                              source))
    return sorted(facts, key=lambda f: (f.graph, f.subject.label.casefold(), f.predicate.label,
                                        f.object.label.casefold()))


def group_by_document(facts: Iterable[Fact], known: Names) -> list[FactGroup]:
    """Some facts, grouped by the document graph that holds them."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.graph].append(fact)
    return [FactGroup(CURATION_REF if graph == CURATION_GRAPH else known.ref(graph), tuple(groups[graph]))
            for graph in sorted(groups)]
