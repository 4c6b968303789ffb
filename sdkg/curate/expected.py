"""Review the expected answers (tests/expected/NAME.tsv) after the data changed: show, per stored query, the
rows its complete answer now adds or misses, and, once a curator has read that diff, write the accepted rows.

An accepted new row gets the passage of the evidence record behind it (a record whose fact names two of the
row's things, else one), as `DOC:LINE "quote"` with the line of the source text (given --sources). A row with no
such passage is never written: it is listed for the curator to add by hand with the text behind it."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from sdkg.dataset.layout import EVIDENCE_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import OA, PROV, RDF, SDKG
from sdkg.queries.catalogue import StoredQuery, stored_queries
from sdkg.queries.engines import query_embedded, select_rows
from sdkg.queries.expected import (Comparison, Expected, ExpectedRow, Key, Resolver, check_passage, compare_query,
                                   read_expected, write_expected)

TODO = "TODO"
RECORDS = f"""SELECT ?e ?s ?o ?d ?quote WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{
  ?e <{RDF}subject> ?s ; <{RDF}object> ?o ; <{PROV}wasQuotedFrom> ?d .
  OPTIONAL {{ ?e <{OA}hasSelector> ?sel . ?sel <{OA}exact> ?exact }}
  OPTIONAL {{ ?e <{SDKG}quote> ?old }}
  BIND(COALESCE(?exact, ?old) AS ?quote) }} }} ORDER BY ?e"""


@dataclass
class Review:
    """One stored query's answer against its expected answer."""

    query: StoredQuery
    path: Path
    comparison: Comparison
    added: list[ExpectedRow] = field(default_factory=list)
    refused: list[tuple[str, ...]] = field(default_factory=list)  # new rows with no passage: not written


@dataclass(frozen=True)
class Record:
    iri: str
    subject: str
    object: str
    document: str
    quote: str


def reviews(dataset: Dataset, folder: Path, names: tuple[str, ...] = ()) -> list[Review]:
    """Every compared stored query (or those named) with an expected answer in `folder`."""
    queries = [q for q in stored_queries(dataset.tree.queries) if not q.federated and q.source.field("compare")]
    known = {q.name for q in queries}
    unknown = [n for n in names if n not in known]
    if unknown:
        from sdkg.curate.suggest import did_you_mean

        raise InputError(f"no compared stored query named {unknown[0]!r}{did_you_mean(unknown[0], known)}")
    resolver = Resolver.from_store(dataset.store)
    found = []
    for query in queries:
        path = folder / f"{query.name}.tsv"
        if (names and query.name not in names) or not path.is_file():
            continue
        results = query_embedded(dataset.store, query.text())
        found.append(Review(query, path, compare_query(query, path, results, resolver)))
    return found


def records(dataset: Dataset) -> list[Record]:
    return [Record(r["e"].value, r["s"].value, r["o"].value, r["d"].value, r["quote"].value)
            for r in select_rows(dataset.store, RECORDS) if "quote" in r]


def passage(key: tuple[Key, ...], found: list[Record], lines_of: "LineFinder") -> str:
    """The text behind a new row: the record naming most of the row's things, as DOC:LINE "quote"."""
    things = {str(k) for k in key if k is not None}  # IRIs, and years or other values as the object's value
    scored = [(len(things & {r.subject, r.object}), -i, r) for i, r in enumerate(found)]
    score, _, best = max(scored, key=lambda t: t[:2], default=(0, 0, None))
    if best is None or not score:
        return TODO
    number = best.document.rsplit("-", 1)[-1]
    line = lines_of(best.document, best.quote)
    return f'{number}:{line} "{best.quote}"' if line else TODO


class LineFinder:
    """The line of a source text where a quote starts (its words may run over line breaks)."""

    def __init__(self, dataset: Dataset, sources: Path | None) -> None:
        from sdkg.curate.documents import documents

        self.sources = sources
        self.files = {d.iri: d.source_file for d in documents(dataset.tree)}
        self.texts: dict[str, str] = {}

    def __call__(self, document: str, quote: str) -> int | None:
        if self.sources is None or document not in self.files:
            return None
        name = self.files[document]
        if name not in self.texts:
            path = self.sources / name
            self.texts[name] = path.read_text(encoding="utf-8") if path.is_file() else ""
        words = [re.escape(w) for w in quote.split()]
        match = re.search(r"-?\s+".join(words), self.texts[name]) if words else None
        return self.texts[name].count("\n", 0, match.start()) + 1 if match else None


def accept(dataset: Dataset, review: Review, sources: Path | None, drop_missing: bool) -> str:
    """Write the expected answer with the query's new rows (and without the missing ones, if asked)."""
    expected = read_expected(review.path)
    comparison = review.comparison
    found, lines_of = records(dataset), LineFinder(dataset, sources)
    kept = [row for row in expected.rows if drop_missing is False or row not in comparison.missing]
    for key in sorted(comparison.extra, key=str):
        cells = tuple("" if k is None else comparison.resolver.label(k) if c.kind == "entity" and isinstance(k, str)
                      else str(k) for k, c in zip(key, comparison.columns))
        text = passage(key, found, lines_of)
        if text == TODO or check_passage(text) is not None:
            review.refused.append(cells)
        else:
            review.added.append(ExpectedRow(0, cells, text))
    text = write_expected(review.path, Expected(review.path, expected.columns, kept + review.added))
    from sdkg.atomic import write_text_atomic

    write_text_atomic(review.path, text)
    return text
