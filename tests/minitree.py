"""Build a small, valid sdkg tree in a temporary folder, for tests that break one thing at a time."""

import hashlib
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PREFIXES = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sdkg: <https://w3id.org/sdkg/ontology#> .
@prefix sdr: <https://w3id.org/sdkg/resource/> .
@prefix sdv: <https://w3id.org/sdkg/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
"""

SOURCE_TEXT = "In 1959 the Freedonian Academy of Sciences\njoined the   Sylvanian Union of scientists.\n"
SOURCE_SHA256 = hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest()

FILES = {
    "data/metadata.ttl": """
sdr:document-900 a sdkg:SourceDocument ;
    dcterms:title "A test document"@en ;
    sdkg:sourceFile "900_test.txt" ;
    sdkg:factsGraph <https://w3id.org/sdkg/graph/document-900> ;
    spdx:checksum sdr:document-900-checksum .
sdr:document-900-checksum a spdx:Checksum ;
    spdx:algorithm spdx:checksumAlgorithm_sha256 ;
    spdx:checksumValue \"""" + SOURCE_SHA256 + """\" .
""",
    "data/entities/test.ttl": """
sdr:freedonian-academy a sdkg:Academy ;
    skos:prefLabel "Freedonian Academy of Sciences"@en ;
    skos:definition "A national academy used in tests."@en .
sdr:sylvanian-union a sdkg:ScientificUnion ;
    skos:prefLabel "Sylvanian Union"@en ;
    skos:definition "A union of scientists used in tests."@en .
""",
    "data/documents/document-900.ttl": """
sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .
""",
    "data/evidence/document-900.ttl": """
sdr:ev-900-001 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ;
    rdf:predicate sdkg:memberOf ;
    rdf:object sdr:sylvanian-union ;
    prov:wasQuotedFrom sdr:document-900 ;
    oa:hasSelector sdr:ev-900-001-quote , sdr:ev-900-001-span-1 ;
    sdkg:support sdv:stated .
sdr:ev-900-001-quote a oa:TextQuoteSelector ;
    oa:exact "Academy of Sciences joined the Sylvanian Union" .
sdr:ev-900-001-span-1 a oa:TextPositionSelector ;
    oa:start 0 ;
    oa:end 84 .
""",
}


MEMBERS_QUERY = """# title: Members
# question: Which actor is a member of which?
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT DISTINCT ?member ?body WHERE { GRAPH ?g { ?member sdkg:memberOf ?body } }
"""


def make_tree(folder: Path, changes: dict[str, str | None] | None = None) -> Path:
    """A valid tree in `folder` (the repository's ontology, the small data above), then `changes`:
    a file's new Turtle body (prefixes are added), or None to delete it. Returns the root."""
    shutil.copytree(REPO / "ontology", folder / "ontology")
    files = dict(FILES)
    files.update(changes or {})
    for name, body in files.items():
        if body is None:
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PREFIXES + body, encoding="utf-8")
    (folder / "data").mkdir(exist_ok=True)
    queries = folder / "queries"
    queries.mkdir(exist_ok=True)
    (queries / "members.rq").write_text(MEMBERS_QUERY, encoding="utf-8")
    return folder


def make_sources(folder: Path, text: str = SOURCE_TEXT) -> Path:
    """A folder with the test document's source text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "900_test.txt").write_text(text, encoding="utf-8")
    return folder
