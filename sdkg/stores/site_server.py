"""Serve a built site beside the read-only SPARQL endpoint, on one address of 127.0.0.1.

`/query` is passed on to the Oxigraph server (so the site's editor asks its own host, with no cross-origin
request); the graph's IRI paths (`/resource/x`, `/ontology`, `/vocab/x`, `/graph/x`) are negotiated by the
Accept header with the same table as the Apache rules (`sdkg.site.conneg`); everything else is a file of the
site, with the media types of the RDF formats.
"""

import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from sdkg.site.conneg import negotiate

MEDIA_TYPES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".trig": "application/trig",
               ".nq": "application/n-quads", ".nt": "application/n-triples", ".rdf": "application/rdf+xml",
               ".rq": "application/sparql-query", ".svg": "image/svg+xml", ".js": "text/javascript",
               ".json": "application/json", ".wasm": "application/wasm", "": "application/octet-stream"}
PASSED_ON = ("accept", "content-type")  # request headers the endpoint needs


class SiteHandler(SimpleHTTPRequestHandler):
    """Files of the site, negotiated IRIs, and the endpoint at /query."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}  # noqa: RUF012 (as the base declares it)
    endpoint = ""  # set per server (see `start_site_server`)
    timeout_seconds = 60.0

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the command prints what matters
        pass

    def do_GET(self) -> None:
        if self._is_query():
            self._pass_on("GET", b"")
        elif not self._negotiated():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._negotiated():
            super().do_HEAD()

    def do_POST(self) -> None:
        if not self._is_query():
            self.send_error(405, "only /query takes POST")
            return
        length = int(self.headers.get("content-length") or 0)
        self._pass_on("POST", self.rfile.read(length))

    def _is_query(self) -> bool:
        return urlsplit(self.path).path.rstrip("/") == "/query"

    def _negotiated(self) -> bool:
        """Send a 303 for an IRI path that names a thing and is not itself a file; True when sent."""
        path = urlsplit(self.path).path.lstrip("/")
        if Path(self.translate_path(self.path)).exists():
            return False
        target = negotiate(path, self.headers.get("accept", ""))
        if target is None:
            return False
        self.send_response(303)
        self.send_header("Location", "/" + target)
        self.send_header("Vary", "Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def _pass_on(self, method: str, body: bytes) -> None:
        query = urlsplit(self.path).query
        headers = {k: v for k, v in self.headers.items() if k.lower() in PASSED_ON}
        try:
            answer = httpx.request(method, self.endpoint + (f"?{query}" if query else ""), content=body,
                                   headers=headers, timeout=self.timeout_seconds)
        except httpx.HTTPError as error:
            self.send_error(502, f"the SPARQL endpoint did not answer: {error}")
            return
        self.send_response(answer.status_code)
        for name in ("content-type",):
            if name in answer.headers:
                self.send_header(name, answer.headers[name])
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)


@dataclass
class SiteServer:
    """A running site server: its address; `stop()` ends it."""

    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}" if isinstance(host, str) else f"http://{host.decode()}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_site_server(site: Path, endpoint: str, port: int | None = None, timeout: float = 60.0) -> SiteServer:
    """Serve `site` on 127.0.0.1 (any free port when `port` is None), passing /query on to `endpoint`."""
    handler = type("BoundSiteHandler", (SiteHandler,), {"endpoint": endpoint, "timeout_seconds": timeout})
    server = ThreadingHTTPServer(("127.0.0.1", port or 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="sdkg-site", daemon=True)
    thread.start()
    return SiteServer(server, thread)
