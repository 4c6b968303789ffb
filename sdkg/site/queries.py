"""The stored queries, each with its answer on the embedded engine."""

import re
from dataclasses import dataclass, field

from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import PREFIXES
from sdkg.queries.catalogue import Parameter, stored_queries
from sdkg.queries.engines import query_embedded
from sdkg.site.names import Names, Ref, query_page
from sdkg.site.registry import EntitySummary

LIST_SEPARATOR = " | "  # how the stored queries join a GROUP_CONCAT list
Cell = list[Ref]  # one value, or the items of a list that the query joined


@dataclass
class QueryAnswer:
    """A stored query and its answer (or the error that it gave)."""

    name: str
    ref: Ref
    title: str
    question: str
    sparql: str
    federated: bool
    parameters: list[Parameter]
    runnable: str = ""  # the SPARQL with the parameters' default values, as the editor opens it
    defaults: list[Ref] = field(default_factory=list)  # each parameter's default, linked to its page
    variables: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    error: str = ""
    mentions: set[str] = field(default_factory=set)  # IRIs of the entities its answer names

    @property
    def headers(self) -> list[str]:
        """The column names in words: `remedyLabel` -> "Remedy", `documentTitle` -> "Document title"."""
        return [heading(v) for v in self.variables]


def default_ref(value: str, known: Names) -> Ref:
    """A parameter's default as a page shows it: a prefixed name or IRI of ours leads to its page."""
    prefix, _, local = value.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else value.strip("<>")
    ref = known.ref(iri) if iri.startswith("http") else Ref(value)
    return Ref(value, ref.href, ref.iri) if ref.href else Ref(value)


def heading(variable: str) -> str:
    """A variable name as a column heading."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", variable).replace("_", " ").split()
    if len(words) > 1 and words[-1] in ("Label", "Name"):
        words = words[:-1]
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


def run_queries(dataset: Dataset, known: Names, entities: dict[str, EntitySummary]) -> list[QueryAnswer]:
    """Every stored query with its current answer on the embedded engine (federated ones are not run)."""
    label_of = {e.label: iri for iri, e in entities.items()}
    answers = []
    for query in stored_queries(dataset.tree.queries):
        answer = QueryAnswer(query.name, Ref(query.title, query_page(query.name)), query.title, query.question,
                             query.source.text, query.federated, query.parameters, query.text())
        answer.defaults = [default_ref(p.default, known) for p in query.parameters]
        answers.append(answer)
        if query.federated:
            continue
        try:
            results = query_embedded(dataset.store, query.text(), str(query.source.path))
        except InputError as error:
            answer.error = str(error)
            continue
        answer.variables = results.variables
        for row in results.rows:
            cells: list[Cell] = []
            for variable in results.variables:
                term = row.get(variable)
                if term is None:
                    cells.append([])
                elif term.kind == "uri":
                    cells.append([known.ref(term.value)])  # a page of the site, else the IRI as a link
                    if term.value in entities:
                        answer.mentions.add(term.value)
                else:
                    pieces = term.value.split(LIST_SEPARATOR) if term.value else [""]
                    cells.append([known.text_ref(p) for p in pieces])
                    answer.mentions.update(label_of[p] for p in pieces if p in label_of)
            answer.rows.append(cells)
    return answers
