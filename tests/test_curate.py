"""Curation tools end to end: a third document (tests/fixtures/third-document) registered, its mentions
listed, its entities and facts added from TSV files, then checked, built and published, on a copy of the tree.
Then each curation error, refused with what to fix and nothing written."""

import csv
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from minitree import REPO
from sdkg.cli import main
from sdkg.curate.fmt import canonical_turtle
from sdkg.dataset.sourcetext import read_source

FIXTURE = Path(__file__).parent / "fixtures" / "third-document"
TITLE = "SESAME: a light source shared across a divided region"


@dataclass
class Curated:
    root: Path
    sources: Path
    number: str
    outputs: dict[str, Result]

    def run(self, *args: str) -> Result:
        return sdkg(*args, "--root", str(self.root))


def sdkg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def copy_tree(target: Path, seeds: Path) -> tuple[Path, Path]:
    """The repository's ontology, data and queries, and a sources folder with the seed texts."""
    root = target / "tree"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(REPO / part, root / part)
    sources = target / "sources"
    shutil.copytree(seeds, sources)
    return root, sources


def next_number() -> str:
    numbers = [int(p.stem.rsplit("-", 1)[1]) for p in (REPO / "data" / "documents").glob("document-*.ttl")]
    return f"{max(numbers) + 1:03d}"


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Curated:
    root, sources = copy_tree(tmp_path_factory.mktemp("curate"), seeds)
    where = ["--root", str(root), "--sources", str(sources)]
    outputs = {"new-document": sdkg("curate", "new-document", str(FIXTURE / "sesame.txt"), "--title", TITLE,
                                    "--issued", "2026-11", "--entities", "sesame", *where)}
    number = next_number()
    outputs["mentions"] = sdkg("curate", "mentions", number, "--format", "json", *where)
    outputs["entity"] = sdkg("curate", "entity", "--batch", str(FIXTURE / "entities.tsv"), "--file", "sesame",
                             "--root", str(root))
    outputs["add"] = sdkg("curate", "add", number, "--batch", str(FIXTURE / "facts.tsv"), *where)
    return Curated(root, sources, number, outputs)


def fixture_facts() -> list[dict[str, str]]:
    with (FIXTURE / "facts.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_fixture_text_is_a_short_document() -> None:
    words = len((FIXTURE / "sesame.txt").read_text(encoding="utf-8").split())
    assert 150 <= words <= 300
    assert len(fixture_facts()) >= 12


def test_new_document_registers_the_text(curated: Curated) -> None:
    result = curated.outputs["new-document"]
    assert result.exit_code == 0, result.output
    text = read_source(FIXTURE / "sesame.txt")
    name = f"{curated.number}_{text.sha256[:16]}.txt"
    assert f"registered document-{curated.number}" in result.output
    assert (curated.sources / name).read_bytes() == (FIXTURE / "sesame.txt").read_bytes()
    metadata = (curated.root / "data" / "metadata.ttl").read_text(encoding="utf-8")
    assert f'sdkg:sourceFile "{name}"' in metadata and f'spdx:checksumValue "{text.sha256}"' in metadata
    assert f"sdr:document-{curated.number}" in metadata.split("sdr:document-000\n")[0]  # in the dataset's sources
    for folder in ("documents", "evidence"):
        assert (curated.root / "data" / folder / f"document-{curated.number}.ttl").is_file()


def test_registering_the_same_text_twice_is_refused(curated: Curated, tmp_path: Path) -> None:
    result = curated.run("curate", "new-document", str(FIXTURE / "sesame.txt"), "--title", "Again",
                         "--sources", str(tmp_path))
    assert result.exit_code == 2
    assert f"already registered as document-{curated.number}" in result.output


def test_mentions_lists_registry_entities_and_new_names(curated: Curated) -> None:
    result = curated.outputs["mentions"]
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    entities = {m["entity"] for m in found["mentions"]}
    assert {"sdr:iran", "sdr:israel", "sdr:middle-east"} <= entities
    text = read_source(FIXTURE / "sesame.txt").text
    for mention in found["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    assert {"UNESCO", "CERN", "SESAME"} <= {c["name"] for c in found["candidates"]}


def test_entities_and_facts_are_added(curated: Curated) -> None:
    assert curated.outputs["entity"].exit_code == 0, curated.outputs["entity"].output
    assert "added 6 entities" in curated.outputs["entity"].output
    result = curated.outputs["add"]
    assert result.exit_code == 0, result.output
    facts = fixture_facts()
    assert f"added {len(facts)} fact(s) to document-{curated.number}" in result.output
    for path in (curated.root / "data" / "documents" / f"document-{curated.number}.ttl",
                 curated.root / "data" / "evidence" / f"document-{curated.number}.ttl",
                 curated.root / "data" / "entities" / "sesame.ttl", curated.root / "data" / "metadata.ttl"):
        assert path.read_text(encoding="utf-8") == canonical_turtle(path, path.name), path


def test_every_record_has_a_verbatim_quote_inside_its_span(curated: Curated) -> None:
    import rdflib

    evidence = rdflib.Graph().parse(curated.root / "data" / "evidence" / f"document-{curated.number}.ttl")
    text = read_source(FIXTURE / "sesame.txt")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    records = sorted(str(s) for s in evidence.subjects(rdflib.RDF.type,
                                                        rdflib.URIRef("https://w3id.org/sdkg/ontology#Evidence")))
    assert [r.rsplit("/", 1)[1] for r in records] == [f"ev-{curated.number}-{n:03d}"
                                                      for n in range(1, len(fixture_facts()) + 1)]
    for record in records:
        quote = str(evidence.value(rdflib.URIRef(record + "-quote"), oa.exact))
        start = int(evidence.value(rdflib.URIRef(record + "-span-1"), oa.start))
        end = int(evidence.value(rdflib.URIRef(record + "-span-1"), oa.end))
        assert quote in text.text[start:end]
        assert len(quote.split()) <= 12


def test_the_third_document_passes_every_check(curated: Curated) -> None:
    result = curated.run("check", "--sources", str(curated.sources), "--format", "json")
    report = json.loads(result.output)
    failed = {c["check"]: c["findings"][:3] for c in report["checks"] if c["status"] == "fail"}
    assert result.exit_code == 0 and not failed, failed


def test_build_docs_stats_queries_and_pictures_show_it(curated: Curated, tmp_path: Path) -> None:
    number = curated.number
    built = curated.run("build", "--sources", str(curated.sources), "--out", str(tmp_path / "dist"))
    assert built.exit_code == 0, built.output
    assert "SESAME" in (tmp_path / "dist" / "graphs" / f"document-{number}.ttl").read_text(encoding="utf-8") \
        or "sesame" in (tmp_path / "dist" / "graphs" / f"document-{number}.ttl").read_text(encoding="utf-8")
    stats = json.loads(curated.run("stats", "--format", "json").output)
    row = next(d for d in stats["documents"] if d["document"].endswith(f"document-{number}"))
    assert row["facts"] == row["evidenced"] == len(fixture_facts())
    sources = curated.run("query", "source-documents", "--format", "tsv").output
    assert TITLE in sources
    timeline = curated.run("query", "timeline", "--format", "tsv").output
    assert any("SESAME" in line.split("\t") and "2017" in line.split("\t") for line in timeline.splitlines())
    site = tmp_path / "site"
    assert curated.run("docs", "--out", str(site)).exit_code == 0
    page = (site / "documents" / f"document-{number}.html").read_text(encoding="utf-8")
    assert TITLE in page and "Sanctions on Iran" in page
    picture = tmp_path / "timeline.svg"
    assert curated.run("plot", "timeline", "--out", str(picture)).exit_code == 0
    assert "SESAME" in picture.read_text(encoding="utf-8")
    network = tmp_path / "network.svg"
    assert curated.run("plot", "network", "--out", str(network)).exit_code == 0
    assert "Mistrust among the governments of" in network.read_text(encoding="utf-8")  # the new tension is drawn


# Each curation error: exit code 2, one message that says what to fix, and nothing written.

def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*.ttl"))}


def refused(curated: Curated, *args: str) -> str:
    before = snapshot(curated.root)
    result = curated.run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert snapshot(curated.root) == before
    return result.output


def add(curated: Curated, *args: str) -> str:
    return refused(curated, "curate", "add", curated.number, *args, "--sources", str(curated.sources))


def test_unknown_entity_gets_a_suggestion(curated: Curated) -> None:
    output = add(curated, "sdr:sesme", "locatedIn", "Jordan", "--quote", "is a research centre in Allan, Jordan")
    assert "unknown subject 'sdr:sesme'" in output and "did you mean sdr:sesame?" in output
    assert "sdkg curate entity" in output


def test_unknown_property_gets_a_suggestion(curated: Curated) -> None:
    output = add(curated, "sesame", "sdkg:locatedin", "Jordan", "--quote", "is a research centre in Allan, Jordan")
    assert "unknown property 'sdkg:locatedin'" in output and "did you mean sdkg:locatedIn?" in output


def test_property_outside_its_domain(curated: Curated) -> None:
    output = add(curated, "Jordan", "sponsoredBy", "UNESCO", "--quote", "UNESCO acted as the early sponsor of SESAME")
    assert "sdkg:sponsoredBy applies to a sdkg:Initiative, and sdr:jordan is a sdkg:State" in output


def test_object_outside_the_range(curated: Curated) -> None:
    output = add(curated, "sesame", "hasParticipant", "Middle East", "--quote", "Applications in the Middle East")
    assert "sdkg:hasParticipant points to a sdkg:Actor, and sdr:middle-east is a sdkg:Region" in output


def test_quote_not_in_the_text_shows_the_nearest_passage(curated: Curated) -> None:
    output = add(curated, "sesame", "locatedIn", "Middle East", "--quote", "Applications in the Middle-East region")
    assert "quote not in the text of document-" in output
    assert re.search(r"nearest passage \(\d+% alike, offsets \d+-\d+\): '[^']*Applications in the Middle East", output)


def test_locate_gives_offsets_or_the_nearest_passages(curated: Curated) -> None:
    where = ("--sources", str(curated.sources))
    found = curated.run("curate", "locate", curated.number, "UNESCO acted as the early sponsor", *where)
    assert found.exit_code == 0
    text = read_source(FIXTURE / "sesame.txt").text
    start = text.index("UNESCO acted")
    assert f"quote {start}-{start + len('UNESCO acted as the early sponsor')}" in found.output
    near = curated.run("curate", "locate", curated.number, "UNESCO was the early sponsor", *where)
    assert near.exit_code == 1 and "nearest passages" in near.output and "UNESCO acted" in near.output


def test_quote_too_long_or_ambiguous(curated: Curated) -> None:
    long = "The project grew out of talks among physicists in the 1990s, and UNESCO acted"
    assert "the quote has 14 words; keep at most 12" in add(curated, "sesame", "sponsoredBy", "Jordan", "--quote", long)
    output = add(curated, "sesame", "locatedIn", "Middle East", "--quote", "SESAME")
    assert "stands" in output and "times" in output and "names one place" in output


def test_fact_already_there_and_implied_without_comment(curated: Curated) -> None:
    output = add(curated, "sesame", "locatedIn", "Jordan", "--quote", "is a research centre in Allan, Jordan")
    assert f"already in document-{curated.number}" in output
    output = add(curated, "sesame", "locatedIn", "Middle East", "--quote", "Applications in the Middle East",
                 "--implied")
    assert "an implied fact needs --comment" in output


def test_registry_statements_are_refused_as_facts(curated: Curated) -> None:
    output = add(curated, "sesame", "skos:altLabel", "Sesame", "--quote", "SESAME, short for")
    assert "belongs in the registry" in output


def test_a_batch_with_errors_writes_nothing_and_names_each_row(curated: Curated, tmp_path: Path) -> None:
    batch = tmp_path / "facts.tsv"
    batch.write_text("subject\tpredicate\tobject\tquote\n"
                     "sesame\tlocatedIn\tMiddle East\tApplications in the Middle East\n"
                     "sesame\tlocatedIn\tAtlantis\tApplications in the Middle East\n", encoding="utf-8")
    output = add(curated, "--batch", str(batch))
    assert "1 fact(s) refused, nothing written" in output or f"{batch}:3: unknown object 'Atlantis'" in output
    assert f"{batch}:3:" in output and f"{batch}:2:" not in output


def test_label_that_duplicates_an_alternative_label(curated: Curated) -> None:
    import rdflib

    registry = rdflib.Graph()
    for path in (curated.root / "data" / "entities").glob("*.ttl"):
        registry.parse(path)
    owner, alt = sorted(registry.subject_objects(rdflib.SKOS.altLabel))[0]
    output = refused(curated, "curate", "entity", "new-duplicate", "Goal", str(alt), "--definition",
                     "A thing that another entity already names.", "--file", "sesame")
    short = "sdr:" + str(owner).rsplit("/", 1)[1]
    assert f"the preferred label {str(alt)!r} is already the alternative label" in output and short in output
    assert f"reuse {short}" in output


def test_entity_class_typo_and_taken_slug(curated: Curated) -> None:
    output = refused(curated, "curate", "entity", "iter-organisation", "IntergovernmentalOrganization", "ITER Org",
                     "--definition", "An organisation that runs a fusion experiment.", "--file", "sesame")
    assert "did you mean sdkg:IntergovernmentalOrganisation?" in output
    output = refused(curated, "curate", "entity", "sesame", "Goal", "Another SESAME", "--definition",
                     "A goal that reuses a slug by mistake.", "--file", "sesame")
    assert "sdr:sesame is taken" in output


def test_evidence_number_from_another_document(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    evidence = copy / "data" / "evidence" / f"document-{curated.number}.ttl"
    last = f"ev-{curated.number}-{len(fixture_facts()):03d}"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace(last, "ev-000-999"), encoding="utf-8")
    result = sdkg("check", "--root", str(copy), "--only", "quality", "--format", "json")
    checks = {c["check"]: c for c in json.loads(result.output)["checks"]}
    findings = checks["quality:evidence-number"]["findings"]
    assert [f["node"] for f in findings] == ["sdr:ev-000-999"]
    assert findings[0]["file"] == f"data/evidence/document-{curated.number}.ttl"


# Findings that point at the fix: the file and line of the statement at fault, a near name, one root cause.

def broken_copy(curated: Curated, target: Path, path: str, old: str | None, new: str) -> Path:
    copy = target / "tree"
    shutil.copytree(curated.root, copy)
    file = copy / path.format(n=curated.number)
    text = file.read_text(encoding="utf-8")
    assert old is None or old in text
    file.write_text(text + new if old is None else text.replace(old, new, 1), encoding="utf-8")
    return copy


def quality(root: Path, *extra: str) -> dict:
    result = sdkg("check", "--root", str(root), "--only", "quality", *extra, "--format", "json")
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def findings(report: dict, check: str) -> list[dict]:
    return next(c for c in report["checks"] if c["check"] == check)["findings"]


def line_of(root: Path, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_fact_without_evidence_points_at_its_line_in_the_document(curated: Curated, tmp_path: Path) -> None:
    path = f"data/documents/document-{curated.number}.ttl"
    root = broken_copy(curated, tmp_path, path, None, "\nsdr:sesame sdkg:addresses sdr:climate-change .\n")
    [finding] = findings(quality(root), "quality:missing-evidence")
    assert (finding["file"], finding["line"]) == (path, line_of(root, path, "sdr:climate-change"))
    assert "sdkg curate add" in finding["hint"]


def test_entity_typo_gets_a_suggestion_and_one_cause(curated: Curated, tmp_path: Path) -> None:
    path = f"data/documents/document-{curated.number}.ttl"
    root = broken_copy(curated, tmp_path, path, "sdr:jordan", "sdr:jordn")
    report = quality(root)
    [undefined] = findings(report, "quality:undefined-entity")
    assert undefined["hint"].startswith("did you mean sdr:jordan?")
    assert (undefined["file"], undefined["line"]) == (path, line_of(root, path, "sdr:jordn"))
    [missing] = findings(report, "quality:missing-evidence")
    assert "describes the same fact with another object (sdr:jordan)" in missing["hint"]
    [orphan] = findings(report, "quality:orphan-evidence")
    assert "the object differs" in orphan["hint"]
    [cause] = [c for c in report["causes"] if "sdr:jordn" in c["message"]]
    assert cause["count"] >= 2 and cause["file"] == path


def test_property_typo_gets_a_suggestion(curated: Curated, tmp_path: Path) -> None:
    path = f"data/documents/document-{curated.number}.ttl"
    root = broken_copy(curated, tmp_path, path, "sdkg:sponsoredBy", "sdkg:sponsoredby")
    [undeclared] = findings(quality(root), "quality:undeclared-term")
    assert undeclared["hint"] == "did you mean sdkg:sponsoredBy?"
    assert (undeclared["file"], undeclared["line"]) == (path, line_of(root, path, "sdkg:sponsoredby"))


def test_a_missing_bibliographic_record_is_one_cause_not_a_row_per_record(curated: Curated, tmp_path: Path) -> None:
    metadata = curated.root / "data" / "metadata.ttl"
    record = re.search(rf"\nsdr:document-{curated.number}\n.*?\n\.\n", metadata.read_text(encoding="utf-8"), re.S)
    assert record is not None
    root = broken_copy(curated, tmp_path, "data/metadata.ttl", record.group(), "\n")
    report = quality(root, "--only", "shacl")
    facts = len(fixture_facts())
    [quoted] = [c for c in report["causes"] if f"quote sdr:document-{curated.number}" in c["message"]]
    assert quoted["message"].startswith(f"{facts} evidence record(s)") and quoted["count"] >= facts
    assert "sdkg curate new-document" in quoted["hint"]
    assert any(f"sdg:document-{curated.number}" in c["message"] and "no bibliographic record" in c["message"]
               for c in report["causes"])
    table = sdkg("check", "--root", str(root), "--only", "quality", "--only", "shacl").output
    assert "root causes" in table
    assert table.count(f"sdr:ev-{curated.number}-") < facts  # the records are counted, not listed


def test_expected_answers_show_the_diff_and_take_the_reviewed_rows(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    shutil.copytree(REPO / "tests" / "expected", copy / "tests" / "expected")
    diff = sdkg("curate", "expected", "timeline", "--root", str(copy))
    assert diff.exit_code == 1 and "extra       SESAME | 2017" in diff.output
    assert "sdkg curate expected --accept" in diff.output
    before = (copy / "tests" / "expected" / "timeline.tsv").read_text(encoding="utf-8")
    blind = sdkg("curate", "expected", "timeline", "--accept", "--root", str(copy))  # no texts: no line, no passage
    assert blind.exit_code == 1 and "not written (no evidence quote behind it): SESAME | 2017" in blind.output
    assert "SESAME\t" not in (copy / "tests" / "expected" / "timeline.tsv").read_text(encoding="utf-8")
    accepted = sdkg("curate", "expected", "timeline", "--accept", "--root", str(copy), "--sources", str(curated.sources))
    assert accepted.exit_code in (0, 1), accepted.output  # 1: rows with no evidence quote (curated ones) listed
    assert "behind it): SESAME | 2017" not in accepted.output
    after = (copy / "tests" / "expected" / "timeline.tsv").read_text(encoding="utf-8")
    lines = (FIXTURE / "sesame.txt").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "SESAME opened in 2017" in text)
    assert f'SESAME\t2017\t{curated.number}:{line} "SESAME opened in 2017"' in after.splitlines()
    from sdkg.queries.expected import check_passage

    assert check_passage(f'{curated.number}:{line} "SESAME opened in 2017"') is None  # the tests' own form
    assert set(before.splitlines()) <= set(after.splitlines())  # nothing dropped without --drop-missing
    again = sdkg("curate", "expected", "timeline", "--root", str(copy))
    assert "extra       SESAME" not in again.output


def test_curated_statement_goes_to_the_curation_graph_with_its_source(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    where = ("--root", str(copy))
    stated = sdkg("curate", "add", "curation", "sesame", "startYear", "2017", "--comment", "Known.", *where)
    assert stated.exit_code == 2 and f"document-{curated.number} states it" in stated.output
    bare = sdkg("curate", "add", "curation", "unesco", "basedIn", "sdr:paris", *where)
    assert bare.exit_code == 2 and "needs its source" in bare.output
    page = "https://example.org/a-page-the-curator-read"  # a test tree: no real page is claimed
    added = sdkg("curate", "add", "curation", "unesco", "basedIn", "sdr:paris", "--checked-against", page,
                 "--note", "The page read names Paris as the seat of the headquarters.", *where)
    assert added.exit_code == 0, added.output
    record = re.search(r"(sdr:ev-cur-\d{3})", added.output)
    assert record is not None
    evidence = (copy / "data" / "evidence" / "curation.ttl").read_text(encoding="utf-8")
    block = evidence.split(f"\n{record[1]}\n")[1].split("\n.\n")[0]
    assert f"sdkg:checkedAgainst <{page}>" in block and "sdv:curated" in block and "wasQuotedFrom" not in block
    assert "sdr:unesco\n    sdkg:basedIn sdr:paris" in (copy / "data" / "curation.ttl").read_text(encoding="utf-8")
    checked = sdkg("check", "--root", str(copy), "--only", "shacl", "--only", "quality", "--format", "json")
    assert not [f for c in json.loads(checked.output)["checks"] for f in c["findings"] if record[1] in f["node"]]


def test_dry_run_checks_without_writing(curated: Curated) -> None:
    before = snapshot(curated.root)
    result = curated.run("curate", "add", curated.number, "sesame", "locatedIn", "Middle East", "--quote",
                         "Applications in the Middle East", "--dry-run", "--sources", str(curated.sources))
    assert result.exit_code == 0, result.output
    assert "nothing written (dry run)" in result.output and "sdkg:locatedIn sdr:middle-east" in result.output
    assert snapshot(curated.root) == before


def test_alternative_label_added_where_the_entity_is_defined(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    added = sdkg("curate", "alt-label", "sesame", "SESAME light source", "--root", str(copy))
    assert added.exit_code == 0, added.output
    assert '"SESAME light source"@en' in (copy / "data" / "entities" / "sesame.ttl").read_text(encoding="utf-8")
    taken = sdkg("curate", "alt-label", "sesame", "Iran", "--root", str(copy))
    assert taken.exit_code == 2 and "already a label of sdr:iran" in taken.output


def test_an_evidence_iri_given_twice_is_one_cause_with_both_lines(curated: Curated, tmp_path: Path) -> None:
    path = f"data/evidence/document-{curated.number}.ttl"
    last, before = (f"sdr:ev-{curated.number}-{n:03d}" for n in (len(fixture_facts()), len(fixture_facts()) - 1))
    root = broken_copy(curated, tmp_path, path, f"\n{last}\n", f"\n{before}\n")
    report = quality(root, "--only", "shacl")
    [cause] = [c for c in report["causes"] if c["message"].startswith(f"{before} is defined 2 times")]
    lines = [i for i, text in enumerate((root / path).read_text(encoding="utf-8").splitlines(), 1) if text == before]
    assert cause["message"].endswith(f"at lines {lines[0]}, {lines[1]}") and cause["count"] >= 2


def test_a_source_file_name_typo_gets_the_near_name(curated: Curated, tmp_path: Path) -> None:
    root = broken_copy(curated, tmp_path, "data/metadata.ttl", f'"{curated.number}_', f'"{curated.number}-')
    result = sdkg("check", "--root", str(root), "--only", "quotes", "--sources", str(curated.sources),
                  "--format", "json")
    hints = [f["hint"] for c in json.loads(result.output)["checks"] for f in c["findings"]]
    assert any(h.startswith(f"did you mean {curated.number}_") for h in hints), hints


def test_support_of_a_written_record_changes_in_place(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    record = f"ev-{curated.number}-001"
    refused = sdkg("curate", "support", record, "implied", "--root", str(copy))
    assert refused.exit_code == 2 and "needs --comment" in refused.output
    done = sdkg("curate", "support", record, "implied", "--comment", "Read with the sentence before.",
                "--root", str(copy))
    assert done.exit_code == 0, done.output
    path = copy / "data" / "evidence" / f"document-{curated.number}.ttl"
    block = path.read_text(encoding="utf-8").split(f"\nsdr:{record}\n")[1].split("\n.\n")[0]
    assert "sdkg:support sdv:implied" in block and '"Read with the sentence before."@en' in block
    assert f"sdr:{record}-span-1" in block
    back = sdkg("curate", "support", record, "stated", "--root", str(copy))
    assert back.exit_code == 0
    block = path.read_text(encoding="utf-8").split(f"\nsdr:{record}\n")[1].split("\n.\n")[0]
    assert "sdv:stated" in block and "rdfs:comment" not in block


def test_a_shape_finding_without_path_points_at_the_statement_that_targets_it(curated: Curated,
                                                                               tmp_path: Path) -> None:
    path = f"data/documents/document-{curated.number}.ttl"
    root = broken_copy(curated, tmp_path, path, None, "\nsdr:middle-east sdkg:promotes sdr:sesame .\n")
    report = quality(root, "--only", "shacl")
    [finding] = [f for f in findings(report, "shacl") if f["node"] == "sdr:middle-east"]
    assert (finding["file"], finding["line"]) == (path, line_of(root, path, "sdr:middle-east sdkg:promotes"))


def test_entities_several_documents_name_move_to_shared(curated: Curated, tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(curated.root, copy)
    report = sdkg("curate", "shared", "--root", str(copy))
    assert report.exit_code == 0
    listed = re.findall(r"(sdr:[a-z0-9-]+) +│ (data/entities/[a-z0-9-]+\.ttl)", report.output)
    assert ("sdr:iran" in dict(listed)) == ("sdr:iran\n" not in (copy / "data/entities/shared.ttl").read_text())
    moved = sdkg("curate", "shared", "--move", "--root", str(copy))
    assert moved.exit_code == 0, moved.output
    shared = (copy / "data" / "entities" / "shared.ttl").read_text(encoding="utf-8")
    for entity, file in listed:
        assert f"\n{entity}\n" in shared and f"\n{entity}\n" not in (copy / file).read_text(encoding="utf-8")
    assert "every entity that several documents name" in sdkg("curate", "shared", "--root", str(copy)).output
