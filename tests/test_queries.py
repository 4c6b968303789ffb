"""The stored queries: well described, linkable (IRIs beside labels), the same answers on rdflib and pyoxigraph,
and complete answers equal to the ones a blind reader worked out from the documents (tests/expected/NAME.tsv,
with the passage behind every row; names resolved through the registry's labels)."""

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from answers import normalised_rows
from click.testing import CliRunner

from sdkg.cli import main
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import GRAPH, OWL, RDF, SDKG, SKOS
from sdkg.queries.catalogue import stored_queries
from sdkg.queries.engines import query_embedded, query_rdflib, rdflib_dataset
from sdkg.queries.expected import Column, Resolver, check_passage, compare, compare_query, read_expected

REPO = Path(__file__).resolve().parent.parent
ALL_QUERIES = stored_queries(REPO / "queries")
QUERIES = [q for q in ALL_QUERIES if not q.federated]
EXPECTED = Path(__file__).parent / "expected"
BLIND = Path(__file__).parent / "blind"
# who-says-so lists every fact of an entity, years and concepts included, with their evidence; its complete answer is
# worked out from the Turtle files in tests/test_provenance_queries.py, and the blind reader's rows (the named things
# tied to the entity) must all be in it: test_who_says_so_holds_every_row_of_the_blind_answer below.
PROVENANCE_OWNED = {"who-says-so"}
PROVENANCE_QUERIES = {"who-says-so", "evidence-per-document", "inferred-facts", "implied-and-curated"}

# Comparisons whose disagreement is settled (tests/blind/RESOLUTIONS.md) but whose data fix has not landed:
# each one is an expected failure, strict, so that it fails loudly once the fix lands and the mark must go.
OPEN: dict[str, str] = {}  # none open now: every compared answer is the expected one


def blind_questions() -> list[str]:
    """The names of the questions of tests/blind/QUESTIONS.md (first column of its table)."""
    text = (BLIND / "QUESTIONS.md").read_text(encoding="utf-8")
    return [n for n in re.findall(r"^\| ([a-z][a-z0-9-]+) \|", text, flags=re.MULTILINE) if n != "name"]


def expected_file(name: str) -> Path:
    return EXPECTED / f"{name}.tsv"


COMPARED = [q for q in QUERIES if q.source.field("compare")]


def compared_param(query):  # type: ignore[no-untyped-def]
    marks = [pytest.mark.xfail(strict=True, reason=OPEN[query.name])] if query.name in OPEN else []
    return pytest.param(query, id=query.name, marks=marks)


@pytest.fixture(scope="module")
def rdflib_data(dataset: Dataset):  # type: ignore[no-untyped-def]
    return rdflib_dataset(dataset.store)


@pytest.fixture(scope="module")
def resolver(dataset: Dataset) -> Resolver:
    return Resolver.from_store(dataset.store)


def test_there_are_enough_stored_queries() -> None:
    assert len(ALL_QUERIES) >= 35


@pytest.mark.parametrize("query", ALL_QUERIES, ids=[q.name for q in ALL_QUERIES])
def test_query_is_described(query) -> None:  # type: ignore[no-untyped-def]
    assert query.title and query.question.endswith("?")


@pytest.mark.parametrize("query", ALL_QUERIES, ids=[q.name for q in ALL_QUERIES])
def test_no_query_assumes_two_documents(query) -> None:  # type: ignore[no-untyped-def]
    words = f"{query.name} {query.title} {query.question}".lower()
    assert not re.search(r"\b(both|two|the other) documents?\b|\bboth\b.*\bdocument|document-00[01]", words)
    assert "document-000" not in query.source.text and "document-001" not in query.source.text


def test_every_blind_question_has_a_query_and_an_expected_answer() -> None:
    names = {q.name for q in ALL_QUERIES}
    questions = blind_questions()
    assert len(questions) >= 30
    assert [n for n in questions if n not in names] == []
    assert [n for n in questions if not expected_file(n).is_file()] == []
    assert [n for n in questions if n not in PROVENANCE_OWNED and not any(q.name == n for q in COMPARED)] == []


@pytest.mark.parametrize("name", blind_questions())
def test_every_expected_row_has_its_passage(name: str) -> None:
    expected = read_expected(expected_file(name))
    assert expected.rows
    problems = [f"line {row.line}: {check_passage(row.passage)}" for row in expected.rows if check_passage(row.passage)]
    assert problems == []


LINKABLE = [q for q in QUERIES if q.name not in PROVENANCE_QUERIES]


@pytest.mark.parametrize("query", LINKABLE, ids=[q.name for q in LINKABLE])
def test_query_returns_iris_beside_labels(query, dataset: Dataset) -> None:  # type: ignore[no-untyped-def]
    """Every `?xLabel` column comes with the `?x` it labels, so that answers can be linked."""
    variables = query_embedded(dataset.store, query.text()).variables
    labels = [v for v in variables if v.endswith("Label")]
    assert [v for v in labels if v[: -len("Label")] not in variables] == []


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_rdflib_and_oxigraph_agree(query, dataset: Dataset, rdflib_data) -> None:  # type: ignore[no-untyped-def]
    oxigraph = query_embedded(dataset.store, query.text())
    rdflib = query_rdflib(rdflib_data, query.text())
    assert rdflib.variables == oxigraph.variables
    assert normalised_rows(rdflib) == normalised_rows(oxigraph)


@pytest.mark.parametrize("query", [compared_param(q) for q in COMPARED])
def test_complete_answer_is_the_blind_readers(query, dataset: Dataset, resolver: Resolver) -> None:  # type: ignore[no-untyped-def]
    """The query's complete answer, row for row, is the one worked out from the documents."""
    comparison = compare_query(query, expected_file(query.name), query_embedded(dataset.store, query.text()),
                               resolver)
    assert comparison.ok, "\n" + comparison.report()


def test_who_says_so_holds_every_row_of_the_blind_answer(dataset: Dataset, resolver: Resolver) -> None:
    """Every named thing the blind reader ties to the International Geophysical Year is in the answer, said by the
    document the reader names (the answer also lists the years and concepts of the entity's facts)."""
    query = next(q for q in QUERIES if q.name == "who-says-so")
    expected = read_expected(expected_file(query.name))
    answer = query_embedded(dataset.store, query.text())
    comparison = compare(query.name, [Column("other", "other", "entity")], expected, answer, resolver)
    assert comparison.matched and not comparison.missing and not comparison.unresolved, "\n" + comparison.report()
    titles = {row.cells[1]: _title_of(dataset, row.cells[1]) for row in expected.rows}
    for row in expected.rows:
        others = resolver.resolve(row.cells[0])
        sources = {r["source"].value for r in answer.rows if r["other"].value in others}
        assert titles[row.cells[1]] in sources, (row.cells, sources)


def _title_of(dataset: Dataset, number: str) -> str:
    rows = query_embedded(dataset.store, "SELECT ?t WHERE { GRAPH <https://w3id.org/sdkg/graph/metadata> { "
                          f"<https://w3id.org/sdkg/resource/document-{number}> "
                          "<http://purl.org/dc/terms/title> ?t } }").rows
    return rows[0]["t"].value


# The introspection queries: their answers are worked out here from the quads, without SPARQL.

def _objects(dataset: Dataset, graph: str, predicate: str) -> set[tuple[str, str]]:
    import pyoxigraph as ox

    return {(q.subject.value, q.object.value) for q in
            dataset.store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(graph))}


def test_source_documents_are_the_metadata_records(dataset: Dataset) -> None:
    documents = {s for s, o in _objects(dataset, GRAPH + "metadata", RDF + "type") if o == SDKG + "SourceDocument"}
    answer = query_embedded(dataset.store, next(q for q in QUERIES if q.name == "source-documents").text())
    assert {row["document"].value for row in answer.rows} == documents and len(documents) >= 2


def test_entities_without_links_are_those_the_links_graph_never_names(dataset: Dataset) -> None:
    entities = {s for s, _ in _objects(dataset, GRAPH + "entities", SKOS + "prefLabel")}
    deprecated = {s for s, o in _objects(dataset, GRAPH + "entities", OWL + "deprecated") if o == "true"}
    linked = {q.subject.value for q in dataset.quads([GRAPH + "links"])}
    answer = query_embedded(dataset.store, next(q for q in QUERIES if q.name == "entities-without-links").text())
    assert {row["entity"].value for row in answer.rows} == entities - deprecated - linked


def test_entities_per_class_and_document_count_what_each_document_mentions(dataset: Dataset) -> None:
    import pyoxigraph as ox

    parents: dict[str, set[str]] = {}
    for s, o in _objects(dataset, GRAPH + "ontology", "http://www.w3.org/2000/01/rdf-schema#subClassOf"):
        parents.setdefault(s, set()).add(o)

    def ancestors(cls: str) -> set[str]:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    types: dict[str, set[str]] = {}
    for s, o in _objects(dataset, GRAPH + "entities", RDF + "type"):
        types.setdefault(s, set()).update(ancestors(o))
    cores = [SDKG + c for c in ("Actor", "Initiative", "Treaty", "Technology", "Tension")]
    wanted: Counter = Counter()
    for document, facts in _objects(dataset, GRAPH + "metadata", SDKG + "factsGraph"):
        mentioned = set()
        for quad in dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(facts)):
            mentioned.update(t.value for t in (quad.subject, quad.object) if isinstance(t, ox.NamedNode))
        for core in cores:
            count = sum(1 for e in mentioned if core in types.get(e, ()))
            if count:
                wanted[(document, core)] = count
    answer = query_embedded(dataset.store,
                            next(q for q in QUERIES if q.name == "entities-per-class-and-document").text())
    got = Counter({(r["document"].value, r["core"].value): int(r["entities"].value) for r in answer.rows})
    assert got == wanted and len(got) >= 8


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["query", "--root", str(REPO), *args])


def test_unknown_query_lists_the_names() -> None:
    result = invoke("no-such-query")
    assert result.exit_code == 2
    assert "no stored query named 'no-such-query'" in result.stderr and "timeline" in result.stderr


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\nSELECT ?x WHERE {\n  ?x ?y\n}\n")
    result = invoke(str(bad))
    assert result.exit_code == 2
    assert f"{bad}:5:1: SPARQL syntax error" in result.stderr  # the unclosed pattern ends at the end of file
    assert "Traceback" not in result.stderr


def test_ad_hoc_query_file_and_csv_output(tmp_path: Path) -> None:
    adhoc = tmp_path / "count.rq"
    adhoc.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/sdkg/graph/metadata> "
                     "{ ?d <https://w3id.org/sdkg/ontology#factsGraph> ?g } }\n")
    result = invoke(str(adhoc), "--format", "csv")
    assert result.exit_code == 0 and re.fullmatch(r"n\n\d+\n", result.stdout) and int(result.stdout.split()[1]) >= 2


def test_parameter_changes_the_answer() -> None:
    result = invoke("actor-neighbourhood", "--param", "actor=sdr:united-states", "--format", "tsv")
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert result.exit_code == 0 and rows
    others = {r["other"] for r in rows}
    assert "https://w3id.org/sdkg/resource/russian-academy-of-sciences" not in others
    assert "https://w3id.org/sdkg/resource/madeleine-albright" in others  # "US Secretary of State" (001:30)
    default = list(csv.DictReader(io.StringIO(invoke("actor-neighbourhood", "--format", "tsv").stdout),
                                  delimiter="\t"))
    assert "https://w3id.org/sdkg/resource/russian-academy-of-sciences" in {r["other"] for r in default}  # 000:95


def test_unknown_parameter_is_bad_input() -> None:
    result = invoke("timeline", "--param", "year=2000")
    assert result.exit_code == 2 and "has no parameter year" in result.stderr


def test_unreachable_endpoint_is_bad_input() -> None:
    result = invoke("timeline", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "2")
    assert result.exit_code == 2 and "127.0.0.1:9" in result.stderr


def test_json_output_is_sparql_results_json() -> None:
    import json

    result = invoke("source-documents", "--format", "json")
    document = json.loads(result.stdout)
    assert document["head"]["vars"][:2] == ["document", "title"]
    titles = {b["title"]["value"] for b in document["results"]["bindings"]}
    assert "Science Diplomacy and the Rise of Technopoles" in titles


def test_curated_statements_are_the_curation_graph_each_with_its_source(dataset: Dataset) -> None:
    """Every statement of the curation graph, once, with the outside source or the reasoning behind it."""
    curation = {(q.subject.value, q.predicate.value, q.object.value) for q in dataset.quads([GRAPH + "curation"])}
    answer = query_embedded(dataset.store, next(q for q in QUERIES if q.name == "curated-statements").text())
    got = {(r["subject"].value, r["property"].value, r["object"].value) for r in answer.rows}
    assert got == curation and curation
    unsourced = [(r["subject"].value, r["property"].value) for r in answer.rows if "note" not in r and "page" not in r]
    assert unsourced == []
