"""Identity links: `sdkg links check` catches malformed, ambiguous, untyped and unverified links; the
repository's links pass; coverage is reported per class and authority."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from minitree import make_tree
from sdkg.checks.links import check_links
from sdkg.cli import main
from sdkg.links.coverage import link_coverage, links, unlinked_entities
from sdkg.dataset.loader import Dataset, load_path

LINK_PREFIXES = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


def record(slug: str, entity: str, predicate: str, target: str) -> str:
    return f"""
sdr:link-{slug} a sdkg:LinkCheck ;
    rdf:subject {entity} ; rdf:predicate {predicate} ; rdf:object {target} ;
    sdkg:checkedAgainst <https://example.org/page-{slug}> ;
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
    assert report.output.splitlines() == ["class\tentity", "ScientificUnion\tsdr:sylvanian-union"]
