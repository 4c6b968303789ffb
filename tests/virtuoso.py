"""A throw-away Virtuoso 7 server on loopback ports, bulk-loaded from an export (see ../shared/TOOLS.md)."""

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from sdkg.stores.oxigraph_server import LOOPBACK, free_port

INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = {host}:{sql_port}
DirsAllowed = ., {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {folder}
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


@dataclass
class Virtuoso:
    """A running virtuoso-t and its ports."""

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes]
    isql: str

    @property
    def sparql_endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}/sparql"

    def sql(self, statements: str) -> str:
        """Run SQL statements through isql-vt; return its output."""
        done = subprocess.run([self.isql, f"{LOOPBACK}:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def bulk_load(self, data: Path, pattern: str, default_graph: str) -> str:
        """Load the files of `data` matching `pattern`; return the loader's list of files and errors."""
        self.sql(f"ld_dir('{data}', '{pattern}', '{default_graph}'); rdf_loader_run(); checkpoint;")
        return self.sql("SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list;")

    def stop(self) -> None:
        subprocess.run([self.isql, f"{LOOPBACK}:{self.sql_port}", "dba", "dba", "-K"], capture_output=True,
                       timeout=60, check=False)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_virtuoso(virtuoso_t: str, isql: str, folder: Path, data: Path) -> Virtuoso:
    """Write a virtuoso.ini into `folder`, start the server in the foreground and wait until SPARQL answers."""
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(folder=folder, data=data, host=LOOPBACK, sql_port=sql_port,
                                                    http_port=http_port))
    process = subprocess.Popen([virtuoso_t, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Virtuoso(folder, sql_port, http_port, process, isql)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
        try:
            if httpx.get(server.sparql_endpoint, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise AssertionError("Virtuoso did not answer within 60 s")
