"""`sdkg terms`: the properties of document facts and the classes, read from the ontology."""

import json

import rdflib
from click.testing import CliRunner

from minitree import REPO
from sdkg.cli import main

SDKG = rdflib.Namespace("https://w3id.org/sdkg/ontology#")


def terms(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["terms", "--root", str(REPO), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_properties_come_with_domain_range_and_definition() -> None:
    ontology = rdflib.Graph().parse(REPO / "ontology" / "sdkg.ttl")
    listed = {t["name"]: t for t in terms()}
    declared = {p for p in ontology.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty) if p.startswith(SDKG)}
    fact_properties = {p for p in declared if ontology.value(p, rdflib.RDFS.domain) not in
                       (SDKG.Evidence, SDKG.SourceDocument, SDKG.LinkCheck)} - {SDKG.support, SDKG.checkedAgainst,
                                                                                  SDKG.factsGraph}
    assert {"sdkg:" + p.split("#")[1] for p in fact_properties} <= set(listed)
    party = listed["sdkg:hasParty"]
    assert (party["domain"], party["range"]) == ("sdkg:Treaty", "sdkg:Actor")
    assert party["definition"] == str(ontology.value(SDKG.hasParty, rdflib.SKOS.definition))
    assert listed["sdkg:year"]["kind"] == "value" and listed["sdkg:year"]["range"] == "xsd:integer"
    for record_term in ("sdkg:quote", "sdkg:support", "sdkg:sourceFile", "sdkg:checkNote", "sdkg:factsGraph"):
        assert record_term not in listed  # they describe records and documents, not the world


def test_classes_come_with_their_parents() -> None:
    classes = {t["name"]: t for t in terms("--classes")}
    assert "sdkg:Actor" in classes["sdkg:State"]["parent"]
    assert classes["sdkg:IntergovernmentalOrganisation"]["definition"]
