"""A synthetic sdkg tree of about N triples, shaped like the real one and valid against its checks.

The tree has the real ontology/ and queries/, and data/ laid out as the curated data is: a metadata graph with
the dataset record and the source documents, an entity registry with entities of every core class and subclass,
one graph of facts per document (the real properties, each used within its domain and range), one evidence
record per fact with a short quote and the span of its sentence (provenance v2), a few curated statements in
the curation graph with a curator's record each (sdr:ev-cur-NNN), the checksum of each source text in the
metadata, and identity links with their link-check records. Every pattern of docs/MODELLING.md that a stored
query asks for is generated, and fixed anchor facts make every stored query answer at any size. It also writes, under
sources/, a text per document that holds every quote, so that `sdkg check --sources` can run.

The same seed, size and source tree always give the same bytes. Nothing is committed: the benchmark generates
its corpora when it runs.
"""

import hashlib
import json
import random
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from sdkg.errors import InputError
from sdkg.dataset.layout import ontology_files
from sdkg.namespaces import OWL, RDF, RDFS, SDKG, SKOS, VOCAB
from sdkg.dataset.tree import SourceTree

MARKER: Final = "bench.json"  # written into every generated tree; an existing tree with it may be replaced
SOURCES: Final = "sources"
PREFIXES: Final = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "dbr": "http://dbpedia.org/resource/",
    "oa": "http://www.w3.org/ns/oa#",
    "owl": OWL,
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": "https://schema.org/",
    "sdg": "https://w3id.org/sdkg/graph/",
    "sdkg": SDKG,
    "sdr": "https://w3id.org/sdkg/resource/",
    "sdv": VOCAB,
    "skos": SKOS,
    "spdx": "http://spdx.org/rdf/terms#",
    "void": "http://rdfs.org/ns/void#",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# The kinds of entities of the registry, each the root of a class hierarchy, with the share of entities the
# real registry gives it (roughly).
ROOTS: Final = {"Actor": 31, "Initiative": 20, "Treaty": 4, "Technology": 7, "Tension": 8, "Goal": 8,
                "GlobalChallenge": 8, "Event": 4, "Place": 5, "Recommendation": 5}
# Pools that facts draw their subjects and objects from, beyond the roots.
SUBPOOLS: Final = ("Organisation", "Person", "State", "Bloc", "Community", "Company")

SCHEME = "scheme:"  # an object pool made of the concepts of one SKOS concept scheme
FIXED = "sdr:"  # an object that is always the same entity (an anchor), as in the real data
YEAR, PERIOD, ROLE = "year", "period", "role"  # object pools of literals


@dataclass(frozen=True)
class Template:
    """A kind of fact: its property, where its subject and object come from, how often the data uses it."""

    predicate: str
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    weight: int
    single: bool = False  # at most one value per subject (sh:maxCount 1 or a functional property)


# Weights follow the real document graphs; subjects and objects keep to the domains, ranges and shapes.
TEMPLATES: Final = (
    Template("addresses", ("Initiative", "Treaty", "Actor", "Recommendation"), ("GlobalChallenge",), 52),
    Template("hasParticipant", ("Initiative",), ("Actor",), 35),
    Template("couldEase", ("Initiative", "Recommendation", "Treaty", "Actor"), ("Tension",), 29),
    Template("tensionBetween", ("Tension",), ("Actor",), 8),
    Template("concernsTechnology", ("Initiative", "Treaty", "Tension", "Event", "Actor"), ("Technology",), 26),
    Template("pursues", ("Actor", "Initiative"), ("Goal",), 21),
    Template("basedIn", ("Actor",), ("Place", "State"), 20),
    Template("hasCharacteristic", ("Technology",), (SCHEME + "technology-characteristics",), 19),
    Template("diplomacyTrack", ("Initiative",), (SCHEME + "diplomacy-tracks",), 19),
    Template("involvedActor", ("Event",), ("Actor",), 18),
    Template("status", ("Initiative", "Treaty"), (SCHEME + "initiative-statuses",), 17, single=True),
    Template("recommendedActor", ("Recommendation",), ("Actor",), 8),
    Template("aggravatedBy", ("Tension",), ("Event", "Initiative", "Treaty", "Technology", "Actor"), 13),
    Template("proposesInitiative", ("Recommendation",), ("Initiative",), 13),
    Template("year", ("Treaty", "Event", "Initiative"), (YEAR,), 13, single=True),
    Template("promotes", ("Actor",), ("Initiative", "Goal", "Technology", "Treaty"), 11),
    Template("locatedIn", ("Initiative", "Treaty", "Event", "Place"), ("Place", "State"), 11),
    Template("resultedIn", ("Initiative", "Event", "Treaty"), ("Initiative", "Treaty", "Event", "Actor"), 9),
    Template("subOrganisationOf", ("Organisation",), ("Actor",), 9),
    Template("involvesInitiative", ("Tension",), ("Initiative", "Treaty"), 8),
    Template("scienceDiplomacyDimension", ("Initiative",), (SCHEME + "science-diplomacy-dimensions",), 8),
    Template("sponsoredBy", ("Initiative",), ("Actor",), 8),
    Template("startYear", ("Initiative", "Organisation"), (PERIOD,), 8, single=True),
    Template("affiliatedWith", ("Person",), ("Actor",), 8),
    Template("uses", ("Actor",), ("Initiative", "Technology"), 7),
    Template("roleDescription", ("Person",), (ROLE,), 2),
    Template("ledBy", ("Initiative",), ("Actor",), 6),
    Template("memberOf", ("Actor",), ("Actor",), 5),
    Template("foundedBy", ("Initiative", "Treaty"), ("Actor",), 5),
    Template("hasParty", ("Treaty",), ("Actor",), 5),
    Template("partOf", ("Initiative",), ("Initiative", "Treaty"), 4),
    Template("challenges", ("Actor",), ("Actor",), 3),
    Template("modelFor", ("Initiative", "Treaty"), ("Initiative", "Treaty", "Event", "Actor"), 3),
    Template("mergedInto", ("Organisation",), ("Organisation",), 2, single=True),
    Template("producedBy", ("Initiative",), ("Actor",), 2),
    Template("ownedBy", ("Organisation",), ("Actor",), 1),
    Template("coSponsoredBy", ("Initiative",), ("Actor",), 1),
    Template("mediatedBy", ("Initiative",), ("Actor",), 1),
    Template("appointedBy", ("Initiative",), ("Actor",), 1),
    Template("inspired", ("Initiative", "Treaty", "Actor"), ("Initiative", "Treaty", "Event", "Actor"), 1),
    # The patterns of docs/MODELLING.md for roles, examples, scope, systems, strains, aims and applications.
    Template("exampleOf", ("Initiative", "Treaty", "Event", "Actor", "Tension"),
             ("Initiative", "Tension", "Treaty", "Event", "Actor", "Goal"), 32),
    Template("strains", ("Event", "Initiative"), ("Initiative", "Treaty", "Actor", "Goal", "GlobalChallenge"), 11),
    Template("hasApplication", ("Technology",), (SCHEME + "technology-applications",), 11),
    Template("hasStrategicAim", ("Actor",), ("Goal",), 8),
    Template("operatesIn", ("Organisation", "Initiative", "Treaty"), ("Place",), 8),
    Template("withinSystemOf", ("Organisation", "Initiative"), (FIXED + "united-nations",), 8),
    Template("hasRole", ("Organisation",), (SCHEME + "actor-roles",), 6),
    Template("seeksToAttract", ("Actor", "Initiative"), ("Actor", "Goal"), 3),
    Template("during", ("Initiative", "Event"), ("Event",), 4),
)

# Entities and facts the stored queries ask about by name (their default parameters), so that every stored
# query answers on any generated corpus: (slug, class, label).
ANCHORS: Final = (
    ("russia", "State", "Russia"),
    ("united-states", "State", "United States"),
    ("the-west", "Bloc", "The West"),
    ("national-interest", "Goal", "National interest"),
    ("global-public-good", "Goal", "Global public good"),
    ("national-interest-vs-global-public-good", "Tension", "National interest versus the global public good"),
    ("russia-west-tension", "Tension", "Russia and the West"),
    ("us-russia-nuclear-standoff", "Tension", "Nuclear standoff between the United States and Russia"),
    ("nuclear-technology", "Technology", "Nuclear technology"),
    ("nuclear-security", "GlobalChallenge", "Nuclear security"),
    ("science-diplomacy", "Mechanism", "Science diplomacy"),
    ("international-geophysical-year", "ScientificYear", "International Geophysical Year"),
    ("antarctic-treaty", "Treaty", "Antarctic Treaty"),
    ("international-council-of-scientific-unions", "ScientificUnion", "International Council of Scientific Unions"),
    ("international-science-council", "ScientificUnion", "International Science Council"),
    ("russian-academy-of-sciences", "Academy", "Russian Academy of Sciences"),
    ("a-science-envoy", "Person", "A science envoy"),
    ("a-platform-company", "Platform", "A platform company"),
    ("recommendation-keep-scientific-channels-open", "Recommendation", "Keep scientific channels open"),
    ("united-nations", "IntergovernmentalOrganisation", "United Nations"),
    ("a-un-science-agency", "IntergovernmentalOrganisation", "A science agency of the United Nations"),
    ("antarctica", "Region", "Antarctica"),
    ("a-border-conflict", "Conflict", "A border conflict"),
)
CURATED: Final = -1  # the "document" of a curated statement: the curation graph, with a curator's record
ANCHOR_FACTS: Final = (  # (document, subject, predicate, object as a Turtle term)
    (0, "national-interest-vs-global-public-good", "hasPole", "sdr:national-interest"),
    (0, "national-interest-vs-global-public-good", "hasPole", "sdr:global-public-good"),
    (0, "national-interest-vs-global-public-good", "tensionKind", "sdv:between-goals"),
    (0, "russia-west-tension", "tensionBetween", "sdr:russia"),
    (0, "russia-west-tension", "tensionBetween", "sdr:the-west"),
    (0, "russia-west-tension", "tensionKind", "sdv:between-actors"),
    (0, "russia-west-tension", "aggravatedBy", "sdr:a-platform-company"),
    (1, "us-russia-nuclear-standoff", "tensionBetween", "sdr:russia"),
    (1, "us-russia-nuclear-standoff", "tensionBetween", "sdr:united-states"),
    (1, "us-russia-nuclear-standoff", "tensionKind", "sdv:between-actors"),
    (1, "us-russia-nuclear-standoff", "concernsTechnology", "sdr:nuclear-technology"),
    (1, "nuclear-technology", "hasCharacteristic", "sdv:dual-use"),
    (0, "science-diplomacy", "couldEase", "sdr:national-interest-vs-global-public-good"),
    (0, "science-diplomacy", "addresses", "sdr:nuclear-security"),
    (0, "russia", "promotes", "sdr:science-diplomacy"),
    (1, "russia", "promotes", "sdr:science-diplomacy"),
    (1, "international-geophysical-year", "diplomacyTrack", "sdv:track-2"),
    (1, "international-geophysical-year", "resultedIn", "sdr:antarctic-treaty"),
    (1, "international-geophysical-year", "year", '"1957"^^xsd:integer'),
    (1, "international-geophysical-year", "sponsoredBy", "sdr:international-council-of-scientific-unions"),
    (1, "antarctic-treaty", "hasParty", "sdr:russia"),
    (1, "antarctic-treaty", "hasParty", "sdr:united-states"),
    (1, "antarctic-treaty", "year", '"1959"^^xsd:integer'),
    (1, "international-council-of-scientific-unions", "mergedInto", "sdr:international-science-council"),
    (1, "international-science-council", "startYear", '"2018"^^xsd:integer'),
    (0, "russian-academy-of-sciences", "basedIn", "sdr:russia"),
    (0, "a-science-envoy", "roleDescription", '"Science envoy of a state"@en'),
    (0, "a-science-envoy", "affiliatedWith", "sdr:russian-academy-of-sciences"),
    (0, "a-platform-company", "challenges", "sdr:united-states"),
    (0, "recommendation-keep-scientific-channels-open", "couldEase", "sdr:russia-west-tension"),
    (0, "recommendation-keep-scientific-channels-open", "recommendedActor", "sdr:russia"),
    (0, "recommendation-keep-scientific-channels-open", "proposesInitiative", "sdr:science-diplomacy"),
    (1, "united-states", "memberOf", "sdr:the-west"),
    (1, "international-geophysical-year", "hasParticipant", "sdr:russia"),
    (1, "international-geophysical-year", "exampleOf", "sdv:track-2"),
    (1, "antarctic-treaty", "operatesIn", "sdr:antarctica"),
    (0, "a-un-science-agency", "withinSystemOf", "sdr:united-nations"),
    (0, "a-un-science-agency", "hasRole", "sdv:trusted-broker"),
    (0, "international-science-council", "hasRole", "sdv:standard-setter"),
    (0, "a-border-conflict", "strains", "sdr:global-public-good"),
    (0, "nuclear-technology", "hasApplication", "sdv:security-and-defence"),
    (CURATED, "international-geophysical-year", "scienceDiplomacyDimension", "sdv:science-for-diplomacy"),
)
INFERRED_SHARE: Final = 0.23  # the share of facts the 0.2.0 evidence marked as inferred; generated as implied
CURATED_SHARE: Final = 0.1  # random facts curated, not stated (about 2.5% of all facts, as in the real data)
SHARED_SHARE: Final = 0.05  # the share of facts a second document also states
LINKED_SHARE: Final = 0.18  # the share of entities with an identity link
DOCUMENT_FACTS: Final = 2000  # facts per source document, roughly
TRIPLES_PER_ENTITY: Final = 24  # registry, links, and about two facts with their evidence

SYLLABLES: Final = ("ka", "ro", "va", "len", "mi", "dor", "sa", "tel", "an", "ri", "bel", "co", "nu", "var",
                    "ti", "os", "ma", "lin", "pe", "ur", "den", "qua", "si", "mon", "el", "ga", "thi", "por")
WORDS: Final = ("science", "diplomacy", "cooperation", "states", "research", "agreement", "security", "council",
                "academy", "tension", "between", "the", "of", "and", "with", "a", "new", "international",
                "scientists", "nuclear", "technology", "global", "programme", "treaty", "partners", "open",
                "talks", "union", "policy", "data", "shared", "network", "polar", "climate", "ocean", "space")
ALPHABET_ROR: Final = "0123456789abcdefghjkmnpqrstvwxyz"
ALPHABET_UPPER: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Entity:
    slug: str
    cls: str  # local name of its class in the sdkg namespace
    root: str
    label: str
    document: int  # the document that first mentions it
    alt_labels: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """What was generated: triples per part, entities, facts, documents, files."""

    triples: dict[str, int]
    entities: int
    facts: int
    documents: int
    files: int

    @property
    def total(self) -> int:
        return sum(self.triples.values())


class Ontology:
    """The class hierarchy, the class labels and the concept schemes of the source tree's ontology."""

    def __init__(self, tree: SourceTree) -> None:
        self.store = ox.Store()
        for path in ontology_files(tree):
            self.store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
        self.triples = len(self.store)
        self.labels = {s: o for s, o in self._pairs(RDFS + "label") if s.startswith(SDKG)}
        self.concept_labels = {s: o for s, o in self._pairs(SKOS + "prefLabel") if s.startswith(VOCAB)}
        self.parents: dict[str, list[str]] = defaultdict(list)
        for child, parent in self._pairs(RDFS + "subClassOf"):
            self.parents[child].append(parent)
        self.schemes: dict[str, list[str]] = defaultdict(list)
        for concept, scheme in self._pairs(SKOS + "inScheme"):
            self.schemes[scheme.removeprefix(VOCAB)].append(concept.removeprefix(VOCAB))
        for concepts in self.schemes.values():
            concepts.sort()

    def _pairs(self, predicate: str) -> list[tuple[str, str]]:
        return sorted((q.subject.value, q.object.value) for q in self.store.quads_for_pattern(
            None, ox.NamedNode(predicate), None, None)
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode | ox.Literal))

    def ancestors(self, cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            for parent in self.parents.get(todo.pop(), []):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def classes_under(self, root: str) -> list[str]:
        """The root and every sdkg class below it, by local name."""
        root_iri = SDKG + root
        return sorted(c.removeprefix(SDKG) for c in self.labels
                      if c == root_iri or root_iri in self.ancestors(c))


class Corpus:
    """The corpus being generated: entities, facts per document, evidence, links; counts its triples."""

    def __init__(self, ontology: Ontology, triples: int, seed: int) -> None:
        self.ontology = ontology
        self.random = random.Random(seed)
        self.target = triples
        self.entities: list[Entity] = []
        self.slugs: set[str] = set()
        self.pools: dict[str, list[Entity]] = defaultdict(list)
        self.facts: list[dict[str, list[tuple[str, str]]]] = []  # per document: subject -> (predicate, object)
        self.fact_keys: set[tuple[int, str, str, str]] = set()
        self.single: set[tuple[str, str]] = set()  # (subject, predicate) given its one value
        self.evidence: list[list[tuple[str, str, str, bool]]] = []  # per document: (subject, predicate, object, inferred)
        self.mentioned: set[str] = set()
        self.broader: list[tuple[str, str]] = []
        self.links: list[tuple[str, str, str, str]] = []  # (slug, predicate, target term, authority)
        self.curated: list[tuple[str, str, str]] = []  # statements of the curation graph, one record each
        self.stated: dict[tuple[str, str, str], bool] = {}  # every statement: True when curated
        self.counts: dict[str, int] = defaultdict(int)
        self.counts["ontology"] = ontology.triples
        self.documents = 0
        self.by_slug: dict[str, Entity] = {}
        self.anchor_subjects = {subject for _, subject, _, _ in ANCHOR_FACTS}
        self.class_of_root = {root: ontology.classes_under(root) for root in ROOTS}
        self.sub_classes = {pool: set(ontology.classes_under(pool)) for pool in SUBPOOLS}
        self.templates_by_root = {root: [t for t in TEMPLATES if root in t.subjects] for root in
                                  (*ROOTS, *SUBPOOLS)}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    # -- names and words -------------------------------------------------------------------------------

    def name(self) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 3))).capitalize()

    def words(self, low: int, high: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(self.random.randint(low, high)))

    # -- entities --------------------------------------------------------------------------------------

    def add_entity(self, slug: str, cls: str, label: str, document: int, anchor: bool = False) -> Entity:
        """A new entity; random facts draw on every entity but the anchors, whose facts are fixed."""
        root = next(r for r in ROOTS if cls in self.class_of_root[r])
        entity = Entity(slug, cls, root, label, document)
        if self.random.random() < 0.5:
            entity.alt_labels.append(f"{label} ({self.name()})")
        self.entities.append(entity)
        self.slugs.add(slug)
        if not anchor:
            self.pools[root].append(entity)
            for pool, classes in self.sub_classes.items():
                if cls in classes:
                    self.pools[pool].append(entity)
        self.counts["entities"] += 3 + len(entity.alt_labels)  # type, preferred label, definition
        return entity

    def add_entities(self, count: int) -> None:
        for slug, cls, label in ANCHORS:
            self.add_entity(slug, cls, label, 0, anchor=True)
        every = [c for root in ROOTS for c in self.class_of_root[root]]
        roots, weights = list(ROOTS), list(ROOTS.values())
        for index in range(max(count - len(ANCHORS), len(every))):
            cls = every[index] if index < len(every) else \
                self.random.choice(self.class_of_root[self.random.choices(roots, weights)[0]])
            kind = self.ontology.labels[SDKG + cls]
            label = f"{self.name()} {kind.lower()} {index + 1}"
            slug = "-".join(label.lower().replace("(", "").replace(")", "").split())
            self.add_entity(slug, cls, label[0].upper() + label[1:], self.random.randrange(self.documents))
        for pool in ("Technology", "GlobalChallenge"):  # a hierarchy of broader areas
            members = self.pools[pool]
            for index, entity in enumerate(members[1:], start=1):
                if self.random.random() < 0.5:
                    self.broader.append((entity.slug, members[self.random.randrange(index)].slug))
                    self.counts["entities"] += 1

    # -- facts -----------------------------------------------------------------------------------------

    def add_fact(self, document: int, subject: str, predicate: str, obj: str, inferred: bool | None = None) -> bool:
        key = (document, subject, predicate, obj)
        curated = document == CURATED
        if key in self.fact_keys or self.stated.get((subject, predicate, obj), curated) != curated:
            return False  # a statement is either in documents or curated, never both
        self.fact_keys.add(key)
        self.stated[(subject, predicate, obj)] = curated
        if curated:
            self.curated.append((subject, predicate, obj))
            self.counts["curation"] += 1
            self.counts["evidence"] += 6  # the record: type, statement, support, the curator's comment
        else:
            self.facts[document].setdefault(subject, []).append((predicate, obj))
            if inferred is None:
                inferred = self.random.random() < INFERRED_SHARE
            self.evidence[document].append((subject, predicate, obj, inferred))
            self.counts["documents"] += 1
            self.counts["evidence"] += 14 if inferred else 13  # the record, its quote selector and its span
        self.mentioned.add(subject)
        if obj.startswith("sdr:"):
            self.mentioned.add(obj[4:])
        return True

    def pick(self, pools: tuple[str, ...], avoid: str = "") -> str | None:
        pool = self.pools[self.random.choice([p for p in pools if self.pools[p]] or [pools[0]])]
        if not pool:
            return None
        entity = self.random.choice(pool)
        return None if entity.slug == avoid else entity.slug

    def object_for(self, template: Template, subject: str) -> list[str]:
        """The object term(s) of a new fact: one term, or a year with its month, or a period."""
        kind = template.objects[0]
        if kind.startswith(SCHEME):
            return [f"sdv:{self.random.choice(self.ontology.schemes[kind.removeprefix(SCHEME)])}"]
        if kind == YEAR:
            return [f'"{self.random.randint(1900, 2030)}"^^xsd:integer']
        if kind == PERIOD:
            return [f'"{self.random.randint(1900, 2030)}"^^xsd:integer']
        if kind == ROLE:
            return [f'"{self.words(3, 6).capitalize()}"@en']
        if kind.startswith(FIXED):
            return [kind]
        target = self.pick(template.objects, avoid=subject)
        return [f"sdr:{target}"] if target else []

    def fact_from(self, template: Template, subject: Entity, document: int) -> int:
        """Add one fact of a template about a subject (and what it entails); the number of facts added."""
        if template.single and (subject.slug, template.predicate) in self.single:
            return 0
        objects = self.object_for(template, subject.slug)
        if not objects:
            return 0
        added = 0
        documents = [document]
        if document != CURATED and self.documents > 1 and self.random.random() < SHARED_SHARE:
            documents.append((document + 1 + self.random.randrange(self.documents - 1)) % self.documents)
        if template.objects[0] == YEAR and (subject.slug, "month") not in self.single and self.random.random() < 0.3:
            objects.append(f'"{self.random.randint(1, 12)}"^^xsd:integer')  # the month within the year
        if template.objects[0] == PERIOD and self.random.random() < 0.4:
            objects.append(f'"{int(objects[0].split(chr(34))[1]) + self.random.randint(0, 40)}"^^xsd:integer')
        follower = "month" if template.objects[0] == YEAR else "endYear"
        for doc in documents:
            added += self.add_fact(doc, subject.slug, template.predicate, objects[0])
            if len(objects) > 1:
                self.add_fact(doc, subject.slug, follower, objects[1])
        if template.single:
            self.single.add((subject.slug, template.predicate))
            if template.objects[0] == YEAR:
                self.single.add((subject.slug, "month"))
        return added

    def required_facts(self, entity: Entity) -> None:
        """What the shapes require of some entities, and one fact that mentions every other."""
        doc, slug = entity.document, entity.slug
        anchored = slug in self.anchor_subjects
        if entity.root == "Tension" and not anchored:
            if self.random.random() < 0.3 and len(self.pools["Goal"]) >= 2:
                poles = self.random.sample(self.pools["Goal"], 2)
                self.add_fact(doc, slug, "tensionKind", "sdv:between-goals")
                for pole in poles:
                    self.add_fact(doc, slug, "hasPole", f"sdr:{pole.slug}")
            else:
                parties = self.random.sample(self.pools["Actor"], 2)
                kind = "between-platforms-and-states" if self.random.random() < 0.15 else "between-actors"
                self.add_fact(doc, slug, "tensionKind", f"sdv:{kind}")
                for party in parties:
                    self.add_fact(doc, slug, "tensionBetween", f"sdr:{party.slug}")
        elif entity.root == "Recommendation" and not anchored:
            target = self.random.choice(self.pools["Tension"])
            self.add_fact(doc, slug, "couldEase", f"sdr:{target.slug}")
            self.add_fact(doc, slug, "recommendedActor", f"sdr:{self.random.choice(self.pools['Actor']).slug}")
        if entity.cls == "Person" and not anchored:
            self.add_fact(doc, slug, "roleDescription", f'"{self.words(3, 6).capitalize()}"@en')
        if slug in self.mentioned:
            return
        templates = [t for t in self.subject_templates(entity) if not t.single]
        for _ in range(1000 if templates else 0):
            if self.fact_from(self.random.choice(templates), entity, doc):
                return
        template = next(t for t in TEMPLATES if entity.root in t.objects)  # Goal, GlobalChallenge
        for _ in range(1000):
            subject = self.entity(self.pick(template.subjects))
            if subject is not None and self.add_fact(doc, subject.slug, template.predicate, f"sdr:{slug}"):
                return

    def entity(self, slug: str | None) -> Entity | None:
        return self.by_slug.get(slug) if slug else None

    def subject_templates(self, entity: Entity) -> list[Template]:
        pools = [entity.root, *(p for p, classes in self.sub_classes.items() if entity.cls in classes)]
        return [t for t in TEMPLATES if any(p in t.subjects for p in pools)]

    def random_fact(self) -> None:
        template = self.random.choices(TEMPLATES, [t.weight for t in TEMPLATES])[0]
        slug = self.pick(template.subjects)
        subject = self.entity(slug)
        if subject is not None:
            curated = self.random.random() < CURATED_SHARE
            self.fact_from(template, subject, CURATED if curated else subject.document)

    # -- links -----------------------------------------------------------------------------------------

    def add_links(self) -> None:
        codes = [a + b for a in ALPHABET_UPPER for b in ALPHABET_UPPER]
        self.random.shuffle(codes)
        for index, entity in enumerate(self.entities):
            if entity.cls == "State" and codes:
                self.link(entity, "owl:sameAs", f"wd:Q{1000 + index}", "wikidata")
                self.link(entity, "owl:sameAs", f"<https://sws.geonames.org/{500000 + index}/>", "geonames")
                self.link(entity, "sdkg:iso3166Alpha2", f'"{codes.pop()}"', "iso3166")
            elif self.random.random() < LINKED_SHARE:
                predicate = "skos:exactMatch" if entity.root in ("Technology", "GlobalChallenge") else "owl:sameAs"
                self.link(entity, predicate, f"wd:Q{1000 + index}", "wikidata")
                if entity.cls in ("University", "ResearchInstitute"):
                    self.link(entity, "owl:sameAs", f"<https://ror.org/0{ror_id(index)}>", "ror")
                elif self.random.random() < 0.3:
                    self.link(entity, "owl:sameAs", f"dbr:{entity.label.replace(' ', '_')}", "dbpedia")

    def link(self, entity: Entity, predicate: str, target: str, authority: str) -> None:
        self.links.append((entity.slug, predicate, target, authority))
        self.counts["links"] += 7  # the link and its check record: type, subject, predicate, object, page, note

    # -- the whole corpus ------------------------------------------------------------------------------

    def generate(self) -> None:
        entities = max(len(ANCHORS), (self.target - self.ontology.triples) // TRIPLES_PER_ENTITY)
        self.documents = max(3, round(entities * 2.2 / DOCUMENT_FACTS))
        self.facts = [{} for _ in range(self.documents)]
        self.evidence = [[] for _ in range(self.documents)]
        self.counts["metadata"] = 10 + 13 * self.documents  # a record and its checksum per document
        self.add_entities(entities)
        self.by_slug = {e.slug: e for e in self.entities}
        for document, subject, predicate, obj in ANCHOR_FACTS:
            self.add_fact(document, subject, predicate, obj, inferred=document == 1 and predicate == "year")
            if predicate in ("year", "startYear", "mergedInto"):
                self.single.add((subject, predicate))
        self.add_links()
        for entity in self.entities:
            self.required_facts(entity)
        while self.total < self.target:
            self.random_fact()


def ror_id(index: int) -> str:
    """A well-formed ROR identifier body (after the leading 0), unique for each index."""
    digits, value = [], index
    for _ in range(6):
        digits.append(ALPHABET_ROR[value % len(ALPHABET_ROR)])
        value //= len(ALPHABET_ROR)
    return "".join(reversed(digits)) + f"{index % 100:02d}"


# -- writing -------------------------------------------------------------------------------------------

def literal(text: str, language: str | None = "en") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{language}' if language else f'"{escaped}"'


def turtle(prefixes: list[str], blocks: Iterator[tuple[str, list[tuple[str, str]]]]) -> str:
    lines = [f"PREFIX {p}: <{PREFIXES[p]}>" for p in sorted(prefixes)]
    lines.append("")
    for subject, pairs in blocks:
        lines.append(subject)
        lines.extend(f"    {predicate} {obj} ;" for predicate, obj in pairs)
        lines.append(".")
        lines.append("")
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")


@dataclass(frozen=True)
class GeneratedText:
    """A document's source text: one sentence per fact (its subject's name, the quote, its object's name), the
    sentences' spans in the normalised text (one space between sentences), and the SHA-256 of its bytes."""

    quotes: list[str]
    text: str
    spans: list[tuple[int, int]]
    sha256: str


def source_text(facts: list[tuple[str, str, str]]) -> GeneratedText:
    """The text of (subject name, quote, object name) sentences, so that every span names both ends."""
    sentences = [" ".join(part for part in fact if part) + "." for fact in facts]
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    text = "".join(f"{s}\n" for s in sentences)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return GeneratedText([quote for _, quote, _ in facts], text, spans, digest)


CHECK_TABLES: Final = {  # accepted sources (sdkg.links.sources) for the identifiers no page of their own shows
    "geonames": "https://github.com/colemanm/gazetteer/blob/master/countryInfo.txt",
    "iso3166": "https://github.com/owid/owid-grapher/blob/master/countries.csv",
}


def check_page(target: str, authority: str) -> str:
    """The accepted source a synthetic link check cites: the item's own page, or a table of identifiers."""
    if authority == "wikidata":
        return "https://www.wikidata.org/wiki/" + target.removeprefix("wd:")
    if authority == "dbpedia":
        return "https://en.wikipedia.org/wiki/" + target.removeprefix("dbr:")
    if authority == "ror":
        return target.strip("<>")
    return CHECK_TABLES[authority]


def document_name(index: int) -> str:
    return f"document-{index:03d}"


def write_corpus(corpus: Corpus, out: Path) -> int:
    """Write data/ and sources/; the number of files written."""
    files = 0
    names = [document_name(i) for i in range(corpus.documents)]
    labels = {e.slug: e.label for e in corpus.entities}

    def name_of(term: str, predicate: str = "") -> str:
        """How a sentence names a fact's end: an entity or concept by its label, a year or month in words."""
        if term.startswith("sdr:"):
            return labels.get(term[4:], "")
        if term.startswith("sdv:"):
            return corpus.ontology.concept_labels.get(VOCAB + term[4:], "")
        if term.endswith("^^xsd:integer"):
            number = term.split('"')[1]
            return MONTHS[int(number) - 1] if predicate == "month" else number
        return ""  # a description in our words: nothing to name

    texts = [source_text([(name_of(f"sdr:{s}"), corpus.words(4, 12), name_of(o, p)) for s, p, o, _ in
                          corpus.evidence[i]]) for i in range(corpus.documents)]
    metadata = [("sdr:dataset", [
        ("a", "void:Dataset , dcat:Dataset"),
        ("dcterms:description", literal("A synthetic corpus shaped like the Science Diplomacy Knowledge Graph, "
                                        "generated for benchmarks.")),
        ("dcterms:issued", '"2026-01-01"^^xsd:date'),
        ("dcterms:license", "<https://creativecommons.org/licenses/by/4.0/>"),
        ("dcterms:modified", '"2026-01-01"^^xsd:date'),
        ("dcterms:source", " , ".join(f"sdr:{n}" for n in names)),
        ("dcterms:title", literal("Science Diplomacy Knowledge Graph (synthetic benchmark corpus)")),
        ("void:uriSpace", '"https://w3id.org/sdkg/resource/"'),
        ("void:vocabulary", "sdkg:"),
        ("owl:versionInfo", '"0.1.0"'),
    ])]
    for index, name in enumerate(names):
        metadata.append((f"sdr:{name}", [
            ("a", "schema:Report , sdkg:SourceDocument"),
            ("dcterms:issued", f'"{2000 + index % 26}-{1 + index % 12:02d}-{1 + index % 28:02d}"^^xsd:date'),
            ("dcterms:language", '"en"'),
            ("dcterms:title", literal(f"Synthetic source document {index}")),
            ("schema:url", f"<https://example.org/sdkg-bench/{name}>"),
            ("sdkg:factsGraph", f"sdg:{name}"),
            ("sdkg:sourceFile", f'"{index:03d}_bench.txt"'),
            ("spdx:checksum", f"sdr:{name}-checksum"),
        ]))
        metadata.append((f"sdr:{name}-checksum", [
            ("a", "spdx:Checksum"), ("spdx:algorithm", "spdx:checksumAlgorithm_sha256"),
            ("spdx:checksumValue", f'"{texts[index].sha256}"')]))
    write(out / "data" / "metadata.ttl", turtle(["dcat", "dcterms", "owl", "schema", "sdg", "sdkg", "sdr", "spdx",
                                                 "void", "xsd"], iter(metadata)))
    files += 1
    broader = defaultdict(list)
    for narrower, wider in corpus.broader:
        broader[narrower].append(wider)
    by_file: dict[str, list[Entity]] = defaultdict(list)
    anchors = {slug for slug, _, _ in ANCHORS}
    for entity in corpus.entities:
        by_file["shared" if entity.slug in anchors else entity.root.lower()].append(entity)
    for stem, entities in sorted(by_file.items()):
        def blocks(entities: list[Entity] = entities) -> Iterator[tuple[str, list[tuple[str, str]]]]:
            for e in entities:
                pairs = [("a", f"sdkg:{e.cls}")]
                pairs += [("skos:altLabel", literal(a)) for a in e.alt_labels]
                if e.slug in broader:
                    pairs.append(("skos:broader", " , ".join(f"sdr:{b}" for b in broader[e.slug])))
                pairs.append(("skos:definition", literal(f"A synthetic {corpus.ontology.labels[SDKG + e.cls].lower()}"
                                                         f" generated for benchmarks, known as {e.label}.")))
                pairs.append(("skos:prefLabel", literal(e.label)))
                yield f"sdr:{e.slug}", pairs
        write(out / "data" / "entities" / f"{stem}.ttl", turtle(["sdkg", "sdr", "skos"], blocks()))
        files += 1
    for index, name in enumerate(names):
        facts = corpus.facts[index]
        write(out / "data" / "documents" / f"{name}.ttl", turtle(
            ["sdkg", "sdr", "sdv", "xsd"],
            ((f"sdr:{s}", [(f"sdkg:{p}", o) for p, o in pairs]) for s, pairs in facts.items())))
        def evidence(index: int = index, name: str = name) -> Iterator[tuple[str, list[tuple[str, str]]]]:
            text = texts[index]
            for number, (subject, predicate, obj, implied) in enumerate(corpus.evidence[index], start=1):
                record = f"sdr:ev-{index:03d}-{number:06d}"
                pairs = [("a", "sdkg:Evidence"), ("rdf:object", obj), ("rdf:predicate", f"sdkg:{predicate}"),
                         ("rdf:subject", f"sdr:{subject}")]
                if implied:
                    pairs.append(("rdfs:comment", literal("The curator reads this fact from the surrounding "
                                                          "sentences, which imply it without stating it.")))
                pairs += [("oa:hasSelector", f"{record}-quote , {record}-span-1"),
                          ("prov:wasQuotedFrom", f"sdr:{name}"),
                          ("sdkg:support", "sdv:implied" if implied else "sdv:stated")]
                yield record, pairs
                start, end = text.spans[number - 1]
                yield f"{record}-quote", [("a", "oa:TextQuoteSelector"),
                                          ("oa:exact", literal(text.quotes[number - 1], None))]
                yield f"{record}-span-1", [("a", "oa:TextPositionSelector"), ("oa:start", str(start)),
                                           ("oa:end", str(end))]
        write(out / "data" / "evidence" / f"{name}.ttl", turtle(["oa", "prov", "rdf", "rdfs", "sdkg", "sdr", "sdv",
                                                                 "xsd"], evidence()))
        write(out / SOURCES / f"{index:03d}_bench.txt", texts[index].text)
        files += 3
    files += write_curation(corpus, out)
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    checks = []
    for slug, predicate, target, authority in corpus.links:
        links[f"sdr:{slug}"].append((predicate, target))
        checks.append((f"sdr:link-{slug}-{authority}", [
            ("a", "sdkg:LinkCheck"), ("rdf:object", target), ("rdf:predicate", predicate), ("rdf:subject", f"sdr:{slug}"),
            ("sdkg:checkNote", literal(f"A synthetic page shows the {authority} identifier with this label.", None)),
            ("sdkg:checkedAgainst", f"<{check_page(target, authority)}>")]))
    write(out / "data" / "links.ttl", turtle(["dbr", "owl", "rdf", "sdkg", "sdr", "skos", "wd"],
                                             iter([*links.items(), *checks])))
    return files + 1


def write_curation(corpus: Corpus, out: Path) -> int:
    """The curation graph (data/curation.ttl) and a curator's record per statement (sdr:ev-cur-NNN in
    data/evidence/curation.ttl); the number of files written."""
    statements: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, predicate, obj in corpus.curated:
        statements[f"sdr:{subject}"].append((f"sdkg:{predicate}", obj))
    write(out / "data" / "curation.ttl", turtle(["sdkg", "sdr", "sdv", "xsd"], iter(statements.items())))

    def records() -> Iterator[tuple[str, list[tuple[str, str]]]]:
        for number, (subject, predicate, obj) in enumerate(corpus.curated, start=1):
            yield f"sdr:ev-cur-{number:03d}", [
                ("a", "sdkg:Evidence"), ("rdf:object", obj), ("rdf:predicate", f"sdkg:{predicate}"),
                ("rdf:subject", f"sdr:{subject}"),
                ("rdfs:comment", literal("A synthetic curator's judgement: no document states this; the curator "
                                         "reads it from what the documents say about both ends.")),
                ("sdkg:support", "sdv:curated")]
    write(out / "data" / "evidence" / "curation.ttl", turtle(["rdf", "rdfs", "sdkg", "sdr", "sdv", "xsd"],
                                                             records()))
    return 2


def prepare(out: Path) -> None:
    """An empty folder for the tree: a tree generated before is replaced, any other content refused."""
    if out.exists():
        if not out.is_dir():
            raise InputError("is a file; the corpus needs a folder", out)
        if any(out.iterdir()):
            if not (out / MARKER).is_file():
                raise InputError(f"the folder is not empty and holds no generated corpus ({MARKER}); "
                                 "choose an empty or new folder", out)
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def generate(source: SourceTree, out: Path, triples: int, seed: int = 1) -> Summary:
    """Write a synthetic tree of about `triples` triples into `out`, deterministically for `seed`."""
    if triples < 1:
        raise InputError("the number of triples must be positive")
    ontology = Ontology(source)
    corpus = Corpus(ontology, triples, seed)
    corpus.generate()
    prepare(out)
    shutil.copytree(source.ontology, out / "ontology", ignore=shutil.ignore_patterns("*~", ".*"))
    shutil.copytree(source.queries, out / "queries", ignore=shutil.ignore_patterns("*~", ".*"))
    files = write_corpus(corpus, out)
    summary = Summary(dict(corpus.counts), len(corpus.entities), len(corpus.fact_keys), corpus.documents, files)
    (out / MARKER).write_text(json.dumps({"triples": triples, "seed": seed, "generated": summary.total,
                                          "parts": summary.triples, "entities": summary.entities,
                                          "facts": summary.facts, "documents": summary.documents},
                                         indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return summary
