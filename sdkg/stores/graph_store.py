"""Upload every named graph to a store over the SPARQL 1.1 Graph Store HTTP Protocol."""

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from sdkg.publish.canonical import canonical_quads, triples_by_graph
from sdkg.errors import InputError
from sdkg.publish.export import TURTLE, serialise
from sdkg.dataset.loader import Dataset
from sdkg.queries.engines import is_loopback
from sdkg.queries.engines import query_endpoint as run_endpoint_query

DEFAULT_TIMEOUT = 60.0
COUNT_OUR_GRAPHS = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/sdkg/graph/")) } GROUP BY ?g"""


@dataclass(frozen=True)
class Upload:
    """One named graph sent to the store."""

    graph: str
    triples: int
    size: int
    status: int


def graph_payloads(dataset: Dataset) -> list[tuple[str, int, bytes]]:
    """Each named graph with its number of triples and its Turtle text."""
    by_graph = triples_by_graph(canonical_quads(dataset))
    payloads = []
    for graph in dataset.graphs:
        triples = by_graph.get(graph, [])
        assert TURTLE.rdf_format is not None
        payloads.append((graph, len(triples), serialise(triples, TURTLE.rdf_format)))
    return payloads


def put_graph(client: httpx.Client, endpoint: str, graph: str, body: bytes) -> httpx.Response:
    """Replace one graph of the store with the given Turtle (HTTP PUT ?graph=IRI)."""
    try:
        response = client.put(endpoint, params={"graph": graph}, content=body,
                              headers={"Content-Type": "text/turtle; charset=utf-8"})
    except httpx.TimeoutException:
        raise InputError(f"the store gave no answer within {client.timeout.read:g} s "
                         f"while receiving <{graph}>", endpoint) from None
    except httpx.HTTPError as error:
        raise InputError(f"cannot reach the store: {error}", endpoint) from None
    if not response.is_success:
        raise InputError(f"the store refused the graph <{graph}>: HTTP {response.status_code} "
                         f"{response.reason_phrase}: {response.text.strip()[:300]}", endpoint)
    return response


def upload(dataset: Dataset, endpoint: str, timeout: float = DEFAULT_TIMEOUT,
           auth: httpx.Auth | None = None,
           on_progress: Callable[[Upload, int], None] | None = None) -> list[Upload]:
    """Send every named graph, one PUT each, so that loading twice leaves the store the same.

    When the store fails half-way, the error says which graphs it had already replaced."""
    payloads = graph_payloads(dataset)
    uploads: list[Upload] = []
    with httpx.Client(timeout=timeout, auth=auth, trust_env=not is_loopback(endpoint)) as client:
        for graph, triples, body in payloads:
            try:
                response = put_graph(client, endpoint, graph, body)
            except InputError as error:
                if not uploads:
                    raise
                done = ", ".join(f"<{u.graph}>" for u in uploads)
                raise InputError(f"{error.message}; before that the store had replaced {len(uploads)} of "
                                 f"{len(payloads)} graphs ({done}), so it now mixes old and new graphs: "
                                 "run `sdkg load` again", endpoint) from None
            done_graph = Upload(graph, triples, len(body), response.status_code)
            uploads.append(done_graph)
            if on_progress is not None:
                on_progress(done_graph, len(payloads))
    return uploads


def query_endpoint_of(store_endpoint: str) -> str | None:
    """The SPARQL query endpoint beside a Graph Store endpoint, by the common conventions (Oxigraph
    .../store -> .../query, Fuseki .../data -> .../query); None when there is no such convention."""
    head, _, last = store_endpoint.rstrip("/").rpartition("/")
    return f"{head}/query" if last in ("store", "data") and head else None


def stored_graphs(query_endpoint: str, timeout: float) -> dict[str, int]:
    """The sdkg named graphs a store holds, with their triple counts (asked over SPARQL)."""
    results = run_endpoint_query(query_endpoint, COUNT_OUR_GRAPHS, timeout)
    return {row["g"].value: int(row["n"].value) for row in results.rows if "g" in row and "n" in row}


def prune(dataset: Dataset, endpoint: str, query_endpoint: str, timeout: float = DEFAULT_TIMEOUT,
          auth: httpx.Auth | None = None) -> list[str]:
    """Delete from the store the sdkg graphs (IRIs under https://w3id.org/sdkg/graph/) that the sources no
    longer have, such as the graph of a removed document; other graphs are never touched."""
    keep = set(dataset.graphs)
    stale = sorted(g for g in stored_graphs(query_endpoint, timeout) if g not in keep)
    with httpx.Client(timeout=timeout, auth=auth, trust_env=not is_loopback(endpoint)) as client:
        for graph in stale:
            try:
                response = client.delete(endpoint, params={"graph": graph})
            except httpx.HTTPError as error:
                raise InputError(f"cannot reach the store to delete <{graph}>: {error}", endpoint) from None
            if not response.is_success and response.status_code != 404:
                raise InputError(f"the store refused to delete <{graph}>: HTTP {response.status_code} "
                                 f"{response.reason_phrase}", endpoint)
    return stale


def verify(uploads: list[Upload], query_endpoint: str, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """The graphs whose triple count in the store differs from what was sent (empty: the load is verified)."""
    held = stored_graphs(query_endpoint, timeout)
    return [f"<{u.graph}>: sent {u.triples}, the store holds {held.get(u.graph, 0)}"
            for u in uploads if held.get(u.graph, 0) != u.triples]
