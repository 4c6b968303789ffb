"""Curation tools end to end: a third document (tests/fixtures/third-document) registered, its mentions
listed, its entities and facts added from TSV files, then checked, built and published, on a copy of the tree.
Then each curation error, refused with what to fix and nothing written."""

import csv
import json
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
