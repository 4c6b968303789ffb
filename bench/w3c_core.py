"""Run a SHACL engine on the W3C SHACL Core test suite (w3c/data-shapes, data-shapes-test-suite/tests/core).

    .venv/bin/python bench/w3c_core.py PATH/TO/data-shapes-test-suite/tests/core [--engine shacl|pyshacl]

A test passes when the engine's `conforms` is the expected one and the multiset of (focus node, result path,
constraint component) of its results equals the expected one (blank nodes and complex paths compared as "_:").
A test whose expected result is a failure passes when the engine refuses the input. The suite is not
committed here: take it from the w3c/data-shapes repository.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SH
from rdflib.util import from_n3

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
Key = tuple[str, str, str]


def term_key(term: object) -> str:
    return "_:" if term is None or isinstance(term, rdflib.BNode) else str(term)


def expected(graph: rdflib.Graph, entry: rdflib.term.Node) -> tuple[bool | None, Counter[Key]]:
    """The expected outcome of a test: conforms (None when the engine must fail) and its results."""
    report = graph.value(entry, MF.result)
    if report == SHT.Failure:
        return None, Counter()
    conforms = graph.value(report, SH.conforms)
    results = Counter((term_key(graph.value(r, SH.focusNode)),
                       term_key(graph.value(r, SH.resultPath)) if graph.value(r, SH.resultPath) is not None else "",
                       str(graph.value(r, SH.sourceConstraintComponent)))
                      for r in graph.objects(report, SH.result))
    return bool(conforms.toPython()) if conforms is not None else None, results


def run_shacl(data: Path, shapes: Path) -> tuple[bool, Counter[Key]]:
    import shacl

    report = shacl.Shapes.from_file(str(shapes)).validate_file(str(data))
    results: Counter[Key] = Counter()
    for r in report.results:
        path = r.path or ""
        results[(term_key(from_n3(r.focus_node)),
                 (path.strip("<>") if path.startswith("<") and path.endswith(">") and " " not in path else
                  ("_:" if path else "")), r.component_iri)] += 1
    return report.conforms, results


def run_pyshacl(data: Path, shapes: Path) -> tuple[bool, Counter[Key]]:
    from pyshacl import validate

    data_graph = rdflib.Graph().parse(data, format="turtle")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    conforms, report, _ = validate(data_graph, shacl_graph=shapes_graph, inference="none", advanced=True)
    results: Counter[Key] = Counter()
    for r in report.objects(None, SH.result):
        path = report.value(r, SH.resultPath)
        results[(term_key(report.value(r, SH.focusNode)), "" if path is None else term_key(path),
                 str(report.value(r, SH.sourceConstraintComponent)))] += 1
    return bool(conforms), results


def tests(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.ttl") if p.name != "manifest.ttl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", type=Path)
    parser.add_argument("--engine", choices=("shacl", "pyshacl"), default="shacl")
    args = parser.parse_args()
    engine = run_shacl if args.engine == "shacl" else run_pyshacl
    passed, failed = 0, []
    for path in tests(args.suite):
        graph = rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())
        for entry in graph.subjects(RDF.type, SHT.Validate):
            action = graph.value(entry, MF.action)
            data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
            shapes = Path(str(graph.value(action, SHT.shapesGraph)).removeprefix("file://"))
            conforms, results = expected(graph, entry)
            try:
                got_conforms, got = engine(data, shapes)
            except Exception as error:  # an engine refusing the input
                ok = conforms is None
                detail = f"refused: {' '.join(str(error).split())[:120]}"
            else:
                ok = conforms is not None and got_conforms == conforms and got == results
                detail = f"conforms {got_conforms} (expected {conforms}); {sum(got.values())} results " \
                         f"(expected {sum(results.values())})"
            name = str(path.relative_to(args.suite))
            if ok:
                passed += 1
            else:
                failed.append(f"{name}: {detail}")
    print(f"{args.engine}: {passed}/{passed + len(failed)} W3C SHACL Core tests passed")
    for line in failed:
        print("  not passed:", line)
    sys.exit(0 if not failed else 1)


if __name__ == "__main__":
    main()
