"""SHACL validation of the data against ontology/shapes.ttl, with pyshacl.

The data graph is the union of every named graph. pyshacl does not read it all: SPARQL queries on the store
first find the focus nodes that might violate a shape (sdkg.checks.shapes_sparql), and pyshacl validates those,
with a sample of the others, on the statements their validation reads. The report is pyshacl's, the same as
validating the whole graph; when the shapes use a feature the queries do not cover, or the sample shows them
missing a violation, pyshacl validates the whole graph.
"""

from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.concurrency import parallel
from sdkg.errors import InputError
from sdkg.dataset.loader import Dataset

if TYPE_CHECKING:
    from sdkg.checks.shapes_sparql import Plan

SAMPLE = 10  # focus nodes of each shape that pyshacl validates although no query flags them
DISTINCT_TRIPLES = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }"""

def load_shapes(path: Path, shown: str) -> rdflib.Graph:
    """The shapes graph; a syntax error is bad input."""
    shapes = rdflib.Graph()
    try:
        shapes.parse(path, format="turtle")
    except FileNotFoundError:
        raise InputError("no such file", shown) from None
    except Exception as error:  # rdflib raises several parser exception types
        raise InputError(f"invalid Turtle: {error}", shown) from None
    return shapes


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, rdflib.Graph]:
    """Run pyshacl on a data graph (which must include the class hierarchy)."""
    from pyshacl import validate as pyshacl_validate

    conforms, results, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none",
                                            advanced=True, allow_warnings=True)
    return bool(conforms), results


def findings_of(results: rdflib.Graph, dataset: Dataset | None = None,
                nodes: Collection[str] | None = None) -> list[Finding]:
    """The validation results as findings, sorted, each with the file that defines its node; only those at
    the given focus nodes, when some are given."""
    findings = []
    results_of_report = [r for report in results.subjects(rdflib.RDF.type, SH.ValidationReport)
                         for r in results.objects(report, SH.result)]  # not the nested sh:detail ones
    for result in results_of_report:
        node = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        node_text = str(node) if node is not None else ""
        if nodes is not None and node_text not in nodes:
            continue
        findings.append(Finding(
            message=str(message) if message is not None else "constraint violated",
            node=node_text,
            path=str(path) if isinstance(path, rdflib.URIRef) else "",
            value=str(value) if value is not None else "",
            shape=str(shape) if isinstance(shape, rdflib.URIRef) else "",
        ))
    if dataset is not None:
        files = {node: dataset.file_of(node) for node in sorted({f.node for f in findings})}
        findings = [replace(f, file=files[f.node]) for f in findings]
    return sorted(set(findings), key=lambda f: (f.file, f.node, f.path, f.shape, f.value))


def check_shacl(dataset: Dataset, whole: bool = False) -> Outcome:
    """Validate the union of every graph of the dataset against the shapes (`whole`: with pyshacl on all of it)."""
    from sdkg.checks.shapes_sparql import Unsupported, compile_shapes

    shapes = load_shapes(dataset.tree.shapes, dataset.tree.relative(dataset.tree.shapes))
    if whole:
        return validate_whole(dataset, shapes)
    try:
        plan = compile_shapes(shapes, dataset.store, SAMPLE)
    except Unsupported:
        return validate_whole(dataset, shapes)
    findings = validate_flagged(dataset, shapes, plan)
    if findings is None:
        return validate_whole(dataset, shapes)
    if not findings:
        return Outcome("shacl", Status.PASS, f"{distinct_triples(dataset.store)} triples conform to "
                                             f"{_shape_count(shapes)} shapes")
    return Outcome("shacl", Status.FAIL, f"{len(findings)} violation(s) of the shapes", findings)


def validate_flagged(dataset: Dataset, shapes: rdflib.Graph, plan: "Plan") -> list[Finding] | None:
    """pyshacl's findings at the flagged focus nodes and the sample; None when the sample shows that the
    queries missed a violation."""
    from sdkg.checks.shapes_sparql import flagged_by_check, flagged_by_query, neighbourhood
    from sdkg.dataset.convert import to_rdflib_graph

    store = dataset.store
    tasks: list[Callable[[], set]] = [lambda q=q: flagged_by_query(store, q) for q in plan.flag_queries]
    tasks += [lambda c=c: flagged_by_check(store, c) for c in plan.value_checks]
    flagged: set = set().union(*parallel(lambda task: task(), tasks)) if tasks else set()
    sample: set = set().union(*parallel(lambda q: flagged_by_query(store, q), plan.sample_queries)) \
        if plan.sample_queries else set()
    focus = flagged | sample
    data = to_rdflib_graph(neighbourhood(store, focus, plan.reads))
    _, results = validate(data, shapes)
    flagged_ids = {rdflib_id(f) for f in flagged}
    findings = findings_of(results, dataset, {rdflib_id(f) for f in focus})
    if any(f.node not in flagged_ids for f in findings):
        return None
    return findings


def rdflib_id(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """How findings name a node: an IRI, or a blank node's identifier."""
    return term.value


def validate_whole(dataset: Dataset, shapes: rdflib.Graph) -> Outcome:
    """pyshacl on the union of every graph, as one rdflib graph."""
    data = dataset.to_rdflib()
    conforms, results = validate(data, shapes)
    findings = findings_of(results, dataset)
    if conforms:
        return Outcome("shacl", Status.PASS, f"{len(data)} triples conform to {_shape_count(shapes)} shapes")
    return Outcome("shacl", Status.FAIL, f"{len(findings)} violation(s) of the shapes", findings)


def distinct_triples(store: ox.Store) -> int:
    """The triples of the union of all graphs (a triple stated in two graphs counts once)."""
    solutions = store.query(DISTINCT_TRIPLES)
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))[0].value)


def _shape_count(shapes: rdflib.Graph) -> int:
    named = set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)) | set(shapes.subjects(rdflib.RDF.type, SH.PropertyShape))
    return sum(1 for s in named if isinstance(s, rdflib.URIRef))
