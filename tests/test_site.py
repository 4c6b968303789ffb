"""`sdkg docs` and `sdkg plot`: a page for every entity, document, stored query and class index; every link
of the site leads to a file of the site (and to an id on it); nothing is loaded from elsewhere; the pictures
are the same from one run to the next."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from minitree import REPO, make_sources, make_tree

from sdkg.cli.docs import docs, plot
from sdkg.dataset.layout import LINKS_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset, load
from sdkg.dataset.tree import SourceTree
from sdkg.namespaces import SDKG
from sdkg.plots.network import tension_network
from sdkg.plots.timeline import timeline_items
from sdkg.queries.catalogue import stored_queries
from sdkg.queries.engines import query_embedded
from sdkg.site.documents import documents_by_graph
from sdkg.site.links import LINK_PREDICATES
from sdkg.site.names import (
    class_index_page,
    document_page,
    entity_page,
    query_page,
    rdf_stem,
    term_anchor,
)
from sdkg.site.rdf import select
from sdkg.site.registry import CORE_CLASSES, OTHER, registry

SCRIPTED = ("search.html", "editor.html")  # their scripts are files of the site (links are checked above)
OWL_TERMS = ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")


class Page(HTMLParser):
    """The links (href and src), the ids and the text of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value), inside the site
        self.outbound: list[str] = []  # <a rel="external" href="http...">: links a reader may follow
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.chunks: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a" and ("rel", "external") in attrs:
            self.outbound += [value for name, value in attrs if name == "href" and value]
            return
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def hrefs(self, prefix: str = "") -> list[str]:
        return [v for tag, name, v in self.links if name == "href" and v.startswith(prefix)]


def build(root: Path, out: Path) -> Path:
    result = CliRunner().invoke(docs, ["--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("docs") / "site")


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p) for p in sorted(site.rglob("*.html"))}


def test_docs_writes_the_site_and_says_where(tmp_path: Path) -> None:
    result = CliRunner().invoke(docs, ["--root", str(REPO), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "pages" in result.output and str(tmp_path / "out" / "index.html") in result.output


def test_every_entity_has_a_page_with_its_label_and_definition(site: Path, pages: dict[str, Page],
                                                                dataset: Dataset) -> None:
    entities = registry(dataset)
    assert len(entities) >= 200
    for iri, entity in entities.items():
        page = pages.get(entity_page(iri))
        assert page is not None, f"no page for {iri}"
        assert entity.label in page.text


def test_every_document_query_and_class_index_has_a_page(pages: dict[str, Page], dataset: Dataset) -> None:
    for document in documents_by_graph(dataset).values():
        assert document_page(document) in pages
    for query in stored_queries(dataset.tree.queries):
        assert query_page(query.name) in pages
    for name in (*CORE_CLASSES, OTHER):
        assert class_index_page(name) in pages
    for page in ("index.html", "ontology.html", "documents.html", "queries.html", "pictures.html"):
        assert page in pages


def test_the_class_indexes_list_every_entity_once(site: Path, dataset: Dataset) -> None:
    listed: list[str] = []
    for name in (*CORE_CLASSES, OTHER):
        html = (site / class_index_page(name)).read_text(encoding="utf-8")
        for column in re.findall(r'<ul class="columns">(.*?)</ul>', html, re.DOTALL):  # not the tensions table
            listed += [h.removeprefix("../") for h in re.findall(r'href="(\.\./entities/[^"]+)"', column)]
    entities = registry(dataset)
    assert sorted(set(listed)) == sorted(entity_page(iri) for iri in entities)
    assert len(listed) == sum(len(e.types) for e in entities.values())  # once under each of its classes


def test_a_subclass_is_listed_in_the_index_of_its_core_class(pages: dict[str, Page]) -> None:
    actors = pages[class_index_page("Actor")]
    assert "../entities/russia.html" in actors.hrefs()  # a State
    assert "State" in actors.text


def test_every_link_leads_to_a_file_and_id_of_the_site(site: Path, pages: dict[str, Page]) -> None:
    checked = 0
    for name, page in pages.items():
        for tag, attribute, value in page.links:
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc and not value.startswith("/"), \
                f"{name}: <{tag} {attribute}={value!r}> is not relative"
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target = target.resolve()
            assert target.is_relative_to(site.resolve()), f"{name}: {value} leaves the site"
            assert target.is_file(), f"{name}: {value} leads to no file"
            if parts.fragment:
                assert parts.fragment in pages[target.relative_to(site.resolve()).as_posix()].ids, \
                    f"{name}: {value} leads to no element with that id"
            checked += 1
    assert checked > 5000


def test_nothing_is_loaded_from_elsewhere(site: Path, pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for tag, attribute, value in page.links:
            assert not value.lower().startswith(("http:", "https:", "//", "data:", "javascript:")), \
                f"{name}: <{tag} {attribute}={value!r}>"
        assert "iframe" not in page.tags, name
        if name not in SCRIPTED:  # every other page works without scripts
            assert "script" not in page.tags, name
        for value in page.outbound:  # followed only when a reader clicks; never loaded by the page
            assert value.startswith(("https://", "http://")), f"{name}: {value}"
    css = (site / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    for picture in site.rglob("*.svg"):
        text = picture.read_text(encoding="utf-8")
        assert 'href="http' not in text and "<image" not in text, picture.name


def test_the_ontology_page_documents_every_term_with_its_constraints(pages: dict[str, Page],
                                                                      dataset: Dataset) -> None:
    page = pages["ontology.html"]
    kinds = " ".join(f"<http://www.w3.org/2002/07/owl#{k}>" for k in OWL_TERMS)
    terms = select(dataset.store, f"SELECT DISTINCT ?t WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t a ?k "
                                  f"VALUES ?k {{ {kinds} }} }} }}")
    ours = [row["t"].value for row in terms if row["t"].value.startswith(SDKG)]
    assert len(ours) > 80
    assert {term_anchor(t) for t in ours} <= page.ids
    text = page.text
    assert "A tension has at least two parties (sdkg:tensionBetween) or at least two poles (sdkg:hasPole)." in text
    assert "A party to a tension is an actor." in text  # a property constraint of TensionShape
    assert "(through Actor" in text  # State is checked by the shapes that target Actor
    assert sum(1 for i in page.ids if i.startswith("shape-")) == len({i for i in page.ids if i.startswith("shape-")})
    # pyLODE's metadata block, the class tree, disjointness, alignments and downloads
    for words in ("Version IRI", "Creators", "Licence", "Preferred prefix", "Class tree", "Disjoint classes",
                  "Alignments to other vocabularies"):
        assert words in text, words
    assert "http://xmlns.com/foaf/0.1/Person" in page.outbound  # an outside super-class is a link
    assert "ontology.ttl" in page.hrefs() and "terms/Tension.ttl" in page.hrefs()
    assert "exactly 1" in text and "rdf:langString" in text
    assert "Relates a tension to an actor that is one of its parties." in text  # a property's definition


def test_an_entity_page_shows_facts_by_document_with_evidence_and_queries(pages: dict[str, Page]) -> None:
    treaty = pages["entities/antarctic-treaty.html"]
    assert "International Geophysical Year of 1957-58 resulted in the Antarctic Treaty" in treaty.text
    assert "../documents/document-001.html" in treaty.hrefs()
    assert "../entities/international-geophysical-year.html" in treaty.hrefs()  # an incoming fact
    assert "implied" in treaty.text.lower() and "the article gives no year" in treaty.text
    assert "../queries/treaty-parties.html" in treaty.hrefs()


def test_an_entity_page_shows_its_identity_links_as_text(pages: dict[str, Page], dataset: Dataset) -> None:
    values = " ".join(f"<{p}>" for p in LINK_PREDICATES)
    linked = [(row["e"].value, row["o"].value) for row in select(
        dataset.store, f"SELECT ?e ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?e ?p ?o VALUES ?p {{ {values} }} }} }}")]
    if not linked:
        pytest.skip("the links graph holds no identity link yet")
    for entity, target in linked:
        page = pages[entity_page(entity)]
        assert target in page.text
        assert not any(value == target for _, _, value in page.links)


def test_a_document_page_shows_its_record_and_its_facts(site: Path, pages: dict[str, Page],
                                                        dataset: Dataset) -> None:
    page = pages["documents/document-000.html"]
    assert "Russian Science Diplomacy and Global Nuclear Security in a Time of Conflict" in page.text
    assert "USC Center on Public Diplomacy" in page.text and "2022-12-02" in page.text
    html = (site / "documents" / "document-000.html").read_text(encoding="utf-8")
    facts = dataset.triple_count("https://w3id.org/sdkg/graph/document-000")
    tables = [t.split("</table>", 1)[0] for t in html.split('<table class="facts">')[1:]]  # one per subject
    assert sum(t.count("<tr>") for t in tables) == facts + len(tables)  # a header row each, a row per fact
    assert sum(t.count('<div class="evidence"') for t in tables) >= facts  # every fact has its evidence
    assert 'id="ev-000-001"' in html  # each record can be cited by its anchor


def test_query_pages_show_the_current_answer_and_the_sparql(site: Path, pages: dict[str, Page],
                                                            dataset: Dataset) -> None:
    for query in stored_queries(dataset.tree.queries):
        if query.federated:
            continue
        text = (site / query_page(query.name)).read_text(encoding="utf-8")
        rows = len(query_embedded(dataset.store, query.text()).rows)
        answer = text.split('<table class="answer">', 1)[1].split("</table>", 1)[0]
        assert answer.count("<tr>") == rows + 1, query.name  # the header row and one per result
        assert query.question.split(",")[0].replace("'", "&#39;") in text
        assert "SELECT" in text


def test_a_tree_with_links_and_a_federated_query(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {
        "data/links.ttl": """
sdr:freedonian-academy <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q999999> .
sdr:check-1 a sdkg:LinkCheck ;
    rdf:subject sdr:freedonian-academy ;
    rdf:predicate <http://www.w3.org/2002/07/owl#sameAs> ;
    rdf:object <http://www.wikidata.org/entity/Q999999> ;
    sdkg:checkedAgainst <https://www.wikidata.org/wiki/Q999999> ;
    sdkg:checkNote "The item's label names the academy." .
"""})
    (root / "queries" / "remote.rq").write_text(
        "# title: Remote\n# question: What does a remote service say?\n# federated: yes\n"
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n", encoding="utf-8")
    site = build(root, tmp_path / "site")
    academy = Page(site / "entities" / "freedonian-academy.html")
    assert "http://www.wikidata.org/entity/Q999999" in academy.text
    assert "The item's label names the academy." in academy.text
    assert not any("wikidata" in v for _, _, v in academy.links)  # never loaded by the page
    assert [link for link in academy.outbound if not link.startswith("http://www.w3.org/")] == [
        "https://w3id.org/sdkg/resource/freedonian-academy",  # its own IRI
        "http://www.wikidata.org/entity/Q999999", "https://www.wikidata.org/wiki/Q999999"]
    assert "Academy of Sciences joined the Sylvanian Union" in academy.text
    remote = Page(site / "queries" / "remote.html")
    assert "needs a live endpoint" in remote.text and "SERVICE" in remote.text
    assert '<table class="answer">' not in (site / "queries" / "remote.html").read_text(encoding="utf-8")


def test_a_tree_without_links(tmp_path: Path) -> None:
    site = build(make_tree(tmp_path / "tree"), tmp_path / "site")
    assert "No identity link yet." in Page(site / "entities" / "sylvanian-union.html").text


def test_the_site_is_the_same_every_time(site: Path, tmp_path: Path) -> None:
    again = build(REPO, tmp_path / "again")
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    # The release files under download/ (and their checksums on data.html) are `sdkg export`'s: its own tests
    # hold it to the same bytes; here the pages, the RDF beside them, the pictures and the search index.
    for name in files:
        if name.parts[0] != "download" and name.name != "data.html":
            assert (site / name).read_bytes() == (again / name).read_bytes(), name


def test_docs_never_clears_a_folder_it_did_not_write(tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(docs, ["--root", str(REPO), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert keep.read_text(encoding="utf-8") == "mine"


def test_docs_rebuilds_its_own_site(tmp_path: Path) -> None:
    out = build(REPO, tmp_path / "site")
    (out / "entities" / "stale.html").write_text("old", encoding="utf-8")
    build(REPO, out)
    assert not (out / "entities" / "stale.html").exists()


def test_a_bad_root_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(docs, ["--root", str(tmp_path), "--out", str(tmp_path / "site")])
    assert result.exit_code == 2 and "not an sdkg tree" in result.stderr


@pytest.mark.parametrize("picture", ["network", "timeline"])
def test_plot_draws_the_same_svg_every_time(picture: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (first, second):
        result = CliRunner().invoke(plot, [picture, "--root", str(REPO), "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<dc:date>" not in first.read_text()


def test_plot_writes_png_by_suffix_and_svg_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    png = tmp_path / "timeline.png"
    assert CliRunner().invoke(plot, ["timeline", "--root", str(REPO), "--out", str(png)]).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(plot, ["network", "--root", str(REPO)]).exit_code == 0
    assert (tmp_path / "network.svg").is_file()


def test_plot_refuses_other_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(plot, ["network", "--root", str(REPO), "--out", str(tmp_path / "n.pdf")])
    assert result.exit_code == 2 and ".svg or .png" in result.stderr
    assert not (tmp_path / "n.pdf").exists()


def test_the_network_shows_every_aggravator_and_remedy_in_its_own_style(dataset: Dataset) -> None:
    network = tension_network(dataset)
    tensions = {iri for iri, e in registry(dataset).items() if e.core == "Tension"}
    assert tensions <= set(network.labels)  # every tension has its sides drawn
    drawn = set(network.edges)
    expected = {"aggravatedBy": "feeds", "couldEase": "eases", "addresses": "eases", "involvesInitiative": "involved"}
    rows = select(dataset.store, """SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
        VALUES ?p { sdkg:aggravatedBy sdkg:couldEase sdkg:addresses sdkg:involvesInitiative } }""")
    for row in rows:
        s, p, o = row["s"].value, row["p"].value.removeprefix(SDKG), row["o"].value
        if s in tensions or o in tensions:  # nothing left out, whatever the class at the other end
            assert (s, o, expected[p]) in drawn, (s, p, o)
    # the review's example: the invasion of Ukraine aggravates tensions, and "involves" is not drawn as that
    invasion = "https://w3id.org/sdkg/resource/russian-invasion-of-ukraine"
    assert sum(1 for s, o, r in drawn if o == invasion and r == "feeds") >= 3
    assert {"Event", "Recommendation"} <= set(network.groups.values())
    for source, target, _ in network.edges:
        assert "Tension" in (network.groups[source], network.groups[target])


def test_the_timeline_lists_dated_things_in_order(dataset: Dataset) -> None:
    items = timeline_items(dataset)
    assert [i.start for i in items] == sorted(i.start for i in items)
    treaty = next(i for i in items if i.label == "Antarctic Treaty")
    assert (treaty.start, treaty.end, treaty.group) == (1959, None, "Treaty")
    igy = next(i for i in items if i.label == "International Geophysical Year")
    assert (igy.start, igy.end, igy.years) == (1957, 1958, "1957–1958")


def test_an_empty_graph_still_draws(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/documents/document-900.ttl": "",
                                         "data/evidence/document-900.ttl": ""})
    dataset = load(SourceTree(root))
    assert tension_network(dataset).labels == {} and timeline_items(dataset) == []
    for picture in ("network", "timeline"):
        out = tmp_path / f"{picture}.svg"
        assert CliRunner().invoke(plot, [picture, "--root", str(root), "--out", str(out)]).exit_code == 0
        assert out.stat().st_size > 1000


def test_with_the_sources_a_fact_shows_its_sentence_and_without_them_its_offsets(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    sources = make_sources(tmp_path / "texts")
    plain = build(root, tmp_path / "plain")
    page = Page(plain / "entities" / "freedonian-academy.html")
    assert "Academy of Sciences joined the Sylvanian Union" in page.text  # the quote
    assert "characters 0–84" in page.text  # and where its sentence is
    assert "In 1959" not in page.text  # nothing more of the source than the quote
    result = CliRunner().invoke(docs, ["--root", str(root), "--out", str(tmp_path / "local"),
                                       "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    local = Page(tmp_path / "local" / "entities" / "freedonian-academy.html")
    # the sentence after the documented normalisation (whitespace runs as one space)
    assert "In 1959 the Freedonian Academy of Sciences joined the Sylvanian Union of scientists." in local.text
    assert "do not publish it" in local.text


def test_a_missing_source_text_is_bad_input(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(docs, ["--root", str(root), "--out", str(tmp_path / "site"),
                                       "--sources", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "900_test.txt" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_every_entity_document_and_term_has_its_rdf_beside_its_page(site: Path, pages: dict[str, Page],
                                                                   dataset: Dataset) -> None:
    import pyoxigraph as ox

    for iri in registry(dataset):
        page = pages[entity_page(iri)]
        stem = rdf_stem(iri)
        assert f"../{stem}.ttl" in page.hrefs() and f"../{stem}.jsonld" in page.hrefs()
        assert iri in page.outbound  # the IRI is a link
        triples = list(ox.parse(path=site / f"{stem}.ttl", format=ox.RdfFormat.TURTLE))
        assert any(t.subject == ox.NamedNode(iri) for t in triples), iri
    treaty = list(ox.parse(path=site / "resource" / "antarctic-treaty.trig", format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in treaty}
    assert {"https://w3id.org/sdkg/graph/entities", "https://w3id.org/sdkg/graph/evidence"} <= graphs
    assert any(g.startswith("https://w3id.org/sdkg/graph/document-") for g in graphs)  # its facts, in their graph
    jsonld = list(ox.parse(path=site / "resource" / "antarctic-treaty.jsonld", format=ox.RdfFormat.JSON_LD))
    assert {q.triple for q in jsonld} == {q.triple for q in treaty}
    assert (site / "terms" / "Tension.ttl").is_file() and (site / "ontology.ttl").is_file()
    for document in documents_by_graph(dataset).values():
        assert (site / f"{rdf_stem(document)}.ttl").is_file()


def test_search_and_a_to_z_find_alternative_labels(site: Path, pages: dict[str, Page]) -> None:
    names = pages["names.html"]
    assert "JCPOA" in names.text and "../entities/jcpoa.html" not in names.hrefs()  # same folder: entities/...
    assert "entities/jcpoa.html" in names.hrefs()
    assert (site / "pagefind" / "pagefind.js").is_file()  # the search index beside the pages
    assert "search.html" in pages["index.html"].hrefs()


def test_plot_into_an_unwritable_place_is_bad_input_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(plot, ["--root", str(REPO), "timeline", "--out", str(blocker / "t.svg")])
    assert result.exit_code == 2 and "a-file" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # no temporary file left behind


def test_a_failed_build_leaves_the_old_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sdkg.site.build as site_build

    root = make_tree(tmp_path / "tree")
    out = build(root, tmp_path / "site")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(site_build, "write_pictures", broken)
    with pytest.raises(OSError):
        site_build.build_site(load(SourceTree(root)), out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []  # no temporary folder left
