"""Run a SPARQL query on the embedded engine (pyoxigraph) or on a remote SPARQL 1.1 endpoint."""

import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.namespaces import PREFIXES
from sdkg.queries.results import Results, Term, from_sparql_json

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    import rdflib

DEFAULT_TIMEOUT = 60.0
SELECT_ACCEPT = "application/sparql-results+json"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if term.language:
        return Term("literal", term.value, language=term.language)
    return Term("literal", term.value, datatype=term.datatype.value)


def select_solutions(store: ox.Store, text: str, source: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query; a syntax error or another kind of query is bad input."""
    try:
        solutions = store.query(text)
    except SyntaxError as error:
        if is_update(text):
            raise InputError("this is a SPARQL update (INSERT, DELETE, DROP, LOAD ...): sdkg runs only queries, "
                             "and never changes the graph", source) from None
        raise InputError.from_syntax_error(error, "SPARQL syntax error", source) from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError("only SELECT queries give tables; this query is not a SELECT", source)
    return solutions


UPDATE_START = re.compile(r"^\s*(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
PROLOGUE_LINE = re.compile(r"^\s*(#.*|)$")


def is_update(text: str) -> bool:
    """Whether a request is a SPARQL update rather than a query (its first word after the prologue)."""
    lines = text.splitlines()
    body = "\n".join(lines[next((i for i, line in enumerate(lines) if not PROLOGUE_LINE.match(line)), len(lines)):])
    body = re.sub(r"^\s*((PREFIX|BASE)\s+\S*\s*<[^>]*>\s*)+", "", body, flags=re.IGNORECASE)
    return UPDATE_START.match(body) is not None


Value = ox.NamedNode | ox.BlankNode | ox.Literal  # what our queries bind; the graph holds no RDF-star triples


def select_rows(store: ox.Store, text: str) -> list[dict[str, Value]]:
    """The rows of one of our own SELECT queries, with our prefixes declared, as dicts of the bound values."""
    solutions = store.query(text, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if isinstance(row[n], Value)} for row in solutions]


def query_embedded(store: ox.Store, text: str, source: str = "query", timeout: float | None = None) -> Results:
    """A SELECT query on the store's named graphs, stopped after `timeout` seconds or on Ctrl-C.

    The query runs in a forked worker process (it shares the store's memory, copy on write) that is killed
    at the deadline; pyoxigraph cannot be interrupted otherwise. A syntax error is bad input with line and
    column. `timeout` None runs it in this process, without a limit."""
    if timeout is None:
        return _results_of(select_solutions(store, text, source))
    import json
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_answer_in_worker, args=(store, text, source, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise InputError(f"the query did not finish within {timeout:g} s (stopped); make it more selective, "
                             "or give more time with --timeout", source)
        kind, payload = json.loads(receiver.recv_bytes())
        if kind == "results":
            payload = json.loads(receiver.recv_bytes())
    except EOFError:
        worker.join()
        raise InputError(f"the query stopped without an answer (worker exit code {worker.exitcode}): it ran out of "
                         "memory (SDKG_QUERY_MEMORY_MIB sets the limit); make it more selective", source) from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if kind == "input":
        raise InputError(**payload)
    if kind == "memory":
        raise InputError("the query ran out of memory", source)
    results = from_sparql_json(payload)
    for row in results.rows:  # RDF 1.1: a simple literal is an xsd:string (as the in-process path says)
        for variable, term in row.items():
            if term.kind == "literal" and not term.language and not term.datatype:
                row[variable] = Term("literal", term.value, None, XSD_STRING)
    return results


def _answer_in_worker(store: ox.Store, text: str, source: str, sender: "Connection") -> None:
    """In the worker: run the query and send back its SPARQL JSON results, or the input error."""
    import json
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills the worker on Ctrl-C
    _quiet_stderr()  # the parent reports in one line; the engine's own abort message would add more
    _limit_memory()
    try:
        results = select_solutions(store, text, source).serialize(format=ox.QueryResultsFormat.JSON)
        assert results is not None
        sender.send_bytes(json.dumps(("results", None)).encode("utf-8"))
        sender.send_bytes(results)
    except InputError as error:
        sender.send_bytes(json.dumps(("input", {"message": error.message, "file": error.file, "line": error.line,
                                                "column": error.column})).encode("utf-8"))
    except MemoryError:
        sender.send_bytes(json.dumps(("memory", None)).encode("utf-8"))
    sender.close()


def _quiet_stderr() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _limit_memory() -> None:
    """Cap the worker's address space at what it holds now plus SDKG_QUERY_MEMORY_MIB (default 4096): a query
    that would take more stops the worker, not the machine."""
    import os
    import resource

    try:
        extra = int(os.environ.get("SDKG_QUERY_MEMORY_MIB", "4096")) * 2**20
        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + extra, held + extra))
    except (OSError, ValueError):
        pass  # not Linux, or an unreadable setting: no cap


def _results_of(solutions: ox.QuerySolutions) -> Results:
    variables = [v.value for v in solutions.variables]
    terms: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Term] = {}  # values repeat: convert each once
    rows = []
    for solution in solutions:
        row = {}
        for variable, value in zip(variables, solution):
            if value is not None:
                term = terms.get(value)
                if term is None:
                    term = terms[value] = _term(value)
                row[variable] = term
        rows.append(row)
    return Results(variables, rows)


def has_answer(store: ox.Store, text: str, source: str = "query") -> bool:
    """Whether a SELECT query on the store's named graphs gives at least one row (no row is converted)."""
    solutions = select_solutions(store, text, source)
    return next(iter(solutions), None) is not None


def is_loopback(url: str) -> bool:
    """Whether a URL names this machine (a proxy from the environment must not be used for it)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def query_endpoint(endpoint: str, text: str, timeout: float = DEFAULT_TIMEOUT,
                   default_graph: str | None = None) -> Results:
    """A SELECT query sent to a SPARQL endpoint by an HTTP form POST (SPARQL 1.1 Protocol).

    `timeout` bounds the whole exchange (connecting, waiting and reading the answer), not each read."""
    import json
    import time

    import httpx

    data = {"query": text}
    if default_graph:
        data["default-graph-uri"] = default_graph
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    try:
        with httpx.Client(timeout=timeout, trust_env=not is_loopback(endpoint)) as client, \
                client.stream("POST", endpoint, data=data, headers={"Accept": SELECT_ACCEPT}) as response:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("overall deadline")
            status, reason = response.status_code, response.reason_phrase
    except httpx.TimeoutException:
        raise InputError(f"no complete answer within {timeout:g} s", endpoint) from None
    except httpx.HTTPError as error:
        raise InputError(f"cannot reach the endpoint: {error}", endpoint) from None
    body = b"".join(chunks)
    if status != 200:
        raise InputError(f"the endpoint refused the query: HTTP {status} {reason}: "
                         f"{' '.join(body.decode('utf-8', 'replace').split())[:300]}", endpoint)
    try:
        document = json.loads(body)
        check_results_document(document)
        return from_sparql_json(document)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(f"the endpoint's answer is not SPARQL JSON results: {error}", endpoint) from None


def check_results_document(document: object) -> None:
    """Raise ValueError unless `document` has the shape of SPARQL 1.1 JSON SELECT results."""
    if not isinstance(document, dict) or not isinstance(document.get("head"), dict):
        raise ValueError("expected an object with a 'head' object")
    variables = document["head"].get("vars")
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise ValueError("'head.vars' is not a list of names")
    results = document.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise ValueError("'results.bindings' is not a list")
    for row in bindings:
        if not isinstance(row, dict):
            raise ValueError("a binding is not an object")
        for value in row.values():
            if not isinstance(value, dict) or not isinstance(value.get("type"), str) \
                    or not isinstance(value.get("value"), str):
                raise ValueError("a bound value lacks a 'type' or a 'value' string")


def rdflib_dataset(store: ox.Store) -> "rdflib.Dataset":  # noqa: F821
    """The store's named graphs as an rdflib Dataset (default graph empty, not the union)."""
    import rdflib

    from sdkg.dataset.convert import to_rdflib_term

    dataset = rdflib.Dataset(default_union=False)
    for quad in store.quads_for_pattern(None, None, None, None):
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value)) if isinstance(quad.graph_name, ox.NamedNode) \
            else dataset.default_graph
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate),  # type: ignore[arg-type]
                   to_rdflib_term(quad.object)))  # type: ignore[arg-type]
    return dataset


def query_rdflib(dataset: "rdflib.Dataset", text: str) -> Results:  # noqa: F821
    """A SELECT query on an rdflib Dataset, with results in the same form as the other engines."""
    import rdflib

    result = dataset.query(text)
    variables = [str(v) for v in result.vars or []]
    rows = []
    for solution in result:
        row = {}
        for var in variables:
            value = solution[var]
            if value is None:
                continue
            if isinstance(value, rdflib.URIRef):
                row[var] = Term("uri", str(value))
            elif isinstance(value, rdflib.BNode):
                row[var] = Term("bnode", str(value))
            else:
                datatype = str(value.datatype) if value.datatype else (
                    None if value.language else "http://www.w3.org/2001/XMLSchema#string")
                row[var] = Term("literal", str(value), value.language, datatype)
        rows.append(row)
    return Results(variables, rows)
