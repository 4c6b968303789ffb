"""The external datasets our identity links point into, recognised by their IRI namespaces."""

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Authority:
    """An external dataset: a short key, its name, the namespace of its identifiers and its homepage."""

    key: str
    name: str
    namespace: str
    homepage: str

    @property
    def dataset(self) -> str:
        """The IRI that stands for the dataset in VoID linksets."""
        return self.homepage


AUTHORITIES: Final[tuple[Authority, ...]] = (
    Authority("wikidata", "Wikidata", "http://www.wikidata.org/entity/", "https://www.wikidata.org/"),
    Authority("dbpedia", "DBpedia", "http://dbpedia.org/resource/", "https://www.dbpedia.org/"),
    Authority("ror", "ROR", "https://ror.org/", "https://ror.org/"),
    Authority("geonames", "GeoNames", "https://sws.geonames.org/", "https://www.geonames.org/"),
)
ISO3166: Final = Authority("iso3166", "ISO 3166", "", "https://www.iso.org/iso-3166-country-codes.html")


def authority_of(iri: str) -> Authority | None:
    """The authority whose namespace an IRI is in, or None."""
    for authority in AUTHORITIES:
        if iri.startswith(authority.namespace):
            return authority
    return None
