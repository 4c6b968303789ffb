"""Keep every Turtle source in one canonical serialisation (rdflib's sorted `longturtle`), losing nothing.

Before any file is replaced, every file is read once and checked: it parses without a base IRI (a relative
IRI is an error, never resolved against a local path), it holds no comment (the canonical form would drop
it: fmt refuses such a file and says where the comment is), and its canonical text holds exactly the same
RDF terms (same IRIs, same literal forms and datatypes, same blank-node structure). Then each drifted file
is replaced atomically (temporary file, then rename), and only if it has not changed since it was read.
"""

import hashlib
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from sdkg.atomic import write_bytes_atomic
from sdkg.dataset.literals import is_ill_typed
from sdkg.dataset.tree import SourceTree
from sdkg.errors import InputError, os_reason
from sdkg.namespaces import PREFIXES, XSD

XSD_STRING = XSD + "string"


@dataclass(frozen=True)
class Drift:
    """A file whose text differs from its canonical form."""

    name: str
    path: Path
    canonical: str
    digest: str  # SHA-256 of the bytes read, to refuse writing over a file edited in the meantime


class _AsWritten(rdflib.Literal):
    """A literal that is written in its short Turtle form only when that form reads back as the same literal
    (`1E3` typed integer, `TRUE`, `1.` or a double in another notation keep their quoted form)."""

    def __lt__(self, other: object) -> bool:
        """A total order among typed literals (by datatype, then value where it is a number, then lexical
        form), so the sorted output does not depend on the input's order; rdflib's order otherwise."""
        if isinstance(other, _AsWritten):
            return _total_key(self) < _total_key(other)
        try:
            return bool(super().__lt__(other))  # type: ignore[operator]
        except Exception:  # noqa: BLE001 - values that do not compare
            return _key(self) < _key(other)

    def __gt__(self, other: object) -> bool:
        if isinstance(other, _AsWritten):
            return _total_key(self) > _total_key(other)
        try:
            return bool(super().__gt__(other))  # type: ignore[operator]
        except Exception:  # noqa: BLE001
            return _key(self) > _key(other)

    __hash__ = rdflib.Literal.__hash__
    __eq__ = rdflib.Literal.__eq__

    def _literal_n3(self, use_plain: bool = False, qname_callback=None) -> str:  # type: ignore[no-untyped-def]
        if use_plain and self.datatype is not None and self.language is None:
            plain = super()._literal_n3(True, qname_callback)
            if plain == str(self) and _reads_back(plain, str(self.datatype)):
                return plain
        return super()._literal_n3(False, qname_callback)


def _key(term: object) -> tuple[str, str]:
    return str(getattr(term, "datatype", "") or ""), str(term)


_NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                    "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                    "nonPositiveInteger", "unsignedInt")}


def _total_key(term: rdflib.Literal) -> tuple[str, int, float, str]:
    """Datatype, then numbers by value (ill-typed forms and NaN after them), then the lexical form."""
    datatype, lexical = str(term.datatype), str(term)
    if datatype in _NUMERIC and not is_ill_typed(lexical, datatype):
        number = float(lexical.replace("INF", "inf"))
        if number == number:  # not NaN
            return datatype, 0, number, lexical
    return datatype, 1, 0.0, lexical


_SHORT_FORMS = {
    "http://www.w3.org/2001/XMLSchema#integer": r"[+-]?[0-9]+",
    "http://www.w3.org/2001/XMLSchema#decimal": r"[+-]?[0-9]*\.[0-9]+",
    "http://www.w3.org/2001/XMLSchema#double": r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+",
    "http://www.w3.org/2001/XMLSchema#boolean": r"true|false",
}


def _reads_back(plain: str, datatype: str) -> bool:
    import re

    pattern = _SHORT_FORMS.get(datatype)
    return pattern is not None and re.fullmatch(pattern, plain) is not None


@contextmanager
def literals_as_written() -> Iterator[None]:
    """rdflib keeps every literal's lexical form (it would turn "01" into "1" otherwise)."""
    import rdflib.term

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = rdflib.term.NORMALIZE_LITERALS = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = rdflib.term.NORMALIZE_LITERALS = before  # type: ignore[attr-defined]


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {os_reason(error)}", shown) from None


def parse_strict(data: bytes, shown: str) -> tuple[list[ox.Triple], dict[str, str]]:
    """The triples as written (pyoxigraph keeps lexical forms) and the declared prefixes; no base IRI, so a
    relative IRI is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError("starts with a UTF-8 byte-order mark (BOM): save the file without one", shown, 1, 1)
    try:
        parser = ox.parse(data, format=ox.RdfFormat.TURTLE)
        return [q.triple for q in parser], dict(parser.prefixes)
    except SyntaxError as error:
        raise InputError.from_syntax_error(error, "invalid Turtle", shown) from None


def find_comment(text: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the first Turtle comment, outside strings and IRIs; None if none."""
    i, line, start, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line, start = line + 1, i + 1
        elif c == "#":
            return line, i - start + 1
        elif c == "<":
            end = text.find(">", i + 1)
            if end > 0 and "\n" not in text[i:end] and " " not in text[i:end]:
                i = end
        elif c == "\\":
            i += 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if text[i] == "\\":
                    i += 1
                elif text[i] == "\n":
                    line, start = line + 1, i + 1
                i += 1
            i += len(quote) - 1
        i += 1
    return None


def canonical_turtle(path: Path, shown: str, data: bytes | None = None) -> str:
    """The canonical text of a Turtle file: same RDF terms, sorted, with the project's prefixes."""
    data = read_bytes(path, shown) if data is None else data
    triples, declared = parse_strict(data, shown)
    text = data.decode("utf-8")
    comment = find_comment(text)
    if comment is not None:
        raise InputError("holds a comment, which the canonical form would lose; fmt leaves such files alone: "
                         "put the remark in an rdfs:comment or skos:note, or delete it", shown, *comment)
    graph = rdflib.Graph(bind_namespaces="none")
    try:
        labels: dict[str, rdflib.BNode] = {}  # blank nodes named in the order they appear in the file
        with literals_as_written():
            for triple in triples:  # the terms exactly as pyoxigraph read them (rdflib's parser rewrites numbers)
                graph.add(tuple(_rdflib_term(t, labels) for t in triple))  # type: ignore[arg-type]
            for prefix, namespace in declared.items():
                graph.bind(prefix, namespace, override=True, replace=True)
            used = {str(node) for triple in graph for node in triple if isinstance(node, rdflib.URIRef)}
            used |= {t.object.datatype.value for t in triples  # datatypes written out (not short forms)
                     if isinstance(t.object, ox.Literal) and not t.object.language
                     and t.object.datatype.value != XSD_STRING
                     and not _reads_back(t.object.value, t.object.datatype.value)}
            for prefix, namespace in PREFIXES.items():
                if any(iri.startswith(namespace) for iri in used):
                    graph.bind(prefix, namespace, override=True, replace=True)
            canonical = graph.serialize(format="longturtle")
    except RecursionError:
        raise InputError("nested too deeply for fmt to write (blank nodes inside blank nodes): "
                         "the file was left as it is", shown) from None
    except Exception as error:  # noqa: BLE001 - rdflib fails in several ways; the file is left alone
        first = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise InputError(f"fmt cannot write this file canonically ({type(error).__name__}: {first}); "
                         "it was left as it is", shown) from None
    difference = term_difference(triples, parse_strict(canonical.encode("utf-8"), shown)[0])
    if difference:
        raise InputError(f"fmt would change an RDF term ({difference}); the file was left as it is", shown)
    return canonical


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal, labels: dict[str, rdflib.BNode]) -> rdflib.term.Node:
    """An rdflib term with the same lexical form as the pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        if term.value not in labels:
            labels[term.value] = rdflib.BNode(f"b{len(labels):08d}")
        return labels[term.value]
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return _AsWritten(term.value, datatype=rdflib.URIRef(term.datatype.value))


def term_difference(before: list[ox.Triple], after: list[ox.Triple]) -> str:
    """'' when both hold the same triples (blank nodes compared by their place, not their labels); else one
    triple that differs."""
    def split(triples: list[ox.Triple]) -> tuple[set[str], Counter[str]]:
        ground: set[str] = set()
        masked: Counter[str] = Counter()
        for triple in set(triples):
            if any(isinstance(t, ox.BlankNode) for t in (triple.subject, triple.object)):
                masked[" ".join("_:" if isinstance(t, ox.BlankNode) else str(t) for t in triple)] += 1
            else:
                ground.add(str(triple))
        return ground, masked

    (ground_a, masked_a), (ground_b, masked_b) = split(before), split(after)
    for lost in sorted(ground_a - ground_b)[:1]:
        return f"lost {lost[:200]}"
    for added in sorted(ground_b - ground_a)[:1]:
        return f"would write {added[:200]}"
    if masked_a != masked_b:
        return "the blank-node statements differ"
    return ""


def turtle_files(tree: SourceTree) -> list[Path]:
    """Every Turtle source of the tree: ontology, shapes and data (a file the loader would not read is an
    error here too, so fmt never passes over it)."""
    from sdkg.dataset.layout import source_files

    data = [source.path for source in source_files(tree) if source.path.is_relative_to(tree.data)]
    return sorted(tree.ontology.glob("*.ttl")) + data


def find_drift(tree: SourceTree) -> list[Drift]:
    """The files that are not in canonical form (every file is checked before any is written)."""
    drifts = []
    for path in turtle_files(tree):
        shown = tree.relative(path)
        data = read_bytes(path, shown)
        canonical = canonical_turtle(path, shown, data)
        if data != canonical.encode("utf-8"):
            drifts.append(Drift(shown, path, canonical, hashlib.sha256(data).hexdigest()))
    return drifts


def rewrite(drifts: list[Drift]) -> None:
    """Write the canonical form over each drifted file, atomically, and only over the text that was read.

    Every file's folder must be writable before any file is replaced, so a refusal leaves all files as
    they were."""
    for drift in drifts:
        if not os.access(drift.path.parent, os.W_OK) or not os.access(drift.path, os.W_OK):
            raise InputError("cannot write here (permission denied); no file was rewritten", drift.name)
    for drift in drifts:
        now = hashlib.sha256(read_bytes(drift.path, drift.name)).hexdigest()
        if now != drift.digest:
            raise InputError("changed while fmt ran; it was left as it is (run fmt again)", drift.name)
        write_bytes_atomic(drift.path, drift.canonical.encode("utf-8"))
