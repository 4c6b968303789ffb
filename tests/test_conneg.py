"""Content negotiation for real: Debian's Apache httpd on 127.0.0.1 serves a built site with the rules
`sdkg docs` writes (the site's own .htaccess) and, in a folder `sdkg/`, the w3id.org rules (w3id.htaccess)
as w3id.org would. Requests like curl's ask an entity, a class and the ontology for HTML, Turtle and JSON-LD.

Without apache2 the tests are skipped, except in CI (CI=true), where they fail.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from minitree import REPO

from sdkg.cli.docs import docs

APACHE = shutil.which("apache2") or ("/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists() else None)
MODULES = Path("/usr/lib/apache2/modules")
IN_CI = os.environ.get("CI", "").lower() == "true"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what Chromium sends
ENTITY = "resource/antarctic-treaty"
CLASS = "ontology#Tension"  # a fragment never reaches the server: the ontology IRI is asked
CONFIG = """ServerRoot "{folder}"
Listen 127.0.0.1:{port}
PidFile "{folder}/httpd.pid"
ErrorLog "{folder}/error.log"
LogLevel warn
User www-data
Group www-data
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule headers_module {modules}/mod_headers.so
LoadModule dir_module {modules}/mod_dir.so
TypesConfig /etc/mime.types
DirectoryIndex index.html
DocumentRoot "{folder}/www"
<Directory "{folder}/www">
  AllowOverride All
  Require all granted
</Directory>
"""


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:PORT/
    site: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def apache() -> Iterator[Served]:
    if APACHE is None or not MODULES.is_dir():
        message = "the content-negotiation tests need Debian's apache2 (apt-get install -y apache2)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="sdkg-apache-"))
    folder.chmod(0o755)  # the server's user (www-data) reads the site
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site = folder / "www" / "site"
    result = CliRunner().invoke(docs, ["--root", str(REPO), "--out", str(site), "--site-url", base + "site/"])
    assert result.exit_code == 0, result.output
    w3id = folder / "www" / "sdkg"
    w3id.mkdir()
    shutil.copyfile(site / "w3id.htaccess", w3id / ".htaccess")  # as the perma-id repository would hold it
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "httpd.conf").write_text(CONFIG.format(folder=folder, port=port, modules=MODULES), encoding="utf-8")
    process = subprocess.Popen([APACHE, "-f", str(folder / "httpd.conf"), "-DFOREGROUND"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                httpx.get(base + "site/index.html", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"apache2 did not start: {output} {log}")
                time.sleep(0.1)
        yield Served(base, site)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def get(url: str, accept: str) -> httpx.Response:
    return httpx.get(url, headers={"Accept": accept}, timeout=10, follow_redirects=False)


def follow(url: str, accept: str) -> httpx.Response:
    return httpx.get(url, headers={"Accept": accept}, timeout=10, follow_redirects=True)


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


@pytest.mark.parametrize("prefix", ["sdkg/", "site/"])  # through w3id.org's rules, and on the site's host
@pytest.mark.parametrize("path", [ENTITY, CLASS, "ontology"])
def test_a_browser_gets_the_page(apache: Served, prefix: str, path: str) -> None:
    first = get(apache.base + prefix + path.split("#")[0], BROWSER)
    assert first.status_code == 303, first.text[:200]
    final = follow(apache.base + prefix + path.split("#")[0], BROWSER)
    assert final.status_code == 200 and media_type(final) == "text/html"
    if path == ENTITY:
        assert str(final.url).endswith("/site/entities/antarctic-treaty.html")
        assert "<h1" in final.text and "Antarctic Treaty" in final.text
    else:
        assert str(final.url).endswith("/site/ontology.html")
        assert 'id="Tension"' in final.text  # the class's section, where the fragment points


@pytest.mark.parametrize("prefix", ["sdkg/", "site/"])
@pytest.mark.parametrize("path", [ENTITY, CLASS, "ontology"])
def test_a_program_asking_for_turtle_gets_turtle(apache: Served, prefix: str, path: str) -> None:
    url = apache.base + prefix + path.split("#")[0]
    assert get(url, "text/turtle").status_code == 303
    final = follow(url, "text/turtle")
    assert final.status_code == 200 and media_type(final) == "text/turtle"
    triples = list(ox.parse(final.content, format=ox.RdfFormat.TURTLE))
    subject = "https://w3id.org/sdkg/" + path
    assert any(t.subject == ox.NamedNode(subject) for t in triples), subject


@pytest.mark.parametrize("prefix", ["sdkg/", "site/"])
@pytest.mark.parametrize("path", [ENTITY, CLASS, "ontology"])
def test_a_program_asking_for_json_ld_gets_json_ld(apache: Served, prefix: str, path: str) -> None:
    url = apache.base + prefix + path.split("#")[0]
    assert get(url, "application/ld+json").status_code == 303
    final = follow(url, "application/ld+json")
    assert final.status_code == 200 and media_type(final) == "application/ld+json"
    assert json.loads(final.text)  # valid JSON
    quads = list(ox.parse(final.content, format=ox.RdfFormat.JSON_LD))
    assert any(q.subject == ox.NamedNode("https://w3id.org/sdkg/" + path) for q in quads)


def test_rdf_files_are_served_with_their_media_types(apache: Served) -> None:
    for name, kind in (("resource/antarctic-treaty.ttl", "text/turtle"), ("resource/antarctic-treaty.trig",
                       "application/trig"), ("download/sdkg.nq", "application/n-quads"),
                       ("download/void.ttl", "text/turtle")):
        response = get(apache.base + "site/" + name, "*/*")
        assert response.status_code == 200 and media_type(response) == kind, name


def test_an_evidence_record_leads_to_its_place_on_the_document_page(apache: Served) -> None:
    response = get(apache.base + "sdkg/resource/ev-001-001", BROWSER)
    assert response.status_code == 303
    assert response.headers["location"].endswith("/site/documents/document-001.html#ev-001-001")


def test_a_curated_record_leads_to_the_curation_page_or_its_rdf(apache: Served) -> None:
    page = get(apache.base + "sdkg/resource/ev-cur-001", BROWSER)
    assert page.status_code == 303 and page.headers["location"].endswith("/site/curation.html#ev-cur-001")
    turtle = follow(apache.base + "sdkg/resource/ev-cur-001", "text/turtle")
    assert turtle.status_code == 200 and media_type(turtle) == "text/turtle"
    assert any(t.subject == ox.NamedNode("https://w3id.org/sdkg/resource/ev-cur-001")
               for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))


def test_a_graph_iri_gives_its_file_or_its_row_on_the_data_page(apache: Served) -> None:
    turtle = follow(apache.base + "sdkg/graph/entities", "text/turtle")
    assert turtle.status_code == 200 and media_type(turtle) == "text/turtle"
    assert str(turtle.url).endswith("/site/download/graphs/entities.ttl")
    page = get(apache.base + "sdkg/graph/entities", BROWSER)
    assert page.headers["location"].endswith("/site/data.html#graph-entities")


def test_an_unknown_thing_is_not_found(apache: Served) -> None:
    response = follow(apache.base + "sdkg/resource/no-such-thing", "text/turtle")
    assert response.status_code == 404
