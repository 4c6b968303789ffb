"""Where a finding's fault stands: the file and line of the statement at fault (not the file that types its
subject), found by reading the Turtle sources again only when a check has findings.

A statement is looked up by its subject, predicate and object in every source file (pyoxigraph's parser).
Only the statements that name a term asked about are kept: the terms of all findings are given first
(`want`), so that one pass over the files serves them all; a term asked later costs one more pass. Its line is
found in that file's text, which `sdkg fmt` keeps in one layout (a subject at the start of a line,
its predicates indented below it, each object after its predicate); a file in another layout still gets the
line where the subject or term first stands.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from sdkg.dataset.layout import SourceFile
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import RDF, shorten

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Place:
    file: str
    line: int | None = None


def _value(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


class Locator:
    """Finds statements and terms in the source files of a dataset."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._lines: dict[Path, list[str]] = {}
        self._starts: dict[str, dict[str, list[int]]] = {}  # file -> first token of a line -> line numbers
        self._indexed: set[str] = set()  # terms whose statements are all in the indexes below
        self._pending: set[str] = set()  # terms to index with the next pass
        self.order: list[str] = []  # the files read, in load order
        self.by_subject: dict[str, dict[str, list[Triple]]] = {}  # indexed subject -> file -> its statements
        self.by_term: dict[str, list[tuple[str, Triple]]] = {}  # indexed term -> (file, statement), load order

    def want(self, terms: Iterable[str]) -> None:
        """Terms that lookups will ask about: they are indexed together, in one pass over the files."""
        self._pending.update(t for t in terms if t and t not in self._indexed)

    def _index(self, term: str) -> None:
        """Make sure the statements naming `term` (and every term wanted so far) are indexed."""
        if term in self._indexed:
            return
        batch = self._pending | {term}
        self._pending = set()
        raw = batch | {t[2:] for t in batch if t.startswith("_:")}  # blank nodes' values have no "_:"
        order: list[str] = []
        for source in self.dataset.files:
            try:
                kept = sorted({(_value(q.subject), q.predicate.value, _value(q.object))
                               for q in ox.parse(path=source.path, format=ox.RdfFormat.TURTLE)
                               if q.subject.value in raw or q.object.value in raw or q.predicate.value in raw})
            except (OSError, SyntaxError):
                kept = []
            order.append(source.name)
            for triple in kept:
                if triple[0] in batch:
                    self.by_subject.setdefault(triple[0], {}).setdefault(source.name, []).append(triple)
                for named in set(triple) & batch:
                    self.by_term.setdefault(named, []).append((source.name, triple))
        self.order = order
        self._indexed |= batch

    @cached_property
    def by_name(self) -> dict[str, SourceFile]:
        return {source.name: source for source in self.dataset.files}

    def lines(self, name: str) -> list[str]:
        path = self.by_name[name].path
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8").splitlines()
            except OSError:
                self._lines[path] = []
        return self._lines[path]

    def _files(self, prefer: str) -> list[str]:
        return sorted(self.order, key=lambda n: n != prefer)  # stable: load order after the preferred file

    def statement(self, subject: str, predicate: str, obj: str | None = None, prefer: str = "") -> Place | None:
        """The file and line of a statement (any object when `obj` is None), `prefer`'s file first."""
        self._index(subject)
        files = self.by_subject.get(subject, {})
        for name in self._files(prefer):
            if name not in files:
                continue
            if obj is not None and (subject, predicate, obj) in files[name]:
                return Place(name, self.line_of(name, subject, predicate, obj))
            if obj is None and any(p == predicate for _, p, _ in files[name]):
                return Place(name, self.line_of(name, subject, predicate, None))
        return None

    def pointing_at(self, node: str, predicate: str) -> Place | None:
        """The first statement with `predicate` whose object is `node`."""
        self._index(node)
        for name, (s, p, o) in self.by_term.get(node, []):
            if p == predicate and o == node:
                return Place(name, self.line_of(name, s, p, o))
        return None

    def subject(self, node: str, prefer: str = "") -> Place | None:
        """Where a node is described: `prefer` (the file that types it) first, else any file with it as subject."""
        self._index(node)
        files = self.by_subject.get(node, {})
        for name in self._files(prefer):
            if name in files:
                return Place(name, self.line_of(name, node, None, None))
        return None

    def mention(self, term: str, prefer: str = "") -> Place | None:
        """The first statement that names a term in any position, `prefer`'s file first."""
        self._index(term)
        found = self.by_term.get(term, [])
        for name, (s, p, o) in sorted(found, key=lambda item: item[0] != prefer):
            return Place(name, self.line_of(name, s, p, o) if term == s else
                         self._term_line(name, term) or self.line_of(name, s, p, o))
        return None

    def line_of(self, name: str, subject: str, predicate: str | None, obj: str | None) -> int | None:
        """The line of a statement in a file of the canonical layout (a subject may have several blocks in a
        hand-written file: the block that holds the statement wins), else of the subject, else of a term."""
        lines = self.lines(name)
        starts = self.subject_lines(name, subject)
        if not starts:
            return self._term_line(name, subject)
        if predicate is None:
            return starts[0] + 1
        best: int | None = None
        for start in starts:
            found = self._in_block(lines, start, predicate, obj)
            if found is not None and found[1]:
                return found[0] + 1
            if found is not None and best is None:
                best = found[0]
        return (best if best is not None else starts[0]) + 1

    @staticmethod
    def _in_block(lines: list[str], start: int, predicate: str, obj: str | None) -> tuple[int, bool] | None:
        """(line, whether the object was found) of a predicate in the block of a subject starting at `start`."""
        end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "."
                    or (lines[i] and not lines[i][0].isspace())), len(lines))
        tokens = ["a"] if predicate == RDF + "type" else []
        tokens += [shorten(predicate), f"<{predicate}>"]
        at = next((i for i in range(start, end) if any(_has(lines[i], t) for t in tokens)), None)
        if at is None:
            return None
        if obj is None:
            return at, True
        stop = next((i for i in range(at + 1, end) if lines[i].startswith("    ") and not lines[i].startswith("     ")
                     ), end)
        wanted = [shorten(obj), f"<{obj}>", f'"{obj}"', obj]
        found = next((i for i in range(at, stop) if any(_has(lines[i], w) for w in wanted)), None)
        return (found, True) if found is not None else (at, False)

    def subject_lines(self, name: str, subject: str) -> list[int]:
        """The lines (0-based) where a subject's blocks start in a file."""
        if name not in self._starts:
            starts: dict[str, list[int]] = {}
            for i, line in enumerate(self.lines(name)):
                if line and not line[0].isspace():
                    starts.setdefault(line.split(" ", 1)[0], []).append(i)
            self._starts[name] = starts
        found = self._starts[name].get(shorten(subject), []) + self._starts[name].get(f"<{subject}>", [])
        return sorted(found)

    def _term_line(self, name: str, term: str) -> int | None:
        for i, line in enumerate(self.lines(name)):
            if line.lstrip().startswith(("PREFIX", "@prefix")):
                continue
            if _has(line, shorten(term)) or _has(line, f"<{term}>"):
                return i + 1
        return None


def _has(line: str, token: str) -> bool:
    """Whether a line holds a token as a whole Turtle term."""
    if not token:
        return False
    return re.search(rf"(?<![\w:/#-]){re.escape(token)}(?![\w/#-])", line) is not None \
        if token[0] not in "<\"" else token in line
