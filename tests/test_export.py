"""`sdkg export`: every serialisation parses back into the source dataset, the same sources give the same
bytes, and the VoID, DCAT and checksum files describe exactly the files written."""

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import DCTERMS, OWL, RDF, VOID

from sdkg import __version__
from sdkg.cli import main
from sdkg.publish.describe import SD, SPDX
from sdkg.publish.export import DATASET_FORMATS, GRAPH_FORMATS, ExportedFile, export, export_rdf
from sdkg.dataset.loader import Dataset
from tools import require_program

REPO = Path(__file__).resolve().parent.parent
DATASET = rdflib.URIRef("https://w3id.org/sdkg/resource/dataset")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


@pytest.fixture(scope="module")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ExportedFile]]:
    out = tmp_path_factory.mktemp("dist")
    return out, export(dataset, out)


@pytest.fixture(scope="module")
def void(exported: tuple[Path, list[ExportedFile]]) -> rdflib.Graph:
    return rdflib.Graph().parse(exported[0] / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def dcat(exported: tuple[Path, list[ExportedFile]]) -> rdflib.Graph:
    return rdflib.Graph().parse(exported[0] / "dcat.ttl", format="turtle")


def canonical(quads) -> ox.Dataset:  # type: ignore[no-untyped-def]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def test_every_format_is_written(exported, dataset: Dataset) -> None:
    out, files = exported
    names = {f.name for f in files}
    assert {"sdkg.trig", "sdkg.nq", "sdkg.jsonld", "context.jsonld", "void.ttl", "dcat.ttl", "SHA256SUMS"} <= names
    documents = [g.rsplit("/", 1)[1] for g in dataset.document_graphs]
    assert len(documents) >= 2
    for stem in ("ontology", "entities", "evidence", "metadata", *documents):
        assert {f"graphs/{stem}.ttl", f"graphs/{stem}.nt", f"graphs/{stem}.rdf"} <= names


@pytest.mark.parametrize("rdf_format", DATASET_FORMATS, ids=[f.name for f in DATASET_FORMATS])
def test_dataset_file_parses_back_into_the_same_dataset(rdf_format, exported, dataset: Dataset) -> None:
    out, _ = exported
    path = out / f"sdkg{rdf_format.suffix}"
    parsed = ox.parse(path=path, format=ox.RdfFormat.from_extension(rdf_format.suffix.lstrip(".")))
    assert canonical(parsed) == canonical(dataset.quads())


@pytest.mark.parametrize("rdf_format", GRAPH_FORMATS, ids=[f.name for f in GRAPH_FORMATS])
def test_per_graph_files_found_through_void_rebuild_the_dataset(rdf_format, exported, void, dataset) -> None:
    """The VoID subsets name each graph and its dumps: that is all a user needs to rebuild the dataset."""
    out, _ = exported
    quads = []
    subsets = list(void.objects(DATASET, VOID.subset))
    for subset in subsets:
        name = void.value(subset, SD.name)
        if name is None:
            continue  # a linkset
        dump = next(str(d) for d in void.objects(subset, VOID.dataDump) if str(d).endswith(rdf_format.suffix))
        local = out / dump.split("/release/", 1)[1].split("/", 1)[1]
        triples = ox.parse(path=local, format=rdf_format.rdf_format)
        quads += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name))) for t in triples]
    assert canonical(quads) == canonical(dataset.quads())


def test_jsonld_context_file_holds_our_prefixes(exported) -> None:
    out, _ = exported
    published = json.loads((out / "context.jsonld").read_text(encoding="utf-8"))
    assert published["@context"]["sdkg"] == "https://w3id.org/sdkg/ontology#"
    json.loads((out / "sdkg.jsonld").read_text(encoding="utf-8"))  # valid JSON


TRICKY_LITERALS = r"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/sdkg/graph/a> {
  ex:s ex:n 0 , 5 , -0 , "01"^^xsd:integer , "abc"^^xsd:integer , 1.50 , 1E3 , "NaN"^^xsd:double ,
      "INF"^^xsd:double , "-INF"^^xsd:float , "1.0"^^xsd:decimal .
  ex:s ex:b false , true , "0"^^xsd:boolean , "yes"^^xsd:boolean .
  ex:s ex:t "" , "x" , " " , "false" , "0" , "line\nbreak \"q\" \\ \u0001" , "é 漢字 😀"@fr , ""@en .
  ex:s ex:d "2024-02-30"^^xsd:date , "1957"^^xsd:gYear , "x"^^ex:custom .
  ex:s ex:l ( 0 false "" ) , () .
  ex:s ex:o [ ex:n 0 ] .
}
<https://w3id.org/sdkg/graph/b> { ex:s ex:n 0 . }
"""


def test_jsonld_keeps_every_literal_of_the_nquads(tmp_path: Path) -> None:
    """0, false, "", NaN, non-canonical and ill-typed literals: the JSON-LD file parses back, with pyoxigraph
    and with rdflib, into exactly the quads of the N-Quads file."""
    from sdkg.dataset.tree import SourceTree

    store = ox.Store()
    store.load(input=TRICKY_LITERALS, format=ox.RdfFormat.TRIG)
    export_rdf(Dataset(SourceTree(REPO), store, []), tmp_path)
    nquads = canonical(ox.parse(path=tmp_path / "sdkg.nq", format=ox.RdfFormat.N_QUADS))
    assert canonical(ox.parse(path=tmp_path / "sdkg.jsonld", format=ox.RdfFormat.JSON_LD)) == nquads
    assert len(nquads) == len(store) > 30  # the store keeps numbers by value: -0 and 0 are one term there
    document = json.loads((tmp_path / "sdkg.jsonld").read_text(encoding="utf-8"))  # NaN is no bare JSON NaN
    assert "NaN" in json.dumps(document)
    by_rdflib = rdflib.Dataset().parse(tmp_path / "sdkg.jsonld", format="json-ld")
    reference = rdflib.Dataset().parse(tmp_path / "sdkg.nq", format="nquads")
    def count(ds: rdflib.Dataset) -> int:
        return sum(1 for _ in ds.quads((None, None, None, None)))
    assert count(by_rdflib) == count(reference)  # rdflib, which merges some literals itself, reads both alike
    lexical = {str(o) for _, _, o, _ in by_rdflib.quads() if isinstance(o, rdflib.Literal)}
    assert {"", "0", "false", "abc", "2024-02-30"} <= lexical


POISON = "\n".join(f"_:n{i} <http://example.org/p> _:n{j} ." for i in range(10) for j in range(10) if i != j)


def poisoned_tree(tmp_path: Path) -> Path:
    from minitree import make_tree

    return make_tree(tmp_path / "tree", {"data/entities/poison.ttl": POISON})


def test_a_blank_node_clique_is_refused_quickly(tmp_path: Path) -> None:
    """A 90-triple clique of look-alike blank nodes (RDFC-1.0 would need exponential work): export, build,
    load and serve, which all name blank nodes canonically, stop at once with one line."""
    import time

    from sdkg.dataset.loader import load_path
    from sdkg.errors import InputError
    from sdkg.publish.canonical import canonical_quads

    root = poisoned_tree(tmp_path)
    started = time.monotonic()
    with pytest.raises(InputError, match="look alike"):
        canonical_quads(load_path(root))  # what load and serve call
    for command in (["export"], ["build", "--no-reasoner"]):
        result = CliRunner().invoke(main, [*command, "--root", str(root), "--out", str(tmp_path / "dist")])
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1 and "give these nodes IRIs" in result.output
    assert time.monotonic() - started < 20
    assert not (tmp_path / "dist").exists()


def test_export_replaces_the_release_folder_whole(tmp_path: Path, dataset: Dataset,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder holds exactly the release (a stale file goes; `sdkg docs`' site stays); a run that stops half
    way leaves the previous release as it was."""
    import sdkg.publish.describe as describe

    out = tmp_path / "dist"
    (out / "graphs").mkdir(parents=True)
    (out / "graphs" / "gone.ttl").write_text("stale")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("<p>site</p>")
    files = export(dataset, out)
    assert not (out / "graphs" / "gone.ttl").exists() and (out / "site" / "index.html").exists()
    written = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and "site" not in p.parts}
    assert written == {f.name for f in files}
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # as Ctrl-C half way: the data files are written, the descriptions are not
    monkeypatch.setattr(describe, "dcat_record", broken)
    with pytest.raises(KeyboardInterrupt):
        export(dataset, out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["dist"], "no temporary folder is left"


def test_build_with_a_failing_check_keeps_the_previous_release(tmp_path: Path) -> None:
    from minitree import make_tree

    root = make_tree(tmp_path / "tree")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "sdkg.trig").write_text("previous release")
    bad = make_tree(tmp_path / "bad", {"data/entities/extra.ttl": 'sdr:x a sdkg:Event ; sdkg:year "1990" .'})
    result = CliRunner().invoke(main, ["build", "--no-reasoner", "--root", str(bad), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert [p.name for p in out.iterdir()] == ["sdkg.trig"] and (out / "sdkg.trig").read_text() == "previous release"
    assert root.exists()


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    """Two runs in separate processes with different hash seeds write the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "sdkg", "export", "--root", str(REPO), "--out", str(out)],
                              env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    different = [str(name) for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert not different


def test_checksums_verify_with_sha256sum(exported) -> None:
    out, files = exported
    done = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=out, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = {line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text().splitlines()}
    assert listed == {f.name for f in files} - {"SHA256SUMS"}


def test_void_counts_match_the_dataset(void, dataset: Dataset) -> None:
    assert int(void.value(DATASET, VOID.triples)) == dataset.triple_count()
    by_graph = {str(void.value(s, SD.name)): s for s in void.objects(DATASET, VOID.subset)
                if void.value(s, SD.name) is not None}
    assert set(by_graph) == set(dataset.graphs)
    for graph, subset in by_graph.items():
        assert int(void.value(subset, VOID.triples)) == dataset.triple_count(graph)
        for predicate in (VOID.entities, VOID.classes, VOID.properties, VOID.distinctSubjects):
            assert void.value(subset, predicate) is not None, (graph, predicate)
    entities = by_graph["https://w3id.org/sdkg/graph/entities"]
    typed = {q.subject for q in dataset.quads(["https://w3id.org/sdkg/graph/entities"])}
    assert int(void.value(entities, VOID.entities)) == len(typed)


def test_void_class_partitions_count_typed_things(void, dataset: Dataset) -> None:
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
                  for p in void.objects(DATASET, VOID.classPartition)}
    records = {q.subject for q in dataset.quads(["https://w3id.org/sdkg/graph/metadata"])
               if q.object.value == "https://w3id.org/sdkg/ontology#SourceDocument"}
    assert partitions[rdflib.URIRef("https://w3id.org/sdkg/ontology#SourceDocument")] == len(records) >= 2
    assert partitions[rdflib.URIRef("https://w3id.org/sdkg/ontology#Evidence")] >= 500


def test_void_linksets_count_the_links(void, dataset: Dataset) -> None:
    links = [q for q in dataset.quads(["https://w3id.org/sdkg/graph/links"])
             if q.object.value.startswith("http://www.wikidata.org/entity/")] \
        if "https://w3id.org/sdkg/graph/links" in dataset.graphs else []
    linksets = [s for s in void.subjects(RDF.type, VOID.Linkset)]
    wikidata = [s for s in linksets if str(void.value(s, VOID.objectsTarget)) == "https://www.wikidata.org/"]
    assert sum(int(void.value(s, VOID.triples)) for s in wikidata) == len(links)
    for linkset in linksets:
        assert void.value(linkset, VOID.linkPredicate) is not None
        assert void.value(linkset, VOID.subjectsTarget) == DATASET


def test_dcat_describes_every_file_with_size_type_and_checksum(exported, dcat) -> None:
    out, files = exported
    distributions = {str(d).split("/release/", 1)[1].split("/", 1)[1]: d
                     for d in dcat.objects(DATASET, DCAT.distribution)}
    assert set(distributions) == {f.name for f in files} - {"dcat.ttl", "SHA256SUMS"}
    for name, distribution in distributions.items():
        content = (out / name).read_bytes()
        assert int(dcat.value(distribution, DCAT.byteSize)) == len(content)
        checksum = dcat.value(distribution, SPDX.checksum)
        assert str(dcat.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
        assert str(dcat.value(distribution, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
        assert dcat.value(distribution, DCTERMS.license) is not None


def test_dcat_dataset_record(dcat) -> None:
    assert str(dcat.value(DATASET, OWL.versionInfo)) == __version__
    assert str(dcat.value(DATASET, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert dcat.value(DATASET, DCTERMS.issued) is not None
    assert dcat.value(DATASET, DCTERMS.modified) is not None


RAPPER_SYNTAX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples", ".rdf": "rdfxml"}
SERDI_SYNTAX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "ntriples"}


def parse_each_with(command: Callable[[str, Path], list[str]], syntaxes: dict[str, str], exported) -> int:
    """Run an independent parser on every exported file it reads; each must exit 0. Returns how many."""
    out, files = exported
    checked = 0
    for f in files:
        syntax = syntaxes.get(Path(f.name).suffix)
        if syntax:
            done = subprocess.run(command(syntax, out / f.name), capture_output=True, text=True, check=False)
            assert done.returncode == 0, f"{f.name}: {done.stderr[:300]}"
            checked += 1
    return checked


def test_rapper_accepts_every_file_it_reads(exported) -> None:
    rapper = require_program("rapper", "raptor2-utils")
    assert parse_each_with(lambda syntax, path: [rapper, "-q", "-i", syntax, "-c", str(path)],
                           RAPPER_SYNTAX, exported) >= 20


def test_serdi_accepts_every_file_it_reads(exported) -> None:
    serdi = require_program("serdi", "serdi")

    def command(syntax: str, path: Path) -> list[str]:
        output = "ntriples" if syntax in ("turtle", "ntriples") else "nquads"
        return [serdi, "-i", syntax, "-o", output, str(path)]
    assert parse_each_with(command, SERDI_SYNTAX, exported) >= 14


def test_export_command_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--root", str(REPO), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    assert "TriG" in result.output and "RDF/XML" in result.output
    assert (tmp_path / "dist" / "sdkg.trig").stat().st_size > 100_000


def test_export_into_a_file_is_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    result = CliRunner().invoke(main, ["export", "--root", str(REPO), "--out", str(target)])
    assert result.exit_code == 2
    assert "taken" in result.output and "folder" in result.output
