"""The sentence behind a fact: for result rows that carry an evidence record (a variable `evidence`), the text of
its spans, read from the source texts the user keeps (`--sources DIR`). The project stores only quotes and
offsets; the sentences are shown, never stored."""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sdkg.dataset.layout import EVIDENCE_GRAPH, METADATA_GRAPH
from sdkg.dataset.sourcetext import SourceText, Span, read_source
from sdkg.errors import InputError
from sdkg.namespaces import OA, PROV, SDKG, SPDX
from sdkg.queries.results import Results, Term

EVIDENCE_VARIABLE = "evidence"
SENTENCE_VARIABLE = "sentence"
GAP = " [\u2026] "


@dataclass(frozen=True)
class Passage:
    """Where an evidence record points: its document's text file, the recorded SHA-256, and its spans."""

    source_file: str
    sha256: str | None
    spans: tuple[Span, ...]


def passages(store: ox.Store, records: list[str]) -> dict[str, Passage]:
    """The spans and source file of each evidence record that has them."""
    if not records:
        return {}
    values = " ".join(f"<{r}>" for r in records)
    query = f"""SELECT ?evidence ?file ?sha ?start ?end WHERE {{
      VALUES ?evidence {{ {values} }}
      GRAPH <{EVIDENCE_GRAPH}> {{ ?evidence <{PROV}wasQuotedFrom> ?document ; <{OA}hasSelector> ?span .
                                 ?span <{OA}start> ?start ; <{OA}end> ?end }}
      GRAPH <{METADATA_GRAPH}> {{ ?document <{SDKG}sourceFile> ?file .
        OPTIONAL {{ ?document <{SPDX}checksum> ?c . ?c <{SPDX}checksumValue> ?sha }} }}
    }}"""
    found: dict[str, tuple[str, str | None, list[Span]]] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        sha = row["sha"].value if row["sha"] else None
        entry = found.setdefault(row["evidence"].value, (row["file"].value, sha, []))
        entry[2].append(Span(int(row["start"].value), int(row["end"].value)))
    return {r: Passage(f, sha, tuple(sorted(set(spans)))) for r, (f, sha, spans) in found.items()}


class SourceTexts:
    """Source texts read on demand from a folder, refused when their checksum is not the recorded one."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise InputError("no such folder (the folder of source texts)", folder)
        self.folder = folder
        self.texts: dict[str, SourceText] = {}

    def get(self, passage: Passage) -> SourceText:
        if passage.source_file not in self.texts:
            path = self.folder / passage.source_file
            if not path.is_file():
                raise InputError(f"the source text {passage.source_file} is not in {self.folder}", path)
            text = read_source(path)
            if passage.sha256 and text.sha256 != passage.sha256:
                raise InputError(f"the text's SHA-256 is {text.sha256}, not {passage.sha256} as data/metadata.ttl "
                                 "records: this is another version of the text, so its offsets do not apply", path)
            self.texts[passage.source_file] = text
        return self.texts[passage.source_file]

    def sentence(self, passage: Passage) -> str:
        text = self.get(passage)
        for span in passage.spans:
            if span.end > len(text.text):
                raise InputError(f"a span ({span.start}-{span.end}) lies outside {passage.source_file} "
                                 f"({len(text.text)} characters): run sdkg check --sources")
        return GAP.join(text.excerpt(span) for span in passage.spans)


def with_sentences(results: Results, store: ox.Store, folder: Path) -> Results:
    """The results with a `sentence` column: the spans' text for rows whose `evidence` has spans."""
    if EVIDENCE_VARIABLE not in results.variables:
        return results
    records = sorted({row[EVIDENCE_VARIABLE].value for row in results.rows
                      if EVIDENCE_VARIABLE in row and row[EVIDENCE_VARIABLE].kind == "uri"})
    found = passages(store, records)
    texts = SourceTexts(folder)
    rows = []
    for row in results.rows:
        term = row.get(EVIDENCE_VARIABLE)
        passage = found.get(term.value) if term is not None else None
        rows.append({**row, SENTENCE_VARIABLE: Term("literal", texts.sentence(passage))} if passage else dict(row))
    variables = results.variables + ([SENTENCE_VARIABLE] if SENTENCE_VARIABLE not in results.variables else [])
    return Results(variables, rows)
