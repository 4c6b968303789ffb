"""Upload every named graph to a store over the SPARQL 1.1 Graph Store HTTP Protocol."""

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from sdkg.publish.canonical import canonical_quads, triples_by_graph
from sdkg.errors import InputError
from sdkg.publish.export import TURTLE, serialise
from sdkg.dataset.loader import Dataset

DEFAULT_TIMEOUT = 60.0


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
    """Send every named graph, one PUT each, so that loading twice leaves the store the same."""
    payloads = graph_payloads(dataset)
    uploads = []
    with httpx.Client(timeout=timeout, auth=auth) as client:
        for graph, triples, body in payloads:
            response = put_graph(client, endpoint, graph, body)
            done = Upload(graph, triples, len(body), response.status_code)
            uploads.append(done)
            if on_progress is not None:
                on_progress(done, len(payloads))
    return uploads
