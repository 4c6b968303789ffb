"""SHACL validation of the data against ontology/shapes.ttl, with pyshacl."""

from pathlib import Path

import rdflib
from rdflib.namespace import SH

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.errors import InputError
from sdkg.loader import Dataset


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


def findings_of(results: rdflib.Graph, dataset: Dataset | None = None) -> list[Finding]:
    """The validation results as findings, sorted, each with the file that defines its node."""
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
        findings.append(Finding(
            message=str(message) if message is not None else "constraint violated",
            node=node_text,
            path=str(path) if isinstance(path, rdflib.URIRef) else "",
            value=str(value) if value is not None else "",
            shape=str(shape) if isinstance(shape, rdflib.URIRef) else "",
            file=dataset.file_of(node_text) if dataset else "",
        ))
    return sorted(set(findings), key=lambda f: (f.file, f.node, f.path, f.shape, f.value))


def check_shacl(dataset: Dataset) -> Outcome:
    """Validate every graph of the dataset, as one union graph, against the shapes."""
    shapes = load_shapes(dataset.tree.shapes, dataset.tree.relative(dataset.tree.shapes))
    data = dataset.to_rdflib()
    conforms, results = validate(data, shapes)
    findings = findings_of(results, dataset)
    if conforms:
        return Outcome("shacl", Status.PASS, f"{len(data)} triples conform to {_shape_count(shapes)} shapes")
    return Outcome("shacl", Status.FAIL, f"{len(findings)} violation(s) of the shapes", findings)


def _shape_count(shapes: rdflib.Graph) -> int:
    named = set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)) | set(shapes.subjects(rdflib.RDF.type, SH.PropertyShape))
    return sum(1 for s in named if isinstance(s, rdflib.URIRef))
