"""Change how a written evidence record supports its fact (stated or implied, with the comment that says how the
text implies it), in place: the record keeps its number, its quote and its spans."""

from rdflib import RDFS, Literal, URIRef

from sdkg.curate.files import read_graph, write_graph
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import PROV, RESOURCE, SDKG, VOCAB, shorten

SUPPORTS = ("stated", "implied")


def set_support(dataset: Dataset, record: str, support: str, comment: str | None) -> str:
    """Set a document record's support; returns the file written. Implied needs a comment (given or kept)."""
    if support not in SUPPORTS:
        raise InputError(f"support {support!r}: write stated or implied (a curated statement has its own record, "
                         f"`sdkg curate add curation`)")
    name = record.strip()
    iri = name if name.startswith(RESOURCE) else RESOURCE + name.removeprefix("sdr:")
    shown = dataset.file_of(iri)
    source = next((f for f in dataset.files if f.name == shown), None)
    if source is None or not shown.startswith("data/evidence/"):
        raise InputError(f"no evidence record {shorten(iri)} in data/evidence/")
    graph = read_graph(source.path, shown)
    node = URIRef(iri)
    if graph.value(node, URIRef(PROV + "wasQuotedFrom")) is None:
        raise InputError(f"{shorten(iri)} quotes no document: a curated record has no stated or implied support")
    kept = graph.value(node, RDFS.comment)
    if support == "implied" and not (comment or kept):
        raise InputError("an implied fact needs --comment: say how the text implies it, in your own words")
    graph.set((node, URIRef(SDKG + "support"), URIRef(VOCAB + support)))
    if support == "stated":
        graph.remove((node, RDFS.comment, None))
    elif comment:
        graph.set((node, RDFS.comment, Literal(comment.strip(), lang="en")))
    write_graph(graph, source.path, shown)
    return shown
