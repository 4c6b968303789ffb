"""The site in a real browser: Debian's chromium, driven by Playwright for Python.

The index loads; a link leads from a class index to an entity and on to its source document; the pictures
show; and the browser asks for nothing outside the site. Screenshots of the index, an entity page and the
network picture go to dist/screenshots/ (or $SDKG_SCREENSHOTS) and must not be blank.

Without chromium or Playwright the tests are skipped, except in CI (CI=true), where they fail.
"""

import os
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from minitree import REPO
from sdkg.cli.docs import docs

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
IN_CI = os.environ.get("CI", "").lower() == "true"
SCREENSHOTS = Path(os.environ.get("SDKG_SCREENSHOTS") or REPO / "dist" / "screenshots")
VIEWPORT = {"width": 1280, "height": 900}


def missing_browser() -> str:
    """What is missing to run a browser, or ''."""
    missing = []
    if CHROMIUM is None:
        missing.append("Debian's chromium (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install playwright; no `playwright install` needed)")
    return " and ".join(missing)


@pytest.fixture(scope="module", autouse=True)
def browser_available() -> None:
    missing = missing_browser()
    if missing and IN_CI:
        pytest.fail(f"the browser tests need {missing}")
    if missing:
        pytest.skip(f"the browser tests need {missing}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(docs, ["--root", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The site served by a static server on 127.0.0.1, on a free port, for this module only."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page whose every request and failed response is recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failures.append(f"{request.url}: {request.failure}"))
        self.page.on("response", self.check_response)

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
