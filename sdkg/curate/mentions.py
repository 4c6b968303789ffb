"""Which registry entities a source text names (preferred and alternative labels, exactly or nearly), and which
names in it the registry does not know yet (acronyms, capitalised phrases), so that entities are reused."""

import re
from dataclasses import dataclass

from sdkg.curate.registry import Registry
from sdkg.dataset.sourcetext import SourceText, Span

FUZZY_CUTOFF = 90.0
MIN_FUZZY_LENGTH = 8  # shorter labels are only matched exactly (fuzzy matches of "EU" are noise)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}s?\b")
NAME_WORD = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z][\w’'-]+")  # a capitalised word inside a sentence
CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|on|de|du|des|la|von)\s+){0,2}[A-Z][\w’'-]*)+")
COMMON_STARTS = {"The", "A", "An", "In", "On", "At", "As", "By", "For", "From", "It", "Its", "This", "That",
                 "These", "Those", "When", "While", "With", "But", "And", "Yet", "Since", "After", "Before"}


@dataclass(frozen=True)
class Mention:
    """A registry entity named in the text: by which label, where, how alike (100: exactly)."""

    entity: str
    label: str
    found: str
    span: Span
    score: float


@dataclass(frozen=True)
class Candidate:
    """A name in the text that no registry label covers."""

    name: str
    spans: tuple[Span, ...]


def find_mentions(text: SourceText, registry: Registry) -> list[Mention]:
    """Every place a registry label stands in the text (whole words, case as written for acronyms)."""
    from rapidfuzz import fuzz

    mentions: list[Mention] = []
    covered: set[str] = set()
    for entity in registry.entities:
        for _, label in registry.labels.get(entity, []):
            flags = 0 if label.isupper() else re.IGNORECASE
            for match in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", text.text, flags):
                mentions.append(Mention(entity, label, match.group(), Span(match.start(), match.end()), 100.0))
                covered.add(entity)
    for entity in registry.entities:
        if entity in covered:
            continue
        for _, label in registry.labels.get(entity, []):
            if len(label) < MIN_FUZZY_LENGTH:
                continue
            for sentence in text.sentences:
                found = fuzz.partial_ratio_alignment(label.casefold(), text.excerpt(sentence).casefold(),
                                                     score_cutoff=FUZZY_CUTOFF)
                if found is not None:
                    span = text.whole_words(Span(sentence.start + found.dest_start, sentence.start + found.dest_end))
                    mentions.append(Mention(entity, label, text.excerpt(span), span, round(found.score, 1)))
    return sorted(mentions, key=lambda m: (m.span.start, -m.score, m.entity))


def find_candidates(text: SourceText, mentions: list[Mention]) -> list[Candidate]:
    """Acronyms and capitalised phrases that no mention covers, with where they stand."""
    taken = [m.span for m in mentions]
    found: dict[str, list[Span]] = {}
    for pattern in (CAPITALISED, ACRONYM, NAME_WORD):
        for match in pattern.finditer(text.text):
            name = match.group().strip()
            words = name.split()
            if words and words[0] in COMMON_STARTS:
                words = words[1:]
                if len(words) < 2 and not ACRONYM.fullmatch(" ".join(words)):
                    continue
                name = " ".join(words)
            span = Span(match.end() - len(name), match.end())
            if any(t.start <= span.start and span.end <= t.end for t in taken):
                continue
            if any(span.start >= s.start and span.end <= s.end for spans in found.values() for s in spans):
                continue
            found.setdefault(name, []).append(span)
    return sorted((Candidate(name, tuple(spans)) for name, spans in found.items()),
                  key=lambda c: c.spans[0].start)
