"""Run a SPARQL query on the embedded engine (pyoxigraph) or on a remote SPARQL 1.1 endpoint."""

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.namespaces import PREFIXES
from sdkg.queries.results import Results, Term, from_sparql_json

DEFAULT_TIMEOUT = 60.0
SELECT_ACCEPT = "application/sparql-results+json"


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
        raise InputError.from_syntax_error(error, "SPARQL syntax error", source) from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError("only SELECT queries give tables; this query is not a SELECT", source)
    return solutions


Value = ox.NamedNode | ox.BlankNode | ox.Literal  # what our queries bind; the graph holds no RDF-star triples


def select_rows(store: ox.Store, text: str) -> list[dict[str, Value]]:
    """The rows of one of our own SELECT queries, with our prefixes declared, as dicts of the bound values."""
    solutions = store.query(text, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if isinstance(row[n], Value)} for row in solutions]


def query_embedded(store: ox.Store, text: str, source: str = "query") -> Results:
    """A SELECT query on the store's named graphs; a syntax error is bad input with line and column."""
    solutions = select_solutions(store, text, source)
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


def query_endpoint(endpoint: str, text: str, timeout: float = DEFAULT_TIMEOUT,
                   default_graph: str | None = None) -> Results:
    """A SELECT query sent to a SPARQL endpoint by an HTTP form POST (SPARQL 1.1 Protocol)."""
    import httpx

    data = {"query": text}
    if default_graph:
        data["default-graph-uri"] = default_graph
    try:
        response = httpx.post(endpoint, data=data, headers={"Accept": SELECT_ACCEPT}, timeout=timeout)
    except httpx.TimeoutException:
        raise InputError(f"no answer within {timeout:g} s", endpoint) from None
    except httpx.HTTPError as error:
        raise InputError(f"cannot reach the endpoint: {error}", endpoint) from None
    if response.status_code != 200:
        raise InputError(f"the endpoint refused the query: HTTP {response.status_code}: "
                         f"{response.text.strip()[:500]}", endpoint)
    try:
        return from_sparql_json(response.json())
    except (ValueError, KeyError) as error:
        raise InputError(f"the endpoint's answer is not SPARQL JSON results: {error}", endpoint) from None


def rdflib_dataset(store: ox.Store) -> "rdflib.Dataset":  # noqa: F821
    """The store's named graphs as an rdflib Dataset (default graph empty, not the union)."""
    import rdflib

    from sdkg.dataset.convert import to_rdflib_term

    dataset = rdflib.Dataset(default_union=False)
    for quad in store.quads_for_pattern(None, None, None, None):
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value)) if isinstance(quad.graph_name, ox.NamedNode) \
            else dataset.default_graph
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
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
