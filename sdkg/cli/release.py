"""Release commands of `sdkg`: export, build, load into a store, serve."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sdkg.cli.common import (EXIT_BAD_INPUT, EXIT_NONCONFORMING, F, console, positive_seconds, reports_input_errors,
                             root_option)

if TYPE_CHECKING:
    from sdkg.publish.export import ExportedFile
    from sdkg.stores.graph_store import Upload

DEFAULT_OUT = Path("dist")


def out_option(function: F) -> F:
    """The --out option of the commands that write an export."""
    return click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
                        help="Folder to write the export into.")(function)


def print_export_summary(files: list["ExportedFile"], out: Path) -> None:
    """A short table of what was written: per format, the number of files and their size."""
    from sdkg.cli.render import print_table

    groups: dict[str, list[int]] = {}
    for f in files:
        groups.setdefault(f.format, []).append(f.size)
    rows = [(name, str(len(sizes)), f"{sum(sizes) / 1024:,.1f} KiB") for name, sizes in groups.items()]
    print_table(f"exported {len(files)} files into {out}/", ["format", "files", "size"], rows, console())


def check_base_url(url: str) -> None:
    """A place of publication is an absolute http(s) URL of a folder: no spaces, ending in a slash."""
    from urllib.parse import urlsplit

    from sdkg.errors import InputError

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--base-url {url!r} is not an absolute http(s) URL (for instance https://example.org/sdkg/)")
    if any(c.isspace() or c in '<>"{}|\\^`' for c in url):
        raise InputError(f"--base-url {url!r} holds a space or a character not allowed in a URL")
    if not url.endswith("/"):
        raise InputError(f"--base-url {url!r} must end with a slash: it is the folder the files are published in")


@click.command()
@root_option
@out_option
@click.option("--base-url", metavar="URL", help="Where the files will be published (default: the release folder "
                                                "https://w3id.org/sdkg/release/VERSION/).")
@reports_input_errors
def export(root: Path | None, out: Path, base_url: str | None) -> None:
    """Write TriG, N-Quads, JSON-LD, per-graph Turtle, N-Triples and RDF/XML, VoID, DCAT and checksums."""
    from sdkg.publish.export import export as write_export
    from sdkg.dataset.loader import load_path

    from sdkg.atomic import check_can_write

    if base_url is not None:
        check_base_url(base_url)
    check_can_write(out)  # before the work, not after it
    print_export_summary(write_export(load_path(root), out, base_url), out)


@click.command()
@root_option
@out_option
@click.option("--sources", type=click.Path(path_type=Path),
              help="Folder of the source texts: check every evidence quote against them.")
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL reasoner.")
@reports_input_errors
def build(root: Path | None, out: Path, sources: Path | None, no_reasoner: bool) -> None:
    """The main job: check the graph, export it, and say what was built and where.

    Nothing is exported when a check fails (exit code 1).
    """
    from sdkg.checks.run import ALL_CHECKS, CheckOptions, load_checking
    from sdkg.publish.build import build_release
    from sdkg.cli.render import print_report

    from sdkg.atomic import check_can_write

    check_can_write(out)  # before the checks, not after them
    if sources is not None:
        from sdkg.checks.quotes import SOURCES_FOLDER
        from sdkg.dataset.tree import require_folder

        require_folder(sources, SOURCES_FOLDER)
    options = CheckOptions(sources, not no_reasoner, ALL_CHECKS)
    dataset, started = load_checking(root, options)
    files, report = build_release(dataset, out, options, started)
    print_report(report, console())
    if files is None:
        click.echo("build stopped: the checks above failed; nothing was exported", err=True)
        sys.exit(report.exit_code or EXIT_NONCONFORMING)
    print_export_summary(files, out)
    click.echo(f"built {out}/: {dataset.triple_count()} quads in {len(dataset.graphs)} named graphs; "
               f"load {out}/sdkg.trig into any store, or run `sdkg serve`")


@click.command()
@root_option
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--timeout", type=float, default=60.0, show_default=True, callback=positive_seconds,
              help="Seconds to wait for each graph.")
@click.option("--user", help="User name, when the store asks for one.")
@click.option("--password", help="Password for --user.")
@click.option("--digest", is_flag=True, help="Use HTTP digest authentication (Virtuoso) instead of basic.")
@click.option("--query-endpoint", metavar="URL",
              help="The store's SPARQL query endpoint, to verify the load and for --prune (default: the "
                   "endpoint with its last part, store or data, replaced by query).")
@click.option("--prune", is_flag=True, help="Also delete the sdkg graphs the store holds that the sources no "
                                            "longer have (such as a removed document's graph).")
@reports_input_errors
def load(root: Path | None, endpoint: str, timeout: float, user: str | None, password: str | None,
         digest: bool, query_endpoint: str | None, prune: bool) -> None:
    """Upload every named graph to a store over the SPARQL 1.1 Graph Store HTTP Protocol (PUT per graph)."""
    import httpx
    from rich.progress import Progress

    from sdkg.dataset.loader import load_path
    from sdkg.errors import InputError
    from sdkg.stores.graph_store import prune as prune_graphs
    from sdkg.stores.graph_store import query_endpoint_of, upload, verify

    if password is not None and user is None:
        raise InputError("--password needs --user (the password alone is never sent)")
    if digest and user is None:
        raise InputError("--digest needs --user and --password")
    auth: httpx.Auth | None = None
    if user is not None:
        auth = (httpx.DigestAuth if digest else httpx.BasicAuth)(user, password or "")
    query_endpoint = query_endpoint or query_endpoint_of(endpoint)
    if prune and query_endpoint is None:
        raise InputError("--prune needs --query-endpoint URL (the store's SPARQL endpoint) to list its graphs")
    dataset = load_path(root)
    with Progress(console=console(), transient=False) as progress:
        task = progress.add_task("uploading named graphs", total=len(dataset.graphs))

        def advance(done: "Upload", total: int) -> None:
            progress.update(task, advance=1, description=f"uploaded {done.graph.rsplit('/', 1)[-1]}")

        uploads = upload(dataset, endpoint, timeout, auth, advance)
    click.echo(f"loaded {sum(u.triples for u in uploads)} triples in {len(uploads)} named graphs into {endpoint}")
    if prune and query_endpoint is not None:
        removed = prune_graphs(dataset, endpoint, query_endpoint, timeout, auth)
        click.echo(f"pruned {len(removed)} graph(s) the sources no longer have"
                   + (": " + ", ".join(f"<{g}>" for g in removed) if removed else ""))
    if query_endpoint is not None:
        try:
            wrong = verify(uploads, query_endpoint, timeout)
        except InputError as error:
            click.echo(f"note: the load was not verified ({error})", err=True)
        else:
            if wrong:
                raise InputError(f"the store does not hold what was sent: {'; '.join(wrong[:3])}", endpoint)
            click.echo(f"verified: {query_endpoint} counts the same triples in every graph")


@click.command()
@root_option
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--examples", is_flag=True, help="Also print, per stored query, a link that opens it in the editor.")
@click.option("--timeout", type=float, default=30.0, show_default=True, callback=positive_seconds,
              help="Seconds a query may run on the server before it is stopped.")
@click.option("--site", is_flag=True, help="Also serve the documentation site, with its SPARQL editor, "
                                          "beside the endpoint (IRIs negotiated as on the published site).")
@click.option("--site-port", type=click.IntRange(0, 65535), default=7879, show_default=True,
              help="Port of the site on 127.0.0.1, with --site (0: any free port).")
@reports_input_errors
def serve(root: Path | None, port: int, examples: bool, timeout: float, site: bool, site_port: int) -> None:
    """Serve the graph read-only with the Oxigraph server on 127.0.0.1; Ctrl-C stops it.

    The web SPARQL editor is at /, the SPARQL endpoint at /query. The default graph is the union of the
    named graphs; the stored queries name their graphs, so they give the same answers either way.
    """
    from sdkg.queries.catalogue import stored_queries
    from sdkg.dataset.loader import load_path
    from sdkg.stores.serve import editor_link, serve_until_interrupted
    from sdkg.stores.oxigraph_server import OxigraphServer

    dataset = load_path(root)
    queries = stored_queries(dataset.tree.queries)

    def announce(server: OxigraphServer) -> None:
        click.echo(f"serving {dataset.triple_count()} quads in {len(dataset.graphs)} named graphs (read-only)")
        click.echo(f"  web SPARQL editor: {server.url}/")
        click.echo(f"  SPARQL endpoint:   {server.query_endpoint}")
        if examples:
            for query in queries:
                click.echo(f"  {query.name}: {editor_link(server, query)}")
        else:
            click.echo(f"  {len(queries)} stored queries open in the editor with `sdkg serve --examples`")
        click.echo("press Ctrl-C to stop")

    def announce_site(url: str) -> None:
        click.echo(f"  site:              {url}/index.html  (editor: {url}/editor.html, endpoint: {url}/query)")

    from sdkg.stores.serve import SiteOptions

    options = SiteOptions(site_port or None, announce_site) if site else None
    code = serve_until_interrupted(dataset, port or None, announce, timeout, options)
    if code is None:
        click.echo("stopped")
    else:
        click.echo(f"the server stopped by itself (exit code {code})", err=True)
        sys.exit(EXIT_BAD_INPUT)
