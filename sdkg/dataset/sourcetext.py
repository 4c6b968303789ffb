"""Source texts as the evidence sees them: one normalisation, sentences, and where a quote stands.

The normalisation (offsets of evidence spans count characters of its result, in Unicode code points):
1. the file is read as UTF-8 (a byte-order mark is an error) and put in Unicode NFC;
2. a hyphen that ends a word at the end of a line is joined to the first word of the next non-blank line,
   keeping the hyphen ("counter-" + line break + "hypersonic" gives "counter-hypersonic"); a dash standing
   alone at a line end is left to step 3;
3. every run of whitespace (spaces, tabs, line breaks, no-break spaces) becomes one space;
4. the text is trimmed at both ends.
Blank lines are not taken as paragraph ends: in texts extracted from PDF they also fall inside sentences.
Quotes are compared after the same normalisation, so a quote may span a line break but not change a letter.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sdkg.errors import InputError

LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t\u00a0]*\r?\n\s*(?=\S)")


@dataclass(frozen=True, order=True)
class Span:
    """Characters [start, end) of a normalised text."""

    start: int
    end: int

    def holds(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Passage:
    """A stretch of text near a quote that was not found verbatim, with its similarity (0-100)."""

    span: Span
    text: str
    score: float


def normalise(raw: str) -> str:
    """The normalised text (module docstring), the ground of every offset."""
    text = unicodedata.normalize("NFC", raw)
    return collapse_whitespace(LINE_END_HYPHEN.sub("-", text))


def normalise_quote(quote: str) -> str:
    """A quote as it is looked up: NFC, whitespace runs as one space, trimmed."""
    return collapse_whitespace(unicodedata.normalize("NFC", quote))


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (str.isspace, the same characters as a regular expression's \\s) as one space,
    none at either end."""
    return " ".join(text.split())


@dataclass
class SourceText:
    """One source text: its file name, the SHA-256 of its bytes, its normalised text and sentences."""

    name: str
    sha256: str
    text: str

    @cached_property
    def sentences(self) -> list[Span]:
        """The sentences, in order (a heading or a list line without a full stop is a sentence too)."""
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        spans = [Span(piece.start, piece.start + len(piece.sent.rstrip())) for piece in segmenter.segment(self.text)]
        return [span for span in spans if span.end > span.start]

    def find(self, quote: str) -> list[Span]:
        """Every place where the quote stands verbatim (after normalisation)."""
        needle = normalise_quote(quote)
        if not needle:
            return []
        found, start = [], self.text.find(needle)
        while start >= 0:
            found.append(Span(start, start + len(needle)))
            start = self.text.find(needle, start + 1)
        return found

    def sentence_at(self, span: Span) -> Span:
        """The sentence, or run of adjacent sentences, that holds a span."""
        covering = [s for s in self.sentences if s.end > span.start and s.start < span.end]
        if not covering:
            return span
        return Span(min(s.start for s in covering), max(s.end for s in covering))

    def excerpt(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def whole_words(self, span: Span) -> Span:
        """A span widened to the word boundaries on either side."""
        start, end = span.start, span.end
        while start > 0 and not self.text[start - 1].isspace():
            start -= 1
        while end < len(self.text) and not self.text[end].isspace():
            end += 1
        return Span(start, end)

    def nearest(self, quote: str, limit: int = 3) -> list[Passage]:
        """The passages most like a quote that is not verbatim, best first (fuzzy, rapidfuzz)."""
        from rapidfuzz import fuzz

        needle = normalise_quote(quote)
        scored = []
        for sentence in self.sentences:
            found = fuzz.partial_ratio_alignment(needle, self.excerpt(sentence))
            if found is None:
                continue
            span = self.whole_words(Span(sentence.start + found.dest_start, sentence.start + found.dest_end))
            scored.append(Passage(span, self.excerpt(span), round(found.score, 1)))
        scored.sort(key=lambda passage: (-passage.score, passage.span))
        return scored[:limit]


def read_source(path: Path, shown: str | None = None) -> SourceText:
    """Read and normalise a source text; an unreadable or non-UTF-8 file is bad input."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the source text: {error.strerror or error}", shown) from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError("the source text starts with a UTF-8 byte-order mark (BOM): save it without one", shown)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"the source text is not UTF-8 (byte {error.start}): save it as UTF-8", shown) from None
    return SourceText(path.name, hashlib.sha256(data).hexdigest(), normalise(raw))
