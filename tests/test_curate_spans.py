"""`sdkg curate spans`: the migration tool. It gives 0.2.0 records (sdkg:quote, sdv:inferred) their v2 selectors,
applies a curator's review (curated facts move to the curation graph), re-marks stated records whose spans do
not name both ends, and the result passes the evidence check."""

import json
from pathlib import Path

import rdflib
from click.testing import CliRunner

from minitree import make_sources, make_tree
from sdkg.cli import main

SDKG = rdflib.Namespace("https://w3id.org/sdkg/ontology#")
SDV = rdflib.Namespace("https://w3id.org/sdkg/vocab/")
SDR = rdflib.Namespace("https://w3id.org/sdkg/resource/")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
TEXT = ("In 1959 the Freedonian Academy of Sciences\njoined the   Sylvanian Union of scientists. Its members meet "
        "in Fredonia. The union was founded long before.\n")
V1_EVIDENCE = """
sdr:ev-900-001 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ;
    rdf:predicate sdkg:memberOf ;
    rdf:object sdr:sylvanian-union ;
    prov:wasQuotedFrom sdr:document-900 ;
    sdkg:quote "Academy of Sciences joined the Sylvanian Union" ;
    sdkg:support sdv:stated .
sdr:ev-900-002 a sdkg:Evidence ;
    rdf:subject sdr:sylvanian-union ;
    rdf:predicate sdkg:startYear ;
    rdf:object 1890 ;
    prov:wasQuotedFrom sdr:document-900 ;
    sdkg:quote "The union was founded long before" ;
    sdkg:support sdv:inferred ;
    rdfs:comment "The curator knows the union's founding year."@en .
sdr:ev-900-003 a sdkg:Evidence ;
    rdf:subject sdr:fredonian-council ;
    rdf:predicate sdkg:basedIn ;
    rdf:object sdr:fredonia ;
    prov:wasQuotedFrom sdr:document-900 ;
    sdkg:quote "Its members meet in Fredonia" ;
    sdkg:support sdv:stated .
"""
ENTITIES = """
sdr:fredonian-council a sdkg:ScientificUnion ;
    skos:prefLabel "Council of Fredonian Scientists"@en ;
    skos:definition "A council used in tests."@en .
sdr:fredonia a sdkg:State ;
    skos:prefLabel "Fredonia"@en ;
    skos:definition "A state used in tests."@en .
"""


def v1_tree(tmp_path: Path) -> tuple[Path, Path]:
    import hashlib

    root = make_tree(tmp_path / "tree", {"data/evidence/document-900.ttl": V1_EVIDENCE})
    (root / "data/documents/document-900.ttl").write_text(
        "@prefix sdkg: <https://w3id.org/sdkg/ontology#> .\n@prefix sdr: <https://w3id.org/sdkg/resource/> .\n"
        "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .\nsdr:fredonian-council sdkg:basedIn sdr:fredonia .\n"
        "sdr:sylvanian-union sdkg:startYear 1890 .\n", encoding="utf-8")
    with (root / "data/entities/test.ttl").open("a", encoding="utf-8") as entities:
        entities.write(ENTITIES)
    metadata = root / "data/metadata.ttl"
    old = hashlib.sha256(b"In 1959 the Freedonian Academy of Sciences\njoined the   Sylvanian Union of scientists.\n")
    metadata.write_text(metadata.read_text().replace(old.hexdigest(), hashlib.sha256(TEXT.encode()).hexdigest()))
    return root, make_sources(tmp_path / "sources", TEXT)


def spans(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["curate", "spans", "--root", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    root, sources = v1_tree(tmp_path)
    before = (root / "data/evidence/document-900.ttl").read_text()
    output = spans(root, "--sources", str(sources))
    assert "document-900: 3 records; 2 stated, 1 implied, 0 moved to the curation graph; stated naming both ends: " \
           "1/2 (50.0%)" in output
    assert "span names no subject: sdr:ev-900-003 (sdr:fredonian-council sdkg:basedIn sdr:fredonia)" in output
    assert output.rstrip().endswith("nothing written (add --write)")
    assert (root / "data/evidence/document-900.ttl").read_text() == before


def test_migration_with_a_review_passes_the_evidence_check(tmp_path: Path) -> None:
    root, sources = v1_tree(tmp_path)
    review = tmp_path / "review.tsv"
    review.write_text("# record\tdecision\tnote\nev-900-002\tcurated\tThe curator's own knowledge: founded in 1890.\n",
                      encoding="utf-8")
    output = spans(root, "--sources", str(sources), "--review", str(review), "--imply-unnamed", "--write")
    assert "1 moved to the curation graph" in output and "re-marked implied: 1" in output

    evidence = rdflib.Graph().parse(root / "data/evidence/document-900.ttl")
    record = SDR["ev-900-001"]
    assert evidence.value(record, SDKG.quote) is None
    assert str(evidence.value(SDR["ev-900-001-quote"], OA.exact)) == "Academy of Sciences joined the Sylvanian Union"
    assert (evidence.value(SDR["ev-900-001-span-1"], OA.start).toPython(),
            evidence.value(SDR["ev-900-001-span-1"], OA.end).toPython()) == (0, 84)  # the first sentence
    assert evidence.value(SDR["ev-900-003"], SDKG.support) == SDV.implied  # "Its members": the council unnamed
    assert str(evidence.value(SDR["ev-900-003"], rdflib.RDFS.comment)) == (
        "The text describes \u201cCouncil of Fredonian Scientists\u201d without using that name or an alternative "
        "label; the quoted sentence is where it does so, and it names \u201cFredonia\u201d.")
    assert (SDR["ev-900-002"], None, None) not in evidence

    facts = rdflib.Graph().parse(root / "data/documents/document-900.ttl")
    curation = rdflib.Graph().parse(root / "data/curation.ttl")
    year = (SDR["sylvanian-union"], SDKG.startYear, rdflib.Literal(1890))
    assert year not in facts and year in curation
    curated = rdflib.Graph().parse(root / "data/evidence/curation.ttl")
    assert curated.value(SDR["ev-cur-001"], SDKG.support) == SDV.curated
    assert str(curated.value(SDR["ev-cur-001"], rdflib.RDFS.comment)).startswith("The curator's own knowledge")

    result = CliRunner().invoke(main, ["check", "--root", str(root), "--sources", str(sources), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0, [c for c in report["checks"] if c["status"] not in ("pass", "skipped")]
    assert spans(root, "--sources", str(sources), "--write").count("wrote") == 0  # a second run changes nothing


def test_a_review_naming_an_unknown_record_is_bad_input(tmp_path: Path) -> None:
    root, sources = v1_tree(tmp_path)
    review = tmp_path / "review.tsv"
    review.write_text("ev-900-999\timplied\tA note.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["curate", "spans", "--root", str(root), "--sources", str(sources),
                                       "--review", str(review)])
    assert result.exit_code == 2 and "ev-900-999" in result.stderr and "Traceback" not in result.output


def test_a_malformed_review_line_is_bad_input(tmp_path: Path) -> None:
    root, sources = v1_tree(tmp_path)
    review = tmp_path / "review.tsv"
    review.write_text("ev-900-001\tmaybe\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["curate", "spans", "--root", str(root), "--sources", str(sources),
                                       "--review", str(review)])
    assert result.exit_code == 2 and "line 1" in result.stderr
