"""Every SHACL shape is shown able to fail, by the engine sdkg uses, and pyshacl agrees.

Each fixture in tests/shapes/ holds data and the exact set of (focus node, path, source shape) that validation
must report, as `# expect:` lines (a fixture with none shows conforming data). A new fixture file is picked up
as it is. The data graph is the ontology plus the fixture, as the engine reads source files: literals as
written. pyshacl, the reference implementation, is the oracle: it must report the same set, except where it
departs from the specification (PYSHACL_DEPARTS, each with its reason).
"""

import json
from pathlib import Path

import pytest
import rdflib
import shacl
from click.testing import CliRunner
from rdflib.namespace import SH

from minitree import make_tree
from sdkg.checks.shacl import findings_of, load_shapes, validate_sources
from sdkg.cli import main
from sdkg.dataset.layout import ontology_files
from sdkg.dataset.tree import SourceTree
from sdkg.namespaces import PREFIXES, SHAPES, shorten

REPO = Path(__file__).resolve().parent.parent
FIXTURES = sorted((Path(__file__).parent / "shapes").glob("*.ttl"))
PREFIX_LINES = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items())
Result = tuple[str, str, str]

# Fixtures where pyshacl's report is not the specification's, and why. rdflib, under pyshacl, replaces a
# literal by its canonical form when it reads it: "01990"^^xsd:integer becomes "1990", so sh:pattern, which the
# specification applies to the lexical form as written, passes. Each entry: the results pyshacl misses.
PYSHACL_DEPARTS: dict[str, set[Result]] = {
    "year-leading-zero": {("sdr:some-event", "sdkg:startYear", "sdsh:StartYearValueShape")},
}


@pytest.fixture(scope="module")
def engine_shapes(tree: SourceTree) -> shacl.Shapes:
    return load_shapes(tree.shapes, "shapes.ttl")


def expected_results(fixture: Path) -> set[Result]:
    """The `# expect: FOCUS PATH SHAPE` lines of a fixture (PATH is `-` for a node-level result)."""
    expected = set()
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            focus, path, shape = line.removeprefix("# expect:").split()
            expected.add((focus, "" if path == "-" else path, shape))
    return expected


def fixture_text(fixture: Path) -> bytes:
    return (PREFIX_LINES + fixture.read_text(encoding="utf-8")).encode("utf-8")


def engine_results(fixture: Path, shapes: shacl.Shapes) -> set[Result]:
    """What sdkg's engine reports on the ontology plus the fixture."""
    report = validate_sources(shapes, [*ontology_files(SourceTree(REPO)), fixture_text(fixture)])
    return {(shorten(f.node), shorten(f.path), shorten(f.shape)) for f in findings_of(report)}


def pyshacl_results(fixture: Path, ontology_graph: rdflib.Graph, shapes_graph: rdflib.Graph) -> set[Result]:
    """What pyshacl reports on the same data (as sdkg called it before: no inference, SHACL-AF on)."""
    from pyshacl import validate

    data = rdflib.Graph()
    data += ontology_graph
    data.parse(data=fixture_text(fixture), format="turtle")
    _, results, _ = validate(data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True)
    found = set()
    for report in results.subjects(rdflib.RDF.type, SH.ValidationReport):
        for result in results.objects(report, SH.result):
            path, shape = results.value(result, SH.resultPath), results.value(result, SH.sourceShape)
            found.add((shorten(str(results.value(result, SH.focusNode))),
                       shorten(str(path)) if isinstance(path, rdflib.URIRef) else "",
                       shorten(str(shape)) if isinstance(shape, rdflib.URIRef) else ""))
    return found


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_gives_exactly_the_expected_report(fixture: Path, engine_shapes: shacl.Shapes) -> None:
    assert engine_results(fixture, engine_shapes) == expected_results(fixture)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_report_equals_pyshacls(fixture: Path, engine_shapes: shacl.Shapes, ontology_graph: rdflib.Graph,
                                        shapes_graph: rdflib.Graph) -> None:
    ours, reference = engine_results(fixture, engine_shapes), pyshacl_results(fixture, ontology_graph, shapes_graph)
    assert reference == ours - PYSHACL_DEPARTS.get(fixture.stem, set())


def test_every_departure_from_pyshacl_has_its_fixture() -> None:
    stems = {f.stem for f in FIXTURES}
    for stem, missed in PYSHACL_DEPARTS.items():
        assert stem in stems and missed <= expected_results(Path(__file__).parent / "shapes" / f"{stem}.ttl")


def reportable_shapes(shapes: rdflib.Graph) -> set[str]:
    """Named shapes that can be the source shape of a result: every property shape, and every
    node shape with a node-level constraint (here, sh:or) of its own."""
    names = set(shapes.subjects(rdflib.RDF.type, SH.PropertyShape))
    names |= {s for s in shapes.subjects(rdflib.RDF.type, SH.NodeShape) if shapes.value(s, SH["or"]) is not None}
    return {shorten(str(s)) for s in names if isinstance(s, rdflib.URIRef) and str(s).startswith(SHAPES)}


def test_every_shape_has_a_fixture_that_violates_it(shapes_graph: rdflib.Graph) -> None:
    covered = {shape for fixture in FIXTURES for (_, _, shape) in expected_results(fixture)}
    assert reportable_shapes(shapes_graph) - covered == set()


def test_a_valid_fixture_exists_and_passes() -> None:
    valid = [f for f in FIXTURES if not expected_results(f)]
    assert valid, "at least one fixture shows conforming data"


def test_shapes_graph_conforms_to_shacl_for_shacl(shapes_graph: rdflib.Graph) -> None:
    from pyshacl import validate as pyshacl_validate

    conforms, _, text = pyshacl_validate(rdflib.Graph(), shacl_graph=shapes_graph, meta_shacl=True)
    assert conforms, text


def test_every_constraint_shape_has_an_english_message(shapes_graph: rdflib.Graph) -> None:
    for shape in reportable_shapes_iris(shapes_graph):
        messages = list(shapes_graph.objects(shape, SH.message))
        assert [m.language for m in messages] == ["en"], shape


def reportable_shapes_iris(shapes: rdflib.Graph) -> list[rdflib.URIRef]:
    return [rdflib.URIRef(SHAPES + name.removeprefix("sdsh:")) for name in reportable_shapes(shapes)]


# -- literals as the files write them ----------------------------------------------------------------------------

@pytest.mark.parametrize("year", ['"1947"^^xsd:int', '"01990"^^xsd:integer'])
def test_a_year_as_written_in_a_source_file_is_reported(year: str, tmp_path: Path) -> None:
    """The store keeps numbers by value (both years come back as canonical xsd:integer values); the check
    reads the file, so it sees the type and the leading zero the file wrote."""
    root = make_tree(tmp_path / "tree", {"data/entities/event.ttl": f"""
sdr:freedonian-congress a sdkg:Event ;
    skos:prefLabel "Freedonian Congress"@en ;
    skos:definition "A congress used in tests."@en ;
    sdkg:year {year} ."""})
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--only", "shacl", "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["checks"][0]["findings"]
    year_findings = [f for f in findings if f["shape"] == "sdsh:YearValueShape"]
    assert [(f["node"], f["path"], f["value"], f["file"]) for f in year_findings] == [
        ("sdr:freedonian-congress", "sdkg:year", year.split('"')[1], "data/entities/event.ttl")]


def test_blank_node_labels_stay_apart_across_files(tmp_path: Path) -> None:
    """`_:x` in two files is two nodes (as the loader reads them): two years on two nodes are no violation."""
    root = make_tree(tmp_path / "tree", {
        "data/entities/one.ttl": '_:x a sdkg:Event ; sdkg:year 1990 .',
        "data/entities/two.ttl": '_:x a sdkg:Event ; sdkg:year 1991 .'})
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--only", "shacl", "--format", "json"])
    findings = json.loads(result.output)["checks"][0]["findings"]
    assert [f for f in findings if f["shape"] == "sdsh:YearValueShape"] == []
    assert any(f["path"] == "skos:prefLabel" for f in findings), "each blank node is validated (it has no label)"


def test_an_ill_formed_shapes_graph_is_bad_input(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    shapes = root / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\nsdsh:Broken a sh:PropertyShape ; sh:path sdkg:year ;"
                      " sh:minCount -1 .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--only", "shacl"])
    assert result.exit_code == 2
    assert "ontology/shapes.ttl" in result.output and "Traceback" not in result.output
