"""Every SHACL shape is shown able to fail: each fixture in tests/shapes/ holds data and the exact
set of (focus node, path, source shape) that validation must report, as `# expect:` lines."""

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from sdkg.checks.shacl import findings_of, validate
from sdkg.namespaces import PREFIXES, SHAPES, shorten

FIXTURES = sorted((Path(__file__).parent / "shapes").glob("*.ttl"))
PREFIX_LINES = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items())


def expected_results(fixture: Path) -> set[tuple[str, str, str]]:
    """The `# expect: FOCUS PATH SHAPE` lines of a fixture (PATH is `-` for a node-level result)."""
    expected = set()
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            focus, path, shape = line.removeprefix("# expect:").split()
            expected.add((focus, "" if path == "-" else path, shape))
    return expected


def reported_results(fixture: Path, ontology_graph: rdflib.Graph, shapes_graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    data = rdflib.Graph()
    data += ontology_graph
    data.parse(data=PREFIX_LINES + fixture.read_text(encoding="utf-8"), format="turtle")
    _, results = validate(data, shapes_graph)
    return {(shorten(f.node), shorten(f.path), shorten(f.shape)) for f in findings_of(results)}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_gives_exactly_the_expected_report(fixture: Path, ontology_graph: rdflib.Graph,
                                                    shapes_graph: rdflib.Graph) -> None:
    assert reported_results(fixture, ontology_graph, shapes_graph) == expected_results(fixture)


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
