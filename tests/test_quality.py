"""Each SPARQL quality check is shown able to fail, on one small change to a valid tree."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minitree import make_tree
from sdkg.checks.quality import quality_queries
from sdkg.cli import main

EVIDENCE_002 = """
sdr:ev-900-002 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ; rdf:predicate sdkg:memberOf ; rdf:object sdr:sylvanian-union ;
    prov:wasQuotedFrom sdr:document-900 ; sdkg:support sdv:stated ;
    oa:hasSelector sdr:ev-900-002-quote , sdr:ev-900-002-span-1 .
sdr:ev-900-002-quote a oa:TextQuoteSelector ; oa:exact "Sylvanian Union" .
sdr:ev-900-002-span-1 a oa:TextPositionSelector ; oa:start 0 ; oa:end 84 .
"""

CASES: dict[str, tuple[dict[str, str], set[str]]] = {
    "missing-label": ({"data/entities/more.ttl": 'sdr:anon a sdkg:Goal ; skos:definition "No name."@en .\n'
                       'sdr:anon skos:altLabel "anon"@en .'}, {"sdr:anon"}),
    "missing-definition": ({"data/entities/more.ttl": 'sdr:undefined a sdkg:Goal ; skos:prefLabel "Undefined"@en .'},
                           {"sdr:undefined"}),
    "undeclared-term": ({"data/documents/document-900.ttl":
                         "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union ; sdkg:likes sdr:sylvanian-union ."},
                        {"sdkg:likes"}),
    "subclass-cycle": ({"ontology/cycle.ttl": "sdkg:Actor rdfs:subClassOf sdkg:Person ."},
                       {"sdkg:Actor", "sdkg:Person"}),
    "trailing-whitespace": ({"data/entities/more.ttl": 'sdr:spaced a sdkg:Goal ; skos:prefLabel "Spaced "@en ; '
                             'skos:definition "A goal."@en .'}, {"sdr:spaced"}),
    "literal-for-iri": ({"data/documents/document-900.ttl":
                         'sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union , "Sylvanian Union" .'},
                        {"sdr:freedonian-academy"}),
    "unmentioned-entity": ({"data/entities/more.ttl": 'sdr:lonely a sdkg:Goal ; skos:prefLabel "Lonely"@en ; '
                            'skos:definition "A goal no document names."@en .'}, {"sdr:lonely"}),
    "missing-evidence": ({"data/evidence/document-900.ttl": "sdr:unused a sdkg:Goal ."},
                         {"sdr:freedonian-academy"}),
    "orphan-evidence": ({"data/documents/document-900.ttl": "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .",
                         "data/evidence/extra.ttl": EVIDENCE_002.replace("sdkg:memberOf", "sdkg:challenges")},
                        {"sdr:ev-900-002"}),
    "duplicate-evidence": ({"data/evidence/extra.ttl": EVIDENCE_002}, {"sdr:ev-900-001"}),
    "document-graph-content": ({"data/documents/document-900.ttl":
                                "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .\n"
                                "sdr:freedonian-academy a sdkg:Academy ."}, {"sdr:freedonian-academy"}),
    "undefined-entity": ({"data/documents/document-900.ttl":
                          "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union , sdr:atlantis ."},
                         {"sdr:atlantis"}),
    "blank-node": ({"data/documents/document-900.ttl":
                    "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union , [ a sdkg:Bloc ] ."},
                   {"sdr:freedonian-academy", "_:"}),
    "duplicate-label": ({"data/entities/more.ttl": 'sdr:academy-twin a sdkg:Academy ; skos:prefLabel '
                         '"Freedonian academy of sciences"@en ; skos:definition "A twin."@en .'},
                        {"sdr:academy-twin"}),
    "label-clash": ({"data/entities/more.ttl": 'sdr:freedonia-academy-again a sdkg:Academy ; skos:prefLabel '
                     '"FAS"@en ; skos:definition "A second entity named by the first one\'s acronym."@en .\n'
                     'sdr:freedonian-academy skos:altLabel "FAS"@en .'}, {"sdr:freedonia-academy-again"}),
    "evidence-number": ({"data/evidence/document-900.ttl": EVIDENCE_002.replace("sdr:ev-900-002", "sdr:ev-901-007")
                         .replace('"Sylvanian Union"', '"Academy of Sciences joined the Sylvanian Union"')},
                        {"sdr:ev-901-007"}),
    "registry-statement": ({"data/entities/more.ttl": "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union ."},
                           {"sdr:freedonian-academy"}),
    "unrecorded-document": ({"data/documents/document-901.ttl":
                             "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union ."}, {"sdg:document-901"}),
}


def test_every_quality_query_has_a_case() -> None:
    assert {q.name.removesuffix("-violation") for q in quality_queries()} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_quality_check_reports_the_offending_nodes(name: str, tmp_path: Path) -> None:
    changes, expected = CASES[name]
    root = make_tree(tmp_path / "tree", changes)
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--only", "quality", "--format", "json"])
    assert result.exit_code == 1, result.stdout + result.stderr
    checks = {c["check"]: c for c in json.loads(result.stdout)["checks"]}
    nodes = {"_:" if f["node"].startswith("_:") else f["node"] for f in checks[f"quality:{name}"]["findings"]}
    assert nodes == expected
