"""`sdkg check`: exit codes, the report, and each kind of check shown able to fail."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from minitree import make_sources, make_tree
from sdkg.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def report(result: Result) -> dict:
    return json.loads(result.stdout)


def outcome(result: Result, check: str) -> dict:
    return next(c for c in report(result)["checks"] if c["check"] == check)


def test_minimal_tree_passes_every_check(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    sources = make_sources(tmp_path / "sources")
    result = run("check", "--root", str(root), "--sources", str(sources), "--format", "json")
    assert result.exit_code == 0, result.stdout
    checks = {c["check"]: c["status"] for c in report(result)["checks"]}
    assert checks["shacl"] == "pass" and checks["quotes"] == "pass"
    assert checks["reasoner"] in ("pass", "skipped")
    assert all(status == "pass" for name, status in checks.items() if name.startswith("quality:"))


def test_table_report_names_file_node_shape_and_message(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/entities/extra.ttl": """
sdr:nameless a sdkg:State ; skos:definition "A state without a name."@en .
sdr:document-900 sdkg:sourceFile "900_test.txt" ."""})
    result = run("check", "--root", str(root), "--only", "shacl")
    assert result.exit_code == 1
    for text in ("data/entities/extra.ttl", "sdr:nameless", "sdsh:PrefLabelShape", "exactly one preferred label"):
        assert text in result.stdout


def test_broken_turtle_is_bad_input_with_file_and_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/entities/broken.ttl": "\nsdr:a sdkg:memberOf sdr:b ;\n  sdkg:x \"unclosed .\n"})
    result = run("check", "--root", str(root))
    assert result.exit_code == 2
    assert "data/entities/broken.ttl:" in result.stderr
    line = result.stderr.split("data/entities/broken.ttl:")[1].split(":")[0]
    assert int(line) >= 12  # the nine prefix lines, then the data: the error is past them
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_root_and_missing_sources_are_bad_input(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such folder" in result.stderr
    root = make_tree(tmp_path / "tree")
    result = run("check", "--root", str(root), "--sources", str(tmp_path / "no-texts"))
    assert result.exit_code == 2 and "no-texts" in result.stderr


def test_file_outside_any_graph_is_bad_input(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/stray.ttl": "sdr:a sdkg:memberOf sdr:b ."})
    result = run("check", "--root", str(root))
    assert result.exit_code == 2 and "data/stray.ttl" in result.stderr and "belongs to no graph" in result.stderr


def test_altered_quote_is_reported_with_its_document(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    evidence = root / "data/evidence/document-900.ttl"
    evidence.write_text(evidence.read_text().replace("joined the Sylvanian", "left the Sylvanian"))
    sources = make_sources(tmp_path / "sources")
    result = run("check", "--root", str(root), "--sources", str(sources), "--only", "quotes", "--format", "json")
    assert result.exit_code == 1
    findings = outcome(result, "quotes")["findings"]
    assert [(f["node"], f["value"], f["file"]) for f in findings] == [
        ("sdr:ev-900-001", "sdr:document-900", "data/evidence/document-900.ttl")]
    assert "900_test.txt" in findings[0]["message"]


def test_a_text_whose_checksum_differs_is_refused(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    sources = make_sources(tmp_path / "sources", "the Freedonian Academy\n of   Sciences joined the\nSylvanian Union")
    result = run("check", "--root", str(root), "--sources", str(sources), "--only", "quotes", "--format", "json")
    assert result.exit_code == 1
    findings = outcome(result, "quotes")["findings"]
    assert [(f["node"], f["value"], f["file"]) for f in findings] == [("sdr:document-900", "900_test.txt",
                                                                       "data/metadata.ttl")]
    assert findings[0]["message"].startswith("checksum mismatch: 900_test.txt has SHA-256 ")


@pytest.mark.skipif(not __import__("shutil").which("java"), reason="the reasoner needs Java")
def test_reasoner_reports_an_inconsistent_ontology(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/entities/clash.ttl": """
sdr:freedonian-academy a sdkg:Person ."""})
    result = run("check", "--root", str(root), "--only", "reasoner", "--format", "json")
    assert result.exit_code == 1
    assert "inconsistent" in outcome(result, "reasoner")["summary"]


@pytest.mark.skipif(not __import__("shutil").which("java"), reason="the reasoner needs Java")
def test_reasoner_reports_an_unsatisfiable_class(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "ontology/broken.ttl").write_text("""@prefix sdkg: <https://w3id.org/sdkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
sdkg:StatePerson a owl:Class ; rdfs:subClassOf sdkg:State , sdkg:Person .
""")
    result = run("check", "--root", str(root), "--only", "reasoner", "--format", "json")
    assert result.exit_code == 1
    assert [f["node"] for f in outcome(result, "reasoner")["findings"]] == ["sdkg:StatePerson"]


def test_without_java_the_reasoner_says_so_and_other_checks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on this PATH
    root = make_tree(tmp_path / "tree")
    result = run("check", "--root", str(root), "--format", "json")
    reasoner = outcome(result, "reasoner")
    assert reasoner["status"] == "error" and "needs Java" in reasoner["summary"]  # an environment fault: exit 2
    assert outcome(result, "shacl")["status"] == "pass"
    assert result.exit_code == 2
    chosen = run("check", "--root", str(root), "--format", "json", "--no-reasoner")
    assert outcome(chosen, "reasoner")["status"] == "skipped" and chosen.exit_code == 0


def test_stored_query_without_answer_fails_the_competency_check(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "queries" / "mergers.rq").write_text(
        "# title: Mergers\n# question: Which organisations merged?\n"
        "SELECT ?a WHERE { GRAPH ?g { ?a <https://w3id.org/sdkg/ontology#mergedInto> ?b } }\n")
    result = run("check", "--root", str(root), "--only", "queries", "--format", "json")
    assert result.exit_code == 1
    findings = outcome(result, "queries")["findings"]
    assert [(f["node"], f["file"]) for f in findings] == [("mergers", "queries/mergers.rq")]


def test_shacl_begun_while_loading_reports_as_shacl_on_the_loaded_dataset(tmp_path: Path) -> None:
    """`sdkg check` starts SHACL on the source files before the store is loaded: its outcome is the one the
    engine gives on the loaded dataset (same findings, with their files), and a violation still fails."""
    from sdkg.checks.run import CheckOptions, load_checking, run_checks
    from sdkg.checks.shacl import check_shacl
    from sdkg.dataset.loader import load_path

    root = make_tree(tmp_path / "tree", {"data/entities/extra.ttl": """
sdr:nameless a sdkg:State ; skos:definition "A state without a name."@en ."""})
    options = CheckOptions(None, False, ("shacl",))
    dataset, started = load_checking(root, options)
    assert started.shacl is not None
    early = run_checks(dataset, options, started).outcomes
    late = check_shacl(load_path(root))

    def seen(findings: list) -> list[tuple[str, ...]]:  # what the engine says (the report adds lines and hints)
        return [(f.message, f.node, f.path, f.value, f.shape, f.file) for f in findings]

    assert [(o.check, o.status, o.summary, seen(o.findings)) for o in early] == \
        [("shacl", late.status, late.summary, seen(late.findings))]
    assert late.status.value == "fail" and any(f.node.endswith("/nameless") for f in late.findings)
    assert {f.file for f in late.findings if f.node.endswith("/nameless")} == {"data/entities/extra.ttl"}


def test_a_broken_file_is_reported_by_the_loader_while_shacl_runs_beside_it(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/entities/broken.ttl": "sdr:x a sdkg:State ;\n  skos:prefLabel ."})
    result = run("check", "--root", str(root), "--only", "shacl")
    assert result.exit_code == 2
    assert "data/entities/broken.ttl:" in result.output and "invalid Turtle" in result.output
    assert "Traceback" not in result.output and "SHACL engine" not in result.output
