"""JSON-LD: the documents pyoxigraph writes, and the context file with our prefixes.

pyoxigraph writes JSON-LD in expanded form: full IRIs, and every literal as `{"@value", "@type"}` or
`{"@value", "@language"}` with its lexical form untouched. Nothing is lost or changed: `0`, `false`, `""`,
`"NaN"^^xsd:double`, `"01"^^xsd:integer` and ill-typed literals parse back into the same quads as the N-Quads
file. (Compacting with a context, as rdflib does, turns some literals into JSON numbers and booleans, which
changes their lexical form, and rdflib's serializer drops a false-like value among several.) The published
`context.jsonld` holds our prefixes, for readers who want the document compacted.
"""

import json
from collections.abc import Iterable

import pyoxigraph as ox

from sdkg.namespaces import PREFIXES

CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))


def context_document() -> str:
    """The context file users reference: our prefixes as JSON-LD term definitions."""
    return json.dumps({"@context": CONTEXT}, indent=2, ensure_ascii=False) + "\n"


def to_jsonld(quads: Iterable[ox.Quad] | Iterable[ox.Triple]) -> str:
    """Quads (or triples) as one JSON-LD document, in expanded form, in the order given."""
    output = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    return (output or b"[]").decode("utf-8")
