"""One entity, one definition: an entity of the registry is typed in one file only.

The named graph is a set of triples, so an entity copied (even verbatim) into a second file of data/entities/
leaves no trace in the graph; only the files show it. Two definitions drift apart at the next edit, so the
copy is reported with both files.
"""

from collections import defaultdict

import pyoxigraph as ox

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import ENTITIES_GRAPH
from sdkg.dataset.loader import Dataset

CHECK = "quality:duplicate-definition"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def check_duplicate_definitions(dataset: Dataset) -> Outcome:
    """Every IRI typed in two or more files of the entities graph."""
    files_of: dict[str, list[str]] = defaultdict(list)
    sources = [source for source in dataset.files if source.graph == ENTITIES_GRAPH]
    for source in sources:
        typed = {q.subject.value for q in ox.parse(path=source.path, format=ox.RdfFormat.TURTLE)
                 if q.predicate == RDF_TYPE and isinstance(q.subject, ox.NamedNode)}
        for node in typed:
            files_of[node].append(source.name)
    findings = [Finding(f"entity defined in {len(files)} files ({', '.join(files)}): keep one definition",
                        node=node, file=files[1], value=files[0])
                for node, files in sorted(files_of.items()) if len(files) > 1]
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} entities defined in more than one file", findings)
    return Outcome(CHECK, Status.PASS, f"every entity is defined in one file ({len(sources)} registry files)")
