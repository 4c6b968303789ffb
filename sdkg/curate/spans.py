"""Evidence spans: where in the source text each evidence record's quote stands, and whether the span names
both ends of its fact.

A record's first span (`<record>-span-1`) is computed from its quote: the sentence that holds the quote
(pysbd sentences over the normalised text, `sdkg.dataset.sourcetext`), widened to the previous or the next
sentence when the sentence alone does not name both ends and the pair does. Other spans (`-span-2`, ...) are
the curator's and are kept as they are. A span "names" an end when it holds, case-insensitively and at word
boundaries, the end's preferred or alternative label, or its plural in -s or -es (for a literal: its lexical
form). An end that is a language-tagged literal (a role description in our words) is not looked for: only
the subject is; a month (sdkg:month) is named by its English name.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from sdkg import namespaces
from sdkg.dataset.sourcetext import SourceText, Span, normalise_quote

OA = rdflib.Namespace(namespaces.OA)
PROV = rdflib.Namespace(namespaces.PROV)
SDKG = rdflib.Namespace(namespaces.SDKG)
SDV = rdflib.Namespace(namespaces.VOCAB)
QUOTE_SELECTOR = "-quote"
SPAN_SELECTOR = "-span-"
MONTHS = {str(n): name for n, name in enumerate(("January", "February", "March", "April", "May", "June", "July",
                                                 "August", "September", "October", "November", "December"), 1)}
MONTH = namespaces.SDKG + "month"
NO_NAMES: frozenset[str] = frozenset()
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass
class Record:
    """One evidence record of a document fact, as the span tool reads it."""

    iri: URIRef
    subject: URIRef
    predicate: URIRef
    object: rdflib.term.Node
    document: URIRef | None
    support: URIRef | None
    quote: str | None
    spans: dict[int, Span] = field(default_factory=dict)  # span number -> span


@dataclass(frozen=True)
class Placement:
    """The computed first span of a record and whether its spans name both ends."""

    record: Record
    quote_at: Span | None  # None: the quote is not in the text
    span: Span | None
    names_subject: bool
    names_object: bool

    @property
    def names_both(self) -> bool:
        return self.names_subject and self.names_object


def fold(text: str) -> str:
    """Text as names are compared: NFC, case-folded, typographic quotes and dashes made plain."""
    return unicodedata.normalize("NFC", text).translate(APOSTROPHES).casefold()


def selector(record: URIRef, suffix: str) -> URIRef:
    return URIRef(str(record) + suffix)


def read_records(graph: rdflib.Graph) -> list[Record]:
    """The evidence records of a graph that quote a document (v2 `oa:exact` or the retired `sdkg:quote`)."""
    records = []
    for iri in sorted(set(graph.subjects(RDF.type, SDKG.Evidence))):
        document = graph.value(iri, PROV.wasQuotedFrom)
        if document is None:
            continue  # a curated record: no text to point into
        quote = graph.value(selector(iri, QUOTE_SELECTOR), OA.exact) or graph.value(iri, SDKG.quote)
        record = Record(iri, graph.value(iri, RDF.subject), graph.value(iri, RDF.predicate),
                        graph.value(iri, RDF.object), document, graph.value(iri, SDKG.support),
                        str(quote) if quote is not None else None)
        for sel in graph.objects(iri, OA.hasSelector):
            number = span_number(iri, sel)
            start, end = graph.value(sel, OA.start), graph.value(sel, OA.end)
            if number is not None and start is not None and end is not None:
                record.spans[number] = Span(int(start), int(end))
        records.append(record)
    return records


def span_number(record: URIRef, sel: rdflib.term.Node) -> int | None:
    """The number of a span selector named `<record>-span-N`, else None."""
    prefix = str(record) + SPAN_SELECTOR
    text = str(sel)
    if text.startswith(prefix) and text[len(prefix):].isdigit():
        return int(text[len(prefix):])
    return None


class Names:
    """The names of things (preferred and alternative labels) for telling whether a span names them.

    Things are keyed by their IRI as a string, so rdflib and pyoxigraph terms look up the same names."""

    def __init__(self, graphs: Iterable[rdflib.Graph] = ()) -> None:
        self.labels: dict[str, set[str]] = {}
        for graph in graphs:
            for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
                for thing, label in graph.subject_objects(prop):
                    self.labels.setdefault(str(thing), set()).add(fold(str(label)))

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> "Names":
        """Names from (IRI, label) pairs."""
        names = cls()
        for thing, label in pairs:
            names.labels.setdefault(thing, set()).add(fold(label))
        return names

    def of(self, node: object) -> set[str] | frozenset[str]:
        if isinstance(node, ox.NamedNode):  # the common case, first
            return self.labels.get(node.value, NO_NAMES)
        if is_literal(node):
            return {fold(literal_value(node))}
        return self.labels.get(iri_of(node), NO_NAMES)

    def named_in(self, node: object, text: str) -> bool:
        """Whether a text holds one of the node's names (or its plural in -s, -es) as whole words."""
        return self.named_in_folded(node, fold(text))

    def named_in_folded(self, node: object, folded: str) -> bool:
        """`named_in` for a text already folded (`fold`)."""
        return any(holds_word(folded, name) for name in self.of(node) if name)


def holds_word(text: str, name: str) -> bool:
    """Whether `name` stands in `text` as whole words: no word character just before it, and none just after it
    or after a plural ending -s or -es (plain string search: as exact as a regular expression, much faster)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if start == 0 or not is_word_character(text[start - 1]):
            for ending in ("", "s", "es"):
                after = end + len(ending)
                if text.startswith(ending, end) and (after == len(text) or not is_word_character(text[after])):
                    return True
        start = text.find(name, start + 1)
    return False


def is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def is_literal(node: object) -> bool:
    return isinstance(node, Literal | ox.Literal)


def literal_value(node: object) -> str:
    return str(getattr(node, "value", node)) if not isinstance(node, Literal) else str(node)


def iri_of(node: object) -> str:
    """The IRI of an rdflib or pyoxigraph node, as a string."""
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and not isinstance(node, rdflib.term.Node) else str(node)


def ends_named(names: Names, text: str, subject: object, predicate: object, obj: object) -> tuple[bool, bool]:
    """Whether a text names the subject and the object of a fact. A language-tagged literal object (a
    description in our words) needs no naming; a month (sdkg:month) is named by its English name."""
    folded = fold(text)
    described = is_literal(obj) and bool(getattr(obj, "language", None))
    month = iri_of(predicate) == MONTH and is_literal(obj) and literal_value(obj) in MONTHS and \
        names.named_in_folded(Literal(MONTHS[literal_value(obj)]), folded)
    return names.named_in_folded(subject, folded), described or month or names.named_in_folded(obj, folded)


def locate(source: SourceText, quote: str, names: Names, record: Record) -> Span | None:
    """Where the quote stands: the occurrence inside the record's existing first span, else the first one
    whose sentence names both ends, else the first one."""
    found = source.find(quote)
    if not found:
        return None
    current = record.spans.get(1)
    if current is not None:
        for at in found:
            if current.holds(at):
                return at
    for at in found:
        sentence = source.excerpt(source.sentence_at(at))
        if names.named_in(record.subject, sentence) and names.named_in(record.object, sentence):
            return at
    return found[0]


def first_span(source: SourceText, at: Span, names: Names, record: Record) -> Span:
    """The sentence holding the quote, or that sentence with its neighbour when only the pair names both ends."""
    sentence = source.sentence_at(at)
    if naming(source, [sentence], names, record) == (True, True):
        return sentence
    sentences = source.sentences
    index = next((i for i, s in enumerate(sentences) if s.start <= sentence.start < s.end), None)
    if index is None:
        return sentence
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(sentences):
            pair = Span(min(sentence.start, sentences[neighbour].start), max(sentence.end, sentences[neighbour].end))
            if naming(source, [pair], names, record) == (True, True):
                return pair
    return sentence


def naming(source: SourceText, spans: Iterable[Span], names: Names, record: Record) -> tuple[bool, bool]:
    """Whether the spans, read together, name the subject and the object of the record's fact."""
    text = " ".join(source.excerpt(span) for span in spans)
    return ends_named(names, text, record.subject, record.predicate, record.object)


def place(source: SourceText, names: Names, record: Record) -> Placement:
    """Compute the first span of a record from its quote and tell whether its spans name both ends."""
    if record.quote is None:
        return Placement(record, None, None, False, False)
    at = locate(source, record.quote, names, record)
    if at is None:
        return Placement(record, None, None, False, False)
    span = first_span(source, at, names, record)
    others = [s for n, s in sorted(record.spans.items()) if n != 1]
    subject, obj = naming(source, [span, *others], names, record)
    return Placement(record, at, span, subject, obj)


def write_record(graph: rdflib.Graph, record: Record, span: Span) -> None:
    """Put a record in v2 form: the quote as `oa:exact` of `<record>-quote`, the first span as `<record>-span-1`
    (other spans kept); the retired `sdkg:quote` removed."""
    quote_sel, span_sel = selector(record.iri, QUOTE_SELECTOR), selector(record.iri, SPAN_SELECTOR + "1")
    graph.remove((record.iri, SDKG.quote, None))
    for sel in (quote_sel, span_sel):
        graph.remove((sel, None, None))
    assert record.quote is not None
    graph.add((quote_sel, RDF.type, OA.TextQuoteSelector))
    graph.add((quote_sel, OA.exact, Literal(normalise_quote(record.quote))))
    graph.add((span_sel, RDF.type, OA.TextPositionSelector))
    graph.add((span_sel, OA.start, Literal(span.start)))
    graph.add((span_sel, OA.end, Literal(span.end)))
    graph.add((record.iri, OA.hasSelector, quote_sel))
    graph.add((record.iri, OA.hasSelector, span_sel))
    record.spans[1] = span


def add_span(graph: rdflib.Graph, record: Record, span: Span) -> int:
    """Give a record one more span (the next free number); returns its number."""
    number = max(record.spans, default=0) + 1
    sel = selector(record.iri, f"{SPAN_SELECTOR}{number}")
    graph.add((sel, RDF.type, OA.TextPositionSelector))
    graph.add((sel, OA.start, Literal(span.start)))
    graph.add((sel, OA.end, Literal(span.end)))
    graph.add((record.iri, OA.hasSelector, sel))
    record.spans[number] = span
    return number


def sentence_index(source: SourceText, span: Span) -> tuple[int, int] | None:
    """The indexes of the first and last sentences a span covers."""
    covered = [i for i, s in enumerate(source.sentences) if s.end > span.start and s.start < span.end]
    return (covered[0], covered[-1]) if covered else None


def second_span(source: SourceText, span: Span, names: Names, record: Record, reach: int = 3) -> Span | None:
    """The nearest sentence, at most `reach` sentences before or after a span, that names the end(s) the span
    does not name (so that the two, read together, name both); None when there is none."""
    where = sentence_index(source, span)
    if where is None:
        return None
    subject, obj = naming(source, [span], names, record)
    first, last = where
    for distance in range(1, reach + 1):
        for index in (first - distance, last + distance):
            if 0 <= index < len(source.sentences):
                sentence = source.sentences[index]
                if naming(source, [span, sentence], names, record) == (True, True):
                    return sentence
    return None
