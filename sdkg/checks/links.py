"""`links` check: identifiers well formed, one item per entity and authority, one entity per item, linked
entities typed and current (not deprecated), every link verified by exactly one link-check record that cites
an accepted source, and curated facts taken only from external items their entities are linked to."""

from collections import defaultdict
from collections.abc import Callable

import pyoxigraph as ox

from sdkg.checks.report import Finding, Outcome, Status
from sdkg.dataset.layout import ENTITIES_GRAPH, EVIDENCE_GRAPH, LINKS_GRAPH
from sdkg.links.coverage import WELL_FORMED, Link, LinkCheckRecord, link_checks, links, replacements
from sdkg.links.authorities import authority_of
from sdkg.links.sources import accepted_source
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import PROV, RDF

RDF_TYPE = ox.NamedNode(RDF + "type")
ENTITIES = ox.NamedNode(ENTITIES_GRAPH)

CHECK = "links"
LINKS_FILE = "data/links.ttl"


def malformed(all_links: list[Link]) -> list[Finding]:
    findings = []
    for link in all_links:
        if link.authority is None:
            findings.append(Finding("the identifier belongs to no known authority (Wikidata, DBpedia, ROR, "
                                    "GeoNames, ISO 3166)", link.entity, link.predicate, link.target, file=LINKS_FILE))
        elif not WELL_FORMED[link.authority.key].match(link.target):
            findings.append(Finding(f"not a well-formed {link.authority.name} identifier", link.entity,
                                    link.predicate, link.target, file=LINKS_FILE))
    return findings


def ambiguous(all_links: list[Link]) -> list[Finding]:
    """An entity with two items of one authority, or an item claimed by two entities."""
    by_entity: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_target: dict[str, set[str]] = defaultdict(set)
    for link in all_links:
        if link.authority is not None:
            by_entity[(link.entity, link.authority.key)].add(link.target)
            by_target[link.target].add(link.entity)
    findings = [Finding(f"linked to {len(targets)} different items of one authority: {', '.join(sorted(targets))}",
                        entity, value=authority, file=LINKS_FILE)
                for (entity, authority), targets in sorted(by_entity.items()) if len(targets) > 1]
    findings += [Finding(f"the same external item is linked from {len(entities)} entities: "
                         f"{', '.join(sorted(entities))}", target, file=LINKS_FILE)
                 for target, entities in sorted(by_target.items()) if len(entities) > 1]
    return findings


def untyped(all_links: list[Link], typed: Callable[[str], bool], replaced: dict[str, str]) -> list[Finding]:
    """Links on entities the registry does not type; a deprecated entity is named with its replacement."""
    findings = []
    for link in all_links:
        if link.entity in replaced:
            target = replaced[link.entity]
            where = f"move the link to {target}, which replaces it" if target else "move it to the entity now used"
            findings.append(Finding(f"the linked entity is deprecated: {where}", link.entity, link.predicate,
                                    link.target, file=LINKS_FILE))
        elif not typed(link.entity):
            findings.append(Finding("a linked entity is not typed in the entities graph", link.entity,
                                    link.predicate, link.target, file=LINKS_FILE))
    return findings


def typed_in_registry(dataset: Dataset) -> Callable[[str], bool]:
    """Whether a node is typed in the entities graph (looked up for the linked nodes only)."""
    known: dict[str, bool] = {}

    def typed(node: str) -> bool:
        if node not in known:
            known[node] = any(next(iter(dataset.store.quads_for_pattern(term, RDF_TYPE, None, ENTITIES)), None)
                              is not None for term in terms(node))
        return known[node]
    return typed


def terms(node: str) -> list[ox.NamedNode | ox.BlankNode]:
    """The node an identifier of a report names: an IRI, or else a blank node's identifier."""
    found: list[ox.NamedNode | ox.BlankNode] = []
    for kind in (ox.NamedNode, ox.BlankNode):
        try:
            found.append(kind(node))
        except ValueError:
            continue
    return found


def unverified(dataset: Dataset, all_links: list[Link]) -> list[Finding]:
    """Each link has exactly one link-check record with a page and a note, and each record a link."""
    records = link_checks(dataset)
    by_statement: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    findings = []
    for record in records:
        by_statement[(record.entity, record.predicate, record.target)].append(record.node)
        if len(record.pages) != 1 or len(record.notes) != 1:
            findings.append(Finding("a link-check record needs one sdkg:checkedAgainst page and one sdkg:checkNote",
                                    record.node, file=LINKS_FILE))
    statements = {(link.entity, link.predicate, link.target) for link in all_links}
    for statement in sorted(statements):
        count = len(by_statement.get(statement, []))
        if count != 1:
            findings.append(Finding(f"the link has {count} link-check records; it needs exactly one",
                                    statement[0], statement[1], statement[2], file=LINKS_FILE))
    for statement, nodes in sorted(by_statement.items()):
        if statement not in statements:
            findings += [Finding("the link-check record is about a link the links graph does not state",
                                 node, statement[1], statement[2], file=LINKS_FILE) for node in nodes]
    return findings


def unaccepted(records: list[LinkCheckRecord]) -> list[Finding]:
    """Link checks citing a page that is not on the list of accepted sources (a mirror, a content farm, a list
    typed by hand)."""
    return [Finding(f"checked against {page}, which is not an accepted source: re-check the link against a "
                    "registry record, Wikidata-derived data or English Wikipedia, or add the source with its reason "
                    "to sdkg/links/sources.py", record.node, value=page, file=LINKS_FILE)
            for record in records for page in record.pages if accepted_source(page) is None]


def derived_from_unlinked_items(dataset: Dataset) -> list[Finding]:
    """A curated record that takes its fact from an external item (prov:wasDerivedFrom) of an authority we link
    to must name an item the links graph gives for the fact's subject: facts come from linked items only."""
    evidence, linked_graph = ox.NamedNode(EVIDENCE_GRAPH), ox.NamedNode(LINKS_GRAPH)
    findings = []
    for quad in dataset.store.quads_for_pattern(None, ox.NamedNode(PROV + "wasDerivedFrom"), None, evidence):
        item = quad.object
        if not isinstance(item, ox.NamedNode) or authority_of(item.value) is None:
            continue
        subjects = [q.object for q in dataset.store.quads_for_pattern(quad.subject, ox.NamedNode(RDF + "subject"),
                                                                      None, evidence)]
        for subject in subjects:
            if not isinstance(subject, ox.NamedNode) or next(iter(dataset.store.quads_for_pattern(
                    subject, None, item, linked_graph)), None) is None:
                findings.append(Finding(f"the curated fact is taken from {item.value}, which the links graph does "
                                        f"not give for {subject.value}: link the entity to that item (with its "
                                        "link check) or take the fact from the item it is linked to",
                                        quad.subject.value, PROV + "wasDerivedFrom", item.value,
                                        file="data/evidence/curation.ttl"))
    return findings


def check_links(dataset: Dataset) -> Outcome:
    """All link rules in one outcome."""
    all_links = links(dataset)
    findings = (malformed(all_links) + ambiguous(all_links)
                + untyped(all_links, typed_in_registry(dataset), replacements(dataset))
                + unverified(dataset, all_links) + unaccepted(link_checks(dataset))
                + derived_from_unlinked_items(dataset))
    if findings:
        return Outcome(CHECK, Status.FAIL, f"{len(findings)} problems in {len(all_links)} links", findings)
    entities = len({link.entity for link in all_links})
    return Outcome(CHECK, Status.PASS, f"{len(all_links)} links of {entities} entities: well formed, "
                                       "unambiguous, typed, each verified once against an accepted source")
