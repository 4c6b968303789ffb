"""Every stored query is a competency check: on the graph it must return at least one row."""

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from sdkg.queries.catalogue import StoredQuery, stored_queries
from sdkg.checks.report import Finding, Outcome, Status
from sdkg.queries.engines import has_answer
from sdkg.errors import InputError
from sdkg.dataset.loader import Dataset

CHECK = "queries"
ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
LIMIT_OR_OFFSET = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)
T = TypeVar("T")
R = TypeVar("R")


def answerable(dataset: Dataset) -> list[StoredQuery]:
    """The stored queries the check runs: those that need no remote service."""
    return [q for q in stored_queries(dataset.tree.queries) if not q.federated]


def answered(dataset: Dataset, query: StoredQuery) -> bool:
    """Whether the query gives a row. Its final ORDER BY is left out and LIMIT 1 put in its place: the same
    answer to whether there is a row, without sorting every row first (when the query does not aggregate,
    without even finding them all)."""
    text, source = query.text(), dataset.tree.relative(query.source.path)
    quicker = first_row_only(text)
    if quicker is not None:
        try:
            return has_answer(dataset.store, quicker, source)
        except InputError:
            pass  # report the error as the query itself gives it
    return has_answer(dataset.store, text, source)


def first_row_only(text: str) -> str | None:
    """The query with its final ORDER BY clause replaced by LIMIT 1; None when it has no such clause, or a
    LIMIT or OFFSET (which the order would change)."""
    end = text.rfind("}")
    tail = text[end + 1:]
    order = ORDER_BY.search(tail)
    if end < 0 or order is None or LIMIT_OR_OFFSET.search(tail):
        return None
    return text[:end + 1] + tail[:order.start()] + "\nLIMIT 1\n"


def check_competency(dataset: Dataset,
                     run: Callable[[Callable[[StoredQuery], bool], list[StoredQuery]], Iterable[bool]] = map
                     ) -> Outcome:
    """Run every stored query that needs no remote service (`run`: how to map over them, e.g. on a pool of
    threads); an empty answer is a failure."""
    queries = answerable(dataset)
    return competency_outcome(dataset, queries, list(run(lambda q: answered(dataset, q), queries)))


def competency_outcome(dataset: Dataset, queries: list[StoredQuery], answers: list[bool]) -> Outcome:
    """The outcome, from whether each query answered."""
    findings = [Finding(f"the question is not answered: {query.question}", node=query.name,
                        file=dataset.tree.relative(query.source.path))
                for query, answer in zip(queries, answers) if not answer]
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} of {len(queries)} stored queries return no row", findings)
    if not queries:
        return Outcome(CHECK, Status.FAIL, "no stored queries found", [Finding("queries/ holds no .rq file")])
    return Outcome(CHECK, Status.PASS, f"all {len(queries)} stored queries answer (federated ones are not run)")
