"""The fast paths give exactly what the plain ones give: SHACL on the flagged nodes and pyshacl on the whole
graph, HermiT on representatives and on every fact, the JSON-LD writer and rdflib's, the canonical N-Quads
text and the sorted quads, the rewritten quality queries and their first versions."""

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from minitree import make_tree
from sdkg.publish.canonical import canonical_quads
from sdkg.checks import shacl
from sdkg.checks.abox import NotLocal, Schema
from sdkg.checks.reasoner import check_reasoner
from sdkg.checks.shapes_sparql import Unsupported, compile_shapes
from sdkg.publish.export import GRAPH_FORMATS, NQUADS, TRIG, export_rdf, graph_file_stem, serialise
from sdkg.publish.jsonld import to_jsonld, to_jsonld_rdflib
from sdkg.dataset.layout import ONTOLOGY_GRAPH, ontology_files
from sdkg.dataset.loader import Dataset, load_path
from sdkg.namespaces import PREFIXES
from sdkg.dataset.tree import SourceTree

REPO = Path(__file__).resolve().parent.parent
FIXTURES = sorted((REPO / "tests" / "shapes").glob("*.ttl"))
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


# -- SHACL --------------------------------------------------------------------------------------------------------

def fixture_dataset(fixture: Path) -> Dataset:
    store = ox.Store()
    for path in ontology_files(SourceTree(REPO)):
        store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    store.load(input=PREFIX_LINES + fixture.read_text(encoding="utf-8"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/sdkg/graph/data"))
    return store_dataset(store)


def test_our_shapes_are_covered_by_the_queries(shapes_graph) -> None:  # type: ignore[no-untyped-def]
    dataset = fixture_dataset(FIXTURES[0])
    compile_shapes(shapes_graph, dataset.store, 0)  # no Unsupported: the fast path is the one taken


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_flagged_nodes_give_the_whole_graph_report(fixture: Path, shapes_graph) -> None:  # type: ignore[no-untyped-def]
    dataset = fixture_dataset(fixture)
    whole = shacl.validate_whole(dataset, shapes_graph)
    plan = compile_shapes(shapes_graph, dataset.store, 0)  # no sample: the queries alone must find every node
    assert shacl.validate_flagged(dataset, shapes_graph, plan) == whole.findings


def test_the_real_graph_gives_the_same_outcome(dataset: Dataset) -> None:
    fast, whole = shacl.check_shacl(dataset), shacl.check_shacl(dataset, whole=True)
    assert (fast.status, fast.summary, fast.findings) == (whole.status, whole.summary, whole.findings)


def test_a_damaged_corpus_gives_the_same_report(dataset: Dataset, shapes_graph) -> None:  # type: ignore[no-untyped-def]
    """Random damage to the real graph: removed statements, wrong values, extra values, odd literals."""
    quads = list(dataset.quads())
    nodes = sorted({q.object for q in quads if isinstance(q.object, ox.NamedNode)}, key=str)
    literals = [ox.Literal("abc", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("1957"),
                ox.Literal("x", language="en-gb"), ox.Literal("x", language="fr"), ox.Literal(""),
                ox.Literal(" lead"), ox.Literal("2024-02-30", datatype=ox.NamedNode(XSD + "date")),
                ox.Literal("99999", datatype=ox.NamedNode(XSD + "integer")), ox.BlankNode("zz"),
                ox.Literal("one two three four five six seven eight nine ten eleven twelve thirteen")]
    rng = random.Random(11)
    for _ in range(3):
        store = ox.Store()
        store.extend(quads)
        for _ in range(8):
            quad = rng.choice(quads)
            kind = rng.randrange(4)
            if kind < 3:
                store.remove(quad)
            if kind in (1, 2):
                store.add(ox.Quad(quad.subject, quad.predicate, rng.choice(literals if kind == 1 else nodes),
                                  quad.graph_name))
            if kind == 3:
                store.add(ox.Quad(quad.subject, quad.predicate, rng.choice(nodes + literals), quad.graph_name))
        damaged = Dataset(dataset.tree, store, dataset.files)
        plan = compile_shapes(shapes_graph, store, 0)
        assert shacl.validate_flagged(damaged, shapes_graph, plan) == shacl.validate_whole(damaged, shapes_graph).findings


def test_shapes_beyond_the_queries_are_validated_whole(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    shapes = root / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text() + "\nsdsh:ClosedShape a sh:NodeShape ; sh:closed true ; "
                                           "sh:targetClass sdkg:Treaty .\n")
    dataset = load_path(root)
    with pytest.raises(Unsupported):
        compile_shapes(shacl.load_shapes(shapes, "shapes.ttl"), dataset.store, 0)
    assert shacl.check_shacl(dataset).status.value == "pass"


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

def test_canonical_quads_are_those_of_the_first_version(dataset: Dataset) -> None:
    assert canonical_quads(dataset) == reference_quads(dataset)
    assert canonical_quads(tricky()) == reference_quads(tricky())


@pytest.mark.parametrize("which", ["real", "tricky"])
def test_jsonld_is_the_document_rdflib_writes(which: str, dataset: Dataset) -> None:
    quads = canonical_quads(dataset if which == "real" else tricky())
    assert to_jsonld(quads) == to_jsonld_rdflib(quads)


def test_export_writes_what_the_first_version_wrote(dataset: Dataset, tmp_path: Path) -> None:
    quads = reference_quads(dataset)
    expected = {"sdkg.trig": serialise(quads, TRIG.rdf_format), "sdkg.nq": serialise(quads, NQUADS.rdf_format),
                "sdkg.jsonld": to_jsonld_rdflib(quads).encode()}
    for graph in dataset.graphs:
        triples = [q.triple for q in quads if q.graph_name == ox.NamedNode(graph)]
        for f in GRAPH_FORMATS:
            expected[f"graphs/{graph_file_stem(graph)}{f.suffix}"] = serialise(triples, f.rdf_format)
    export_rdf(dataset, tmp_path)
    assert [name for name, content in expected.items() if (tmp_path / name).read_bytes() != content] == []


def test_export_of_blank_nodes_lists_and_odd_literals(tmp_path: Path) -> None:
    data = tricky()
    quads = reference_quads(data)
    export_rdf(data, tmp_path)
    assert (tmp_path / "sdkg.trig").read_bytes() == serialise(quads, TRIG.rdf_format)
    assert (tmp_path / "sdkg.nq").read_bytes() == serialise(quads, NQUADS.rdf_format)
    assert (tmp_path / "sdkg.jsonld").read_text() == to_jsonld_rdflib(quads)


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
