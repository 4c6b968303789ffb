"""The site in a real browser: Debian's chromium, driven by Playwright for Python, with the site served beside
a read-only Oxigraph endpoint by `sdkg.stores.site_server` (as `sdkg serve --site` does).

Walks an analyst's and an engineer's paths: search "JCPOA", open the entity, download its Turtle and parse it;
the tensions table, a tension's summary, an initiative that could ease it; the Data page, every release file;
the SPARQL editor, a stored-query tab run, its IRIs leading back to the site. axe-core (npm) checks every kind
of page for WCAG 2.1 AA; at 400 px no page scrolls sideways. Screenshots at 1400 and 400 px go to
dist/screenshots/ (or $SDKG_SCREENSHOTS) and must not be blank.

Without chromium, Playwright or axe-core the tests are skipped, except in CI (CI=true), where they fail.
"""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from minitree import REPO

from sdkg.cli.docs import docs

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() == "true"
SCREENSHOTS = Path(os.environ.get("SDKG_SCREENSHOTS") or REPO / "dist" / "screenshots")
VIEWPORT = {"width": 1400, "height": 1000}
PHONE = {"width": 400, "height": 860}
PAGE_KINDS = {  # one page of each kind the site has
    "index": "index.html", "class-index": "classes/actor.html", "tensions": "classes/tension.html",
    "entity": "entities/jcpoa.html", "tension": "entities/national-interest-vs-global-public-good.html",
    "document": "documents/document-000.html", "documents": "documents.html", "curation": "curation.html",
    "ontology": "ontology.html", "queries": "queries.html", "query": "queries/could-ease-tension.html",
    "pictures": "pictures.html", "data": "data.html", "names": "names.html", "search": "search.html?q=IGY",
    "editor": "editor.html",
}


def axe_source() -> Path | None:
    """axe-core's browser build from npm: $SDKG_AXE_JS, or a global or local npm install."""
    candidates = [os.environ.get("SDKG_AXE_JS", ""), "/usr/lib/node_modules/axe-core/axe.min.js",
                  str(REPO / "node_modules" / "axe-core" / "axe.min.js")]
    if shutil.which("npm"):
        try:
            root = subprocess.run(["npm", "root", "-g"], check=False, capture_output=True, text=True, timeout=20).stdout.strip()
            candidates.append(str(Path(root) / "axe-core" / "axe.min.js"))
        except (OSError, subprocess.SubprocessError):
            pass
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def missing_browser() -> str:
    """What is missing to run a browser, or ''."""
    missing = []
    if CHROMIUM is None:
        missing.append("Debian's chromium (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install playwright; no `playwright install` needed)")
    if axe_source() is None:
        missing.append("axe-core (npm install -g axe-core@4.11.0, or set SDKG_AXE_JS)")
    return " and ".join(missing)


@pytest.fixture(scope="module", autouse=True)
def browser_available() -> None:
    missing = missing_browser()
    if missing and IN_CI:
        pytest.fail(f"the browser tests need {missing}")
    if missing:
        pytest.skip(f"the browser tests need {missing}")


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="sdkg-browser-"))
    out = folder / "site"
    result = CliRunner().invoke(docs, ["--root", str(REPO), "--out", str(out), "--endpoint", "/query"])
    assert result.exit_code == 0, result.output
    yield out
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The site and a read-only Oxigraph endpoint behind /query, on 127.0.0.1, for this module only."""
    from sdkg.dataset.loader import load_path
    from sdkg.stores.serve import start
    from sdkg.stores.site_server import start_site_server

    with tempfile.TemporaryDirectory(prefix="sdkg-browser-store-") as folder:
        endpoint = start(load_path(REPO), Path(folder), None)
        server = start_site_server(site, endpoint.query_endpoint)
        try:
            yield server.url + "/"
        finally:
            server.stop()
            endpoint.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page whose every request and failed response is recorded."""

    def __init__(self, browser: Any, viewport: dict[str, int] = VIEWPORT) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", self.check_failure)
        self.page.on("response", self.check_response)

    def check_failure(self, request: Any) -> None:
        """A request that failed; one the browser cancelled itself when the page moved on (the tab icon, say)
        is not a fault of the site: a missing file still shows as an HTTP error below."""
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"{request.url}: {request.failure}")

    def check_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    try:
        yield page
    finally:
        page.close()


def images(page: Any) -> list[dict[str, Any]]:
    page.wait_for_load_state("load")
    return page.evaluate("""() => Array.from(document.images).map(i => (
        {src: i.currentSrc || i.src, complete: i.complete, width: i.naturalWidth, height: i.naturalHeight}))""")


def screenshot(target: Any, name: str, **options: Any) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    target.screenshot(path=str(path), **options)
    return path


def assert_not_blank(path: Path) -> None:
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        grey = image.convert("L")
        assert grey.width > 200 and grey.height > 200, path
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 8, f"{path} has hardly any colours"
        assert ImageStat.Stat(grey).stddev[0] > 8, f"{path} is nearly uniform"


def test_from_the_index_to_a_class_an_entity_and_its_document(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "index.html")
    assert "Science Diplomacy Knowledge Graph" in page.title()
    assert page.locator("h1").first.inner_text().strip()
    assert_not_blank(screenshot(page, "index.png"))

    page.locator("ul.cards a[href='classes/actor.html']").click()
    page.wait_for_url("**/classes/actor.html")
    assert page.locator("h1").inner_text().startswith("Actor")
    entity_link = page.locator("ul.columns a[href^='../entities/']").first
    label = entity_link.inner_text().strip()
    entity_link.click()
    page.wait_for_url("**/entities/*.html")
    assert page.locator("h1").inner_text().strip() == label
    assert page.locator("table.facts").count() > 0  # its facts, with their evidence
    assert_not_blank(screenshot(page, "entity.png"))

    document_link = page.locator("h3 a[href^='../documents/']").first
    title = document_link.inner_text().strip()
    document_link.click()
    page.wait_for_url("**/documents/*.html")
    assert page.locator("h1").inner_text().strip() == title
    assert page.get_by_text("Bibliographic record").count() == 1

    assert watched.failures == []
    assert watched.requests and all(url.startswith(base_url) for url in watched.requests), watched.requests


def test_the_pictures_show(watched: Watched, base_url: str) -> None:
    page = watched.page
    for path in ("index.html", "pictures.html"):
        page.goto(base_url + path)
        shown = images(page)
        assert len(shown) == 2, path
        for image in shown:
            assert image["complete"] and image["width"] > 300 and image["height"] > 200, image
    network = page.locator("#network img")
    network.scroll_into_view_if_needed()
    assert_not_blank(screenshot(network, "network.png"))
    assert_not_blank(screenshot(page.locator("#timeline img"), "timeline.png"))
    assert watched.failures == []
    assert all(url.startswith(base_url) for url in watched.requests), watched.requests


def test_other_pages_load_without_any_outside_request(watched: Watched, base_url: str) -> None:
    page = watched.page
    for path in ("ontology.html#Tension", "queries.html", "queries/could-ease-tension.html",
                 "documents/document-001.html", "classes/other.html"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1, path
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily")  # the style sheet applies
    assert watched.failures == []
    assert all(url.startswith(base_url) for url in watched.requests), watched.requests


def test_the_site_works_from_the_file_system(watched: Watched, site: Path) -> None:
    page = watched.page
    page.goto((site / "index.html").as_uri())
    assert all(image["width"] > 0 for image in images(page))
    page.locator("a[href='ontology.html']").first.click()
    page.wait_for_url("**/ontology.html")
    assert all(url.startswith(site.as_uri()) for url in watched.requests), watched.requests


def test_search_jcpoa_then_download_and_parse_its_turtle(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "index.html")
    page.get_by_label("Search names").fill("JCPOA")
    page.get_by_label("Search names").press("Enter")
    page.wait_for_url("**/search.html?q=JCPOA")
    first = page.locator("#search-results li a").first
    first.wait_for(timeout=15000)
    assert "Joint Comprehensive Plan of Action" in first.inner_text()  # the alias finds the treaty
    first.click()
    page.wait_for_url("**/entities/jcpoa.html")
    iri = page.locator("p.iri a").get_attribute("href")
    assert iri == "https://w3id.org/sdkg/resource/jcpoa"
    assert page.locator("link[rel=alternate][type='text/turtle']").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Turtle", exact=True).click()
    triples = list(ox.parse(path=download.value.path(), format=ox.RdfFormat.TURTLE))
    subject = ox.NamedNode(iri)
    assert any(t.subject == subject and t.predicate.value.endswith("#prefLabel") for t in triples)
    assert any(t.object == subject for t in triples)  # the evidence records that name it
    assert watched.failures == []


def test_from_the_tensions_table_to_a_summary_and_an_easing_initiative(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "classes/tension.html")
    page.locator("table.tensions th a[href$='/national-interest-vs-global-public-good.html']").click()
    page.wait_for_url("**/entities/national-interest-vs-global-public-good.html")
    summary = page.locator("section.summary")
    assert summary.get_by_text("Could be eased by").count() == 1
    assert summary.get_by_text("Aggravated by").count() == 1
    easing = summary.locator("dt:has-text('Could be eased by') + dd a").first
    name = easing.inner_text().strip()
    easing.click()
    page.wait_for_url("**/entities/*.html")
    assert page.locator("h1").inner_text().strip() == name
    assert watched.failures == []


def test_every_release_file_on_the_data_page_resolves(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "data.html")
    links = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
    files = [link for link in links if "/download/" in link]
    assert any(link.endswith("/sdkg.trig") for link in files) and any(link.endswith("/void.ttl") for link in files)
    assert any(link.endswith("/dcat.ttl") for link in files) and any("/graphs/" in link for link in files)
    for link in files:
        response = page.request.get(link)
        assert response.status == 200 and response.body(), link
    assert watched.failures == []


def test_the_editor_runs_a_stored_query_and_links_iris_to_the_site(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "editor.html#could-ease-tension")
    page.wait_for_function("() => window.sdkgEditor && window.sdkgEditor.getTab()")
    tab = page.evaluate("() => window.sdkgEditor.getTab().getName()")
    assert tab == "What could ease a tension" or "ease" in tab.lower()
    page.locator(".yasqe_queryButton").first.click()
    page.locator(".yasr .dataTable tbody tr").first.wait_for(timeout=20000)
    assert page.locator(".yasr .dataTable tbody tr").count() > 1
    local = page.locator(f".yasr a[href^='{base_url}entities/']")
    local.first.wait_for(timeout=5000)
    target = local.first.get_attribute("href")
    page.goto(target)
    assert page.locator("h1").count() == 1 and watched.failures == []
    assert_not_blank(screenshot(page, "editor-target.png"))


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_accessibility_violation_and_no_sideways_scrolling(browser: Any, base_url: str, kind: str) -> None:
    axe = axe_source()
    assert axe is not None
    for viewport, size in ((VIEWPORT, "1400"), (PHONE, "400")):
        watched = Watched(browser, viewport)
        try:
            page = watched.page
            page.goto(base_url + PAGE_KINDS[kind])
            page.wait_for_load_state("load")
            if kind == "search":
                page.locator("#search-results li").first.wait_for(timeout=15000)
            if kind == "editor":
                page.wait_for_function("() => window.sdkgEditor && document.querySelector('.CodeMirror')")
            assert_not_blank(screenshot(page, f"{kind}-{size}.png", full_page=False))
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{kind} at {size} px is {width} px wide"
            page.add_script_tag(path=str(axe))
            found = page.evaluate("""async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ` +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }""")
            assert found == [], f"{kind} at {size} px: " + "; ".join(found)
            assert watched.failures == [], watched.failures
        finally:
            watched.close()
