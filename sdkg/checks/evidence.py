"""The evidence check (`sdkg check --sources DIR`): every quote and span against its checksummed source text,
the kinds of support against the graphs, and a warning list of stated facts whose spans do not name both ends.

Per record of a document fact: one quote selector (`<record>-quote`, oa:exact) and at least one span
(`<record>-span-N`, oa:start/oa:end); every span inside the normalised text (sdkg.dataset.sourcetext); the quote
verbatim in the text and inside one of the record's spans. A text whose SHA-256 differs from the one the
metadata records is refused (one finding; its records are not checked against it). Support kinds: stated and
implied point into a document, implied with a comment; curated records point into none, carry a source
(checkedAgainst, on the links checks' accepted sources, with a checkNote; or a comment), and their statements sit in the curation graph and in no
document graph; every statement of the curation graph has a curated record. `sdv:inferred` is retired.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import CURATION_GRAPH, ENTITIES_GRAPH, EVIDENCE_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.dataset.sourcetext import SourceText, Span, normalise_quote, read_source
from sdkg.dataset.tree import require_folder
from sdkg.errors import InputError
from sdkg.links.sources import accepted_source
from sdkg.namespaces import OA, PROV, RDF, RDFS, SDKG, SKOS, SPDX, VOCAB

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
CHECK = "quotes"
SOURCES_FOLDER = "the folder of source texts"
METADATA_FILE = "data/metadata.ttl"
STATED, IMPLIED, CURATED, INFERRED = (VOCAB + k for k in ("stated", "implied", "curated", "inferred"))
TEXT_QUOTE, TEXT_POSITION = OA + "TextQuoteSelector", OA + "TextPositionSelector"


@dataclass(slots=True)
class Selector:
    iri: str
    types: set[str] = field(default_factory=set)
    exact: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Record:
    """One evidence record as the check reads it."""

    iri: str
    subject: Term | None = None
    predicate: Term | None = None
    object: Term | None = None
    support: str | None = None
    document: str | None = None
    comment: bool = False
    checked_against: list[str] = field(default_factory=list)
    check_note: bool = False
    selectors: list[str] = field(default_factory=list)

    @property
    def fact(self) -> tuple[Term | None, Term | None, Term | None]:
        return self.subject, self.predicate, self.object


@dataclass(frozen=True)
class SourceRecord:
    """A document's metadata: its text file and the recorded SHA-256."""

    document: str
    source_file: str | None
    sha256: str | None


RECORDS_QUERY: Final = f"""SELECT ?record ?subject ?predicate ?object ?support ?document
WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{
  ?record a <{SDKG}Evidence> .
  OPTIONAL {{ ?record <{RDF}subject> ?subject }} OPTIONAL {{ ?record <{RDF}predicate> ?predicate }}
  OPTIONAL {{ ?record <{RDF}object> ?object }} OPTIONAL {{ ?record <{SDKG}support> ?support }}
  OPTIONAL {{ ?record <{PROV}wasQuotedFrom> ?document }}
}} }}"""
SELECTORS_QUERY: Final = f"""SELECT ?record ?selector ?exact ?start ?end
WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{
  ?record <{OA}hasSelector> ?selector .
  OPTIONAL {{ ?selector <{OA}exact> ?exact }} OPTIONAL {{ ?selector <{OA}start> ?start }}
  OPTIONAL {{ ?selector <{OA}end> ?end }}
}} }}"""
CHECKED_AGAINST_QUERY: Final = f"""SELECT ?record ?page
WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{ ?record <{SDKG}checkedAgainst> ?page }} }}"""


def read_evidence(dataset: Dataset) -> tuple[dict[str, Record], dict[str, Selector]]:
    """The evidence records, and the typed selectors (oa:TextQuoteSelector, oa:TextPositionSelector) they name.

    Three queries bind only what the check looks at, and four lookups in the store's indexes say which nodes
    have a comment, a check note or a selector type, so no Python object is made per statement of the evidence
    graph. Where a property has several values the first one found counts (the shapes allow one)."""
    store = dataset.store
    commented, noted = (subjects_with(dataset, predicate) for predicate in (RDFS + "comment", SDKG + "checkNote"))
    records: dict[str, Record] = {}
    for record, subject, predicate, obj, support, document in store.query(RECORDS_QUERY):
        if (iri := node_key(record)) not in records:
            records[iri] = Record(iri, subject, predicate, obj,
                                  support.value if isinstance(support, ox.NamedNode) else None,
                                  document.value if isinstance(document, ox.NamedNode) else None,
                                  iri in commented, check_note=iri in noted)
    for record, page in store.query(CHECKED_AGAINST_QUERY):
        if (found := records.get(node_key(record))) is not None:
            found.checked_against.append(node_key(page))
    quotes, positions = (subjects_with(dataset, RDF + "type", kind) for kind in (TEXT_QUOTE, TEXT_POSITION))
    selectors: dict[str, Selector] = {}
    for record, selector, exact, start, end in store.query(SELECTORS_QUERY):
        name = selector.value if isinstance(selector, ox.NamedNode) else str(selector)
        if (found := records.get(node_key(record))) is not None and name not in found.selectors:
            found.selectors.append(name)
        if name in selectors or not (name in quotes or name in positions):
            continue
        types = {kind for kind, typed in ((TEXT_QUOTE, quotes), (TEXT_POSITION, positions)) if name in typed}
        selectors[name] = Selector(name, types, literal(exact), integer(start), integer(end))
    for record in records.values():
        record.checked_against.sort()
        record.selectors.sort()
    return records, selectors


def subjects_with(dataset: Dataset, predicate: str, value: str | None = None) -> set[str]:
    """The nodes of the evidence graph with some value (or the given IRI) for a property, as `node_key`s."""
    return {node_key(quad.subject) for quad in dataset.store.quads_for_pattern(
        None, ox.NamedNode(predicate), None if value is None else ox.NamedNode(value), ox.NamedNode(EVIDENCE_GRAPH))}


def literal(term: Term | None) -> str | None:
    return term.value if isinstance(term, ox.Literal) else None


def integer(term: Term | None) -> int | None:
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def source_records(dataset: Dataset) -> dict[str, SourceRecord]:
    """Each source document's text file and recorded checksum (from the metadata graph)."""
    query = f"""SELECT ?document ?file ?sha WHERE {{ GRAPH <{METADATA_GRAPH}> {{
      ?document a <{SDKG}SourceDocument> .
      OPTIONAL {{ ?document <{SDKG}sourceFile> ?file }}
      OPTIONAL {{ ?document <{SPDX}checksum> ?c . ?c <{SPDX}checksumValue> ?sha }} }} }}"""
    return {row["document"].value: SourceRecord(row["document"].value, value(row["file"]), value(row["sha"]))
            for row in dataset.store.query(query)}


def value(term: Term | None) -> str | None:
    return term.value if term is not None else None


class Texts:
    """The source texts, read once each and refused when their checksum differs from the metadata."""

    def __init__(self, sources: Path, documents: dict[str, SourceRecord]) -> None:
        self.sources = sources
        self.documents = documents
        self.texts: dict[str, SourceText | None] = {}
        self.findings: list[Finding] = []

    def of(self, document: str) -> SourceText | None:
        if document not in self.texts:
            self.texts[document] = self._read(document)
        return self.texts[document]

    def _read(self, document: str) -> SourceText | None:
        record = self.documents.get(document)
        if record is None:
            return None  # not a source document: SHACL reports it
        if record.source_file is None:
            self.findings.append(Finding("the document names no sdkg:sourceFile", document, file=METADATA_FILE))
            return None
        path = self.sources / record.source_file
        if not path.resolve().is_relative_to(self.sources.resolve()):  # never read outside --sources
            self.findings.append(Finding(f"its sdkg:sourceFile {record.source_file!r} points outside {self.sources}: "
                                         "name a file inside the folder of source texts", document,
                                         value=record.source_file, file=METADATA_FILE))
            return None
        if not path.is_file():
            self.findings.append(Finding(f"its source text {record.source_file} is not in {self.sources}",
                                         document, value=record.source_file, file=METADATA_FILE))
            return None
        try:
            text = read_source(path)
        except InputError as error:
            self.findings.append(Finding(str(error), document, value=record.source_file, file=METADATA_FILE))
            return None
        if record.sha256 is None:
            self.findings.append(Finding("no SHA-256 of the source text is recorded (spdx:checksum): its spans "
                                         "cannot be trusted", document, value=record.source_file, file=METADATA_FILE))
            return None
        if text.sha256 != record.sha256:
            self.findings.append(Finding(f"checksum mismatch: {record.source_file} has SHA-256 {text.sha256}, the "
                                         f"metadata records {record.sha256}; this is another version of the text, "
                                         "so its evidence was not checked against it",
                                         document, value=record.source_file, file=METADATA_FILE))
            return None
        return text


def check_record(record: Record, selectors: dict[str, Selector], text: SourceText) -> list[str]:
    """What is wrong with a document record's selectors against its text (messages)."""
    problems = []
    quotes = [selectors[s] for s in record.selectors if s in selectors and TEXT_QUOTE in selectors[s].types]
    spans = [selectors[s] for s in record.selectors if s in selectors and TEXT_POSITION in selectors[s].types]
    for name in record.selectors:
        if name not in selectors:
            problems.append(f"selector {name} is neither an oa:TextQuoteSelector nor an oa:TextPositionSelector")
        elif not (name == record.iri + "-quote" or name.startswith(record.iri + "-span-")):
            problems.append(f"selector {name} is not named <record>-quote or <record>-span-N")
    if len(quotes) != 1 or quotes[0].exact is None:
        problems.append("needs exactly one quote selector with oa:exact (<record>-quote)")
    if not spans:
        problems.append("has no span (<record>-span-1 with oa:start and oa:end)")
    good: list[Span] = []
    for span in spans:
        if span.start is None or span.end is None or not 0 <= span.start < span.end:
            problems.append(f"span {span.iri} needs integers oa:start < oa:end, from 0")
        elif span.end > len(text.text):
            problems.append(f"span {span.start}-{span.end} lies outside the text {text.name} "
                            f"({len(text.text)} characters after normalisation)")
        else:
            good.append(Span(span.start, span.end))
    if len(quotes) == 1 and quotes[0].exact is not None:
        needle = normalise_quote(quotes[0].exact)
        if needle and any(text.text.find(needle, s.start, s.end) >= 0 for s in good):
            return problems  # inside a span: looked up there first, the whole text is read only to explain a miss
        found = text.find(quotes[0].exact)
        if not found:
            problems.append(f"quote not in the text {text.name}: \"{normalise_quote(quotes[0].exact)}\"")
        elif good and not any(s.holds(at) for s in good for at in found):
            problems.append(f"quote outside its spans in {text.name}: \"{normalise_quote(quotes[0].exact)}\" stands "
                            f"at {', '.join(f'{a.start}-{a.end}' for a in found)}")
    return problems


def support_problems(record: Record) -> list[str]:
    """What is wrong with a record's kind of support and its source (independent of the texts)."""
    if record.support == INFERRED:
        return ["support sdv:inferred is retired: re-mark it implied (with a comment) or move the fact to the "
                "curation graph (sdkg curate spans --review)"]
    if record.support == CURATED:
        problems = []
        if record.document is not None or record.selectors:
            problems.append("a curated record points into no document: drop prov:wasQuotedFrom and the selectors, "
                            "or mark it stated or implied")
        if not record.comment and not (record.checked_against and record.check_note):
            problems.append("a curated record needs its source: sdkg:checkedAgainst with sdkg:checkNote, or an "
                            "rdfs:comment with the curator's reasoning")
        for page in record.checked_against:
            if accepted_source(page) is None:
                problems.append(f"{page} is not an accepted source (sdkg/links/sources.py): check the statement "
                                "against a page of an accepted source, or give the curator's reasoning instead")
        return problems
    if record.support in (STATED, IMPLIED) and record.document is None:
        return ["a stated or implied record names the document it comes from (prov:wasQuotedFrom)"]
    if record.support == IMPLIED and not record.comment:
        return ["an implied record needs an rdfs:comment saying how the text implies the fact"]
    return []


def graph_triples(dataset: Dataset, graphs: Iterable[str]) -> dict[tuple[Term, Term, Term], list[str]]:
    found: dict[tuple[Term, Term, Term], list[str]] = defaultdict(list)
    for quad in dataset.quads(graphs):
        found[(quad.subject, quad.predicate, quad.object)].append(quad.graph_name.value)
    return found


def placement_problems(dataset: Dataset, records: dict[str, Record]) -> list[Finding]:
    """Curated statements in the curation graph only, each with its record; no curated fact in a document graph."""
    findings = []
    curation = graph_triples(dataset, [CURATION_GRAPH])
    in_documents = graph_triples(dataset, dataset.document_graphs)
    curated = {r.fact for r in records.values() if r.support == CURATED}
    for record in records.values():
        if record.support != CURATED:
            continue
        for graph in in_documents.get(record.fact, []):  # type: ignore[call-overload]
            findings.append(Finding("curated fact in a document graph (the value): a document graph holds only what "
                                    "its document states or implies; move it to data/curation.ttl",
                                    record.iri, value=graph, file=dataset.file_of(record.iri)))
        if record.fact not in curation:
            findings.append(Finding("curated record for a statement that is not in the curation graph",
                                    record.iri, file=dataset.file_of(record.iri)))
    for (s, p, o) in curation:
        if (s, p, o) not in curated:
            findings.append(Finding("statement of the curation graph without a curated evidence record "
                                    "(sdr:ev-cur-NNN in data/evidence/curation.ttl)", s.value, p.value,
                                    str(o.value) if isinstance(o, ox.Literal) else o.value, file="data/curation.ttl"))
    return findings


def check_evidence(dataset: Dataset, sources: Path) -> Outcome:
    """The evidence check; its findings end with the warnings (stated facts whose spans do not name both ends)."""
    require_folder(sources, SOURCES_FOLDER)
    records, selectors = read_evidence(dataset)
    texts = Texts(sources, source_records(dataset))
    findings: list[Finding] = []
    unnamed: list[Finding] = []
    names = registry_names(dataset)
    checked = 0
    for record in sorted(records.values(), key=lambda r: r.iri):
        findings += [Finding(m, record.iri, SDKG + "support", record.support or "", file=dataset.file_of(record.iri))
                     for m in support_problems(record)]
        if record.document is None or record.support == CURATED:
            continue
        text = texts.of(record.document)
        if text is None:
            continue
        checked += 1
        problems = check_record(record, selectors, text)
        findings += [Finding(m, record.iri, value=record.document, file=dataset.file_of(record.iri))
                     for m in problems]
        if not problems and record.support == STATED:
            message = unnamed_message(record, selectors, text, names)
            if message:
                unnamed.append(Finding(message, record.iri, value=fact_text(record), file=dataset.file_of(record.iri)))
    findings = texts.findings + findings + placement_problems(dataset, records)
    stated = sum(r.support == STATED for r in records.values())
    warned = f"{len(unnamed)} of {stated} stated facts have spans that do not name both ends (warnings)"
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} problems in {len(records)} evidence records; {warned}",
                       findings + unnamed)
    return Outcome(CHECK, Status.PASS, f"{checked} records' quotes and spans verified in "
                   f"{sum(t is not None for t in texts.texts.values())} checksummed text(s), "
                   f"{len(records) - checked} curated records; {warned}", unnamed)


def fact_text(record: Record) -> str:
    """The fact as prefixed names (a literal as its lexical form)."""
    from sdkg.namespaces import shorten

    return " ".join(shorten(t.value) if isinstance(t, ox.NamedNode) else getattr(t, "value", "") for t in record.fact)


def registry_names(dataset: Dataset) -> "Names":
    """The preferred and alternative labels of the registry and the vocabularies."""
    from sdkg.curate.spans import Names

    pairs = []
    for graph in (ENTITIES_GRAPH, ONTOLOGY_GRAPH):
        for prop in (SKOS + "prefLabel", SKOS + "altLabel", RDFS + "label"):
            pairs += [(q.subject, q.object.value) for q in dataset.store.quads_for_pattern(
                None, ox.NamedNode(prop), None, ox.NamedNode(graph)) if isinstance(q.object, ox.Literal)]
    return Names.from_pairs((node_key(s), label) for s, label in pairs)


def unnamed_message(record: Record, selectors: dict[str, Selector], text: SourceText, names: "Names") -> str:
    """A warning when the record's spans, read together, do not name its subject or its object."""
    from sdkg.curate.spans import ends_named

    spans = [Span(s.start, s.end) for n in record.selectors if (s := selectors.get(n)) is not None
             and s.start is not None and s.end is not None]
    excerpt = " ".join(text.excerpt(s) for s in spans)
    subject, obj = ends_named(names, excerpt, record.subject, record.predicate, record.object)
    missing = [end for end, named in (("subject", subject), ("object", obj)) if not named]
    return f"warning: the spans of a stated fact do not name its {' or its '.join(missing)}" if missing else ""


def node_key(node: object) -> str:
    """An IRI as its string; a blank node as _:id."""
    return node.value if isinstance(node, ox.NamedNode) else str(node)
