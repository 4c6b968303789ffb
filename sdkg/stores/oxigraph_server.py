"""Run the real Oxigraph server (PyPI `oxigraph`) on a store folder, on the loopback interface only."""

import math
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

from sdkg.errors import InputError

LOOPBACK = "127.0.0.1"
READY_TIMEOUT = 20.0
DEFAULT_QUERY_TIMEOUT = 30.0


def oxigraph_binary() -> str:
    """The `oxigraph` command: next to this Python (a virtual environment), or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise InputError("the Oxigraph server is not installed: `pip install oxigraph`")
    return found


def die_with_parent() -> None:
    """On Linux, have the kernel stop the server (SIGTERM) when the process that started it dies, even when
    that process is killed outright; elsewhere, do nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def bulk_load(location: Path, files: list[Path]) -> None:
    """Load RDF files (TriG keeps the named graphs) into a store folder, before any server opens it."""
    command = [oxigraph_binary(), "load", "--location", str(location)]
    for path in files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(f"oxigraph load failed: {done.stderr.strip()[:500]}", str(location))


@dataclass
class OxigraphServer:
    """A running `oxigraph serve` process and where it answers."""

    process: subprocess.Popen[bytes]
    port: int
    log: IO[bytes]

    def messages(self) -> str:
        """What the server wrote on its error stream."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace").strip()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def query_endpoint(self) -> str:
        return self.url + "/query"

    @property
    def store_endpoint(self) -> str:
        return self.url + "/store"

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def port_in_use(port: int) -> bool:
    """Whether something already listens on 127.0.0.1:port."""
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((LOOPBACK, port)) == 0


def start_server(location: Path, port: int | None = None, read_only: bool = True, union_default_graph: bool = False,
                 query_timeout: float | None = DEFAULT_QUERY_TIMEOUT) -> OxigraphServer:
    """Start the server on 127.0.0.1 and wait until it answers a query; a query running longer than
    `query_timeout` seconds is stopped by the server."""
    if port and port_in_use(port):
        raise InputError(f"the Oxigraph server did not start: port {port} is already in use on {LOOPBACK} "
                         "(another server?): choose another --port, or 0 for any free one", f"http://{LOOPBACK}:{port}")
    port = port or free_port()
    command = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"{LOOPBACK}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    if query_timeout is not None:
        command += ["--timeout-s", str(max(1, math.ceil(query_timeout)))]
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=die_with_parent)
    server = OxigraphServer(process, port, log)
    wait_until_ready(server)
    return server


def wait_until_ready(server: OxigraphServer) -> None:
    """Poll `ASK {}` until the server answers; report its own message if it exits first."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            first_line = (server.messages() or "no message").splitlines()[0]
            raise InputError(f"the Oxigraph server did not start: {first_line}", server.url)
        try:
            answer = httpx.get(server.query_endpoint, params={"query": "ASK {}"}, timeout=1.0, trust_env=False)
            if answer.status_code == 200 and server.process.poll() is None:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise InputError(f"the Oxigraph server did not answer within {READY_TIMEOUT:g} s", server.url)
