"""The fast paths give exactly what the plain ones give: the SHACL engine and pyshacl on whole graphs, HermiT
on representatives and on every fact, the files the store writes and the canonical quads, the rewritten quality
queries and their first versions."""

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl.errors import ReportableRuntimeError

from minitree import make_tree
from sdkg.publish.canonical import canonicalise
from sdkg.checks import shacl
from sdkg.checks.abox import NotLocal, Schema
from sdkg.checks.reasoner import check_reasoner
from sdkg.publish.export import GRAPH_FORMATS, JSONLD, NQUADS, TRIG, export_rdf, graph_file_stem
from sdkg.dataset.loader import Dataset, load_path
from sdkg.namespaces import PREFIXES
from sdkg.dataset.tree import SourceTree

REPO = Path(__file__).resolve().parent.parent
PREFIX_LINES = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items())
XSD = "http://www.w3.org/2001/XMLSchema#"
JAVA = pytest.mark.skipif(not shutil.which("java"), reason="the reasoner needs Java")

TRICKY = r"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/sdkg/graph/a> {
  ex:s ex:p "a b c ." , "x _:y z" , "line\nbreak\t\"q\"" , "é ü 漢字 😀"@fr , "1957"^^xsd:integer ,
    "true"^^xsd:boolean , "1e3"^^xsd:double , "2020-01-01"^^xsd:date , " " , "abc"^^xsd:integer , "\u0001ctl" .
  ex:s ex:list ( ex:a ex:b [ ex:q "in list" ] ) , () .
  _:b1 ex:p _:b2 . _:b2 ex:p _:b1 .
  [] a ex:Thing ; ex:q [ ex:r "nested" ] .
  ex:s a ex:C , ex:D ; ex:v <https://w3id.org/sdkg/ontology#> , <https://sws.geonames.org/1/> .
  ex:o ex:p "zz"@en-GB , "zz"@EN .
}
<https://w3id.org/sdkg/graph/c> { ex:aaa ex:p ex:o . ex:zzz ex:p ex:o2 . }
<https://w3id.org/sdkg/graph/d> { ex:aaa ex:p ex:o . ex:zzz ex:p ex:o1 . }
<https://w3id.org/sdkg/graph/e> { ex:aaa ex:p ex:o . }
<https://w3id.org/sdkg/graph/b> { ex:s ex:p "a b c ." . _:b3 ex:p ex:s . ex:t ex:p 5 , 0 . }
"""


def store_dataset(store: ox.Store) -> Dataset:
    return Dataset(SourceTree(REPO), store, [])


def reference_quads(dataset: Dataset) -> list[ox.Quad]:
    """The canonical quads as the first version of the export made them."""
    copy = ox.Dataset(dataset.quads())
    copy.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(copy, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def tricky() -> Dataset:
    store = ox.Store()
    store.load(input=TRICKY, format=ox.RdfFormat.TRIG)
    return store_dataset(store)


# -- SHACL ----------------------------------------------------------------------------------------------------
# The engine against pyshacl on whole graphs: the real one and randomly damaged copies. (Fixtures: test_shapes.py.)

Raw = tuple[str, str, str, str, str]  # focus node, path, source shape, constraint component, value
# (a blank node as "_:": the two engines name them differently)


def engine_raw(text: bytes) -> set[Raw]:
    report = shacl.validate_sources(shacl.load_shapes(SourceTree(REPO).shapes, "shapes.ttl"), [text])
    return {("_:" if r.focus_node.startswith("_:") else r.focus_node.strip("<>"), (r.path or "").strip("<>"),
             (r.source_shape or "").strip("<>"), r.component.removesuffix("ConstraintComponent"),
             "_:" if (r.value or "").startswith("_:") else r.value_plain or "") for r in report.results}


def pyshacl_raw(text: bytes, shapes_graph) -> set[Raw]:  # type: ignore[no-untyped-def]
    from pyshacl import validate
    from rdflib.namespace import SH

    data = rdflib.Graph().parse(data=text, format="nt")
    _, results, _ = validate(data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True)
    found = set()
    for report in results.subjects(rdflib.RDF.type, SH.ValidationReport):
        for r in results.objects(report, SH.result):
            focus, path, shape = (results.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.sourceShape))
            component, value = results.value(r, SH.sourceConstraintComponent), results.value(r, SH.value)
            found.add((str(focus) if not isinstance(focus, rdflib.BNode) else "_:",
                       str(path) if isinstance(path, rdflib.URIRef) else "",
                       str(shape) if isinstance(shape, rdflib.URIRef) else "",
                       str(component).removeprefix(str(SH)).removesuffix("ConstraintComponent"),
                       "" if value is None else "_:" if isinstance(value, rdflib.BNode) else str(value)))
    return found


# Where the specification and pyshacl part, as seen on damaged graphs: SHACL compares values with SPARQL's
# operators, under which comparing an ill-formed date, a string or an xsd:gYear with a number is an error, hence
# a violation; pyshacl compares rdflib's Python values, and lets some such comparisons pass. These are the
# lexical forms of the damage below that are no number (the "1957" of the damage is a string or an xsd:gYear).
COMPARISONS = {"MinInclusive", "MaxInclusive", "MinExclusive", "MaxExclusive", "LessThan", "LessThanOrEquals"}
NOT_NUMBERS = {"2024-02-30", "1957", "abc", "", " lead", "x"}


def explained(extra: Raw) -> bool:
    return extra[3] in COMPARISONS and extra[4] in NOT_NUMBERS


def union_ntriples(store: ox.Store) -> bytes:
    return ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES) or b""


def test_the_real_graph_gives_pyshacls_report(tmp_path: Path, shapes_graph) -> None:  # type: ignore[no-untyped-def]
    for folder in ("ontology", "data"):  # a copy: the files and the store must hold the same data
        shutil.copytree(REPO / folder, tmp_path / folder)
    dataset = load_path(tmp_path)
    text = union_ntriples(dataset.store)
    assert engine_raw(text) == pyshacl_raw(text, shapes_graph)
    ours = shacl.check_shacl(dataset)  # from the source files, as `sdkg check` runs it
    assert {(f.node, f.path, f.shape) for f in ours.findings} == {r[:3] for r in engine_raw(text)}


def test_damaged_graphs_give_pyshacls_report(dataset: Dataset, shapes_graph) -> None:  # type: ignore[no-untyped-def]
    """Random damage to the real graph: removed statements, wrong values, extra values, odd literals."""
    quads = list(dataset.quads())
    nodes = sorted({q.object for q in quads if isinstance(q.object, ox.NamedNode)}, key=str)
    literals = [ox.Literal("abc", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("1957"),
                ox.Literal("x", language="en-gb"), ox.Literal("x", language="fr"), ox.Literal(""),
                ox.Literal(" lead"), ox.Literal("2024-02-30", datatype=ox.NamedNode(XSD + "date")),
                ox.Literal("99999", datatype=ox.NamedNode(XSD + "integer")), ox.BlankNode("zz"),
                ox.Literal("1957", datatype=ox.NamedNode(XSD + "gYear")),
                ox.Literal("one two three four five six seven eight nine ten eleven twelve thirteen")]
    rng = random.Random(11)
    compared, baseline = 0, engine_raw(union_ntriples(dataset.store))
    for _ in range(6):
        store = ox.Store()
        store.extend(quads)
        for _ in range(30):
            quad = rng.choice(quads)
            kind = rng.randrange(4)
            if kind < 3:
                store.remove(quad)
            if kind in (1, 2):
                store.add(ox.Quad(quad.subject, quad.predicate, rng.choice(literals if kind == 1 else nodes),
                                  quad.graph_name))
            if kind == 3:
                store.add(ox.Quad(quad.subject, quad.predicate, rng.choice(nodes + literals), quad.graph_name))
        text = union_ntriples(store)
        ours = engine_raw(text)
        try:
            reference = pyshacl_raw(text, shapes_graph)
        except ReportableRuntimeError:  # pyshacl gives up on some damage (sh:lessThan with a blank node)
            continue
        assert reference - ours == set(), "the engine misses what pyshacl reports"
        assert [extra for extra in ours - reference if not explained(extra)] == []
        assert len(ours - baseline) >= 5, "the damage is seen"
        compared += 1
    assert compared >= 3


# -- the reasoner -------------------------------------------------------------------------------------------------

@JAVA
@pytest.mark.parametrize("extra", [
    "",
    "sdr:sylvanian-union a sdkg:Person .",  # a second, disjoint class
    "sdr:freedonian-academy sdkg:hasParty sdr:sylvanian-union .",  # a domain that clashes
    "sdr:freedonian-academy sdkg:startYear 1990 , 1991 .",  # a functional property with two values
    'sdr:freedonian-academy sdkg:startYear "1990" .',  # outside the range
    "sdr:freedonian-academy sdkg:startYear 1990 , 01990 .",  # two ways to write one value: consistent
    "sdr:freedonian-academy sdkg:memberOf sdr:atlantis .",
], ids=["valid", "disjoint", "domain", "functional", "range", "same-value", "more"])
def test_representatives_give_the_verdict_on_every_fact(extra: str, tmp_path: Path) -> None:
    changes = {"data/documents/document-901.ttl": extra} if extra else {}
    root = make_tree(tmp_path / "tree", changes)
    if extra:  # a second document graph, listed in the metadata
        metadata = root / "data" / "metadata.ttl"
        metadata.write_text(metadata.read_text() + """
sdr:document-901 a sdkg:SourceDocument ; dcterms:title "Another"@en ; sdkg:sourceFile "901.txt" ;
    sdkg:factsGraph <https://w3id.org/sdkg/graph/document-901> .
""")
    dataset = load_path(root)
    fast, whole = check_reasoner(dataset), check_reasoner(dataset, whole=True)
    assert (fast.status, fast.findings) == (whole.status, whole.findings)
    assert "representative" in fast.summary or fast.status.value == "fail"


def test_an_ontology_beyond_the_fragment_is_not_reduced() -> None:
    quads = list(ox.parse(input=PREFIX_LINES + """
        sdkg:Treaty rdfs:subClassOf [ a owl:Restriction ; owl:onProperty sdkg:hasParty ; owl:minCardinality 2 ] .
        """, format=ox.RdfFormat.TURTLE))
    with pytest.raises(NotLocal):
        Schema.of(quads)


# -- export ----------------------------------------------------------------------------------------------------

def exported_files(dataset: Dataset, out: Path) -> dict[str, bytes]:
    canonicalise(dataset.store)
    export_rdf(dataset, out)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_loads_give_the_same_bytes(tmp_path: Path) -> None:
    """The store names blank nodes at random when it loads; after canonicalisation every file is the same."""
    first, second = exported_files(tricky(), tmp_path / "a"), exported_files(tricky(), tmp_path / "b")
    assert first.keys() == second.keys() and len(first) == 1 + 3 + 3 * 5
    assert [name for name in first if first[name] != second[name]] == []
    assert b"_:c14n0" in first["sdkg.nq"]


@pytest.mark.parametrize("which", ["real", "tricky"])
def test_every_file_holds_the_dataset(which: str, dataset: Dataset, tmp_path: Path) -> None:
    data = dataset if which == "real" else tricky()
    files = exported_files(data, tmp_path)
    expected = reference_quads(data)
    for f in (TRIG, NQUADS, JSONLD):
        parsed = ox.Dataset(ox.parse(input=files["sdkg" + f.suffix], format=f.rdf_format))
        parsed.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        assert sorted(parsed, key=str) == sorted(expected, key=str), f.name
    for f in GRAPH_FORMATS:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for graph in data.graphs
                 for t in ox.parse(input=files[f"graphs/{graph_file_stem(graph)}{f.suffix}"], format=f.rdf_format)]
        parsed = ox.Dataset(quads)
        parsed.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        assert sorted(parsed, key=str) == sorted(expected, key=str), f.name


# -- quality queries ------------------------------------------------------------------------------------------

FIRST_DUPLICATE_LABEL = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?value WHERE {
  GRAPH <https://w3id.org/sdkg/graph/entities> { ?node skos:prefLabel ?label . ?value skos:prefLabel ?other . }
  FILTER(?node != ?value && LCASE(STR(?label)) = LCASE(STR(?other)) && STR(?node) < STR(?value))
}"""
FIRST_MISSING_EVIDENCE = """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT ?node ?path ?value ?graph WHERE {
  GRAPH <https://w3id.org/sdkg/graph/metadata> { ?document sdkg:factsGraph ?graph }
  GRAPH ?graph { ?node ?path ?value }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/sdkg/graph/evidence> {
      ?evidence rdf:subject ?node ; rdf:predicate ?path ; rdf:object ?value ; prov:wasQuotedFrom ?document . } }
}"""
FIRST_UNMENTIONED_ENTITY = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT DISTINCT ?node WHERE {
  GRAPH <https://w3id.org/sdkg/graph/entities> { ?node rdf:type ?type }
  FILTER NOT EXISTS {
    GRAPH <https://w3id.org/sdkg/graph/metadata> { ?document sdkg:factsGraph ?facts }
    GRAPH ?facts { { ?node ?p ?o } UNION { ?s ?p ?node } }
  }
}"""
QUALITY_DATA = r"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdr: <https://w3id.org/sdkg/resource/> .
@prefix sdkg: <https://w3id.org/sdkg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/sdkg/graph/entities> {
  sdr:a skos:prefLabel "Alpha"@en . sdr:b skos:prefLabel "alpha"@en . sdr:c skos:prefLabel "ALPHA" .
  sdr:d skos:prefLabel "Beta"@en , "beta"@en . sdr:e skos:prefLabel _:x . sdr:f skos:prefLabel _:y .
  sdr:g skos:prefLabel <http://x/y> . sdr:h skos:prefLabel "http://x/y" . sdr:i skos:prefLabel 12 .
  sdr:j skos:prefLabel "12" .
}
<https://w3id.org/sdkg/graph/metadata> { sdr:doc1 sdkg:factsGraph <https://w3id.org/sdkg/graph/d1> .
  sdr:doc2 sdkg:factsGraph <https://w3id.org/sdkg/graph/d2> . sdr:doc3 sdkg:factsGraph <https://w3id.org/sdkg/graph/d1> . }
<https://w3id.org/sdkg/graph/d1> { sdr:a sdkg:p sdr:b , "x" , 1 , "01"^^<http://www.w3.org/2001/XMLSchema#integer> . }
<https://w3id.org/sdkg/graph/d2> { sdr:a sdkg:p sdr:b , "x" . }
<https://w3id.org/sdkg/graph/entities> { sdr:a a sdkg:X . sdr:b a sdkg:X , sdkg:Y . sdr:c a sdkg:X .
  sdr:k a sdkg:X . _:bn a sdkg:X . sdr:l a sdkg:X . }
<https://w3id.org/sdkg/graph/d2> { sdr:z sdkg:p sdr:c . }
<https://w3id.org/sdkg/graph/d3> { sdr:k sdkg:p sdr:z . }
<https://w3id.org/sdkg/graph/links> { sdr:l sdkg:p sdr:z . }
<https://w3id.org/sdkg/graph/evidence> {
  sdr:e1 rdf:subject sdr:a ; rdf:predicate sdkg:p ; rdf:object sdr:b ; prov:wasQuotedFrom sdr:doc1 .
  sdr:e2 rdf:subject sdr:a ; rdf:predicate sdkg:p ; rdf:object 1 ; prov:wasQuotedFrom sdr:doc3 .
  sdr:e3 rdf:subject sdr:a ; rdf:predicate sdkg:p ; rdf:object "x" ; prov:wasQuotedFrom sdr:doc2 . }
"""


@pytest.mark.parametrize("name, first", [("duplicate-label", FIRST_DUPLICATE_LABEL),
                                         ("missing-evidence", FIRST_MISSING_EVIDENCE),
                                         ("unmentioned-entity", FIRST_UNMENTIONED_ENTITY)])
def test_rewritten_quality_queries_find_the_same_rows(name: str, first: str) -> None:
    from sdkg.checks.quality import quality_queries

    store = ox.Store()
    store.load(input=QUALITY_DATA, format=ox.RdfFormat.TRIG)
    query = next(q for q in quality_queries() if q.name == f"{name}-violation")

    def rows(text: str) -> set[tuple[str, ...]]:
        return {tuple(str(v) for v in row) for row in store.query(text)}
    assert rows(query.text) == rows(first) != set()


# -- competency ----------------------------------------------------------------------------------------------

def test_whether_a_stored_query_answers_is_asked_without_sorting(dataset: Dataset) -> None:
    from sdkg.checks.competency import answerable, answered, first_row_only
    from sdkg.queries.engines import has_answer

    assert first_row_only("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a") == "SELECT ?a WHERE { ?a ?b ?c } \nLIMIT 1\n"
    assert first_row_only("SELECT ?a WHERE { ?a ?b ?c } GROUP BY ?a ORDER BY ?a").endswith("GROUP BY ?a \nLIMIT 1\n")
    assert first_row_only("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 3") is None
    assert first_row_only("SELECT ?a WHERE { ?a ?b ?c }") is None
    for query in answerable(dataset):
        assert answered(dataset, query) == has_answer(dataset.store, query.text()), query.name
