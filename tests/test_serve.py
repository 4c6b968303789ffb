"""`sdkg serve`: the real Oxigraph server, read-only, on 127.0.0.1, speaking the SPARQL 1.1 Protocol."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import rdflib

from sdkg.stores.oxigraph_server import free_port
from tools import IN_CI, require_program

REPO = Path(__file__).resolve().parent.parent
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/sdkg/graph/entities> { ?s ?p ?o } }"
CONSTRUCT = ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/sdkg/graph/entities> "
             "{ ?s ?p ?o FILTER(?s = <https://w3id.org/sdkg/resource/russia>) } }")


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    lines: list[str]


def read_until(process: subprocess.Popen[str], marker: str, timeout: float = 60) -> list[str]:
    """Lines printed by the process up to and including the one that contains `marker`."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError(f"no line with {marker!r}; got {lines}")


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sdkg", "serve", "--root", str(REPO), "--port", str(port),
                                "--examples"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = read_until(process, "press Ctrl-C")
        yield Served(process, f"http://127.0.0.1:{port}", lines)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """Ask `sdkg serve` to stop as Ctrl-C does; kill it only if it does not."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ask(served: Served, method: str, accept: str, query: str = COUNT, body_type: str = "form") -> httpx.Response:
    headers = {"Accept": accept}
    if method == "GET":
        return httpx.get(served.url + "/query", params={"query": query}, headers=headers, timeout=30)
    if body_type == "form":
        return httpx.post(served.url + "/query", data={"query": query}, headers=headers, timeout=30)
    return httpx.post(served.url + "/query", content=query.encode(),
                      headers={**headers, "Content-Type": "application/sparql-query"}, timeout=30)


def test_prints_the_editor_and_endpoint_urls(served: Served) -> None:
    text = "\n".join(served.lines)
    assert f"web SPARQL editor: {served.url}/" in text
    assert f"SPARQL endpoint:   {served.url}/query" in text


def test_editor_page_is_at_the_root(served: Served) -> None:
    page = httpx.get(served.url + "/", timeout=10)
    assert page.status_code == 200 and "yasgui" in page.text.lower()


def test_stored_queries_are_offered_as_editor_links(served: Served) -> None:
    links = [line.split(": ", 1)[1] for line in served.lines if line.strip().startswith("timeline: ")]
    assert links, served.lines
    fragment = parse_qs(urlsplit(links[0]).fragment)
    assert "sdkg:startYear" in fragment["query"][0] or "sdkg:year" in fragment["query"][0]
    assert fragment["endpoint"] == [served.url + "/query"]


@pytest.mark.parametrize("method,body_type", [("GET", ""), ("POST", "form"), ("POST", "direct")])
def test_select_as_json_by_get_and_post(served: Served, method: str, body_type: str, dataset) -> None:
    response = ask(served, method, "application/sparql-results+json", body_type=body_type)
    assert response.status_code == 200
    value = json.loads(response.text)["results"]["bindings"][0]["n"]["value"]
    assert int(value) == dataset.triple_count("https://w3id.org/sdkg/graph/entities")


def test_select_as_csv(served: Served, dataset) -> None:
    response = ask(served, "GET", "text/csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines() == ["n", str(dataset.triple_count("https://w3id.org/sdkg/graph/entities"))]


def test_select_as_xml(served: Served) -> None:
    response = ask(served, "GET", "application/sparql-results+xml")
    assert response.status_code == 200
    assert "<sparql" in response.text and '<binding name="n">' in response.text


def test_construct_as_turtle(served: Served) -> None:
    response = ask(served, "GET", "text/turtle", CONSTRUCT)
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    labels = {str(o) for o in graph.objects(rdflib.URIRef("https://w3id.org/sdkg/resource/russia"),
                                              rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert labels == {"Russia"}


def test_union_default_graph_answers_ad_hoc_queries(served: Served) -> None:
    response = ask(served, "GET", "text/csv", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/sdkg/ontology#State> }")
    assert int(response.text.splitlines()[1]) >= 10


def test_malformed_query_is_400_with_the_parser_message(served: Served) -> None:
    response = ask(served, "GET", "application/sparql-results+json", "SELECT ?x WHERE { ?x ?y }")
    assert response.status_code == 400
    assert "error at 1:" in response.text


def test_updates_are_refused(served: Served, dataset) -> None:
    response = httpx.post(served.url + "/update", data={"update": "CLEAR ALL"}, timeout=10)
    assert response.status_code == 403
    store = httpx.put(served.url + "/store", params={"graph": "urn:x"}, content=b"<urn:a> <urn:b> <urn:c> .",
                      headers={"Content-Type": "application/n-triples"}, timeout=10)
    assert store.status_code == 403
    after = ask(served, "GET", "text/csv")
    assert after.text.splitlines()[1] == str(dataset.triple_count("https://w3id.org/sdkg/graph/entities"))


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


def test_listens_on_loopback_only(served: Served) -> None:
    port = int(served.url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else, no IPv6


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "sdkg", "serve", "--root", str(REPO), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    read_until(process, "press Ctrl-C")
    assert list(tmp_path.glob("sdkg-serve-*")), "the store lives in a throw-away folder"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert "stopped" in (process.stdout.read() if process.stdout else "")
    assert not listening_addresses(port)
    assert not list(tmp_path.glob("sdkg-serve-*")), "the throw-away folder is removed"


def start_serving(tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sdkg", "serve", "--root", str(REPO), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "TMPDIR": str(tmp_path)})
    read_until(process, "press Ctrl-C")
    return process, port


def wait_until_closed(port: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not listening_addresses(port):
            return True
        time.sleep(0.1)
    return False


def test_a_termination_request_stops_cleanly(tmp_path: Path) -> None:
    process, port = start_serving(tmp_path)
    process.terminate()
    assert process.wait(timeout=20) == 0
    assert wait_until_closed(port)
    assert not list(tmp_path.glob("sdkg-serve-*"))


def test_the_server_does_not_outlive_a_killed_sdkg(tmp_path: Path) -> None:
    process, port = start_serving(tmp_path)
    process.kill()
    process.wait()
    assert wait_until_closed(port), "the Oxigraph server stops when sdkg serve is killed"


def test_a_port_in_use_is_a_clear_error() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "sdkg", "serve", "--root", str(REPO), "--port", str(port)],
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "did not start" in done.stderr and str(port) in done.stderr


def test_an_example_link_opens_the_query_in_the_editor_and_runs_it(served: Served) -> None:
    """In headless Chromium: the editor (served by Oxigraph itself) shows the stored query and its answer."""
    chromium = require_program("chromium", "chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            pytest.fail("Playwright for Python is not installed")
        pytest.skip("Playwright for Python is not installed")
    link = next(line.split(": ", 1)[1] for line in served.lines if line.strip().startswith("timeline: "))
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda request: outside.append(request.url)
                    if not request.url.startswith(served.url) else None)
            page.goto(link)
            page.wait_for_function("() => { const e = document.querySelector('.CodeMirror');"
                                   " return e && e.CodeMirror.getValue().includes('sdkg:startYear'); }",
                                   timeout=20_000)
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
            rows = page.locator(".yasr table tbody tr").count()
        finally:
            browser.close()
    assert rows >= 10
    # The editor page is Oxigraph's own; its only outside request is prefix.cc's list for prefix completion,
    # which it does without when offline.
    assert all(url.startswith("http://prefix.cc/") for url in outside), outside


@pytest.fixture(scope="module")
def served_site() -> Iterator[str]:
    """`sdkg serve --site`: the documentation site beside the endpoint; yields the site's address."""
    process = subprocess.Popen([sys.executable, "-m", "sdkg", "serve", "--root", str(REPO), "--port", "0",
                                "--site", "--site-port", str(free_port())],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = read_until(process, "site:", timeout=180)
        yield lines[-1].split("site:", 1)[1].split()[0].removesuffix("/index.html")
    finally:
        stop(process)


def test_the_site_is_served_beside_the_endpoint(served_site: str) -> None:
    page = httpx.get(served_site + "/index.html", timeout=30)
    assert page.status_code == 200 and "Science Diplomacy Knowledge Graph" in page.text
    editor = httpx.get(served_site + "/editor.html", timeout=30)
    assert 'data-endpoint="/query"' in editor.text  # its editor asks the same host
    answer = httpx.get(served_site + "/query", params={"query": COUNT},
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200 and int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 100


@pytest.mark.parametrize("accept, suffix, media", [
    ("text/html,application/xhtml+xml,*/*;q=0.8", "entities/antarctic-treaty.html", "text/html"),
    ("text/turtle", "resource/antarctic-treaty.ttl", "text/turtle"),
    ("application/ld+json", "resource/antarctic-treaty.jsonld", "application/ld+json"),
])
def test_the_site_negotiates_iris_like_the_published_one(served_site: str, accept: str, suffix: str,
                                                          media: str) -> None:
    first = httpx.get(served_site + "/resource/antarctic-treaty", headers={"Accept": accept}, timeout=30)
    assert first.status_code == 303 and first.headers["location"] == "/" + suffix
    final = httpx.get(served_site + "/resource/antarctic-treaty", headers={"Accept": accept}, timeout=30,
                      follow_redirects=True)
    assert final.status_code == 200 and final.headers["content-type"].startswith(media)
    ontology = httpx.get(served_site + "/ontology", headers={"Accept": "text/turtle"}, timeout=30,
                         follow_redirects=True)
    assert ontology.headers["content-type"].startswith("text/turtle") and "owl:Ontology" in ontology.text
