"""Add an entity to the registry (data/entities/NAME.ttl): a free slug, a class of the ontology, an English
preferred label no other entity uses as a preferred or alternative label, a definition in the curator's words."""

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, SKOS, Literal, URIRef

from sdkg.curate.files import read_graph, write_graph
from sdkg.curate.registry import Registry
from sdkg.dataset.layout import SLUG
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import RESOURCE, SDKG, shorten


@dataclass(frozen=True)
class EntityRequest:
    slug: str
    cls: str
    label: str
    definition: str
    alt_labels: tuple[str, ...] = ()
    where: str = ""


@dataclass(frozen=True)
class PlannedEntity:
    iri: str
    cls: str
    label: str
    definition: str
    alt_labels: tuple[str, ...]
    reminders: tuple[str, ...]


def label_owners(registry: Registry) -> dict[str, tuple[str, str, str]]:
    """Every label of the registry, folded, to (entity, kind, label as written)."""
    owners: dict[str, tuple[str, str, str]] = {}
    for iri in registry.entities:
        for kind, text in registry.labels.get(iri, []):
            owners.setdefault(text.casefold().strip(), (iri, kind, text))
    return owners


def plan_entity(registry: Registry, request: EntityRequest, taken: set[str],
                owners: dict[str, tuple[str, str, str]]) -> PlannedEntity:
    """Check one new entity; bad input says what is wrong and how to fix it."""
    slug = request.slug.strip().removeprefix("sdr:")
    if not SLUG.fullmatch(slug):
        raise InputError(f"slug {request.slug!r}: use lower-case English words joined by hyphens (e.g. iter-agreement)")
    iri = RESOURCE + slug
    if iri in taken:
        raise InputError(f"sdr:{slug} is taken ({registry.label(iri)!r}); slugs are never reused: reuse the entity, "
                         f"or pick another slug")
    cls = registry.resolve_class(request.cls)
    label, definition = request.label.strip(), request.definition.strip()
    if not label:
        raise InputError("the preferred label is empty")
    if len(definition.split()) < 4:
        raise InputError(f"the definition {definition!r} is too short: say in your own words what sdr:{slug} is")
    for kind, text in [("preferred", label), *(("alternative", a.strip()) for a in request.alt_labels)]:
        owner = owners.get(text.casefold())
        if owner:
            what = {"pref": "preferred label", "alt": "alternative label"}.get(owner[1], "label")
            raise InputError(f"the {kind} label {text!r} is already the {what} {owner[2]!r} of {shorten(owner[0])}: "
                             f"reuse {shorten(owner[0])} in your facts, or give this different thing a distinct label")
    reminders = []
    if SDKG + "Person" in registry.ancestors(cls):
        reminders.append(f"a person needs a role description, a fact of the document that names them: "
                         f"sdkg curate add DOCUMENT sdr:{slug} sdkg:roleDescription \"their role, in your words\" "
                         f"--quote \"...\"")
    if SDKG + "State" in registry.ancestors(cls):
        reminders.append("a state may get an ISO 3166 code and identity links in data/links.ttl, each checked "
                         "against a page (see data/README.md); leave it unlinked rather than guess")
    return PlannedEntity(iri, cls, label, definition, tuple(a.strip() for a in request.alt_labels if a.strip()),
                         tuple(reminders))


def add_entities(dataset: Dataset, file_name: str, requests: list[EntityRequest]) -> list[PlannedEntity]:
    """Check every entity, then write them all into data/entities/FILE.ttl (all or nothing)."""
    tree = dataset.tree
    stem = file_name.removesuffix(".ttl").removeprefix("entities/").removeprefix("data/entities/")
    path = tree.data / "entities" / f"{stem}.ttl"
    if not path.is_file():
        from sdkg.curate.suggest import did_you_mean

        known = [p.stem for p in (tree.data / "entities").glob("*.ttl")]
        raise InputError(f"no registry file data/entities/{stem}.ttl{did_you_mean(stem, known)} "
                         f"(known: {', '.join(sorted(known))}; `new-document` creates one per document)")
    registry = Registry.of(dataset)
    taken = {term.value for q in dataset.store.quads_for_pattern(None, None, None, None)
             for term in (q.subject, q.object) if isinstance(term, ox.NamedNode) and term.value.startswith(RESOURCE)}
    owners = label_owners(registry)
    planned, errors = [], []
    for request in requests:
        try:
            entity = plan_entity(registry, request, taken, owners)
        except InputError as error:
            errors.append(f"{request.where}: {error.message}" if request.where else error.message)
            continue
        planned.append(entity)
        taken.add(entity.iri)
        for kind, text in [("pref", entity.label), *(("alt", a) for a in entity.alt_labels)]:
            owners.setdefault(text.casefold(), (entity.iri, kind, text))
    if errors:
        raise InputError(errors[0] if len(errors) == 1 else
                         f"{len(errors)} entities refused, nothing written:\n" + "\n".join(errors))
    graph = read_graph(path, tree.relative(path))
    for entity in planned:
        node = URIRef(entity.iri)
        graph.add((node, RDF.type, URIRef(entity.cls)))
        graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="en")))
        graph.add((node, SKOS.definition, Literal(entity.definition, lang="en")))
        for alt in entity.alt_labels:
            graph.add((node, SKOS.altLabel, Literal(alt, lang="en")))
    write_graph(graph, path, tree.relative(path))
    return planned


def add_alt_labels(dataset: Dataset, name: str, labels: tuple[str, ...]) -> tuple[str, str]:
    """Give an entity more alternative labels (another name, an acronym, a source's spelling) in the registry
    file that defines it; a label another entity uses is refused. Returns (entity, file)."""
    registry = Registry.of(dataset)
    iri = registry.resolve_entity(name)
    owners = label_owners(registry)
    for text in labels:
        text = text.strip()
        if not text:
            raise InputError("an alternative label is empty")
        owner = owners.get(text.casefold())
        if owner and owner[0] == iri:
            raise InputError(f"{text!r} is already a label of {shorten(iri)}")
        if owner:
            raise InputError(f"{text!r} is already a label of {shorten(owner[0])}: one name, one thing")
    shown = dataset.file_of(iri)
    source = next((f for f in dataset.files if f.name == shown), None)
    if source is None or not shown.startswith("data/entities/"):
        raise InputError(f"{shorten(iri)} is not defined in a registry file (data/entities/*.ttl)")
    graph = read_graph(source.path, shown)
    for text in labels:
        graph.add((URIRef(iri), SKOS.altLabel, Literal(text.strip(), lang="en")))
    write_graph(graph, source.path, shown)
    return iri, shown
