"""Expected answers worked out from the documents, and how a stored query's complete answer compares with them.

An expected answer is a tab-separated file (tests/expected/NAME.tsv): a header line, one row per item of the
complete answer, and a last column `passage` (`DOC:LINE "quote"`) that points at the text behind the row.
Cells are written as a reader names things: an entity by its name (resolved through the registry's
skos:prefLabel and skos:altLabel, ignoring case and punctuation), a document by its number (`001`), a year as
digits, a short text (a role) as words. The query says which of its variables the comparison reads, in the
order of the file's columns, with a header line `# compare: ?a ?b ?c:text` (kinds: entity, the default;
text; year; document; a column named `document` or `year` has that kind without saying so).
"""

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.namespaces import GRAPH, SKOS
from sdkg.queries.catalogue import StoredQuery
from sdkg.queries.results import Results, Term

PASSAGE = "passage"
KINDS = ("entity", "text", "year", "document")
DOCUMENT_NUMBER = re.compile(r"document-(\d+)$")
PASSAGE_PART = re.compile(r'^\d{3}:\d+ "[^"]+"$')
ONLY_ITEM = re.compile(r"^\?(?P<var>[A-Za-z_]\w*)=(?P<value>\S+)$")
COMPARE_ITEM = re.compile(r"^\?(?P<var>[A-Za-z_]\w*)(?::(?P<kind>[a-z]+))?$")
LABEL_GRAPHS = (GRAPH + "entities", GRAPH + "ontology")

Key = str | int | None  # an entity IRI, a document number, a year, a normalised text, or nothing (empty cell)


def normalise(text: str) -> str:
    """A name for matching: accents, case and punctuation dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", letters.casefold()).split())


@dataclass(frozen=True)
class Column:
    """One column of an expected answer and the query variable it is compared with."""

    name: str
    variable: str
    kind: str


@dataclass(frozen=True)
class ExpectedRow:
    line: int
    cells: tuple[str, ...]
    passage: str


@dataclass
class Expected:
    """An expected answer file: its columns (without `passage`) and rows."""

    path: Path
    columns: list[str]
    rows: list[ExpectedRow]


def read_expected(path: Path) -> Expected:
    """Read an expected answer; a malformed file is bad input naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read the expected answer: {error.strerror}", path) from None
    lines = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not lines or not lines[0]:
        raise InputError("empty expected answer: the first line must name the columns", path, 1)
    header = lines[0]
    if header[-1] != PASSAGE:
        raise InputError(f"the last column must be `{PASSAGE}` (the text behind each row), not {header[-1]!r}",
                         path, 1)
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} cells where the header has {len(header)} "
                             f"({', '.join(header)}); separate cells with one tab", path, number)
        rows.append(ExpectedRow(number, tuple(c.strip() for c in cells[:-1]), cells[-1].strip()))
    return Expected(path, header[:-1], rows)


def check_passage(passage: str) -> str | None:
    """Why a passage is not `DOC:LINE "quote"` (several joined with `; `), or None when it is."""
    if not passage.strip():
        return "no passage: write the text behind the row as DOC:LINE \"quote of at most 12 words\""
    for part in passage.split('"; '):
        part = part if part.endswith('"') else part + '"'
        if not PASSAGE_PART.match(part.strip()):
            return f"passage {part.strip()!r} is not of the form DOC:LINE \"quote\" (e.g. 001:75 \"the words\")"
        if len(part.split('"')[1].split()) > 12:
            return f"passage quote {part.strip()!r} has more than 12 words"
    return None


def write_expected(path: Path, expected: Expected) -> str:
    """The text of an expected answer file, rows in their order (written by the caller, atomically)."""
    lines = ["\t".join([*expected.columns, PASSAGE])]
    lines += ["\t".join([*row.cells, row.passage]) for row in expected.rows]
    return "\n".join(lines) + "\n"


def compare_columns(query: StoredQuery, expected: Expected) -> list[Column]:
    """The query variables the comparison reads (header `# compare:`), one per expected column."""
    spec = query.source.field("compare")
    if not spec:
        raise InputError("the query has no `# compare: ?var ...` header line naming the variables that answer "
                         f"the expected columns ({', '.join(expected.columns)})", query.source.path)
    items = spec.split()
    if len(items) != len(expected.columns):
        raise InputError(f"`# compare:` names {len(items)} variables but {expected.path.name} has "
                         f"{len(expected.columns)} columns besides passage ({', '.join(expected.columns)})",
                         query.source.path)
    columns = []
    for name, item in zip(expected.columns, items):
        match = COMPARE_ITEM.match(item)
        if not match or (match["kind"] and match["kind"] not in KINDS):
            raise InputError(f"`# compare:` item {item!r} is not `?variable` or `?variable:KIND` "
                             f"(KIND one of {', '.join(KINDS)})", query.source.path)
        kind = match["kind"] or (name if name in ("document", "year") else "entity")
        columns.append(Column(name, match["var"], kind))
    return columns


@dataclass
class Resolver:
    """Names to IRIs through the preferred and alternative labels of the registry and the vocabularies."""

    preferred: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    alternative: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: ox.Store) -> "Resolver":
        resolver = cls()
        for graph in LABEL_GRAPHS:
            for predicate, index in ((SKOS + "prefLabel", resolver.preferred), (SKOS + "altLabel", resolver.alternative)):
                for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(graph)):
                    if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                        index[normalise(quad.object.value)].add(quad.subject.value)
                        if index is resolver.preferred:
                            resolver.labels.setdefault(quad.subject.value, quad.object.value)
        return resolver

    def resolve(self, name: str) -> set[str]:
        """The IRIs a name stands for: those it is the preferred label of, else those it is an alternative of."""
        key = normalise(name)
        return set(self.preferred.get(key, ())) or set(self.alternative.get(key, ()))

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)


def expected_key(value: str, column: Column, resolver: Resolver) -> tuple[Key, str | None]:
    """The comparison key of an expected cell, and a problem when it cannot be read."""
    if not value:
        return None, None
    if column.kind == "document":
        return (value, None) if value.isdigit() else (None, f"{value!r} is not a document number such as 001")
    if column.kind == "year":
        return (int(value), None) if re.fullmatch(r"-?\d+", value) else (None, f"{value!r} is not a year")
    if column.kind == "text":
        return normalise(value), None
    iris = resolver.resolve(value)
    if not iris:
        return None, f"{value!r} is no entity's preferred or alternative label"
    if len(iris) > 1:
        return None, f"{value!r} names {len(iris)} entities: {', '.join(sorted(iris))}"
    return next(iter(iris)), None


def result_key(term: Term | None, column: Column, resolver: Resolver) -> Key:
    """The comparison key of a query's cell (a label in an entity column is resolved as a name would be)."""
    if term is None:
        return None
    if column.kind == "document":
        match = DOCUMENT_NUMBER.search(term.value)
        return match[1] if match else term.value
    if column.kind == "year":
        return int(term.value) if re.fullmatch(r"-?\d+", term.value) else term.value
    if column.kind == "text":
        return normalise(term.value)
    if term.kind == "literal":
        iris = resolver.resolve(term.value)
        return next(iter(iris)) if len(iris) == 1 else normalise(term.value)
    return term.value


@dataclass
class Comparison:
    """A query's complete answer against its expected answer."""

    name: str
    columns: list[Column]
    matched: list[ExpectedRow]
    missing: list[ExpectedRow]
    extra: list[tuple[Key, ...]]
    unresolved: list[tuple[ExpectedRow, str]]
    resolver: Resolver

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.unresolved)

    def show(self, key: tuple[Key, ...]) -> str:
        return " | ".join("" if k is None else self.resolver.label(k) if isinstance(k, str) and c.kind == "entity"
                          else str(k) for k, c in zip(key, self.columns))

    def report(self) -> str:
        """A readable diff: names that resolve to nothing, rows the query misses, rows it adds."""
        head = " | ".join(c.name for c in self.columns)
        summary = (f"{self.name}: {len(self.matched)} rows matched, {len(self.missing)} missing, "
                   f"{len(self.extra)} extra, {len(self.unresolved)} unresolved  ({head})")
        lines = [summary]
        lines += [f"  unresolved  line {row.line}: {problem}" for row, problem in self.unresolved]
        lines += [f"  missing     line {row.line}: {' | '.join(row.cells)}    {row.passage}" for row in self.missing]
        lines += [f"  extra       {self.show(key)}" for key in sorted(self.extra, key=str)]
        return "\n".join(lines)


def compare(name: str, columns: list[Column], expected: Expected, results: Results,
            resolver: Resolver) -> Comparison:
    """Compare the rows of an answer, read through the columns, with the expected rows (as sets)."""
    missing_vars = [c.variable for c in columns if c.variable not in results.variables]
    if missing_vars:
        raise InputError(f"query {name} has no variable {', '.join('?' + v for v in missing_vars)} "
                         f"(its variables: {', '.join('?' + v for v in results.variables)})")
    wanted: dict[tuple[Key, ...], ExpectedRow] = {}
    unresolved: list[tuple[ExpectedRow, str]] = []
    for row in expected.rows:
        keys, problems = zip(*(expected_key(v, c, resolver) for v, c in zip(row.cells, columns)))
        found = [p for p in problems if p]
        if found:
            unresolved.extend((row, problem) for problem in found)
            continue
        wanted.setdefault(tuple(keys), row)
    got = {tuple(result_key(r.get(c.variable), c, resolver) for c in columns) for r in results.rows}
    matched = [row for key, row in wanted.items() if key in got]
    missing = [row for key, row in wanted.items() if key not in got]
    extra = [key for key in got if key not in wanted]
    return Comparison(name, columns, matched, missing, extra, unresolved, resolver)


def compared_rows(query: StoredQuery, results: Results) -> Results:
    """The rows the comparison reads: all, or those a `# compare-only: ?var=value` header keeps."""
    spec = query.source.field("compare-only")
    if not spec:
        return results
    match = ONLY_ITEM.match(spec)
    if not match:
        raise InputError(f"`# compare-only:` {spec!r} is not `?variable=value`", query.source.path)
    keep = [r for r in results.rows if match["var"] in r and r[match["var"]].value == match["value"]]
    return Results(results.variables, keep)


def compare_query(query: StoredQuery, expected_path: Path, results: Results, resolver: Resolver) -> Comparison:
    """Read an expected answer and compare a stored query's answer (the rows it compares) with it."""
    expected = read_expected(expected_path)
    return compare(query.name, compare_columns(query, expected), expected, compared_rows(query, results), resolver)
