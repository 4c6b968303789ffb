"""The stored queries: one competency question per `.rq` file in queries/, with parameters.

A query's header gives `title`, `question`, optionally `param` lines of the form
`NAME: DEFAULT — what it is`, and `federated: yes` for queries that call a remote service.
In the query, a parameter is the variable `$NAME`; running the query puts the value in its place.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.namespaces import PREFIXES
from sdkg.queries.sparqlfile import SparqlFile, read_folder, read_sparql

PARAM_LINE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<default>\S+)\s*(?:[—-]+\s*(?P<help>.*))?$")
PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][\w-]*):(?P<local>[^\s<>\"]*)$")


@dataclass(frozen=True)
class Parameter:
    name: str
    default: str
    help: str


@dataclass(frozen=True)
class StoredQuery:
    """A stored query and what its header says of it."""

    source: SparqlFile

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def title(self) -> str:
        return self.source.field("title", self.name)

    @property
    def question(self) -> str:
        return self.source.field("question")

    @property
    def federated(self) -> bool:
        return self.source.field("federated").lower() in ("yes", "true")

    @property
    def parameters(self) -> list[Parameter]:
        params = []
        for line in self.source.fields("param"):
            match = PARAM_LINE.match(line)
            if not match:
                raise InputError(f"param line not of the form `NAME: DEFAULT — help`: {line}", self.source.path)
            params.append(Parameter(match["name"], match["default"], match["help"] or ""))
        return params

    def text(self, values: dict[str, str] | None = None) -> str:
        """The query with every parameter replaced by its given or default value."""
        values = dict(values or {})
        known = {p.name for p in self.parameters}
        unknown = set(values) - known
        if unknown:
            raise InputError(f"query {self.name} has no parameter {', '.join(sorted(unknown))} "
                             f"(its parameters: {', '.join(sorted(known)) or 'none'})")
        text = self.source.text
        for param in self.parameters:
            term = sparql_term(values.get(param.name, param.default), param.name)
            text = re.sub(rf"\${param.name}\b", lambda _: term, text)
        return text


def sparql_term(value: str, name: str = "value") -> str:
    """A parameter value as one SPARQL term: an IRI (`<...>` or http(s)://...), a prefixed name of ours, an
    integer, or else a string literal. An IRI is checked and written in N-Triples form, a string escaped, so
    no value can change the shape of the query; a bad value is bad input that names the parameter."""
    iri = None
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif re.match(r"^https?://", value):
        iri = value
    else:
        match = PREFIXED.match(value)
        if match and match["prefix"] in PREFIXES:
            iri = PREFIXES[match["prefix"]] + match["local"]
    if iri is not None:
        if any(c in iri for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in iri):
            raise InputError(f"--param {name}={value!r}: not a valid IRI (it holds a space, a control character or "
                             "one of < > \" { } | ^ ` \\)")
        try:
            return str(ox.NamedNode(iri))
        except ValueError as error:
            raise InputError(f"--param {name}={value!r}: not a valid IRI: {error}") from None
    if re.fullmatch(r"[+-]?\d+", value):
        return value
    return str(ox.Literal(value))


def stored_queries(folder: Path) -> list[StoredQuery]:
    """Every stored query of the folder, by name."""
    return [StoredQuery(f) for f in read_folder(folder)]


def find_query(folder: Path, name_or_path: str) -> StoredQuery:
    """A stored query by name, or an ad hoc query from a `.rq` file."""
    path = Path(name_or_path)
    if path.suffix == ".rq":
        if not path.is_file():
            raise InputError("no such file", path)
        return StoredQuery(read_sparql(path))
    queries = {q.name: q for q in stored_queries(folder)}
    if name_or_path not in queries:
        names = "\n  ".join(sorted(queries))
        raise InputError(f"no stored query named {name_or_path!r}; the stored queries are:\n  {names}")
    return queries[name_or_path]
