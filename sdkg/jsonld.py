"""JSON-LD of the whole dataset, compacted with our published context, in a stable order."""

import json
from typing import Any

import pyoxigraph as ox
import rdflib

from sdkg.convert import to_rdflib_term
from sdkg.namespaces import PREFIXES

CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))


def context_document() -> str:
    """The context file users reference: our prefixes as JSON-LD term definitions."""
    return json.dumps({"@context": CONTEXT}, indent=2, ensure_ascii=False) + "\n"


def to_jsonld(quads: list[ox.Quad]) -> str:
    """The quads as one JSON-LD document with named graphs, sorted so equal input gives equal text."""
    dataset = rdflib.Dataset()
    for quad in quads:
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
    document = json.loads(dataset.serialize(format="json-ld", context=CONTEXT, auto_compact=True))
    return json.dumps(_sorted(document), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sorted(node: Any, ordered: bool = False) -> Any:
    """Sort every set-valued array of a JSON-LD tree by its items' text (keys are sorted when dumped);
    an RDF collection (`@list`) keeps its order."""
    if isinstance(node, dict):
        return {key: _sorted(value, ordered=key == "@list") for key, value in node.items()}
    if isinstance(node, list) and ordered:
        return [_sorted(item) for item in node]
    if isinstance(node, list):
        items = [_sorted(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node
