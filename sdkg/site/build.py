"""Write the documentation site: one page per template and record, the style sheet and the pictures.

The site is static and self-contained: every link is relative, and nothing is loaded from elsewhere, so it
works from a file system, offline, or on any static host.
"""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from sdkg.errors import InputError
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import shorten
from sdkg.plots import save
from sdkg.plots.network import draw_network, tension_network
from sdkg.plots.timeline import draw_timeline, timeline_items
from sdkg.site.gather import Site, gather

HERE = Path(__file__).resolve().parent
MARKER = ".sdkg-site"  # tells a folder this command may clear from one it must not touch
PICTURES = ("img/network.svg", "img/timeline.svg")


@dataclass(frozen=True)
class BuildReport:
    folder: Path
    pages: int
    files: int
    size: int  # bytes
    seconds: float


def prepare(out: Path) -> None:
    """An empty folder for the site: a new one, or one that an earlier build wrote."""
    if out.exists():
        if not out.is_dir():
            raise InputError("not a folder", out)
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise InputError("the folder is not empty and holds no site written by `sdkg docs`; "
                             "choose another --out", out)
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Written by `sdkg docs`, which clears this folder on every run.\n", encoding="utf-8")


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["curie"] = shorten
    return env


class PageWriter:
    """Renders templates into files of the site, each with the relative way back to the site root."""

    def __init__(self, out: Path, site: Site) -> None:
        self.out, self.site, self.env, self.pages = out, site, environment(), 0

    def write(self, path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = self.env.get_template(template).render(site=self.site, root=root, **context)
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.pages += 1


def write_pages(writer: PageWriter, site: Site) -> None:
    writer.write("index.html", "index.html.j2")
    writer.write("ontology.html", "ontology.html.j2")
    writer.write("documents.html", "documents.html.j2")
    writer.write("queries.html", "queries.html.j2")
    writer.write("pictures.html", "pictures.html.j2")
    for index in site.indexes:
        writer.write(index.ref.href or "", "class_index.html.j2", index=index)
    for entity in site.entities:
        writer.write(entity.ref.href or "", "entity.html.j2", entity=entity)
    for document in site.documents:
        writer.write(document.ref.href or "", "document.html.j2", document=document)
    for query in site.queries:
        writer.write(query.ref.href or "", "query.html.j2", query=query)


def write_pictures(dataset: Dataset, out: Path) -> None:
    network, timeline = PICTURES
    save(draw_network(tension_network(dataset)), out / network)
    save(draw_timeline(timeline_items(dataset)), out / timeline)


def build_site(dataset: Dataset, out: Path) -> BuildReport:
    """Write the whole site into `out` (cleared first, if an earlier build wrote it)."""
    started = time.perf_counter()
    site = gather(dataset)
    prepare(out)
    writer = PageWriter(out, site)
    write_pages(writer, site)
    shutil.copyfile(HERE / "static" / "site.css", out / "site.css")
    write_pictures(dataset, out)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != MARKER]
    return BuildReport(out, writer.pages, len(files), sum(p.stat().st_size for p in files),
                       time.perf_counter() - started)
