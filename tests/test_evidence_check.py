"""The evidence check of `sdkg check --sources`: one small tree per fault, with the exact report it must give;
and, on the real data, what the provenance contract promises (DESIGN section 3)."""

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from minitree import REPO, make_sources, make_tree
from sdkg.cli import main

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"  # ../shared/seeds beside the repository
EVIDENCE_FILE = "data/evidence/document-900.ttl"
RECORD = "sdr:ev-900-001"
SDKG = rdflib.Namespace("https://w3id.org/sdkg/ontology#")
SDV = rdflib.Namespace("https://w3id.org/sdkg/vocab/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
RDF = rdflib.RDF


def check(root: Path, sources: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--sources", str(sources), "--only", "quotes",
                                       "--format", "json"])
    report = json.loads(result.stdout)
    return result.exit_code, next(c for c in report["checks"] if c["check"] == "quotes")


def findings(outcome: dict) -> list[tuple[str, str, str, str]]:
    return [(f["node"], f["message"], f["value"], f["file"]) for f in outcome["findings"]]


def tree_with(tmp_path: Path, replace: dict[str, tuple[str, str]] | None = None,
              add: dict[str, str] | None = None) -> Path:
    """The small valid tree, with text replaced in some files and statements added to others."""
    root = make_tree(tmp_path / "tree")
    for name, (old, new) in (replace or {}).items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    for name, body in (add or {}).items():
        path = root / name
        prefixes = (root / EVIDENCE_FILE).read_text(encoding="utf-8").split("\nsdr:", 1)[0]
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else prefixes) + body, encoding="utf-8")
    return root


def test_the_valid_tree_passes_and_names_both_ends(tmp_path: Path) -> None:
    code, outcome = check(tree_with(tmp_path), make_sources(tmp_path / "sources"))
    assert (code, outcome["status"], outcome["findings"]) == (0, "pass", [])
    assert "0 of 1 stated facts have spans that do not name both ends" in outcome["summary"]


def test_span_outside_the_text(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {EVIDENCE_FILE: ("oa:end 84", "oa:end 120")})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [(RECORD, "span 0-120 lies outside the text 900_test.txt (84 characters after "
                                          "normalisation)", "sdr:document-900", EVIDENCE_FILE)]


def test_quote_outside_the_span(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {EVIDENCE_FILE: ("oa:end 84", "oa:end 20")})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [(RECORD, 'quote outside its spans in 900_test.txt: "Academy of Sciences joined '
                                          'the Sylvanian Union" stands at 23-69', "sdr:document-900", EVIDENCE_FILE)]


def test_quote_not_in_the_text(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {EVIDENCE_FILE: ("joined the Sylvanian", "left the Sylvanian")})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [(RECORD, 'quote not in the text 900_test.txt: "Academy of Sciences left the '
                                          'Sylvanian Union"', "sdr:document-900", EVIDENCE_FILE)]


def test_checksum_mismatch_refuses_the_text(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "sources", "In 1959 the Freedonian Academy of Sciences\njoined the "
                                                 "Sylvanian Union of scientists!\n")
    code, outcome = check(tree_with(tmp_path), sources)
    assert code == 1
    [(node, message, value, file)] = findings(outcome)
    assert (node, value, file) == ("sdr:document-900", "900_test.txt", "data/metadata.ttl")
    assert message.startswith("checksum mismatch: 900_test.txt has SHA-256 ")
    assert message.endswith("this is another version of the text, so its evidence was not checked against it")


def test_curated_fact_in_a_document_graph(tmp_path: Path) -> None:
    root = tree_with(tmp_path, add={"data/evidence/curation.ttl": """
sdr:ev-cur-001 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ;
    rdf:predicate sdkg:memberOf ;
    rdf:object sdr:sylvanian-union ;
    sdkg:support sdv:curated ;
    rdfs:comment "The curator knows the academy joined the union."@en .
"""})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [
        ("sdr:ev-cur-001", "curated fact in a document graph (the value): a document graph holds only what its "
                           "document states or implies; move it to data/curation.ttl", "sdg:document-900",
         "data/evidence/curation.ttl"),
        ("sdr:ev-cur-001", "curated record for a statement that is not in the curation graph", "",
         "data/evidence/curation.ttl")]


def test_curated_statement_checked_against_a_page_outside_the_accepted_sources(tmp_path: Path) -> None:
    root = tree_with(tmp_path, add={"data/curation.ttl": "\nsdr:freedonian-academy sdkg:startYear 1901 .\n",
                                    "data/evidence/curation.ttl": """
sdr:ev-cur-001 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ;
    rdf:predicate sdkg:startYear ;
    rdf:object 1901 ;
    sdkg:support sdv:curated ;
    sdkg:checkedAgainst <https://example.org/academy-history> ;
    sdkg:checkNote "The page gives 1901 as the founding year."@en .
"""})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [
        ("sdr:ev-cur-001", "https://example.org/academy-history is not an accepted source (sdkg/links/sources.py): "
                           "check the statement against a page of an accepted source, or give the curator's "
                           "reasoning instead", "sdv:curated", "data/evidence/curation.ttl")]
    page = root / "data/evidence/curation.ttl"  # the same record, checked against Wikipedia, passes
    page.write_text(page.read_text().replace("https://example.org/academy-history",
                                             "https://en.wikipedia.org/wiki/Freedonia"))
    assert check(root, make_sources(tmp_path / "sources2"))[0] == 0


def test_curation_statement_without_its_record(tmp_path: Path) -> None:
    root = tree_with(tmp_path, add={"data/curation.ttl": "\nsdr:freedonian-academy sdkg:startYear 1901 .\n"})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [
        ("sdr:freedonian-academy", "statement of the curation graph without a curated evidence record "
                                   "(sdr:ev-cur-NNN in data/evidence/curation.ttl)", "1901", "data/curation.ttl")]


def test_implied_without_comment(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {EVIDENCE_FILE: ("sdkg:support sdv:stated", "sdkg:support sdv:implied")})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [(RECORD, "an implied record needs an rdfs:comment saying how the text implies the "
                                          "fact", "sdv:implied", EVIDENCE_FILE)]


def test_retired_inferred_support(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {EVIDENCE_FILE: ("sdkg:support sdv:stated", "sdkg:support sdv:inferred")})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert code == 1
    assert findings(outcome) == [(RECORD, "support sdv:inferred is retired: re-mark it implied (with a comment) or "
                                          "move the fact to the curation graph (sdkg curate spans --review)",
                                  "sdv:inferred", EVIDENCE_FILE)]


def test_stated_fact_whose_span_does_not_name_an_end_is_a_warning(tmp_path: Path) -> None:
    root = tree_with(tmp_path, {"data/entities/test.ttl": ('"Sylvanian Union"@en', '"Union of Sylvania"@en')})
    code, outcome = check(root, make_sources(tmp_path / "sources"))
    assert (code, outcome["status"]) == (0, "pass")
    assert findings(outcome) == [(RECORD, "warning: the spans of a stated fact do not name its object",
                                  "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union", EVIDENCE_FILE)]


# -- the real data ---------------------------------------------------------------------------------------------

def graph_of(*paths: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(path)
    return graph


def test_no_document_graph_holds_a_curated_fact() -> None:
    evidence = graph_of(*sorted((REPO / "data/evidence").glob("*.ttl")))
    curated = {(evidence.value(r, RDF.subject), evidence.value(r, RDF.predicate), evidence.value(r, RDF.object))
               for r in evidence.subjects(SDKG.support, SDV.curated)}
    assert curated
    for path in sorted((REPO / "data/documents").glob("*.ttl")):
        assert curated & set(graph_of(path)) == set(), path.name


def test_every_curation_statement_has_a_curated_record_with_its_source() -> None:
    statements = set(graph_of(REPO / "data/curation.ttl"))
    records = graph_of(REPO / "data/evidence/curation.ttl")
    sourced = set()
    for record in records.subjects(RDF.type, SDKG.Evidence):
        assert records.value(record, SDKG.support) == SDV.curated, record
        assert records.value(record, PROV.wasQuotedFrom) is None, record
        has_source = records.value(record, rdflib.RDFS.comment) is not None or (
            records.value(record, SDKG.checkedAgainst) is not None and records.value(record, SDKG.checkNote) is not None)
        assert has_source, record
        sourced.add((records.value(record, RDF.subject), records.value(record, RDF.predicate),
                     records.value(record, RDF.object)))
    assert statements and statements == sourced


def test_no_document_record_is_curated_or_inferred() -> None:
    for path in sorted((REPO / "data/evidence").glob("document-*.ttl")):
        supports = set(graph_of(path).objects(None, SDKG.support))
        assert supports <= {SDV.stated, SDV.implied}, path.name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not on this machine")
def test_the_real_evidence_passes_the_check_and_most_stated_facts_name_both_ends() -> None:
    code, outcome = check(REPO, SEEDS)
    assert (code, outcome["status"]) == (0, "pass"), outcome["findings"][:5]
    stated = sum(1 for path in (REPO / "data/evidence").glob("document-*.ttl")
                 for _ in graph_of(path).subjects(SDKG.support, SDV.stated))
    warnings = [f for f in outcome["findings"] if f["message"].startswith("warning:")]
    assert stated and len(warnings) <= 0.1 * stated
