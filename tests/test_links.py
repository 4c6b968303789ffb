"""Identity links: `sdkg links check` catches malformed, ambiguous, untyped, deprecated and unverified links and
checks against sources the project does not accept; the repository's links pass; coverage is reported per class
and authority, and every unlinked entity with the reason it has no link."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from minitree import make_tree
from sdkg.checks.links import check_links
from sdkg.cli import main
from sdkg.links.coverage import link_checks, link_coverage, links, unlinked_entities
from sdkg.links.sources import ACCEPTED_SOURCES, accepted_source, host
from sdkg.links.unlinked import NOT_FOUND, unlinked_with_reasons
from sdkg.dataset.loader import Dataset, load_path

LINK_PREFIXES = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


def record(slug: str, entity: str, predicate: str, target: str,
           page: str = "https://www.wikidata.org/wiki/Q42") -> str:
    return f"""
sdr:link-{slug} a sdkg:LinkCheck ;
    rdf:subject {entity} ; rdf:predicate {predicate} ; rdf:object {target} ;
    sdkg:checkedAgainst <{page}> ;
    sdkg:checkNote "The page lists this identifier next to the same name." .
"""


def links_check(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    root = make_tree(tmp_path, {"data/links.ttl": LINK_PREFIXES + body})
    return check_links(load_path(root)), root


VALID = ("sdr:freedonian-academy owl:sameAs wd:Q42 ."
         + record("freedonian-academy-wikidata", "sdr:freedonian-academy", "owl:sameAs", "wd:Q42"))


def test_a_verified_link_passes(tmp_path: Path) -> None:
    outcome, _ = links_check(tmp_path, VALID)
    assert outcome.status.value == "pass", outcome.findings
    assert "1 links of 1 entities" in outcome.summary


@pytest.mark.parametrize("target,message", [
    ("<http://www.wikidata.org/entity/P31>", "not a well-formed Wikidata identifier"),
    ("<http://www.wikidata.org/wiki/Q42>", "belongs to no known authority"),
    ("<https://ror.org/abc>", "not a well-formed ROR identifier"),
])
def test_malformed_identifiers(tmp_path: Path, target: str, message: str) -> None:
    body = (f"sdr:freedonian-academy owl:sameAs {target} ."
            + record("x", "sdr:freedonian-academy", "owl:sameAs", target))
    outcome, _ = links_check(tmp_path, body)
    assert outcome.status.value == "fail"
    assert len(outcome.findings) == 1 and message in outcome.findings[0].message
    assert outcome.findings[0].node.endswith("freedonian-academy") and outcome.findings[0].file == "data/links.ttl"


def test_two_items_of_one_authority_and_one_item_for_two_entities(tmp_path: Path) -> None:
    body = ("sdr:freedonian-academy owl:sameAs wd:Q1, wd:Q2 . sdr:sylvanian-union owl:sameAs wd:Q2 ."
            + record("a", "sdr:freedonian-academy", "owl:sameAs", "wd:Q1")
            + record("b", "sdr:freedonian-academy", "owl:sameAs", "wd:Q2")
            + record("c", "sdr:sylvanian-union", "owl:sameAs", "wd:Q2"))
    outcome, _ = links_check(tmp_path, body)
    messages = sorted(f.message for f in outcome.findings)
    assert len(messages) == 2
    assert messages[0].startswith("linked to 2 different items of one authority")
    assert messages[1].startswith("the same external item is linked from 2 entities")


def test_untyped_entity(tmp_path: Path) -> None:
    body = "sdr:nobody owl:sameAs wd:Q5 ." + record("n", "sdr:nobody", "owl:sameAs", "wd:Q5")
    outcome, _ = links_check(tmp_path, body)
    assert [f.message for f in outcome.findings] == ["a linked entity is not typed in the entities graph"]


def test_link_without_check_and_check_without_link(tmp_path: Path) -> None:
    body = ("sdr:freedonian-academy owl:sameAs wd:Q42 ."
            + record("stray", "sdr:sylvanian-union", "owl:sameAs", "wd:Q7"))
    outcome, _ = links_check(tmp_path, body)
    messages = sorted(f.message for f in outcome.findings)
    assert messages == ["the link has 0 link-check records; it needs exactly one",
                        "the link-check record is about a link the links graph does not state"]


def test_links_check_command_exit_codes(tmp_path: Path) -> None:
    _, root = links_check(tmp_path, "sdr:nobody owl:sameAs wd:Q5 .")
    result = CliRunner().invoke(main, ["links", "check", "--root", str(root)])
    assert result.exit_code == 1
    assert "not typed" in result.output


def test_links_are_part_of_sdkg_check(tmp_path: Path) -> None:
    _, root = links_check(tmp_path, "sdr:freedonian-academy owl:sameAs wd:Q42 .")
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--no-reasoner", "--format", "json"])
    assert result.exit_code == 1
    assert '"check": "links"' in result.output


def test_repository_links_pass(dataset: Dataset) -> None:
    outcome = check_links(dataset)
    assert outcome.status.value == "pass", outcome.findings[:5]
    assert len(links(dataset)) >= 70


def test_coverage_counts_per_class_and_authority(dataset: Dataset) -> None:
    rows = {row.class_name: row for row in link_coverage(dataset)}
    total = rows["all"]
    assert total.entities == sum(r.entities for name, r in rows.items() if name != "all")
    assert total.linked == len({link.entity for link in links(dataset)})
    # ISO codes only where checked: a State without a checked code stays without one (a historical state has
    # none), so the coverage counts the States that have a code in the links graph, whatever their number.
    coded = {q.subject.value for q in dataset.quads(["https://w3id.org/sdkg/graph/links"])
             if q.predicate.value == "https://w3id.org/sdkg/ontology#iso3166Alpha2"}
    assert rows["State"].per_authority["iso3166"] == len(coded) <= rows["State"].entities
    assert rows["Tension"].linked == 0
    assert len(unlinked_entities(dataset)) == total.entities - total.linked


def test_stats_and_report_show_coverage(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"data/links.ttl": LINK_PREFIXES + VALID})
    stats = CliRunner().invoke(main, ["stats", "--root", str(root)])
    assert "link coverage" in stats.output and "Wikidata" in stats.output
    report = CliRunner().invoke(main, ["links", "report", "--root", str(root), "--format", "tsv"])
    assert report.output.splitlines() == ["class\tentity\treason", f"ScientificUnion\tsdr:sylvanian-union\t{NOT_FOUND}"]


# The pages an earlier round of links cited, which the project no longer accepts: Wikipedia mirrors, content farms,
# a gist and lists typed by hand or by a generator.
REJECTED = ["https://uk-podcasts.co.uk/tag/Arctic", "https://cinxe.com/event/GfQMeg.html",
            "https://en.wanweibaike.com/wiki-Mario_Draghi", "https://hx.cz/wiki/International_Geophysical_Year",
            "https://4ort.xyz/entity/kyoto-protocol.md", "https://enwikipedia.net/wiki/Russian_Academy_of_Sciences",
            "https://www.wikiwand.com/en/AUKUS", "https://gist.github.com/tomasonjo/c8cd8756d671d1817fdc16b8961b4435",
            "https://github.com/msg43/Knowledge_Chipper/blob/efec0a8/WIKIDATA_506_CATEGORIES_LIST.md",
            "http://www.coastalwiki.org/spicosa/Arctic_Council", "https://en.wikipedia.org.evil.example/wiki/Q"]


@pytest.mark.parametrize("page", REJECTED)
def test_a_check_against_a_source_not_accepted_is_a_finding(tmp_path: Path, page: str) -> None:
    body = ("sdr:freedonian-academy owl:sameAs wd:Q42 ."
            + record("f", "sdr:freedonian-academy", "owl:sameAs", "wd:Q42", page=page))
    outcome, _ = links_check(tmp_path, body)
    assert outcome.status.value == "fail"
    assert [f.node.rsplit("/", 1)[-1] for f in outcome.findings] == ["link-f"]
    assert "not an accepted source" in outcome.findings[0].message and page in outcome.findings[0].message


def test_the_accepted_sources_are_one_list_with_a_reason_each() -> None:
    prefixes = [source.prefix for source in ACCEPTED_SOURCES]
    assert len(prefixes) == len(set(prefixes))
    for source in ACCEPTED_SOURCES:
        assert source.prefix.startswith("https://") and source.prefix.endswith("/"), source.prefix
        assert len(source.reason.split()) >= 4 and source.kind
        if host(source.prefix) == "github.com":  # a shared host: only named repositories are accepted
            assert source.prefix.count("/") >= 6, source.prefix
    assert accepted_source("https://github.com/someone/any-list/blob/abc/ids.md") is None


def test_every_repository_check_cites_an_accepted_host(dataset: Dataset) -> None:
    allowed_hosts = {host(source.prefix) for source in ACCEPTED_SOURCES}
    records = link_checks(dataset)
    assert len(records) == len(links(dataset))
    for rec in records:
        assert len(rec.pages) == 1
        assert host(rec.pages[0]) in allowed_hosts, (rec.node, rec.pages[0])
        assert accepted_source(rec.pages[0]) is not None, (rec.node, rec.pages[0])


def test_a_link_on_a_deprecated_entity_names_its_replacement(tmp_path: Path) -> None:
    entities = """
sdr:old-academy owl:deprecated true ; dcterms:isReplacedBy sdr:freedonian-academy .
"""
    root = make_tree(tmp_path, {"data/entities/old.ttl": "@prefix owl: <http://www.w3.org/2002/07/owl#> ." + entities,
                                "data/links.ttl": LINK_PREFIXES + "sdr:old-academy owl:sameAs wd:Q42 ."
                                + record("old", "sdr:old-academy", "owl:sameAs", "wd:Q42")})
    outcome = check_links(load_path(root))
    assert [f.message for f in outcome.findings] == [
        "the linked entity is deprecated: move the link to https://w3id.org/sdkg/resource/freedonian-academy, "
        "which replaces it"]


def test_unlinked_entities_carry_a_reason(tmp_path: Path) -> None:
    entities = """
sdr:sylvanian-rivalry a sdkg:Tension ; skos:prefLabel "Sylvanian rivalry"@en .
"""
    root = make_tree(tmp_path, {"data/entities/more.ttl": entities, "data/links.ttl": LINK_PREFIXES + VALID})
    rows = [(u.entity.rsplit("/", 1)[-1], u.label, u.reason) for u in unlinked_with_reasons(load_path(root))]
    assert rows[0][0] == "sylvanian-union" and rows[0][2] == NOT_FOUND  # still to do comes first
    assert rows[1][:2] == ("sylvanian-rivalry", "Sylvanian rivalry")
    assert rows[1][2].startswith("no counterpart expected: a tension")
    report = CliRunner().invoke(main, ["links", "report", "--root", str(root)])
    assert report.exit_code == 0, report.output
    assert "1 not found yet, 1 with no counterpart expected" in report.output


def test_repository_coverage_targets(dataset: Dataset) -> None:
    """The targets of the links round: Wikidata and ROR coverage, and every unlinked entity explained."""
    rows = {row.class_name: row for row in link_coverage(dataset)}
    total = rows["all"]
    assert total.per_authority["ror"] >= 12
    assert total.per_authority["wikidata"] >= 60
    unlinked = unlinked_with_reasons(dataset)
    assert len(unlinked) == total.entities - total.linked
    assert all(u.reason for u in unlinked)
    assert not any(u.class_name == "Tension" for u in unlinked if not u.expected)


@pytest.mark.parametrize("item,findings", [("wd:Q42", 0), ("wd:Q7", 1)])
def test_a_curated_fact_comes_from_a_linked_item_only(tmp_path: Path, item: str, findings: int) -> None:
    curated = f"""@prefix wd: <http://www.wikidata.org/entity/> .
sdr:ev-cur-001 a sdkg:Evidence ;
    rdf:subject sdr:freedonian-academy ; rdf:predicate sdkg:year ; rdf:object 1901 ;
    sdkg:support sdv:curated ; prov:wasDerivedFrom {item} ;
    sdkg:checkedAgainst <https://www.wikidata.org/wiki/Q42> ;
    sdkg:checkNote "The item gives the founding year." .
"""
    root = make_tree(tmp_path, {"data/links.ttl": LINK_PREFIXES + VALID, "data/evidence/curation.ttl": curated})
    outcome = check_links(load_path(root))
    assert len(outcome.findings) == findings, outcome.findings
    if findings:
        assert outcome.findings[0].message.startswith("the curated fact is taken from http://www.wikidata.org/entity/Q7")
        assert outcome.findings[0].node.endswith("ev-cur-001")


def test_an_event_of_the_documents_own_framing_expects_no_counterpart_unless_listed() -> None:
    from sdkg.links.unlinked import MAY_HAVE_COUNTERPART, reason_for

    event = {"https://w3id.org/sdkg/ontology#Event"}
    assert reason_for(event, "https://w3id.org/sdkg/resource/rise-of-technopoles").startswith(
        "no counterpart expected: a development")
    assert all(reason_for(event, entity) == NOT_FOUND for entity in MAY_HAVE_COUNTERPART)
