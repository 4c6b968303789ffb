"""Write the documentation site: one page per template and record, the RDF beside each page, the release files,
the style sheet, the pictures, the search index and the rules that make the IRIs dereference.

The site is static and self-contained: every link is relative, and nothing is loaded from elsewhere, so it
works from a file system, offline, or on any static host. It is written into a temporary folder that takes the
place of the old one only when everything is written (`sdkg.atomic`).
"""

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sdkg.atomic import atomic_folder
from sdkg.dataset.layout import METADATA_GRAPH, ONTOLOGY_GRAPH
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.namespaces import BASE, PREFIXES, SDKG, shorten
from sdkg.plots import save
from sdkg.plots.network import draw_network, tension_network
from sdkg.plots.timeline import draw_timeline, timeline_items
from sdkg.site.conneg import PAGE_RULES, apache_media, rdf_rules
from sdkg.site.facts import Sentences
from sdkg.site.gather import Site, gather
from sdkg.site.names import rdf_stem
from sdkg.site.rdf import select
from sdkg.site.resources import (
    curation_quads,
    document_quads,
    entity_quads,
    graph_quads,
    term_quads,
    write_rdf,
)

HERE = Path(__file__).resolve().parent
MARKER = ".sdkg-site"  # tells a folder this command may clear from one it must not touch
PICTURES = ("img/network.svg", "img/timeline.svg")
DOWNLOAD = "download"
VENDOR = ("yasgui.min.js", "yasgui.min.css")


@dataclass(frozen=True)
class BuildReport:
    folder: Path
    pages: int
    files: int
    size: int  # bytes
    seconds: float
    notes: list[str] = field(default_factory=list)  # what the build could not do, one line each


def check_target(out: Path) -> None:
    """Refuse to replace anything but a site that an earlier build wrote."""
    if out.exists():
        if not out.is_dir():
            raise InputError("not a folder", out)
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise InputError("the folder is not empty and holds no site written by `sdkg docs`; "
                             "choose another --out", out)


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["curie"] = shorten
    env.globals.update(prefixes=PREFIXES, rdf_rules=rdf_rules, page_rules=PAGE_RULES, apache_media=apache_media)
    return env


class PageWriter:
    """Renders templates into files of the site, each with the relative way back to the site root."""

    def __init__(self, out: Path, site: Site) -> None:
        self.out, self.site, self.env, self.pages = out, site, environment(), 0

    def write(self, path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = self.env.get_template(template).render(site=self.site, root=root, page=path, **context)
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.pages += 1

    def write_text(self, path: str, template: str, **context: Any) -> None:
        """A file that is not a page (rules for a web server)."""
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.env.get_template(template).render(site=self.site, **context), encoding="utf-8")


def write_pages(writer: PageWriter, site: Site) -> None:
    for page in ("index", "ontology", "documents", "queries", "pictures", "data", "names", "search", "editor", "curation"):
        writer.write(f"{page}.html", f"{page}.html.j2")
    for index in site.indexes:
        writer.write(index.ref.href or "", "class_index.html.j2", index=index)
    for entity in site.entities:
        writer.write(entity.ref.href or "", "entity.html.j2", entity=entity)
    for document in site.documents:
        writer.write(document.ref.href or "", "document.html.j2", document=document)
    for query in site.queries:
        writer.write(query.ref.href or "", "query.html.j2", query=query)


def write_pictures(dataset: Dataset, site: Site, out: Path) -> None:
    network, timeline = PICTURES
    pages = {e.ref.iri: "../" + (e.ref.href or "") for e in site.entities}
    save(draw_network(tension_network(dataset), pages.get), out / network)
    save(draw_timeline(timeline_items(dataset)), out / timeline)


def write_resources(dataset: Dataset, site: Site, out: Path) -> None:
    """The RDF of every entity, document and ontology term, and of the whole ontology, beside the pages."""
    for entity in site.entities:
        write_rdf(entity_quads(dataset, entity.ref.iri), out / entity.rdf)
    for document in site.documents:
        write_rdf(document_quads(dataset, document.ref.iri, document.graph), out / rdf_stem(document.ref.iri))
    for term in [*(c.ref for c in site.ontology.classes), *(p.ref for p in site.ontology.properties)]:
        write_rdf(term_quads(dataset, term.iri), out / rdf_stem(term.iri))
    write_rdf(graph_quads(dataset, [ONTOLOGY_GRAPH]), out / "ontology")
    write_rdf(curation_quads(dataset), out / "curation")


def write_downloads(dataset: Dataset, site: Site, out: Path) -> None:
    """The release files (every serialisation, VoID, DCAT, checksums) and the ontology's source files."""
    from sdkg.publish.export import export

    try:
        site.downloads = export(dataset, out / DOWNLOAD)
    except InputError as error:  # a tree without a complete dataset record: the pages still show its graph
        site.release_problem = str(error)
    sources = out / DOWNLOAD / "ontology"
    sources.mkdir(parents=True, exist_ok=True)
    for path in sorted(dataset.tree.ontology.glob("*.ttl")):
        shutil.copyfile(path, sources / path.name)
        site.ontology_files.append(path.name)


def write_static(out: Path) -> None:
    static = HERE / "static"
    for name in ("site.css", "search.js", "editor.js", "favicon.svg"):
        shutil.copyfile(static / name, out / name)
    vendor = out / "vendor"
    vendor.mkdir()
    for name in (*VENDOR, "LICENSE-yasgui.txt"):
        shutil.copyfile(static / "vendor" / name, vendor / name)


def index_search(out: Path) -> str:
    """Build the Pagefind index into OUT/pagefind; '' when done, else why not (one line)."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return "no search index: Pagefind is not installed (pip install 'pagefind[bin]'); the A-Z page still works"
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-subdir", "pagefind",
                           "--force-language", "en", "--silent"], check=False, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        return f"no search index: Pagefind failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
    return ""


def read_sentences(dataset: Dataset, folder: Path | None) -> Sentences | None:
    """The source texts of the documents, read from the user's folder (by the file name the metadata records)."""
    if folder is None:
        return None
    from sdkg.dataset.sourcetext import read_source

    if not folder.is_dir():
        raise InputError("the folder of source texts does not exist", folder)
    texts: dict[str, object] = {}
    for row in select(dataset.store, f"SELECT ?d ?f WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?d sdkg:sourceFile ?f }} }}"):
        path = folder / row["f"].value
        if not path.is_file():
            raise InputError(f"the source text of {shorten(row['d'].value)} is missing: put "
                             f"{row['f'].value} in the folder or leave out --sources", path)
        texts[row["d"].value] = read_source(path)
    return Sentences(texts)


def build_site(dataset: Dataset, out: Path, sources: Path | None = None, endpoint: str = "",
               site_url: str = "") -> BuildReport:
    """Write the whole site into `out` (replacing a site an earlier build wrote there)."""
    started = time.perf_counter()
    check_target(out)
    site = gather(dataset, read_sentences(dataset, sources), endpoint)
    notes = []
    with atomic_folder(out) as folder:
        (folder / MARKER).write_text("Written by `sdkg docs`, which replaces this folder on every run.\n",
                                     encoding="utf-8")
        write_downloads(dataset, site, folder)
        writer = PageWriter(folder, site)
        write_pages(writer, site)
        write_resources(dataset, site, folder)
        write_static(folder)
        write_pictures(dataset, site, folder)
        writer.write_text(".htaccess", "site.htaccess.j2")
        if site_url:
            writer.write_text("w3id.htaccess", "w3id.htaccess.j2", site_url=site_url.rstrip("/") + "/",
                              base=BASE, ontology=SDKG)
        else:
            notes.append("no w3id rules: pass --site-url URL (where this site is published) to write w3id.htaccess")
        problem = index_search(folder)
        if problem:
            notes.append(problem)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != MARKER]
    return BuildReport(out, writer.pages, len(files), sum(p.stat().st_size for p in files),
                       time.perf_counter() - started, notes)
