"""The whole catalogue of stored queries gives identical answers on four engines over the export: pyoxigraph
(the TriG file), rdflib (the same file), Virtuoso 7 (the N-Quads file bulk-loaded) and Apache Jena ARQ (the TriG
file, one JVM for the catalogue). An engine that is not installed is skipped with a message, and fails under
CI=true."""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jena
import pyoxigraph as ox
import pytest
from tools import IN_CI, require_program
from virtuoso import Virtuoso, start_virtuoso

from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.publish.export import export
from sdkg.queries.catalogue import StoredQuery, stored_queries
from sdkg.queries.engines import query_embedded, query_endpoint, query_rdflib
from sdkg.queries.results import Results, from_sparql_json

REPO = Path(__file__).resolve().parent.parent
QUERIES = [q for q in stored_queries(REPO / "queries") if not q.federated]
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "int", "long", "decimal", "short", "nonNegativeInteger")}


def answer(results: Results) -> tuple[list[str], Counter]:
    """Variables and rows, each value as its kind, lexical form (numbers compared as numbers) and language."""
    def cell(row: dict, variable: str) -> tuple:
        term = row.get(variable)
        if term is None:
            return ("unbound",)
        if term.kind == "literal" and term.datatype in NUMERIC:
            return ("number", int(term.value))
        datatype = None if term.datatype in (None, XSD + "string") else term.datatype
        return (term.kind, term.value, (term.language or "").lower(), datatype if term.kind == "literal" else None)
    return results.variables, Counter(tuple(cell(r, v) for v in results.variables) for r in results.rows)


def unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Path:
    out = tmp_path_factory.mktemp("portability") / "dist"
    export(dataset, out)
    return out


@pytest.fixture(scope="module")
def reference(release: Path) -> dict[str, tuple]:
    """pyoxigraph over the exported TriG file: the answers every other engine must give."""
    store = ox.Store()
    store.bulk_load(path=str(release / "sdkg.trig"), format=ox.RdfFormat.TRIG)
    return {q.name: answer(query_embedded(store, q.text())) for q in QUERIES}


@pytest.fixture(scope="module")
def rdflib_answers(release: Path) -> dict[str, tuple]:
    import rdflib

    data = rdflib.Dataset(default_union=False)
    data.parse(release / "sdkg.trig", format="trig")
    return {q.name: answer(query_rdflib(data, q.text())) for q in QUERIES}


@pytest.fixture(scope="module")
def jena_answers(release: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    why = jena.available()
    if why:
        unavailable(f"Apache Jena cannot run: {why}; .ci/run installs it")
    work = tmp_path_factory.mktemp("jena")
    documents = jena.run_queries(release / "sdkg.trig", {q.name: q.text() for q in QUERIES}, work)
    return {name: answer(from_sparql_json(doc)) for name, doc in documents.items()}


@pytest.fixture(scope="module")
def virtuoso_answers(release: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple]]:
    virtuoso_t = require_program("virtuoso-t", "virtuoso-opensource-7-bin")
    isql = require_program("isql-vt", "virtuoso-opensource-7-bin")
    folder = tmp_path_factory.mktemp("virtuoso-portability")
    data = folder / "data"
    data.mkdir()
    (data / "sdkg.nq").write_bytes((release / "sdkg.nq").read_bytes())
    server: Virtuoso = start_virtuoso(virtuoso_t, isql, folder, data)
    try:
        report = server.bulk_load(data, "sdkg.nq", "https://w3id.org/sdkg/graph/unnamed")
        assert "sdkg.nq" in report and "NULL" in report, report
        answers: dict[str, tuple | str] = {}
        for query in QUERIES:
            try:
                answers[query.name] = answer(query_endpoint(server.sparql_endpoint, query.text(), timeout=120))
            except InputError as error:  # one refused query fails its own test, not the others
                answers[query.name] = str(error)
        yield answers
    finally:
        server.stop()


def _same(name: str, engine: str, got: tuple | str, want: tuple) -> None:
    assert not isinstance(got, str), f"{engine} refused {name}: {got}"
    assert got[0] == want[0], f"{engine} names the columns of {name} differently"
    missing, extra = want[1] - got[1], got[1] - want[1]
    assert not missing and not extra, (f"{engine} differs from pyoxigraph on {name}:\n"
                                       f"  rows only pyoxigraph gives: {sorted(missing, key=str)[:10]}\n"
                                       f"  rows only {engine} gives: {sorted(extra, key=str)[:10]}")


def test_the_export_gives_the_sources_answers(reference: dict, dataset: Dataset) -> None:
    """The control: the export read back answers as the dataset built from the sources does."""
    for query in QUERIES:
        _same(query.name, "the sources", answer(query_embedded(dataset.store, query.text())), reference[query.name])


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_rdflib_gives_the_same_answer(query: StoredQuery, reference: dict, rdflib_answers: dict) -> None:
    _same(query.name, "rdflib", rdflib_answers[query.name], reference[query.name])


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_jena_gives_the_same_answer(query: StoredQuery, reference: dict, jena_answers: dict) -> None:
    _same(query.name, "Jena ARQ", jena_answers[query.name], reference[query.name])


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_virtuoso_gives_the_same_answer(query: StoredQuery, reference: dict, virtuoso_answers: dict) -> None:
    _same(query.name, "Virtuoso", virtuoso_answers[query.name], reference[query.name])


def test_the_catalogue_is_portable_by_construction() -> None:
    """No construct that the engines read differently: no `p|q` path, no `*` path, no GROUP_CONCAT."""
    for query in QUERIES:
        body = query.text().split("SELECT", 1)[1]
        assert "GROUP_CONCAT" not in body.upper(), f"{query.name}: one row per item instead of a concatenation"
        assert not _alternative_path(body), f"{query.name}: write `p|q` as UNION or VALUES (Comunica drops it)"
        assert "*" not in body.replace("(*)", "").replace("COUNT(*", ""), \
            f"{query.name}: `*` paths lose zero-length matches on Virtuoso; use `+` with a UNION"


def _alternative_path(body: str) -> bool:
    import re

    return bool(re.search(r"[\w>]\s*\|\s*[\w<^]", body.replace("||", "")))
