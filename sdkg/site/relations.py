"""How a page names a relation seen from its value's side ("Could be eased by" rather than "is the value of
couldEase"), and the summary of a tension merged across documents."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sdkg.namespaces import SDKG
from sdkg.site.names import Ref

INVERSE = {  # property -> heading on the page of its value, in our words
    "addresses": "Addressed by", "hasParticipant": "Takes part in", "couldEase": "Could be eased by",
    "tensionBetween": "Side of the tensions", "concernsTechnology": "Concerned by", "pursues": "Pursued by",
    "tensionKind": "Tensions of this kind", "basedIn": "Home of", "hasCharacteristic": "Characteristic of",
    "diplomacyTrack": "On this track", "involvedActor": "Involved in", "recommendedActor": "Recommended to act in",
    "status": "With this status", "hasPole": "Pole of the tensions", "proposesInitiative": "Proposed by",
    "aggravatedBy": "Aggravates", "locatedIn": "Location of", "promotes": "Promoted by",
    "subOrganisationOf": "Has sub-organisations", "resultedIn": "Resulted from", "affiliatedWith": "Affiliates",
    "scienceDiplomacyDimension": "In this dimension", "involvesInitiative": "Tensions it is involved in",
    "sponsoredBy": "Sponsors", "uses": "Used by", "ledBy": "Leads", "memberOf": "Members", "foundedBy": "Founded",
    "hasParty": "Party to the tensions", "partOf": "Has parts", "challenges": "Challenged by",
    "modelFor": "Modelled on", "mergedInto": "Merged from", "producedBy": "Produces", "mediatedBy": "Mediates",
    "inspired": "Inspired by", "appointedBy": "Appointed", "coSponsoredBy": "Co-sponsors", "ownedBy": "Owns",
}


def inverse_heading(predicate: Ref) -> str:
    """The heading for the things that point to an entity through a property."""
    local = predicate.iri.removeprefix(SDKG)
    return INVERSE.get(local) or f"Has it as {predicate.label}"


SIDES = ("tensionBetween", "hasPole", "hasParty")


@dataclass
class TensionSummary:
    """A tension at a glance, merged across the documents: sides, kind, what eases and aggravates it."""

    sides: list[Ref] = field(default_factory=list)
    kinds: list[Ref] = field(default_factory=list)
    eased_by: list[Ref] = field(default_factory=list)
    aggravated_by: list[Ref] = field(default_factory=list)
    initiatives: list[Ref] = field(default_factory=list)
    technologies: list[Ref] = field(default_factory=list)
    documents: list[Ref] = field(default_factory=list)


def _unique(refs: Iterable[Ref]) -> list[Ref]:
    found: dict[str, Ref] = {}
    for ref in refs:
        found.setdefault(ref.iri or ref.label, ref)
    return sorted(found.values(), key=lambda r: r.label.casefold())


def tension_summary(outgoing: Iterable[object], incoming: Iterable[object], documents: list[Ref]) -> TensionSummary:
    """The summary of a tension from its facts (sdkg.site.facts.Fact) both ways round."""
    by: dict[str, list[Ref]] = defaultdict(list)
    for fact in outgoing:
        by[fact.predicate.iri.removeprefix(SDKG)].append(fact.object)  # type: ignore[attr-defined]
    for fact in incoming:
        by["~" + fact.predicate.iri.removeprefix(SDKG)].append(fact.subject)  # type: ignore[attr-defined]
    return TensionSummary(
        _unique(r for p in SIDES for r in by[p]), _unique(by["tensionKind"]),
        _unique([*by["~couldEase"], *by["~addresses"]]), _unique(by["aggravatedBy"]),
        _unique(by["involvesInitiative"]), _unique(by["concernsTechnology"]), documents)
