"""Serve the dataset read-only with the Oxigraph server, its web SPARQL editor at /."""

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path
from urllib.parse import urlencode

from sdkg.publish.canonical import canonical_quads
from sdkg.queries.catalogue import StoredQuery
from sdkg.publish.export import TRIG, serialise
from sdkg.dataset.loader import Dataset
from sdkg.stores.oxigraph_server import OxigraphServer, bulk_load, start_server

if TYPE_CHECKING:
    from sdkg.stores.site_server import SiteServer

FOLDER_PREFIX = "sdkg-serve-"
OWNER_FILE = "owner.pid"


@dataclass(frozen=True)
class SiteOptions:
    """`sdkg serve --site`: the documentation site beside the endpoint, on its own port."""

    port: int | None
    announce: Callable[[str], None]  # told the site's address once it is served


def editor_link(server: OxigraphServer, query: StoredQuery) -> str:
    """A link that opens the web editor with a stored query in a new tab (the editor reads the fragment)."""
    fragment = urlencode({"query": query.text(), "endpoint": server.query_endpoint, "tabTitle": query.title})
    return f"{server.url}/#{fragment}"


def start(dataset: Dataset, folder: Path, port: int | None, timeout: float | None = None) -> OxigraphServer:
    """Write the dataset as TriG into `folder`, bulk-load it into a new store there, start the server."""
    assert TRIG.rdf_format is not None
    trig = folder / "sdkg.trig"
    trig.write_bytes(serialise(canonical_quads(dataset), TRIG.rdf_format))
    store = folder / "store"
    bulk_load(store, [trig])
    return start_server(store, port, read_only=True, union_default_graph=True, query_timeout=timeout)


def serve_until_interrupted(dataset: Dataset, port: int | None, announce: Callable[[OxigraphServer], None],
                            timeout: float | None = None, site: SiteOptions | None = None) -> int | None:
    """Serve from a throw-away folder until Ctrl-C, then stop the server and remove the folder.

    Returns the server's exit code if it stopped by itself, None after Ctrl-C. Folders left by an earlier
    `sdkg serve` that was killed outright are removed first.
    """
    remove_abandoned_folders()
    previous = signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        with tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX) as folder:
            (Path(folder) / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
            return _serve_from(dataset, Path(folder), port, announce, timeout, site)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_on_terminate(signum: int, frame: object) -> None:
    """A termination request (SIGTERM) stops the server like Ctrl-C does."""
    raise KeyboardInterrupt


def remove_abandoned_folders() -> None:
    """Remove the throw-away folders of `sdkg serve` processes that no longer run (killed with -9)."""
    for folder in Path(tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours, or still being set up
        if owner != os.getpid() and not _running(owner):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _serve_from(dataset: Dataset, folder: Path, port: int | None,
                announce: Callable[[OxigraphServer], None], timeout: float | None = None,
                site: SiteOptions | None = None) -> int | None:
    """Start the server in `folder`, announce it, and wait until it stops or is interrupted."""
    server = start(dataset, folder, port, timeout)
    site_server = None
    try:
        if site is not None:
            site_server = serve_site(dataset, folder, server, site)
        announce(server)
        if site is not None and site_server is not None:
            site.announce(site_server.url)
        code = server.process.wait()
        message = (server.messages() or "").strip().splitlines()
        if message:
            print(f"sdkg: the Oxigraph server said: {message[-1][:300]}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        return None
    finally:
        if site_server is not None:
            site_server.stop()
        server.stop()


def serve_site(dataset: Dataset, folder: Path, server: OxigraphServer, options: SiteOptions) -> "SiteServer":
    """Build the site into `folder` (its editor asking /query on the same host) and serve it beside `server`."""
    from sdkg.site.build import build_site
    from sdkg.stores.site_server import start_site_server

    build_site(dataset, folder / "site", endpoint="/query")
    return start_site_server(folder / "site", server.query_endpoint, options.port)

