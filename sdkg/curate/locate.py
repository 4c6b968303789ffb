"""Where a quote stands in a source text: its offsets and sentence, or the nearest passages when it is not
verbatim. Typographic quotes and dashes are matched loosely (a straight apostrophe finds a curly one), and the
text's own characters are what gets recorded."""

from collections.abc import Callable
from dataclasses import dataclass

from sdkg.dataset.sourcetext import Passage, SourceText, Span, normalise_quote
from sdkg.errors import InputError

MAX_WORDS = 12
LOOSE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})


@dataclass(frozen=True)
class Location:
    """A quote found in a text: where, in which sentence(s), and the text's exact characters there."""

    quote: Span
    sentence: Span
    exact: str
    loose: bool  # found only once typographic characters were made plain


def occurrences(text: SourceText, quote: str) -> tuple[list[Span], bool]:
    """Where a quote stands verbatim, else loosely (second value True)."""
    found = text.find(quote)
    if found:
        return found, False
    needle = normalise_quote(quote).translate(LOOSE)
    haystack = text.text.translate(LOOSE)  # same length: offsets stay valid
    spans, start = [], haystack.find(needle) if needle else -1
    while start >= 0:
        spans.append(Span(start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans, True


def word_count(quote: str) -> int:
    return len(normalise_quote(quote).split())


def locate_quote(text: SourceText, quote: str, document: str,
                 prefer: Callable[[Span], bool] | None = None) -> Location:
    """The one place a quote of at most 12 words stands (when it stands in several, the one place `prefer`
    accepts); bad input (with the nearest passages) otherwise."""
    words = word_count(quote)
    if words == 0:
        raise InputError("the quote is empty: give the words of the text that state the fact")
    if words > MAX_WORDS:
        raise InputError(f"the quote has {words} words; keep at most {MAX_WORDS}: {quote!r}")
    found, loose = occurrences(text, quote)
    if not found:
        raise InputError(f"quote not in the text of {document}: {quote!r}{nearest_hint(text, quote)}")
    if len(found) > 1 and prefer is not None:
        preferred = [at for at in found if prefer(at)]
        found = preferred if len(preferred) == 1 else found
    if len(found) > 1:
        where = ", ".join(f"{s.start}-{s.end}" for s in found[:5]) + (", …" if len(found) > 5 else "")
        raise InputError(f"the quote stands {len(found)} times in the text of {document} (offsets {where}): "
                         f"add a word or two so that it names one place: {quote!r}")
    at = found[0]
    return Location(at, text.sentence_at(at), text.excerpt(at), loose)


def nearest_hint(text: SourceText, quote: str) -> str:
    """'; nearest passage (93% alike, offsets 10-60): "..."', or '' when nothing is near."""
    passages = text.nearest(quote, limit=1)
    if not passages or passages[0].score < 50:
        return ""
    best = passages[0]
    return f"; nearest passage ({best.score:.0f}% alike, offsets {best.span.start}-{best.span.end}): {clip(best)!r}"


def clip(passage: Passage, words: int = MAX_WORDS) -> str:
    """A passage cut to at most 12 words (the project never copies longer runs of a source)."""
    parts = passage.text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
