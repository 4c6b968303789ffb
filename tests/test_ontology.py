"""The ontology header and the documentation of every term, as a published ontology needs them."""

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import sdkg
from sdkg.namespaces import ONTOLOGY, SDKG, VOCAB

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
ONTOLOGY_NODE = rdflib.URIRef(ONTOLOGY)


def test_exactly_one_ontology_node(ontology_graph: rdflib.Graph) -> None:
    assert list(ontology_graph.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY_NODE]


def test_ontology_header(ontology_graph: rdflib.Graph) -> None:
    g, o = ontology_graph, ONTOLOGY_NODE
    assert g.value(o, DCTERMS.title).language == "en"
    assert len(str(g.value(o, DCTERMS.description))) > 50
    assert g.value(o, DCTERMS.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(o, DCTERMS.creator) is not None
    assert str(g.value(o, VANN.preferredNamespacePrefix)) == "sdkg"
    assert str(g.value(o, VANN.preferredNamespaceUri)) == SDKG


def test_version_in_step_with_the_package(ontology_graph: rdflib.Graph, dataset) -> None:
    version = str(ontology_graph.value(ONTOLOGY_NODE, OWL.versionInfo))
    assert version == sdkg.__version__
    assert ontology_graph.value(ONTOLOGY_NODE, OWL.versionIRI) == rdflib.URIRef(f"{ONTOLOGY}/{version}")
    metadata = list(dataset.store.query(
        'SELECT ?v WHERE { GRAPH <https://w3id.org/sdkg/graph/metadata> '
        '{ <https://w3id.org/sdkg/resource/dataset> <http://www.w3.org/2002/07/owl#versionInfo> ?v } }'))
    assert [row["v"].value for row in metadata] == [version]


def our_terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in graph.subjects(RDF.type, None)
            if isinstance(s, rdflib.URIRef) and (str(s).startswith(SDKG) or str(s).startswith(VOCAB))}


def test_the_five_core_classes_exist(ontology_graph: rdflib.Graph) -> None:
    for name in ("Actor", "Initiative", "Treaty", "Technology", "Tension"):
        assert (rdflib.URIRef(SDKG + name), RDF.type, OWL.Class) in ontology_graph


def test_every_term_has_one_english_label_and_definition(ontology_graph: rdflib.Graph) -> None:
    terms = our_terms(ontology_graph)
    assert len(terms) > 100
    for term in terms:
        labels = [l for l in ontology_graph.objects(term, RDFS.label)] + \
                 [l for l in ontology_graph.objects(term, SKOS.prefLabel)]
        assert [l.language for l in labels] == ["en"], term
        definitions = list(ontology_graph.objects(term, SKOS.definition))
        assert [d.language for d in definitions] == ["en"], term
        assert ontology_graph.value(term, RDFS.isDefinedBy) == ONTOLOGY_NODE, term


def test_no_owl_imports(ontology_graph: rdflib.Graph) -> None:
    assert list(ontology_graph.objects(None, OWL.imports)) == []


def test_no_subclass_cycles(ontology_graph: rdflib.Graph) -> None:
    rows = ontology_graph.query("SELECT ?c WHERE { ?c rdfs:subClassOf+ ?c }", initNs={"rdfs": RDFS})
    assert list(rows) == []
