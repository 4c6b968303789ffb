"""The federated stored queries, joined through SERVICE with a small Wikidata-shaped fixture served by a
real Oxigraph server on 127.0.0.1 (the live Wikidata endpoint is never called by the tests)."""

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from sdkg.queries.catalogue import stored_queries
from minitree import make_tree
from sdkg.cli import main
from sdkg.dataset.loader import Dataset
from sdkg.stores.oxigraph_server import OxigraphServer, bulk_load, start_server

REPO = Path(__file__).resolve().parent.parent
FEDERATED = [q for q in stored_queries(REPO / "queries") if q.federated]
WD, WDT = "http://www.wikidata.org/entity/", "http://www.wikidata.org/prop/direct/"
SOVEREIGN_STATE, INTERNATIONAL_ORGANIZATION = WD + "Q3624078", WD + "Q484652"
EXAMPLELAND, SOME_SOCIETY, IGO_CLASS = WD + "Q999999901", WD + "Q999999902", WD + "Q999999903"
# Items carrying ROR ids (P6782) that our links do not name: one for a ROR id of ours whose entity has no
# Wikidata link (only in the small tree below), one that claims the ROR id of an organisation whose Wikidata link
# names another item, one whose ROR id we do not use.
FUND_ITEM, OTHER_COUNCIL_ITEM, UNRELATED_ITEM = WD + "Q999999904", WD + "Q999999905", WD + "Q999999906"
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


def item_of(dataset: Dataset, slug: str) -> str:
    """The Wikidata item our links graph gives for an entity."""
    found = [q.object.value for q in dataset.store.quads_for_pattern(
        ox.NamedNode("https://w3id.org/sdkg/resource/" + slug), ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
        None, ox.NamedNode("https://w3id.org/sdkg/graph/links")) if q.object.value.startswith(WD)]
    assert len(found) == 1, f"{slug} needs one Wikidata link for this test"
    return found[0]


def wikidata_fixture(dataset: Dataset) -> list[ox.Triple]:
    """Wikidata-shaped statements about items our graph links to, plus two items it does not know."""
    russia, usa = item_of(dataset, "russia"), item_of(dataset, "united-states")
    arctic, un = item_of(dataset, "arctic-council"), item_of(dataset, "united-nations")
    rows: list[tuple[str, str, ox.NamedNode | ox.Literal]] = [
        (russia, "P31", ox.NamedNode(SOVEREIGN_STATE)), (russia, "P463", ox.NamedNode(arctic)),
        (russia, "P463", ox.NamedNode(un)), (russia, "P297", ox.Literal("RU")),
        (russia, "P856", ox.NamedNode("https://government.ru/")),
        (usa, "P31", ox.NamedNode(SOVEREIGN_STATE)), (usa, "P463", ox.NamedNode(arctic)),
        (usa, "P297", ox.Literal("US")),
        (EXAMPLELAND, "P31", ox.NamedNode(SOVEREIGN_STATE)), (EXAMPLELAND, "P463", ox.NamedNode(arctic)),
        (SOME_SOCIETY, "P31", ox.NamedNode(WD + "Q43229")), (SOME_SOCIETY, "P463", ox.NamedNode(arctic)),
        (IGO_CLASS, "P279", ox.NamedNode(INTERNATIONAL_ORGANIZATION)),
        (arctic, "P31", ox.NamedNode(IGO_CLASS)), (arctic, "P856", ox.NamedNode("https://arctic-council.org/")),
        (arctic, "P571", ox.Literal("1996-09-19T00:00:00Z", datatype=XSD_DATETIME)),
        (un, "P31", ox.NamedNode(INTERNATIONAL_ORGANIZATION)), (un, "P856", ox.NamedNode("https://www.un.org/")),
        (un, "P571", ox.Literal("1945-10-24T00:00:00Z", datatype=XSD_DATETIME)),
    ]
    academy, council = item_of(dataset, "russian-academy-of-sciences"), item_of(dataset, "international-science-council")
    fund = item_of(dataset, "russian-foundation-for-basic-research")
    year = lambda y: ox.Literal(f"{y}-01-01T00:00:00Z", datatype=XSD_DATETIME)  # noqa: E731
    rows += [
        (academy, "P6782", ox.Literal("05qrfxd25")), (academy, "P571", year(1724)),
        (council, "P6782", ox.Literal("034s44556")), (council, "P571", year(2018)),
        (fund, "P6782", ox.Literal("02mh1ke95")), (fund, "P571", year(1992)),
        (FUND_ITEM, "P6782", ox.Literal("04zzzzz99")), (FUND_ITEM, "P571", year(1994)),
        (OTHER_COUNCIL_ITEM, "P6782", ox.Literal("005vhrs19")),
        (UNRELATED_ITEM, "P6782", ox.Literal("05abcde12")), (UNRELATED_ITEM, "P571", year(1900)),
    ]
    triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(WDT + p), o) for s, p, o in rows]
    labels = {russia: "Russia", usa: "United States of America", EXAMPLELAND: "Exampleland",
              SOME_SOCIETY: "Some learned society"}
    triples += [ox.Triple(ox.NamedNode(item), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                          ox.Literal(label, language="en")) for item, label in labels.items()]
    return triples


@pytest.fixture(scope="module")
def wikidata(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    folder = tmp_path_factory.mktemp("wikidata")
    ox.serialize(wikidata_fixture(dataset), folder / "wikidata.nt", ox.RdfFormat.N_TRIPLES)
    bulk_load(folder / "store", [folder / "wikidata.nt"])
    server = start_server(folder / "store", read_only=True)
    yield server
    server.stop()


def run(name: str, server: OxigraphServer) -> list[list[str]]:
    result = CliRunner().invoke(main, ["query", "--root", str(REPO), name, "--format", "tsv",
                                       "--param", f"endpoint={server.query_endpoint}"])
    assert result.exit_code == 0, result.output
    return [line.split("\t") for line in result.output.splitlines()[1:]]


def test_at_least_three_federated_queries_default_to_wikidata() -> None:
    assert len(FEDERATED) >= 3
    for query in FEDERATED:
        assert "SERVICE" in query.source.text
        assert [p.default for p in query.parameters if p.name == "endpoint"] == ["<https://query.wikidata.org/sparql>"]


def test_member_states_joined_with_our_graph(wikidata: OxigraphServer) -> None:
    rows = run("wikidata-member-states", wikidata)
    assert rows == [["Arctic Council", "Exampleland", "no"],
                    ["Arctic Council", "Russia", "yes"],
                    ["Arctic Council", "United States of America", "yes"],
                    ["United Nations", "Russia", "yes"]]


def test_official_websites_of_states_and_organisations(wikidata: OxigraphServer) -> None:
    assert run("wikidata-official-websites", wikidata) == [
        ["Arctic Council", "https://arctic-council.org/"],
        ["Russia", "https://government.ru/"],
        ["United Nations", "https://www.un.org/"]]


def test_founding_dates_the_documents_do_not_give(wikidata: OxigraphServer) -> None:
    assert run("wikidata-founding-dates", wikidata) == [
        ["United Nations", "1945-10-24T00:00:00Z"],
        ["Arctic Council", "1996-09-19T00:00:00Z"]]


def test_founding_dates_through_ror_ids(wikidata: OxigraphServer, dataset: Dataset) -> None:
    """Joined on the ROR id our links give: the item Wikidata files under it, its inception, and whether it is
    the item our own Wikidata link names (the fixture above decides each row)."""
    academy, council = item_of(dataset, "russian-academy-of-sciences"), item_of(dataset, "international-science-council")
    fund = item_of(dataset, "russian-foundation-for-basic-research")
    assert run("wikidata-ror-founding-dates", wikidata) == [
        ["International Council of Scientific Unions", "005vhrs19", OTHER_COUNCIL_ITEM, "", "no"],
        ["International Science Council", "034s44556", council, "2018-01-01T00:00:00Z", "yes"],
        ["Russian Academy of Sciences", "05qrfxd25", academy, "1724-01-01T00:00:00Z", "yes"],
        ["Russian Foundation for Basic Research", "02mh1ke95", fund, "1992-01-01T00:00:00Z", "yes"]]


def test_ror_link_without_a_wikidata_link(wikidata: OxigraphServer, tmp_path: Path) -> None:
    """An organisation linked to ROR only: Wikidata's item is found through the ROR id and shown as ours-less."""
    links = """@prefix owl: <http://www.w3.org/2002/07/owl#> .
sdr:freedonian-academy owl:sameAs <https://ror.org/04zzzzz99> .
"""
    root = make_tree(tmp_path, {"data/links.ttl": links})
    (root / "queries" / "wikidata-ror-founding-dates.rq").write_text(
        (REPO / "queries" / "wikidata-ror-founding-dates.rq").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "--root", str(root), "wikidata-ror-founding-dates", "--format", "tsv",
                                       "--param", f"endpoint={wikidata.query_endpoint}"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t") for line in result.output.splitlines()[1:]] == [
        ["Freedonian Academy of Sciences", "04zzzzz99", FUND_ITEM, "1994-01-01T00:00:00Z", "no Wikidata link"]]


def test_iso_codes_compared_with_wikidata(wikidata: OxigraphServer, dataset: Dataset) -> None:
    rows = {row[0]: row[1:] for row in run("wikidata-iso-codes", wikidata)}
    assert rows["Russia"] == ["RU", "RU", "yes"]
    assert rows["United States"] == ["US", "US", "yes"]
    assert rows["France"] == ["FR", "", "not in Wikidata"]


def test_offline_checks_leave_federated_queries_alone(dataset: Dataset) -> None:
    from sdkg.checks.competency import check_competency

    outcome = check_competency(dataset)
    assert "federated ones are not run" in outcome.summary
