"""Which file answers an IRI of the graph, by the Accept header: one table for the Apache rules that `sdkg docs`
writes (the site's .htaccess and the w3id.org one) and for `sdkg serve --site`.

Paths are relative to https://w3id.org/sdkg/ and to the site's root. A browser (text/html) gets the page; a
program asking for Turtle, JSON-LD, TriG (or, for a graph, N-Triples and RDF/XML) gets the RDF; anything else
gets the page. Targets use `$1`, `$2` for the pattern's groups, as Apache does.
"""

import re

RDF_FORMATS = (("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/trig", "trig"))
GRAPH_FORMATS = (("text/turtle", "ttl"), ("application/n-triples", "nt"), ("application/rdf+xml", "rdf"))
HTML_TYPES = ("text/html", "application/xhtml+xml")


def rdf_rules() -> list[tuple[str, str, str]]:
    """(media type asked for, path pattern, target) for RDF, in the order they are tried."""
    rules = []
    for media, suffix in RDF_FORMATS:
        rules += [(media, r"^resource/ev-cur-[^/.]+$", f"curation.{suffix}"),  # the curators' additions
                  (media, r"^resource/ev-(\d+)-[^/.]+$", f"resource/document-$1.{suffix}"),  # its document's RDF
                  (media, r"^(resource|vocab|terms)/([^/.]+)$", f"$1/$2.{suffix}"),
                  (media, r"^ontology(/[0-9][0-9.]*)?/?$", f"ontology.{suffix}")]  # with a version IRI too
    rules += [(media, r"^graph/([^/.]+)$", f"download/graphs/$1.{suffix}") for media, suffix in GRAPH_FORMATS]
    rules.append(("text/turtle", r"^shapes/?$", "download/ontology/shapes.ttl"))
    return rules


PAGE_RULES = (  # (path pattern, page): for browsers and for anything without an RDF answer
    (r"^resource/(document-\d+)$", "documents/$1.html"),
    (r"^resource/(ev-(\d+)-\d+)$", "documents/document-$2.html#$1"),
    (r"^resource/(ev-cur-[^/.]+)$", "curation.html#$1"),
    (r"^resource/dataset$", "data.html"),
    (r"^resource/([^/.]+)$", "entities/$1.html"),
    (r"^ontology(/[0-9][0-9.]*)?/?$", "ontology.html"),
    (r"^terms/([^/.]+)$", "ontology.html#$1"),
    (r"^vocab/([^/.]+)$", "ontology.html#v-$1"),
    (r"^graph/([^/.]+)$", "data.html#graph-$1"),
    (r"^shapes/?$", "ontology.html"),
)


def apache_media(media: str) -> str:
    """A media type as an Apache condition pattern (the + of ld+json escaped)."""
    return media.replace("+", r"\+")


def _apply(pattern: str, target: str, path: str) -> str | None:
    found = re.match(pattern, path)
    if not found:
        return None
    return re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))) or "", target)


def negotiate(path: str, accept: str) -> str | None:
    """The target (relative to the site's root) for a path below the namespace, or None when it names no thing."""
    wants_html = any(t in accept for t in HTML_TYPES)
    if not wants_html:
        for media, pattern, target in rdf_rules():
            if media in accept:
                found = _apply(pattern, target, path)
                if found:
                    return found
    for pattern, target in PAGE_RULES:
        found = _apply(pattern, target, path)
        if found:
            return found
    return None
