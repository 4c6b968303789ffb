"""Add facts to a document: check every name against the registry and the ontology, check domain and range,
locate the quote, then write the fact into the document graph and its numbered evidence record (model v2).

Nothing is written unless every fact of the call passes (a batch is all or nothing)."""

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from sdkg.queries.engines import select_rows
from sdkg.curate.documents import Document, source_text
from sdkg.curate.files import read_graph, write_graph
from sdkg.curate.locate import Location, locate_quote
from sdkg.curate.registry import Property, Registry
from sdkg.curate.spans import Names, Record, add_span, place, write_record
from sdkg.dataset.layout import EVIDENCE_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.dataset.sourcetext import SourceText
from sdkg.errors import InputError
from sdkg.namespaces import PROV, RESOURCE, SDKG, VOCAB, shorten

# Properties that describe records, documents and links, not the world: never a document's fact.
NOT_FACTS = {SDKG + name for name in ("support", "checkNote", "checkedAgainst", "factsGraph", "sourceFile",
                                      "quote", "iso3166Alpha2")}
NOT_FACT_DOMAINS = {SDKG + name for name in ("Evidence", "SourceDocument", "LinkCheck")}
REGISTRY_PROPERTIES = {"rdf:type", "a", "skos:prefLabel", "skos:altLabel", "skos:definition", "rdfs:label",
                       "skos:broader"}


@dataclass(frozen=True)
class FactRequest:
    """One fact as the curator writes it (names as typed), and where it came from (for messages)."""

    subject: str
    predicate: str
    object: str
    quote: str
    implied: bool = False
    comment: str | None = None
    also: str | None = None  # a second quote: the other clause read together with the first
    where: str = ""
    checked_against: str | None = None  # curated: the page or record read
    note: str | None = None  # curated: what that page showed, in the curator's words
    derived_from: str | None = None  # curated: the external item the statement comes from


@dataclass(frozen=True)
class PlannedFact:
    """A fact ready to be written."""

    subject: URIRef
    predicate: URIRef
    object: Node
    quote: Location | None  # None: a curated statement
    also: Location | None
    implied: bool
    comment: str | None
    names_both: bool
    checked_against: str | None = None
    note: str | None = None
    derived_from: str | None = None


def fact_properties(registry: Registry) -> list[Property]:
    """The properties a document's facts may use."""
    return [p for iri, p in sorted(registry.properties.items())
            if iri.startswith(SDKG) and iri not in NOT_FACTS and p.domain not in NOT_FACT_DOMAINS]


class Curator:
    """Checks and writes facts of one document."""

    def __init__(self, dataset: Dataset, document: Document | None, sources: Path | None) -> None:
        """A curator of one document's facts, or (document None) of the curation graph."""
        self.dataset = dataset
        self.tree = dataset.tree
        self.document = document
        self.registry = Registry.of(dataset)
        if document is None:
            self.facts_path = self.tree.data / "curation.ttl"
            self.evidence_path = self.tree.data / "evidence" / "curation.ttl"
        else:
            assert sources is not None
            self.text: SourceText = source_text(document, sources)
            self.facts_path = self.tree.data / "documents" / f"{document.name}.ttl"
            self.evidence_path = self.tree.data / "evidence" / f"{document.name}.ttl"
            for path in (self.facts_path, self.evidence_path):
                if not path.is_file():
                    raise InputError(f"missing: {self.tree.relative(path)} (run `sdkg curate new-document` first, "
                                     f"or create it empty)")
        self.facts = read_graph(self.facts_path, self.tree.relative(self.facts_path))
        self.evidence = read_graph(self.evidence_path, self.tree.relative(self.evidence_path))
        self.names = Names.from_pairs((iri, text) for iri, labels in self.registry.labels.items()
                                      for _, text in labels)

    def plan(self, request: FactRequest) -> PlannedFact:
        """Check one fact; bad input names what is wrong and how to fix it."""
        if request.predicate.strip() in REGISTRY_PROPERTIES:
            raise InputError(f"{request.predicate} belongs in the registry, not in a document graph: "
                             f"use `sdkg curate entity`")
        prop = self.registry.resolve_property(request.predicate)
        if prop.iri not in {p.iri for p in fact_properties(self.registry)}:
            raise InputError(f"{shorten(prop.iri)} describes records or documents, not the world: it is not a "
                             f"document fact (`sdkg terms` lists the fact properties)")
        subject = self.registry.resolve_entity(request.subject, "subject")
        self.check_domain(subject, prop)
        obj = self.object_of(request.object, prop)
        predicate = URIRef(prop.iri)
        if (URIRef(subject), predicate, obj) in self.facts:
            raise InputError(f"already in {self.document.name if self.document else 'the curation graph'}: "
                             f"{shorten(subject)} {shorten(prop.iri)} {self.show(obj)}")
        if self.document is None:
            stated = self.stated_by(subject, prop.iri, obj)
            if stated:
                raise InputError(f"{', '.join(stated)} states it: a curated statement is one no document makes")
            return self.plan_curated(request, URIRef(subject), predicate, obj)
        if request.checked_against or request.note or request.derived_from:
            raise InputError("--checked-against, --note and --derived-from are for curated statements "
                             "(`sdkg curate add curation ...`); a document's fact has a quote")
        if request.comment and not request.implied:
            raise InputError("--comment goes with --implied (it says how the text implies the fact); "
                             "a stated fact needs none")
        if request.implied and not (request.comment or "").strip():
            raise InputError("an implied fact needs --comment: say how the text implies it, in your own words")
        record = Record(URIRef(RESOURCE + "ev-new"), URIRef(subject), predicate, obj, URIRef(self.document.iri),
                        None, None)

        def names_both(at):  # among several places of a quote, the one whose sentence names both ends
            sentence = self.text.excerpt(self.text.sentence_at(at))
            return self.names.named_in(record.subject, sentence) and self.names.named_in(record.object, sentence)

        location = locate_quote(self.text, request.quote, self.document.name, names_both)
        also = locate_quote(self.text, request.also, self.document.name) if request.also else None
        record.quote = location.exact
        placement = place(self.text, self.names, record)
        return PlannedFact(URIRef(subject), predicate, obj, location, also, request.implied,
                           request.comment.strip() if request.comment else None,
                           placement.names_both or request.implied)

    def stated_by(self, subject: str, predicate: str, obj: Node) -> list[str]:
        """The document graphs that hold a statement."""
        import pyoxigraph as ox

        term: ox.NamedNode | ox.Literal
        if isinstance(obj, Literal):
            term = ox.Literal(str(obj), language=obj.language) if obj.language else \
                ox.Literal(str(obj), datatype=ox.NamedNode(str(obj.datatype or XSD.string)))
        else:
            term = ox.NamedNode(str(obj))
        graphs = {q.graph_name.value for q in self.dataset.store.quads_for_pattern(
            ox.NamedNode(subject), ox.NamedNode(predicate), term, None) if isinstance(q.graph_name, ox.NamedNode)}
        return sorted(g.rsplit("/", 1)[-1] for g in graphs if g in self.dataset.document_graphs)

    def plan_curated(self, request: FactRequest, subject: URIRef, predicate: URIRef, obj: Node) -> PlannedFact:
        """A statement no document makes: the curator's reasoning, or the page it was checked against."""
        if request.quote or request.also or request.implied:
            raise InputError("a curated statement has no quote: the documents do not say it (give --comment, or "
                             "--checked-against URL --note)")
        if request.checked_against or request.note:
            if not (request.checked_against and request.note):
                raise InputError("give --checked-against URL and --note (what the page showed) together")
            if not re.match(r"https?://\S+$", request.checked_against):
                raise InputError(f"--checked-against {request.checked_against!r} is not an http(s) address")
        elif not (request.comment or "").strip():
            raise InputError("a curated statement needs its source: --checked-against URL --note \"what it showed\", "
                             "or --comment \"your reasoning\"")
        if request.derived_from and not re.match(r"https?://\S+$", request.derived_from):
            raise InputError(f"--derived-from {request.derived_from!r} is not an IRI")
        return PlannedFact(subject, predicate, obj, None, None, False,
                           request.comment.strip() if request.comment else None, True,
                           request.checked_against, request.note.strip() if request.note else None,
                           request.derived_from)

    def check_domain(self, subject: str, prop: Property) -> None:
        if prop.domain and prop.domain not in self.registry.types_of(subject):
            types = ", ".join(sorted(shorten(t) for t in self.registry.entities.get(subject, ()))) or "no class"
            raise InputError(f"{shorten(prop.iri)} applies to a {shorten(prop.domain)}, and {shorten(subject)} "
                             f"is a {types}: choose another property (`sdkg terms`) or another subject")

    def object_of(self, name: str, prop: Property) -> Node:
        """The object as a node: a literal for a datatype property, else a registry entity or concept."""
        if prop.datatype:
            if prop.range == str(XSD.integer):
                if not re.fullmatch(r"-?\d+", name.strip()):
                    raise InputError(f"{shorten(prop.iri)} takes a whole number (a year: 2006), not {name!r}")
                return Literal(int(name.strip()))
            if not name.strip():
                raise InputError(f"{shorten(prop.iri)} needs a value")
            return Literal(name.strip(), lang="en")
        iri = self.registry.resolve_entity(name, "object")
        if prop.range and prop.range not in self.registry.types_of(iri):
            types = ", ".join(sorted(shorten(t) for t in
                                     self.registry.entities.get(iri, set()) | self.registry.vocabulary.get(iri, set())))
            raise InputError(f"{shorten(prop.iri)} points to a {shorten(prop.range)}, and {shorten(iri)} is a "
                             f"{types or 'thing of no class'}: choose another object or property (`sdkg terms`)")
        return URIRef(iri)

    def write_curated(self, iri: URIRef, fact: PlannedFact) -> None:
        ev = self.evidence
        ev.add((iri, URIRef(SDKG + "support"), URIRef(VOCAB + "curated")))
        if fact.comment:
            ev.add((iri, RDFS.comment, Literal(fact.comment, lang="en")))
        if fact.checked_against:
            ev.add((iri, URIRef(SDKG + "checkedAgainst"), URIRef(fact.checked_against)))
            ev.add((iri, URIRef(SDKG + "checkNote"), Literal(fact.note or "")))  # a plain string, as in links
        if fact.derived_from:
            ev.add((iri, URIRef(PROV + "wasDerivedFrom"), URIRef(fact.derived_from)))

    def show(self, node: Node) -> str:
        return shorten(str(node)) if isinstance(node, URIRef) else node.n3()

    @property
    def number_part(self) -> str:
        """`NNN` of sdr:ev-NNN-MMM, or `cur` for curated statements."""
        return self.document.number if self.document else "cur"

    def next_number(self) -> int:
        """One above the highest evidence number of this document anywhere in the evidence graph."""
        prefix = f"{RESOURCE}ev-{self.number_part}-"
        query = (f"SELECT DISTINCT ?e WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{ ?e a <{SDKG}Evidence> }} "
                 f"FILTER(STRSTARTS(STR(?e), \"{prefix}\")) }}")
        numbers = [int(m[1]) for row in select_rows(self.dataset.store, query)
                   if (m := re.match(r"(\d+)$", row["e"].value[len(prefix):]))]
        numbers += [int(m[1]) for s in self.evidence.subjects(RDF.type, URIRef(SDKG + "Evidence"))
                    if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", str(s)))]
        return max(numbers, default=0) + 1

    def write(self, planned: list[PlannedFact]) -> list[str]:
        """Write the facts and their records; returns the new evidence IRIs."""
        number = self.next_number()
        written = []
        for fact in planned:
            iri = URIRef(f"{RESOURCE}ev-{self.number_part}-{number:03d}")
            number += 1
            self.facts.add((fact.subject, fact.predicate, fact.object))
            ev = self.evidence
            ev.add((iri, RDF.type, URIRef(SDKG + "Evidence")))
            ev.add((iri, RDF.subject, fact.subject))
            ev.add((iri, RDF.predicate, fact.predicate))
            ev.add((iri, RDF.object, fact.object))
            if fact.quote is None or self.document is None:
                self.write_curated(iri, fact)
                written.append(str(iri))
                continue
            ev.add((iri, URIRef(PROV + "wasQuotedFrom"), URIRef(self.document.iri)))
            ev.add((iri, URIRef(SDKG + "support"), URIRef(VOCAB + ("implied" if fact.implied else "stated"))))
            if fact.comment:
                ev.add((iri, RDFS.comment, Literal(fact.comment, lang="en")))
            record = Record(iri, fact.subject, fact.predicate, fact.object, URIRef(self.document.iri), None,
                            fact.quote.exact)
            placement = place(self.text, self.names, record)
            write_record(ev, record, placement.span or fact.quote.sentence)
            if fact.also is not None:
                add_span(ev, record, fact.also.sentence)
            written.append(str(iri))
        write_graph(self.facts, self.facts_path, self.tree.relative(self.facts_path))
        write_graph(self.evidence, self.evidence_path, self.tree.relative(self.evidence_path))
        return written


def add_facts(dataset: Dataset, document: Document | None, sources: Path | None,
              requests: list[FactRequest], write: bool = True) -> tuple[list[str], list[PlannedFact]]:
    """Check every fact, then write them all (unless `write` is False); bad input lists every fact at fault
    (with its row)."""
    curator = Curator(dataset, document, sources)
    planned, errors = [], []
    for request in requests:
        try:
            planned.append(curator.plan(request))
        except InputError as error:
            errors.append(f"{request.where}: {error.message}" if request.where else error.message)
    if len({(p.subject, p.predicate, p.object) for p in planned}) < len(planned):
        errors.append("the same fact is given twice; keep one row per fact")
    if errors:
        raise InputError("\n".join(errors) if len(errors) == 1 else
                         f"{len(errors)} fact(s) refused, nothing written:\n" + "\n".join(errors))
    return (curator.write(planned) if write else []), planned
