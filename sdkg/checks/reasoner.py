"""OWL 2 reasoning with HermiT (through owlready2): consistency and unsatisfiable classes.

The reasoner sees the ontology graph, and what of the entity registry and the document graphs can matter to
it. Evidence, links and metadata use vocabularies outside OWL 2 DL (RDF reification, for one) and are checked
by SHACL and the quality checks instead.

What can matter: our ontology only has named classes and properties, subclass, equivalence and disjointness
axioms, domains and ranges, sub-properties and functional data properties (sdkg.checks.abox checks that it
stays so). Then whether the data is consistent is decided node by node: a node makes the whole inconsistent
exactly when the classes it is asserted to have, together with those the domains of its properties and the
ranges of the properties pointing at it imply, include disjoint ones, or when one of its literal values does
not fit its property. Two nodes with the same classes and the same kinds of literal values stand or fall
together; so HermiT reasons over the ontology and one representative node of each such kind, with the
statements that give it those classes and values, and its verdict is the verdict on all the data. Classes
are unsatisfiable or not because of the ontology alone, which HermiT sees whole. The summary says how many
nodes the representatives stand for. When the ontology or the data leave that fragment, HermiT reasons over
every statement of the entities and document graphs.
"""

import io
import shutil

import pyoxigraph as ox

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.literals import is_ill_typed
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import shorten

CHECK = "reasoner"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def reasoner_graphs(dataset: Dataset) -> list[str]:
    """The graphs the reasoner needs: the ontology, the entities and the document graphs."""
    return [ONTOLOGY_GRAPH, ENTITIES_GRAPH, *dataset.document_graphs]


def check_reasoner(dataset: Dataset, whole: bool = False) -> Outcome:
    """Run HermiT on the ontology and what of the facts can matter (`whole`: all facts); report inconsistency
    and unsatisfiable classes."""
    from sdkg.checks.abox import NotLocal, representatives

    if shutil.which("java") is None:  # an environment fault (exit 2), unless the user asked for no reasoner
        return Outcome(CHECK, Status.ERROR,
                       "not run: the OWL reasoner (HermiT) needs Java: install a Java runtime (java on PATH), "
                       "or pass --no-reasoner to check without it")
    if not whole:
        try:
            reduction = representatives(dataset)
        except NotLocal:
            pass
        else:
            return reason(reduction.triples, scope=reduction.summary())
    triples = [q.triple for q in dataset.quads(reasoner_graphs(dataset))]
    return reason(triples)


def ill_typed(triples: list[ox.Triple]) -> tuple[list[ox.Triple], list[Finding]]:
    """The triples without ill-typed literals, and a finding for each one left out (HermiT cannot read them)."""
    kept, findings = [], []
    for triple in triples:
        value = triple.object
        if isinstance(value, ox.Literal) and is_ill_typed(value.value, value.datatype.value):
            findings.append(Finding(f"ill-typed literal: {value.value!r} is not a valid {shorten(value.datatype.value)}"
                                    " (left out of reasoning)", node=_text(triple.subject),
                                    path=triple.predicate.value, value=str(value)))
        else:
            kept.append(triple)
    return kept, findings


def reason(triples: list[ox.Triple], scope: str | None = None) -> Outcome:
    """Reason over the given triples and describe the result (`scope`: what they stand for).

    Ill-typed literals are left out and reported as findings; a reasoner that cannot run (Java fails, the
    input cannot be read) is an ERROR outcome, never a crash of `sdkg check`."""
    import owlready2

    triples, bad_literals = ill_typed(triples)
    if scope is None:
        typed = len({t.subject for t in triples if t.predicate == RDF_TYPE and isinstance(t.subject, ox.NamedNode)})
        scope = f"{typed} typed nodes, {len(triples)} triples reasoned over"
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    world = owlready2.World()
    ontology = world.get_ontology("https://w3id.org/sdkg/ontology")
    try:
        ontology.load(fileobj=io.BytesIO(ntriples), format="ntriples")
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return Outcome(CHECK, Status.FAIL, "the ontology and data are inconsistent", [
            Finding("HermiT found the ontology together with the entities and document facts inconsistent: "
                    "some individual is typed against a disjointness, domain or range axiom"), *bad_literals])
    except owlready2.OwlReadyJavaError as error:
        return Outcome(CHECK, Status.ERROR, f"the reasoner could not run (Java failed, not the data): "
                                            f"{_java_message(error)}", bad_literals)
    except owlready2.OwlReadyOntologyParsingError as error:
        first = (str(error).strip().splitlines() or [""])[0][:300]
        return Outcome(CHECK, Status.ERROR, f"the reasoner could not read the graph: {first}", bad_literals)
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != owlready2.Nothing.iri)
    if unsatisfiable:
        return Outcome(CHECK, Status.FAIL, f"{len(unsatisfiable)} unsatisfiable class(es)",
                       [Finding("class can have no instance (unsatisfiable)", node=iri) for iri in unsatisfiable]
                       + bad_literals)
    classes = sum(1 for _ in world.classes())
    if bad_literals:
        return Outcome(CHECK, Status.FAIL, f"{len(bad_literals)} ill-typed literal(s) left out; the rest is "
                                           f"consistent ({classes} classes; {scope})", bad_literals)
    return Outcome(CHECK, Status.PASS, f"HermiT: consistent, no unsatisfiable class ({classes} classes; {scope})")


def _text(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def _java_message(error: Exception) -> str:
    text = str(error).strip().splitlines()
    useful = [line for line in text if "Exception" in line or "Error" in line] or text[-1:] or ["no output"]
    return "HermiT failed: " + useful[0][:400]
