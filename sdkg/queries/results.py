"""Query results as rows of terms, and their output as a table, CSV, TSV or SPARQL JSON."""

import csv
import io
import json
from dataclasses import dataclass

from sdkg.namespaces import shorten


@dataclass(frozen=True)
class Term:
    """One value of a result row, as the SPARQL JSON results format describes it."""

    kind: str  # "uri", "literal" or "bnode"
    value: str
    language: str | None = None
    datatype: str | None = None

    def as_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.language:
            out["xml:lang"] = self.language
        elif self.datatype:
            out["datatype"] = self.datatype
        return out

    def display(self) -> str:
        return shorten(self.value) if self.kind == "uri" else self.value


@dataclass
class Results:
    """A SELECT result: its variables and rows (a missing key is an unbound value)."""

    variables: list[str]
    rows: list[dict[str, Term]]

    def to_json(self) -> str:
        return json.dumps({"head": {"vars": self.variables},
                           "results": {"bindings": [{k: t.as_json() for k, t in row.items()} for row in self.rows]}},
                          indent=2, ensure_ascii=False)

    def to_delimited(self, delimiter: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([row[v].value if v in row else "" for v in self.variables])
        return out.getvalue()

    def table_rows(self) -> list[list[str]]:
        return [[row[v].display() if v in row else "" for v in self.variables] for row in self.rows]


def from_sparql_json(document: dict) -> Results:
    """Results from a SPARQL 1.1 JSON results document (also accepting the older `typed-literal`)."""
    variables = list(document["head"]["vars"])
    rows = []
    for binding in document["results"]["bindings"]:
        row = {}
        for var, value in binding.items():
            kind = value["type"]
            if kind == "typed-literal":
                kind = "literal"
            row[var] = Term(kind, value["value"], value.get("xml:lang"), value.get("datatype"))
        rows.append(row)
    return Results(variables, rows)
