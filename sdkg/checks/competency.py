"""Every stored query is a competency check: on the graph it must return at least one row."""

from sdkg.catalogue import stored_queries
from sdkg.checks.report import Finding, Outcome, Status
from sdkg.engines import query_embedded
from sdkg.loader import Dataset

CHECK = "queries"


def check_competency(dataset: Dataset) -> Outcome:
    """Run every stored query that needs no remote service; an empty answer is a failure."""
    queries = [q for q in stored_queries(dataset.tree.queries) if not q.federated]
    findings = []
    for query in queries:
        results = query_embedded(dataset.store, query.text(), dataset.tree.relative(query.source.path))
        if not results.rows:
            findings.append(Finding(f"the question is not answered: {query.question}",
                                    node=query.name, file=dataset.tree.relative(query.source.path)))
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} of {len(queries)} stored queries return no row", findings)
    if not queries:
        return Outcome(CHECK, Status.FAIL, "no stored queries found", [Finding("queries/ holds no .rq file")])
    return Outcome(CHECK, Status.PASS, f"all {len(queries)} stored queries answer (federated ones are not run)")
