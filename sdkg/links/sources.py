"""The sources a link check may cite, kept in one place, each with the reason the project accepts it.

A link is recorded only when a source showed the external identifier together with a label naming the same
thing. The project accepts a registry's own records, Wikidata and English Wikipedia, and tables or fixtures
that a machine wrote from such data; it does not accept Wikipedia mirrors, content farms, or lists typed by
hand or by a text generator (they often give one identifier to several things). A source is named by a URL
prefix: a host, or a host and a repository where the host serves anyone's files (GitHub).
"""

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit


@dataclass(frozen=True)
class AcceptedSource:
    """A URL prefix that link checks may cite, the kind of source it is, and why it is accepted."""

    prefix: str
    kind: str
    reason: str


ACCEPTED_SOURCES: Final[tuple[AcceptedSource, ...]] = (
    AcceptedSource("https://ror.org/", "registry",
                   "ROR's own page of a record: the registry that issues the identifier"),
    AcceptedSource("https://github.com/ror-community/ror-records/blob/", "registry",
                   "ROR's release files, one JSON record per organisation: identifier, names, status, successors, "
                   "Wikidata id and Wikipedia page, as the registry publishes them"),
    AcceptedSource("https://www.wikidata.org/wiki/", "Wikidata", "Wikidata itself: the item and its labels"),
    AcceptedSource("https://m.wikidata.org/wiki/", "Wikidata", "Wikidata itself, mobile pages"),
    AcceptedSource("https://en.wikipedia.org/wiki/", "Wikipedia",
                   "English Wikipedia, whose article titles name the DBpedia resources"),
    AcceptedSource("https://github.com/owid/owid-grapher/blob/", "data table",
                   "Our World in Data's country table, with ISO 3166 codes and Wikidata URIs and labels"),
    AcceptedSource("https://github.com/colemanm/gazetteer/blob/", "data table",
                   "an unmodified copy of GeoNames' countryInfo table: ISO codes with GeoNames ids"),
    AcceptedSource("https://github.com/dr5hn/countries-states-cities-database/blob/", "data table",
                   "a maintained geography database whose country, region and subregion tables carry Wikidata ids"),
    AcceptedSource("https://github.com/confirmordeny/supraverden/blob/", "data table",
                   "a list of international bodies whose Wikidata codes a script fills in from Wikidata"),
    AcceptedSource("https://github.com/petermr/amilib/blob/", "tool output",
                   "test fixtures holding OpenAlex API answers (concept, display name, Wikidata URL) and Wikidata "
                   "look-ups (id, label, description)"),
    AcceptedSource("https://github.com/max-fofanov/wikidata-padverb/blob/", "tool output",
                   "a Wikidata client's tutorial that prints the API's answers: page to id, id to label"),
)


def accepted_source(url: str) -> AcceptedSource | None:
    """The accepted source a URL belongs to, or None."""
    return next((source for source in ACCEPTED_SOURCES if url.startswith(source.prefix)), None)


def host(url: str) -> str:
    """The host of a URL (empty for something that is not one)."""
    return urlsplit(url).hostname or ""
