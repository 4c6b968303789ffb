"""Quality checks written as SPARQL: each query returns the offending rows; none is a pass."""

from pathlib import Path

import pyoxigraph as ox

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.loader import Dataset
from sdkg.queries.sparqlfile import SparqlFile, read_folder

QUALITY_DIR = Path(__file__).parent / "quality"


def quality_queries() -> list[SparqlFile]:
    """The quality checks shipped with the package."""
    return read_folder(QUALITY_DIR)


def run_quality_query(dataset: Dataset, query: SparqlFile) -> Outcome:
    """Run one quality check on the dataset's named graphs."""
    solutions = dataset.store.query(query.text)
    assert isinstance(solutions, ox.QuerySolutions)
    findings = []
    for row in solutions:
        values = {v.value: _text(row[v]) for v in solutions.variables}
        node = values.get("node", "")
        graph = values.get("graph", "")
        findings.append(Finding(
            message=query.field("message", query.field("title")),
            node=node, path=values.get("path", ""), value=values.get("value", ""),
            shape=f"quality:{query.name}",
            file=dataset.file_of(node) or _graph_file(dataset, graph),
        ))
    name = f"quality:{query.name.removesuffix('-violation')}"
    if findings:
        return Outcome(name, Status.FAIL, f"{len(findings)} row(s): {query.field('title')}", findings)
    return Outcome(name, Status.PASS, f"0 rows: {query.field('title')}")


def check_quality(dataset: Dataset) -> list[Outcome]:
    """Every quality check shipped with the package."""
    return [run_quality_query(dataset, query) for query in quality_queries()]


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def _graph_file(dataset: Dataset, graph: str) -> str:
    files = [f.name for f in dataset.files if f.graph == graph]
    return files[0] if len(files) == 1 else ""
