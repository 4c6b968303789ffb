"""Real triple stores started by the tests on 127.0.0.1: the graph loads into Oxigraph over the Graph Store
Protocol and into Virtuoso by bulk load, and every stored query gives the embedded engine's answers there."""

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from answers import normalised_rows
from sdkg.queries.catalogue import stored_queries
from sdkg.cli import main
from sdkg.queries.engines import query_embedded, query_endpoint
from sdkg.publish.export import export
from sdkg.dataset.loader import Dataset
from sdkg.queries.results import from_sparql_json
from sdkg.stores.oxigraph_server import LOOPBACK, OxigraphServer, bulk_load, free_port, start_server
from tools import require_program
from virtuoso import Virtuoso, start_virtuoso

REPO = Path(__file__).resolve().parent.parent
QUERIES = [q for q in stored_queries(REPO / "queries") if not q.federated]
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_sizes(results) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {row["g"].value: int(row["n"].value) for row in results.rows
            if row["g"].value.startswith("https://w3id.org/sdkg/graph/")}


def load(endpoint: str, *options: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["load", "--root", str(REPO), "--endpoint", endpoint, *options])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A read-write Oxigraph server on an empty store, loaded with `sdkg load`."""
    server = start_server(tmp_path_factory.mktemp("oxigraph") / "store", read_only=False)
    result = load(server.store_endpoint)
    assert result.exit_code == 0, result.output
    yield server
    server.stop()


def test_load_reports_what_it_sent(oxigraph: OxigraphServer, dataset: Dataset) -> None:
    result = load(oxigraph.store_endpoint)
    assert result.exit_code == 0, result.output
    assert f"in {len(dataset.graphs)} named graphs" in result.output


def test_loaded_store_holds_every_named_graph(oxigraph: OxigraphServer, dataset: Dataset) -> None:
    """Loading twice (fixture and previous test) replaces the graphs: counts equal the source's."""
    sizes = graph_sizes(query_endpoint(oxigraph.query_endpoint, COUNT_PER_GRAPH))
    assert sizes == {graph: dataset.triple_count(graph) for graph in dataset.graphs}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_oxigraph_server_gives_the_embedded_answers(query, oxigraph: OxigraphServer, dataset: Dataset) -> None:
    result = CliRunner().invoke(main, ["query", "--root", str(REPO), query.name, "--endpoint",
                                       oxigraph.query_endpoint, "--format", "json"])
    assert result.exit_code == 0, result.output
    remote = from_sparql_json(json.loads(result.output))
    local = query_embedded(dataset.store, query.text())
    assert local.rows and normalised_rows(remote) == normalised_rows(local)


def test_load_into_an_unreachable_store_is_a_clear_error() -> None:
    endpoint = f"http://{LOOPBACK}:{free_port()}/store"
    result = load(endpoint, "--timeout", "5")
    assert result.exit_code == 2
    assert "cannot reach the store" in result.output and endpoint in result.output


def test_load_into_a_read_only_store_is_refused(tmp_path: Path, dataset: Dataset) -> None:
    trig = tmp_path / "x.trig"
    export(dataset, tmp_path / "dist")
    trig.write_bytes((tmp_path / "dist" / "sdkg.trig").read_bytes())
    bulk_load(tmp_path / "store", [trig])
    server = start_server(tmp_path / "store", read_only=True)
    try:
        result = load(server.store_endpoint)
    finally:
        server.stop()
    assert result.exit_code == 2
    assert "refused the graph" in result.output and "HTTP 403" in result.output


def test_load_into_a_silent_store_times_out() -> None:
    """A socket that accepts connections but never answers: the upload gives up after --timeout."""
    with socket.socket() as silent:
        silent.bind((LOOPBACK, 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        stop = threading.Event()
        accepted: list[socket.socket] = []

        def accept() -> None:
            silent.settimeout(0.2)
            while not stop.is_set():
                try:
                    accepted.append(silent.accept()[0])
                except OSError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            result = load(f"http://{LOOPBACK}:{port}/store", "--timeout", "1")
        finally:
            stop.set()
            thread.join()
            for connection in accepted:
                connection.close()
    assert result.exit_code == 2
    assert "no answer within 1 s" in result.output


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Iterator[Virtuoso]:
    """Virtuoso from a throw-away folder, with the N-Quads export bulk-loaded."""
    virtuoso_t = require_program("virtuoso-t", "virtuoso-opensource-7-bin")
    isql = require_program("isql-vt", "virtuoso-opensource-7-bin")
    folder = tmp_path_factory.mktemp("virtuoso")
    export(dataset, folder / "dist")
    data = folder / "data"
    data.mkdir()
    (data / "sdkg.nq").write_bytes((folder / "dist" / "sdkg.nq").read_bytes())
    server = start_virtuoso(virtuoso_t, isql, folder, data)
    try:
        report = server.bulk_load(data, "sdkg.nq", "https://w3id.org/sdkg/graph/unnamed")
        assert "sdkg.nq" in report and "NULL" in report, report  # ll_error is NULL: no load error
        yield server
    finally:
        server.stop()


def test_virtuoso_keeps_the_named_graphs(virtuoso: Virtuoso, dataset: Dataset) -> None:
    sizes = graph_sizes(query_endpoint(virtuoso.sparql_endpoint, COUNT_PER_GRAPH))
    assert sizes == {graph: dataset.triple_count(graph) for graph in dataset.graphs}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_virtuoso_gives_the_embedded_answers(query, virtuoso: Virtuoso, dataset: Dataset) -> None:
    remote = query_endpoint(virtuoso.sparql_endpoint, query.text())
    local = query_embedded(dataset.store, query.text())
    assert local.rows and normalised_rows(remote) == normalised_rows(local)
