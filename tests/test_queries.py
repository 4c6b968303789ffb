"""The stored queries: well described, the same answers on rdflib and pyoxigraph, and the expected
answers worked out from the documents (tests/expected/NAME.tsv)."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from sdkg.queries.catalogue import stored_queries
from sdkg.cli import main
from sdkg.queries.engines import query_embedded, query_rdflib, rdflib_dataset
from sdkg.dataset.loader import Dataset
from answers import LIST_SEPARATOR, normalised_rows

REPO = Path(__file__).resolve().parent.parent
QUERIES = [q for q in stored_queries(REPO / "queries") if not q.federated]
EXPECTED = Path(__file__).parent / "expected"
@pytest.fixture(scope="module")
def rdflib_data(dataset: Dataset):
    return rdflib_dataset(dataset.store)


def test_there_are_enough_stored_queries() -> None:
    assert len(QUERIES) >= 25


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_is_described(query) -> None:
    assert query.title and query.question.endswith("?")


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_rdflib_and_oxigraph_agree(query, dataset: Dataset, rdflib_data) -> None:
    oxigraph = query_embedded(dataset.store, query.text())
    rdflib = query_rdflib(rdflib_data, query.text())
    assert rdflib.variables == oxigraph.variables
    assert normalised_rows(rdflib) == normalised_rows(oxigraph)
    assert oxigraph.rows, "every stored query answers on the graph"


def expected_answer(name: str) -> Counter:
    path = EXPECTED / f"{name}.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    cells = [tuple(LIST_SEPARATOR.join(sorted(c.split(LIST_SEPARATOR))) if LIST_SEPARATOR in c else c for c in r)
             for r in rows[1:]]
    return Counter(cells)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_complete_answer_is_the_expected_one(query, dataset: Dataset) -> None:
    if not (EXPECTED / f"{query.name}.tsv").is_file():
        pytest.fail(f"no expected answer in tests/expected/{query.name}.tsv")
    assert normalised_rows(query_embedded(dataset.store, query.text())) == expected_answer(query.name)


def invoke(*args: str):
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
                     "{ ?d a <https://w3id.org/sdkg/ontology#SourceDocument> } }\n")
    result = invoke(str(adhoc), "--format", "csv")
    assert result.exit_code == 0 and result.stdout == "n\n2\n"


def test_parameter_changes_the_answer() -> None:
    result = invoke("actor-neighbourhood", "--param", "actor=sdr:united-states", "--format", "tsv")
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert result.exit_code == 0 and rows
    assert {"Russia and the West"} & {r["otherLabel"] for r in rows} == set()
    assert "Nuclear standoff between Russia and the United States" in {r["otherLabel"] for r in rows}


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
    assert document["head"]["vars"][0] == "title"
    titles = {b["title"]["value"] for b in document["results"]["bindings"]}
    assert "Science Diplomacy and the Rise of Technopoles" in titles
