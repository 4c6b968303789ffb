"""Findings that point at the fix: each gets the file and line of the statement at fault (sdkg.checks.locate),
a hint (a near name for an unknown term or entity, the evidence record that nearly matches a fact), and repeats
are grouped under their root cause (one missing bibliographic record is one cause with a count, not a row per
evidence record)."""

from collections import defaultdict
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from sdkg.queries.engines import select_rows
from sdkg.checks.locate import Locator, Place
from sdkg.checks.report import Cause, Finding, Report
from sdkg.dataset.layout import ENTITIES_GRAPH, EVIDENCE_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import PROV, RDF, SDKG, VOCAB, shorten

REPEATS = 3  # this many findings of one check with one message and one value are shown as one cause
SHAPE_HINTS = {
    "RoleDescriptionShape": "add it as a fact of the document that names the person, with its evidence: "
                            "sdkg curate add DOC PERSON sdkg:roleDescription \"the role, in your words\" --quote \"...\"",
}
QUALITY_HINTS = {
    "quality:unmentioned-entity": "no document graph uses it: add a fact that names it, or remove it from the registry",
    "quality:missing-evidence": "give it an evidence record in data/evidence/ (`sdkg curate add` writes both), "
                                "or remove the fact",
    "quality:document-graph-content": "move it to the entity's registry file in data/entities/",
    "quality:registry-statement": "move it to the graph of the document that states it (`sdkg curate add DOC ...`) "
                                  "or, when no document does, to the curation graph (`sdkg curate add curation ...`)",
    "quality:label-clash": "if both name one thing, keep one entity and reuse it; else drop or change one label",
    "quality:evidence-number": "rename the record sdr:ev-NNN-MMM, with NNN its document's number and MMM the next "
                               "free number of that document",
}


def explain(report: Report, dataset: Dataset, sources: Path | None = None) -> Report:
    """The report with every finding located and hinted, and its root causes listed (`sources`: the folder of
    source texts, for a near file name when a record names a text that is not there)."""
    if not any(o.findings for o in report.outcomes):
        return report
    locator, hints = Locator(dataset), Hints(dataset, sources)
    locator.want(f.node for o in report.outcomes for f in o.findings)  # one pass over the files for them all
    targets = shape_targets(dataset) if any(o.check == "shacl" and o.findings for o in report.outcomes) else {}
    for outcome in report.outcomes:
        outcome.findings = [hints.add(outcome.check, place(locator, outcome.check, f, targets))
                            for f in outcome.findings]
    hints.pair_evidence(report)
    group(report, dataset, locator)
    return report


def shape_targets(dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Per node shape, its (kind, predicate) targets: a finding of the shape without a path is about the statement
    that made its node a target (`subjects` or `objects` of the predicate)."""
    import rdflib

    shapes = rdflib.Graph()
    try:
        shapes.parse(dataset.tree.shapes, format="turtle")
    except Exception:  # noqa: BLE001 - the SHACL check reports an unreadable shapes file itself
        return {}
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, term in (("subjects", sh.targetSubjectsOf), ("objects", sh.targetObjectsOf)):
        for shape, predicate in shapes.subject_objects(term):
            targets[str(shape)].append((kind, str(predicate)))
    return targets


def place(locator: Locator, check: str, finding: Finding,
          targets: dict[str, list[tuple[str, str]]] | None = None) -> Finding:
    """The finding with the file and line of the statement at fault."""
    node, path, value, prefer = finding.node, finding.path, finding.value, finding.file
    found: Place | None = None
    if node and not path and targets and finding.shape in targets:
        for kind, predicate in sorted(targets[finding.shape]):
            found = locator.statement(node, predicate, None, "") if kind == "subjects" \
                else locator.pointing_at(node, predicate)
            if found is not None:
                break
    if check in ("quality:undeclared-term", "quality:undefined-entity") and node and not path:
        found = locator.mention(node, prefer)
    if found is None and node and path:
        found = locator.statement(node, path, value, prefer) if value else None
        found = found or locator.statement(node, path, None, prefer)
    if found is None and node:
        found = locator.subject(node, prefer)
    if found is None:
        return finding
    return replace(finding, file=found.file, line=found.line)


class Hints:
    """Did-you-mean for unknown names, and fixes known for a rule."""

    def __init__(self, dataset: Dataset, sources: Path | None = None) -> None:
        self.dataset = dataset
        self.sources = sources

    def _iris(self, query: str) -> list[str]:
        return [row["t"].value for row in select_rows(self.dataset.store, query) if isinstance(row["t"], ox.NamedNode)]

    @cached_property
    def declared_terms(self) -> list[str]:
        return self._iris(f"SELECT DISTINCT ?t WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t a ?type }} }}")

    @cached_property
    def entities(self) -> list[str]:
        return self._iris(f"SELECT DISTINCT ?t WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?t a ?type }} }}")

    def add(self, check: str, finding: Finding) -> Finding:
        from sdkg.curate.suggest import nearest

        hint = ""
        if check == "quality:undeclared-term" and finding.node:
            near = nearest(shorten(finding.node), [shorten(t) for t in self.declared_terms
                                                   if t.startswith((SDKG, VOCAB))])
            hint = f"did you mean {', '.join(near)}?" if near else "declare it in ontology/ or use a declared term"
        elif check == "quality:undefined-entity" and finding.node:
            near = nearest(shorten(finding.node), [shorten(e) for e in self.entities])
            hint = (f"did you mean {', '.join(near)}? " if near else "") + \
                "or add it to the registry (`sdkg curate entity`)"
        elif check == "quotes" and finding.value.endswith(".txt") and self.sources is not None \
                and self.sources.is_dir() and not (self.sources / finding.value).is_file():
            near = nearest(finding.value, [p.name for p in self.sources.glob("*.txt")], limit=1, cutoff=80)
            hint = f"did you mean {near[0]}? (fix sdkg:sourceFile in data/metadata.ttl)" if near else \
                f"put the text in {self.sources}, or fix sdkg:sourceFile in data/metadata.ttl"
        elif check in QUALITY_HINTS:
            hint = QUALITY_HINTS[check]
        elif finding.shape.rsplit("#", 1)[-1] in SHAPE_HINTS:
            hint = SHAPE_HINTS[finding.shape.rsplit("#", 1)[-1]]
        return replace(finding, hint=hint) if hint and not finding.hint else finding

    def pair_evidence(self, report: Report) -> None:
        """A fact without evidence and a record for no fact that differ in one end: probably one typo."""
        missing = [(o, i, f) for o in report.outcomes if o.check == "quality:missing-evidence"
                   for i, f in enumerate(o.findings)]
        orphans = [(o, i, f) for o in report.outcomes if o.check == "quality:orphan-evidence"
                   for i, f in enumerate(o.findings)]
        if not missing or not orphans:
            return
        described = {}
        for row in select_rows(self.dataset.store, f"""SELECT ?e ?s ?p ?o WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{
                ?e <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o }} }}"""):
            described[row["e"].value] = (row["s"].value, row["p"].value, row["o"].value)
        for mo, mi, fact in missing:
            for oo, oi, orphan in orphans:
                record = described.get(orphan.node)
                if record is None:
                    continue
                same = sum(a == b for a, b in zip(record, (fact.node, fact.path, fact.value)))
                if same == 2:
                    what = ["subject", "predicate", "object"][[a == b for a, b in
                                                             zip(record, (fact.node, fact.path, fact.value))].index(False)]
                    mo.findings[mi] = replace(mo.findings[mi], hint=f"{shorten(orphan.node)} describes the same fact "
                                              f"with another {what} ({shorten(record[['subject', 'predicate', 'object'].index(what)])}): a typo in one of them?")
                    oo.findings[oi] = replace(oo.findings[oi], hint=f"it nearly describes {shorten(fact.node)} "
                                              f"{shorten(fact.path)} {shorten(fact.value)} ({fact.file}:{fact.line}): "
                                              f"the {what} differs")


def twice_defined(dataset: Dataset) -> list[tuple[str, int]]:
    """Evidence IRIs that carry two records: more than one subject, predicate or object."""
    query = f"""SELECT ?e (MAX(?n) AS ?count) WHERE {{
      {{ SELECT ?e ?p (COUNT(DISTINCT ?v) AS ?n) WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{ ?e ?p ?v }}
         VALUES ?p {{ <{RDF}subject> <{RDF}predicate> <{RDF}object> }} }} GROUP BY ?e ?p }}
      FILTER(?n > 1) }} GROUP BY ?e ORDER BY ?e"""
    return [(row["e"].value, int(row["count"].value)) for row in select_rows(dataset.store, query)]


def group(report: Report, dataset: Dataset, locator: Locator) -> None:
    """Attach findings to root causes: documents without records, records without graphs, evidence quoting
    an unknown document, undefined entities, and repeats of one message and value."""
    causes: dict[str, Cause] = {}
    reasons: dict[str, str] = {}  # node or value -> cause key

    def cause(key: str, message: str, where: Place | None, hint: str) -> None:
        causes.setdefault(key, Cause(message, where.file if where else "", where.line if where else None, hint))

    store = dataset.store
    records = {row["d"].value: row["g"].value for row in select_rows(store, 
        f"SELECT ?d ?g WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?d <{SDKG}factsGraph> ?g }} }}")}
    documents = {row["d"].value for row in select_rows(store, 
        f"SELECT ?d WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?d a <{SDKG}SourceDocument> }} }}")}
    graphs_with_files = {f.graph: f.name for f in dataset.files}
    unregistered = [g for g in dataset.document_graphs if g not in records.values()]
    for document, graph in records.items():
        if graph not in graphs_with_files:
            from sdkg.curate.suggest import nearest

            name = graph.rsplit("/", 1)[-1]
            spare = nearest(name, [g.rsplit("/", 1)[-1] for g in unregistered], limit=1, cutoff=50)
            key = f"record:{document}"
            cause(key, f"{shorten(document)} names the graph {shorten(graph)}, which has no file "
                       f"data/documents/{name}.ttl",
                  locator.statement(document, SDKG + "factsGraph", graph),
                  f"rename data/documents/{spare[0]}.ttl to {name}.ttl" if spare else
                  f"write its facts in data/documents/{name}.ttl, or fix the record's sdkg:factsGraph")
            reasons[document] = key
    for graph in unregistered:
        key = f"graph:{graph}"
        cause(key, f"the graph {shorten(graph)} ({graphs_with_files[graph]}) has no bibliographic record "
                   f"(no sdkg:factsGraph {shorten(graph)} in data/metadata.ttl)",
              Place(graphs_with_files[graph], None),
              "register its text with `sdkg curate new-document`, or fix the record's sdkg:factsGraph")
        for row in select_rows(store, f"SELECT DISTINCT ?x WHERE {{ GRAPH <{graph}> {{ {{ ?x ?p ?o }} UNION "
                               f"{{ ?s ?p ?x }} }} FILTER(isIRI(?x)) }}"):
            reasons.setdefault(row["x"].value, key)
    quoted = defaultdict(list)
    for row in select_rows(store, f"SELECT ?e ?d WHERE {{ GRAPH <{EVIDENCE_GRAPH}> {{ ?e <{PROV}wasQuotedFrom> ?d }} }}"):
        quoted[row["d"].value].append(row["e"].value)
    for document, evidence in sorted(quoted.items()):
        evidence.sort()
        if document not in documents:
            key = f"document:{document}"
            first = locator.statement(evidence[0], PROV + "wasQuotedFrom", document)
            cause(key, f"{len(evidence)} evidence record(s) quote {shorten(document)}, which has no bibliographic "
                       f"record in data/metadata.ttl",
                  first, "register its text with `sdkg curate new-document`, or fix prov:wasQuotedFrom")
            reasons[document] = key
            reasons.update({e: key for e in evidence})
    twice = twice_defined(dataset)
    locator.want(iri for iri, _ in twice)
    for iri, count in twice:
        where = locator.subject(iri)
        lines = locator.subject_lines(where.file, iri) if where else []
        key = f"twice:{iri}"
        cause(key, f"{shorten(iri)} is defined {count} times (one IRI for two records)"
                   + (f", at lines {', '.join(str(n + 1) for n in lines)}" if len(lines) > 1 else ""),
              where, "give each record its own number (the next free one of its document)")
        reasons[iri] = key
    triples: dict[tuple[str, str, str], str] = {}
    for outcome in report.outcomes:
        if outcome.check == "quality:undefined-entity":
            for f in outcome.findings:
                key = f"entity:{f.node}"
                cause(key, f"{shorten(f.node)} is used but not in the registry", Place(f.file, f.line), f.hint)
                reasons.setdefault(f.node, key)
        if outcome.check in ("quality:document-graph-content", "quality:registry-statement"):
            for f in outcome.findings:  # the same statement then also lacks evidence: one cause
                triples[(f.node, f.path, f.value)] = f"statement:{outcome.check}:{f.node} {f.path} {f.value}"
                cause(triples[(f.node, f.path, f.value)], f"{outcome.check}: {f.message}", Place(f.file, f.line),
                      f.hint or QUALITY_HINTS.get(outcome.check, ""))
    for outcome in report.outcomes:
        outcome.findings = [
            replace(f, cause=triples.get((f.node, f.path, f.value)) or reasons.get(f.node) or reasons.get(f.value)
                    or "") if not f.cause else f for f in outcome.findings]
        repeats = defaultdict(list)
        for i, f in enumerate(outcome.findings):
            if not f.cause and f.value and f.value != f.node:  # one value behind many rows: one cause
                repeats[(f.message, f.value)].append(i)
        for (message, value), indices in repeats.items():
            if len(indices) >= REPEATS:
                key = f"repeat:{outcome.check}:{message}:{value}"
                head = outcome.findings[indices[0]]
                cause(key, f"{outcome.check}: {message}" + (f" ({shorten(value)})" if value else ""),
                      Place(head.file, head.line), head.hint)
                for i in indices:
                    outcome.findings[i] = replace(outcome.findings[i], cause=key)
    counts: dict[str, int] = defaultdict(int)
    for outcome in report.outcomes:
        for f in outcome.findings:
            if f.cause:
                counts[f.cause] += 1
    report.causes = [replace(c, key=k, count=counts[k]) for k, c in causes.items() if counts[k] or
                     k.startswith(("graph:", "record:", "document:"))]
