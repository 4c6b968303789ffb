"""`sdkg curate spans`: compute every evidence record's spans, and apply a curator's review.

For each document evidence record the first span is (re)computed from its quote (sdkg.curate.spans); records
still in the 0.2.0 form (`sdkg:quote`, `sdv:inferred`) are brought to the v2 form on the way (inferred becomes
implied, keeping its comment). A review file then says, record by record, what the text does not state:

    # record <TAB> decision <TAB> note
    ev-001-108<TAB>curated<TAB>The Kyoto Protocol was adopted in 1997; the article gives no year.
    ev-000-094<TAB>implied<TAB>The essay names the U.S. and Europe, which make up the West here.

`curated` moves the fact out of its document graph into the curation graph (data/curation.ttl), with a record
`sdr:ev-cur-NNN` in data/evidence/curation.ttl whose comment is the note (the curator's reasoning); `implied`
re-marks the record, with the note as its comment (the record's own comment when the note is empty).
With `imply_unnamed`, every stated record whose spans still do not name both ends is re-marked implied: a
sentence within three of the quote's that names the missing end becomes its second span, and the comment says
which end the text leaves unnamed. Last, a curated statement that a document graph also holds leaves the
curation graph with its record: a document gives it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Literal, URIRef

from sdkg.curate.documents import Document, documents, find_document, source_text
from sdkg.curate.files import read_graph, write_graph
from sdkg.curate.spans import (OA, SDKG, SDV, Names, Placement, Record, add_span, naming, place, read_records,
                               second_span, write_record)
from sdkg.dataset.sourcetext import SourceText
from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError
from sdkg.namespaces import RESOURCE

DECISIONS = ("curated", "implied", "stated")
CURATED_RECORD = re.compile(r"ev-cur-(\d+)$")


@dataclass(frozen=True)
class Decision:
    record: str  # full IRI
    kind: str
    note: str
    line: int


@dataclass
class Outcome:
    """What a run found and did, per document."""

    records: int = 0
    quotes_missing: list[str] = field(default_factory=list)
    unnamed: list[Placement] = field(default_factory=list)  # stated records whose spans do not name both ends
    dropped: list[str] = field(default_factory=list)  # curated records of statements a document graph holds
    stated: int = 0
    implied: int = 0
    moved: list[str] = field(default_factory=list)
    remarked: list[str] = field(default_factory=list)


def read_review(path: Path) -> list[Decision]:
    """The decisions of a review file (record, decision, note; tab-separated; # starts a comment)."""
    decisions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or cells[1].strip() not in DECISIONS:
            raise InputError(f"line {number}: expected RECORD<TAB>{'|'.join(DECISIONS)}<TAB>NOTE", path)
        name = cells[0].strip()
        iri = name if name.startswith("http") else RESOURCE + name.removeprefix("sdr:")
        decisions.append(Decision(iri, cells[1].strip(), cells[2].strip() if len(cells) > 2 else "", number))
    return decisions


class Workspace:
    """The Turtle files the span tool reads and writes, loaded once."""

    def __init__(self, tree: SourceTree) -> None:
        self.tree = tree
        self.graphs: dict[Path, rdflib.Graph] = {}
        registry = [self.graph(p) for p in sorted((tree.data / "entities").glob("*.ttl"))]
        registry += [self.graph(p) for p in sorted(tree.ontology.glob("*.ttl")) if p.name != "shapes.ttl"]
        self.names = Names(registry)
        self.labels = {s: str(o) for g in registry for s, o in g.subject_objects(rdflib.SKOS.prefLabel)}
        self.changed: set[Path] = set()

    def graph(self, path: Path) -> rdflib.Graph:
        if path not in self.graphs:
            self.graphs[path] = read_graph(path, self.tree.relative(path))
        return self.graphs[path]

    def evidence(self, document: Document) -> Path:
        return self.tree.data / "evidence" / f"{document.name}.ttl"

    def facts(self, document: Document) -> Path:
        return self.tree.data / "documents" / f"{document.name}.ttl"

    @property
    def curation(self) -> Path:
        return self.tree.data / "curation.ttl"

    @property
    def curation_evidence(self) -> Path:
        return self.tree.data / "evidence" / "curation.ttl"

    def label(self, node: rdflib.term.Node) -> str:
        return str(node) if isinstance(node, Literal) else self.labels.get(node, str(node).rsplit("/", 1)[-1])

    def save(self) -> list[str]:
        for path in sorted(self.changed):
            write_graph(self.graphs[path], path, self.tree.relative(path))
        return [self.tree.relative(p) for p in sorted(self.changed)]


def compute(work: Workspace, document: Document, text: SourceText, outcome: Outcome) -> dict[str, Record]:
    """(Re)compute the first span of every record of a document; v1 records are converted."""
    path = work.evidence(document)
    graph = work.graph(path)
    records = {}
    for record in read_records(graph):
        if str(record.document) != document.iri:
            continue
        outcome.records += 1
        records[str(record.iri)] = record
        placement = place(text, work.names, record)
        if placement.span is None:
            outcome.quotes_missing.append(str(record.iri))
            continue
        before = (record.spans.get(1), graph.value(record.iri, SDKG.quote), record.support)
        write_record(graph, record, placement.span)
        if record.support == SDV.inferred:
            graph.set((record.iri, SDKG.support, SDV.implied))
            record.support = SDV.implied
        if before != (placement.span, None, record.support):
            work.changed.add(path)
    return records


def apply_review(work: Workspace, document: Document, records: dict[str, Record], decisions: list[Decision],
                 outcome: Outcome) -> None:
    """Apply the decisions about this document's records (others are left to their document)."""
    graph = work.graph(work.evidence(document))
    for decision in decisions:
        record = records.get(decision.record)
        if record is None:
            continue
        if decision.kind == "curated":
            reason = decision.note or str(graph.value(record.iri, RDFS.comment) or "")
            move_to_curation(work, document, record, reason)
            outcome.moved.append(decision.record)
            continue
        support = SDV.implied if decision.kind == "implied" else SDV.stated
        graph.set((record.iri, SDKG.support, support))
        record.support = support
        if decision.note:
            graph.set((record.iri, RDFS.comment, Literal(decision.note, lang="en")))
        elif support == SDV.implied and graph.value(record.iri, RDFS.comment) is None:
            raise InputError(f"line {decision.line}: {decision.record} is re-marked implied: give a note saying "
                             "how the text implies the fact")
        if support == SDV.stated:
            graph.remove((record.iri, RDFS.comment, None))
        work.changed.add(work.evidence(document))


def move_to_curation(work: Workspace, document: Document, record: Record, reason: str) -> str:
    """Move a fact from its document graph to the curation graph, and its record to the curation evidence."""
    if not reason.strip():
        raise InputError(f"{record.iri} moves to the curation graph: give the curator's reasoning as its note")
    evidence, facts = work.graph(work.evidence(document)), work.graph(work.facts(document))
    triple = (record.subject, record.predicate, record.object)
    facts.remove(triple)
    for sel in list(evidence.objects(record.iri, OA.hasSelector)):
        evidence.remove((sel, None, None))
    evidence.remove((record.iri, None, None))
    curation, cur_evidence = work.graph(work.curation), work.graph(work.curation_evidence)
    curation.add(triple)
    iri = URIRef(f"{RESOURCE}ev-cur-{next_curated_number(cur_evidence):03d}")
    for p, o in ((RDF.type, SDKG.Evidence), (RDF.subject, record.subject), (RDF.predicate, record.predicate),
                 (RDF.object, record.object), (SDKG.support, SDV.curated),
                 (RDFS.comment, Literal(reason.strip(), lang="en"))):
        cur_evidence.add((iri, p, o))
    work.changed |= {work.evidence(document), work.facts(document), work.curation, work.curation_evidence}
    return str(iri)


def tidy_curation(work: Workspace, known: list[Document]) -> list[str]:
    """Drop from the curation graph (with their records) the statements a document graph holds: a document
    gives them, so they are not the curators' to add. Returns the records dropped."""
    curation, cur_evidence = work.graph(work.curation), work.graph(work.curation_evidence)
    held = set()
    for document in known:
        held |= set(work.graph(work.facts(document)))
    dropped = []
    for record in sorted(set(cur_evidence.subjects(RDF.type, SDKG.Evidence))):
        triple = (cur_evidence.value(record, RDF.subject), cur_evidence.value(record, RDF.predicate),
                  cur_evidence.value(record, RDF.object))
        if triple in held and cur_evidence.value(record, SDKG.support) == SDV.curated:
            curation.remove(triple)
            cur_evidence.remove((record, None, None))
            dropped.append(str(record))
    if dropped:
        work.changed |= {work.curation, work.curation_evidence}
    return dropped


def next_curated_number(graph: rdflib.Graph) -> int:
    taken = [int(m[1]) for s in graph.subjects(RDF.type, SDKG.Evidence) if (m := CURATED_RECORD.search(str(s)))]
    return max(taken, default=0) + 1


def unnamed_comment(subject_label: str, object_label: str, subject: bool, obj: bool) -> str:
    """How the text gives a fact whose ends it does not name by their labels."""
    if not subject and not obj:
        return (f"The text gives both \u201c{subject_label}\u201d and \u201c{object_label}\u201d in its own words, "
                "not by these names or their alternative labels; the curator reads the quoted sentence as this fact.")
    if not subject:
        return (f"The text describes \u201c{subject_label}\u201d without using that name or an alternative label; "
                f"the quoted sentence is where it does so, and it names \u201c{object_label}\u201d.")
    return (f"The text names \u201c{subject_label}\u201d and gives \u201c{object_label}\u201d in other words, not by "
            "that name or an alternative label.")


def imply_unnamed(work: Workspace, document: Document, text: SourceText, record: Record) -> None:
    """Re-mark a stated record whose spans do not name both ends as implied, with a second span when a nearby
    sentence names the missing end, and a comment that says how the text gives the fact."""
    graph = work.graph(work.evidence(document))
    extra = second_span(text, record.spans[1], work.names, record)
    if extra is not None:
        add_span(graph, record, extra)
        named_there = [work.label(e) for e in (record.subject, record.object)
                       if work.names.named_in(e, text.excerpt(extra))]
        comment = ("Two passages read together: the quoted sentence gives the relation, and the second span, "
                   f"a few sentences away, names {' and '.join(f'“{n}”' for n in named_there)}.")
    else:
        subject, obj = naming(text, record.spans.values(), work.names, record)
        comment = unnamed_comment(work.label(record.subject), work.label(record.object), subject, obj)
    graph.set((record.iri, SDKG.support, SDV.implied))
    graph.set((record.iri, RDFS.comment, Literal(comment, lang="en")))
    record.support = SDV.implied
    work.changed.add(work.evidence(document))


def run(tree: SourceTree, sources: Path, only: str | None = None, review: list[Decision] | None = None,
        imply: bool = False, write: bool = False) -> tuple[dict[str, Outcome], list[str]]:
    """Compute spans for every document (or one), apply a review and, with `imply`, re-mark unnamed stated
    records; write canonical Turtle when `write`. Returns the outcome per document and the files written."""
    work = Workspace(tree)
    outcomes: dict[str, Outcome] = {}
    known = [find_document(tree, only)] if only is not None else documents(tree)
    if only is None:
        present = {str(r) for doc in known for r in work.graph(work.evidence(doc)).subjects(RDF.type, SDKG.Evidence)}
        unknown = sorted({d.record for d in review or []} - present)
        if unknown:
            raise InputError(f"the review names records that are not in data/evidence: {', '.join(unknown)}")
    for document in known:
        text = source_text(document, sources)
        outcome = outcomes.setdefault(document.name, Outcome())
        records = compute(work, document, text, outcome)
        apply_review(work, document, records, review or [], outcome)
        graph = work.graph(work.evidence(document))
        for iri, record in records.items():
            if (record.iri, RDF.type, SDKG.Evidence) not in graph or not record.spans:
                continue
            if record.support == SDV.stated:
                placement = place(text, work.names, record)
                if not placement.names_both and imply:
                    imply_unnamed(work, document, text, record)
                    outcome.remarked.append(iri)
                elif not placement.names_both:
                    outcome.unnamed.append(placement)
            outcome.stated += record.support == SDV.stated
            outcome.implied += record.support == SDV.implied
    if only is None and known:
        outcomes[known[-1].name].dropped = tidy_curation(work, known)
    return outcomes, (work.save() if write else [])
