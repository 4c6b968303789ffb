"""Every evidence quote must occur, verbatim up to whitespace, in its document's source text."""

import re
from dataclasses import dataclass
from pathlib import Path

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import EVIDENCE_GRAPH, METADATA_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.dataset.tree import require_folder

CHECK = "quotes"
SOURCES_FOLDER = "the folder of source texts"
WHITESPACE = re.compile(r"\s+")

QUOTES_QUERY = f"""
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdkg: <https://w3id.org/sdkg/ontology#>
SELECT ?evidence ?quote ?document ?file WHERE {{
  GRAPH <{EVIDENCE_GRAPH}> {{ ?evidence sdkg:quote ?quote ; prov:wasQuotedFrom ?document }}
  OPTIONAL {{ GRAPH <{METADATA_GRAPH}> {{ ?document sdkg:sourceFile ?file }} }}
}}
ORDER BY ?evidence
"""


@dataclass(frozen=True)
class Quote:
    evidence: str
    text: str
    document: str
    source_file: str | None


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return WHITESPACE.sub(" ", text).strip()


def quotes_of(dataset: Dataset) -> list[Quote]:
    """Every evidence quote with its document and the document's source file name."""
    return [Quote(row["evidence"].value, row["quote"].value, row["document"].value,
                  row["file"].value if row["file"] is not None else None)
            for row in dataset.store.query(QUOTES_QUERY)]


def check_quotes(dataset: Dataset, sources: Path) -> Outcome:
    """Look up every quote in the source texts found in the folder `sources`."""
    require_folder(sources, SOURCES_FOLDER)
    texts: dict[str, str | None] = {}
    findings = []
    quotes = quotes_of(dataset)
    for quote in quotes:
        where = dataset.file_of(quote.evidence)
        if quote.source_file is None:
            findings.append(Finding(f"document {quote.document} has no sdkg:sourceFile in the metadata",
                                    node=quote.evidence, value=quote.document, file=where))
            continue
        if quote.source_file not in texts:
            path = sources / quote.source_file
            texts[quote.source_file] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        text = texts[quote.source_file]
        if text is None:
            findings.append(Finding(f"source text {quote.source_file} of {quote.document} is not in {sources}",
                                    node=quote.evidence, value=quote.document, file=where))
        elif normalise(quote.text) not in text:
            findings.append(Finding(f"quote not found in {quote.source_file} ({quote.document}): \"{quote.text}\"",
                                    node=quote.evidence, path="https://w3id.org/sdkg/ontology#quote",
                                    value=quote.document, file=where))
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} of {len(quotes)} quotes not verified", findings)
    return Outcome(CHECK, Status.PASS, f"{len(quotes)} quotes found verbatim in {len(texts)} source text(s)")
