"""Bad input and faults: every class of defect of the reliability review, one test (or one table row) each.

Every run is a real `python -m sdkg` process on a small tree in a temporary folder. Each asserts the exit code
(0 holds, 1 does not conform, 2 bad input or environment, 3 a fault in sdkg), the one line that explains it,
that no Python traceback is printed, and that no file outside the command's target changed.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from minitree import PREFIXES, make_sources, make_tree

FIXTURES = Path(__file__).resolve().parent / "bad_input"
EXIT_OK, EXIT_NONCONFORMING, EXIT_BAD_INPUT, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def message(self) -> str:
        """The `error:` line (or, failing that, the first line of stderr)."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.lower().startswith("error:")]
        return (errors or lines or [""])[0]


def sdkg(*args: str, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    """Run the command line in a process of its own, as a user or a CI job does."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "sdkg", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, check=False)
    run = Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-3000:]
    return run


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under `folder` (except those under `skip`) with the SHA-256 of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not path.is_symlink() and not any(relative.startswith(s) for s in skip):
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


DATASET_RECORD = """
sdr:dataset a <http://rdfs.org/ns/void#Dataset> , <http://www.w3.org/ns/dcat#Dataset> ;
    dcterms:title "A test dataset"@en ; dcterms:description "A dataset for tests."@en ;
    dcterms:issued "2026-01-01"^^xsd:date ; dcterms:modified "2026-01-02"^^xsd:date ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
    <http://www.w3.org/2002/07/owl#versionInfo> "0.0.1" .
"""


def release_tree(root: Path) -> Path:
    """The small tree with the dataset record an export describes."""
    make_tree(root)
    metadata = root / "data" / "metadata.ttl"
    metadata.write_text(metadata.read_text(encoding="utf-8") + DATASET_RECORD, encoding="utf-8")
    return root


# ---------------------------------------------------------------------------------------------------------------
# One table of cases: a change to the small valid tree, a command, its exit code and the words of its message.

@dataclass(frozen=True)
class Case:
    name: str
    changes: dict[str, str | None]
    args: tuple[str, ...]
    code: int
    message: str  # a regular expression the error line (or stdout, for findings) must match
    raw: dict[str, bytes] = field(default_factory=dict)  # files written byte for byte (no prefixes added)
    cwd: str = "."  # where the command runs, relative to the tree's root


BAD_INPUT = [
    # Nothing skipped in silence: a file under ontology/ or data/ is read or refused.
    Case("upper-case extension", {"data/entities/MORE.TTL": ""}, ("check", "--only", "quality"), 2,
         r"data/entities/MORE\.TTL: would not be read: .*rename it to MORE\.ttl"),
    Case("other extension", {"data/entities/more.turtle": ""}, ("check", "--only", "quality"), 2,
         r"more\.turtle: would not be read.*rename it to more\.ttl"),
    Case("N-Triples file in data", {"data/entities/x.nt": ""}, ("check", "--only", "quality"), 2,
         r"data/entities/x\.nt: would not be read"),
    Case("OWL file in ontology", {"ontology/extra.owl": ""}, ("check", "--only", "quality"), 2,
         r"ontology/extra\.owl: would not be read"),
    Case("Turtle in an ontology subfolder", {"ontology/sub/x.ttl": ""}, ("fmt", "--check"), 2,
         r"ontology/sub/x\.ttl: would not be read.*move it up into ontology/"),
    Case("document name with #", {"data/documents/doc#2.ttl": ""}, ("check", "--only", "quality"), 2,
         r"doc#2\.ttl: unsafe document file name"),
    Case("document name with a space", {"data/documents/document 002.ttl": ""}, ("stats",), 2,
         r"document 002\.ttl: unsafe document file name"),
    Case("document name with >", {"data/documents/doc>x.ttl": ""}, ("export", "--out", "dist"), 2,
         r"doc>x\.ttl: unsafe document file name"),
    Case("document named like the registry", {"data/documents/entities.ttl": ""}, ("check", "--only", "quality"),
         2, r"cannot be named 'entities': that is the name of a shared graph"),
    Case("self-referencing link", {}, ("check", "--only", "quality"), 2,
         r"data/entities/self\.ttl: cannot read: the link points back to itself"),
    Case("dangling link", {}, ("check", "--only", "quality"), 2,
         r"data/entities/gone\.ttl: cannot read: the link points to nowhere\.ttl, which does not exist"),
    Case("byte-order mark", {}, ("check", "--only", "quality"), 2, r"entities/bom\.ttl:1:1: .*byte-order mark \(BOM\)",
         raw={"data/entities/bom.ttl": b"\xef\xbb\xbf" + PREFIXES.encode()}),
    Case("literal over the store's limit", {}, ("stats",), 2, r"big\.ttl: too large to load",
         raw={"data/entities/big.ttl": (PREFIXES + 'sdr:x sdkg:note "' + "a" * (17 * 2**20) + '" .\n').encode()}),
    # The wrong tree: never a false pass on another tree.
    Case("partial tree, run inside it", {"ontology/sdkg.ttl": None}, ("check",), 2,
         r"looks like an sdkg tree but is not a whole one"),
    # Checks that did not run are not a pass.
    Case("--only quotes without --sources", {}, ("check", "--only", "quotes"), 2,
         r"--only selects no check that can run \(quotes not run: no --sources"),
    Case("--only reasoner with --no-reasoner", {}, ("check", "--only", "reasoner", "--no-reasoner"), 2,
         r"--only selects no check that can run \(reasoner not run: --no-reasoner"),
    # Bad option values and output places.
    Case("negative timeout", {}, ("query", "members", "--timeout", "-1"), 2, r"-1\.0 is not a number of seconds"),
    Case("NaN timeout", {}, ("query", "members", "--timeout", "nan"), 2, r"nan is not a number of seconds"),
    Case("--out below a file", {}, ("export", "--out", "data/metadata.ttl/sub"), 2,
         r"metadata\.ttl: is a file, not a folder"),
    Case("--out in /proc", {}, ("export", "--out", "/proc/sdkg-dist"), 2, r"/proc.*cannot write here"),
    Case("plot into /proc", {}, ("plot", "network", "--out", "/proc/sdkg.svg"), 2, r"/proc.*cannot write here"),
    Case("--base-url with a space", {}, ("export", "--out", "dist", "--base-url", "https://x.org/a b/"), 2,
         r"--base-url .* holds a space"),
    Case("--base-url without a slash", {}, ("export", "--out", "dist", "--base-url", "https://x.org/rel"), 2,
         r"--base-url .* must end with a slash"),
    Case("--password without --user", {}, ("load", "--endpoint", "http://127.0.0.1:1/store", "--password", "x"), 2,
         r"--password needs --user"),
    # Queries: updates refused, encodings named, parameters are values.
    Case("update as a query file", {}, ("query", "update.rq"), 2, r"update\.rq: this is a SPARQL update",
         raw={"update.rq": b"PREFIX x: <http://x/>\nDROP ALL\n"}),
    Case("non-UTF-8 query file", {}, ("query", "latin.rq"), 2, r"latin\.rq: not UTF-8",
         raw={"latin.rq": "# title: caf\u00e9\nSELECT * WHERE { ?s ?p ?o }\n".encode("latin-1")}),
    Case("IRI-shaped parameter that rewrites the query", {},
         ("query", "param", "--param", "actor=<urn:x> } BIND(1 AS ?one) #>"), 2,
         r"^error: --param actor='<urn:x> } BIND\(1 AS \?one\) #>': not a valid IRI"),
    Case("parameter with a newline", {}, ("query", "param", "--param", "actor=http://x/a\nb"), 2,
         r"^error: --param actor=.*not a valid IRI"),
    Case("string parameter with quotes stays a string", {}, ("query", "param", "--param", 'actor=x" } ; DROP ALL ; #'),
         0, r"\(0\s+rows\)"),
]


def build_case(case: Case, root: Path) -> None:
    make_tree(root, case.changes)
    for name, body in case.changes.items():
        if body is None:
            (root / name).unlink(missing_ok=True)
    (root / "queries" / "param.rq").write_text(fixture("param.rq"), encoding="utf-8")
    for name, data in case.raw.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    if case.name == "self-referencing link":
        os.symlink("self.ttl", root / "data" / "entities" / "self.ttl")
    if case.name == "dangling link":
        os.symlink("nowhere.ttl", root / "data" / "entities" / "gone.ttl")


@pytest.mark.parametrize("case", BAD_INPUT, ids=[c.name for c in BAD_INPUT])
def test_bad_input_is_one_clear_line(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "tree"
    build_case(case, root)
    before = snapshot(tmp_path)
    run = sdkg(*case.args, cwd=root / case.cwd)
    assert run.code == case.code, run.stderr + run.stdout[-2000:]
    shown = run.message if case.code == EXIT_BAD_INPUT else run.stdout
    assert re.search(case.message, shown), (shown, run.stderr)
    if case.code == EXIT_BAD_INPUT:
        assert len([line for line in run.stderr.splitlines() if line.lower().startswith("error:")]) == 1
    assert snapshot(tmp_path) == before  # nothing written: not the tree, not a half-made --out


# ---------------------------------------------------------------------------------------------------------------
# The right tree or none.

def test_the_tree_is_found_upward_and_named(tmp_path: Path) -> None:
    """From data/ of a tree with a broken file, the check runs on that tree (it fails), and says so."""
    root = make_tree(tmp_path / "tree", {"data/entities/bad.ttl": "sdr:x a ."})
    run = sdkg("check", "--only", "quality", cwd=root / "data" / "entities")
    assert run.code == EXIT_BAD_INPUT
    assert f"working on the tree at {root}" in run.stderr
    assert re.search(r"data/entities/bad\.ttl:\d+:\d+: invalid Turtle", run.message)


def test_outside_any_tree_fmt_refuses_and_readers_name_the_packaged_copy(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = sdkg("fmt", cwd=outside)
    assert run.code == EXIT_BAD_INPUT
    assert "never into the packaged copy" in run.message
    queries = sdkg("queries", "--format", "json", cwd=outside)
    assert queries.code == EXIT_OK
    assert "reading the packaged copy at" in queries.stderr and "(read-only)" in queries.stderr
    assert snapshot(tmp_path) == {}


# ---------------------------------------------------------------------------------------------------------------
# Nothing skipped in silence: graphs without their record, facts in the registry, checks that did not run.

def quality(run: Run) -> dict[str, dict]:  # type: ignore[type-arg]
    return {c["check"]: c for c in json.loads(run.stdout)["checks"]}


def test_a_document_graph_needs_its_record_and_the_registry_holds_no_facts(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {
        "data/documents/document-902.ttl": "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .",
        "data/entities/facts.ttl": "sdr:sylvanian-union sdkg:memberOf sdr:freedonian-academy ."})
    run = sdkg("check", "--only", "quality", "--format", "json", cwd=root)
    assert run.code == EXIT_NONCONFORMING
    checks = quality(run)
    unrecorded = checks["quality:unrecorded-document"]["findings"]
    assert [f["node"] for f in unrecorded] == ["sdg:document-902"]
    assert [f["file"] for f in unrecorded] == ["data/documents/document-902.ttl"]
    registry = checks["quality:registry-statement"]["findings"]
    assert [(f["node"], f["path"]) for f in registry] == [("sdr:sylvanian-union", "sdkg:memberOf")]


def test_an_entity_copied_into_a_second_file_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    registry = root / "data" / "entities" / "test.ttl"
    (root / "data" / "entities" / "copy.ttl").write_text(registry.read_text(encoding="utf-8"), encoding="utf-8")
    run = sdkg("check", "--only", "quality", "--format", "json", cwd=root)
    assert run.code == EXIT_NONCONFORMING
    findings = quality(run)["quality:duplicate-definition"]["findings"]
    assert {f["node"] for f in findings} == {"sdr:freedonian-academy", "sdr:sylvanian-union"}
    assert all("data/entities/copy.ttl" in f["message"] and "data/entities/test.ttl" in f["message"]
               for f in findings)


def test_checks_not_run_are_skipped_with_the_reason_and_never_all_hold(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    run = sdkg("check", "--only", "quality", "--only", "quotes", "--only", "reasoner", "--no-reasoner", cwd=root)
    assert run.code == EXIT_OK
    assert re.search(r"quotes\s+│\s+SKIPPED\s+│\s+not run: no --sources DIR", run.stdout)
    assert re.search(r"reasoner\s+│\s+SKIPPED\s+│\s+not run: --no-reasoner", run.stdout)
    assert "all checks hold" not in run.stdout
    assert run.stdout.rstrip().splitlines()[-1].startswith("the checks that ran hold; not run: ")


def test_sources_are_read_only_inside_their_folder(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/metadata.ttl": """
sdr:document-900 a sdkg:SourceDocument ;
    dcterms:title "A test document"@en ;
    sdkg:sourceFile "../secret.txt" ;
    sdkg:factsGraph <https://w3id.org/sdkg/graph/document-900> ."""})
    sources = make_sources(tmp_path / "sources")
    (tmp_path / "secret.txt").write_text("Academy of Sciences joined the Sylvanian Union\n", encoding="utf-8")
    run = sdkg("check", "--only", "quotes", "--sources", str(sources), "--format", "json", cwd=root)
    assert run.code == EXIT_NONCONFORMING
    messages = [f["message"] for f in quality(run)["quotes"]["findings"]]
    assert any("'../secret.txt' points outside" in m for m in messages), messages


# ---------------------------------------------------------------------------------------------------------------
# sdkg fmt loses nothing.

def test_fmt_refuses_a_file_with_comments_and_names_the_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/links.ttl": "# why this link\nsdr:a sdkg:b sdr:c .\n"})
    before = snapshot(root)
    run = sdkg("fmt", cwd=root)
    assert run.code == EXIT_BAD_INPUT
    assert re.search(r"data/links\.ttl:\d+:1: holds a comment", run.message)
    assert snapshot(root) == before  # every file is checked before any is rewritten


def test_fmt_keeps_every_rdf_term_as_written(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/entities/tricky.ttl": fixture("tricky-literals.ttl")})
    path = root / "data" / "entities" / "tricky.ttl"
    before = {str(q.triple) for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)}
    run = sdkg("fmt", cwd=root)
    assert run.code == EXIT_OK, run.stderr
    after = {str(q.triple) for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)}
    assert after == before
    assert sdkg("fmt", "--check", cwd=root).code == EXIT_OK


def test_fmt_refuses_a_relative_iri_instead_of_resolving_it(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/links.ttl": "sdr:a sdkg:b <notes/cold-war.html> ."})
    before = snapshot(root)
    run = sdkg("fmt", cwd=root)
    assert run.code == EXIT_BAD_INPUT
    assert re.search(r"data/links\.ttl:\d+:\d+: invalid Turtle: .*No scheme found", run.message)
    assert snapshot(root) == before


def test_fmt_does_not_overwrite_an_edit_made_while_it_runs(tmp_path: Path) -> None:
    from sdkg.curate.fmt import find_drift, rewrite
    from sdkg.dataset.tree import SourceTree
    from sdkg.errors import InputError

    root = make_tree(tmp_path / "tree")
    drifts = find_drift(SourceTree(root))
    assert drifts
    edited = drifts[-1].path
    edit = "\nsdr:late-edit sdkg:memberOf sdr:sylvanian-union .\n"
    edited.write_text(edited.read_text(encoding="utf-8") + edit, encoding="utf-8")
    with pytest.raises(InputError, match="changed while fmt ran"):
        rewrite(drifts)
    assert edited.read_text(encoding="utf-8").endswith(edit)
    assert not [p for p in root.rglob("*") if ".tmp-" in p.name]  # no temporary file left


# ---------------------------------------------------------------------------------------------------------------
# Writes are atomic.

def test_a_release_folder_holds_exactly_the_release_and_survives_an_interruption(tmp_path: Path) -> None:
    from sdkg.atomic import atomic_folder

    root = release_tree(tmp_path / "tree")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "old-release.ttl").write_text("stale", encoding="utf-8")
    assert sdkg("export", "--root", str(root), "--out", str(out), cwd=tmp_path).code == EXIT_OK
    assert not (out / "old-release.ttl").exists()
    listed = {line.split()[-1].lstrip("*") for line in (out / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert on_disk == listed
    release = snapshot(out)
    with pytest.raises(KeyboardInterrupt), atomic_folder(out) as folder:
        (folder / "sdkg.nq").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert snapshot(out) == release
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "tree"]  # no temporary folder left


# ---------------------------------------------------------------------------------------------------------------
# Limits on everything that can run away.

def overhead(root: Path) -> float:
    """Seconds this machine takes now to start sdkg and load the small tree (the tests' clock starts there)."""
    return sdkg("stats", "--format", "json", cwd=root).seconds


def test_a_runaway_query_stops_at_its_timeout(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "queries" / "heavy.rq").write_text(fixture("heavy.rq"), encoding="utf-8")
    start_up = overhead(root)
    run = sdkg("query", "heavy", "--timeout", "2", cwd=root)
    assert run.code == EXIT_BAD_INPUT
    assert "did not finish within 2 s (stopped)" in run.message
    assert run.seconds < 2 + 2 + start_up  # its timeout plus 2 s, beyond starting sdkg


def test_a_query_that_eats_memory_stops_at_its_cap(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "queries" / "greedy.rq").write_text(fixture("greedy.rq"), encoding="utf-8")
    run = sdkg("query", "greedy", "--timeout", "60", cwd=root, env={"SDKG_QUERY_MEMORY_MIB": "300"})
    assert run.code == EXIT_BAD_INPUT
    assert "the query stopped without an answer" in run.message and "ran out of memory" in run.message
    assert len(run.stderr.strip().splitlines()) == 1


def test_ctrl_c_stops_a_running_query(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "queries" / "heavy.rq").write_text(fixture("heavy.rq"), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "sdkg", "query", "heavy", "--timeout", "100"], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=10)
    finally:
        process.kill()
    assert time.monotonic() - interrupted < 2
    assert process.returncode == EXIT_INTERRUPTED
    assert "Traceback" not in stderr and "interrupted" in stderr


class Endpoint(BaseHTTPRequestHandler):
    """A misbehaving SPARQL endpoint: its path says how."""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        answers = {"/ok": b'{"head": {"vars": ["x"]}, '
                          b'"results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}',
                   "/list": b"[1, 2]", "/nullvars": b'{"head": {"vars": null}, "results": {"bindings": []}}',
                   "/badrow": b'{"head": {"vars": ["x"]}, "results": {"bindings": [7]}}'}
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        if self.path == "/drip":
            try:
                for _ in range(60):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        self.wfile.write(answers[self.path])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_endpoint_answer_has_an_overall_deadline(endpoint: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    start_up = overhead(root)
    run = sdkg("query", "members", "--endpoint", endpoint + "/drip", "--timeout", "2", cwd=root)
    assert run.code == EXIT_BAD_INPUT
    assert "no complete answer within 2 s" in run.message
    assert run.seconds < 2 + 2 + start_up


@pytest.mark.parametrize("path", ["/list", "/nullvars", "/badrow"])
def test_a_malformed_endpoint_answer_is_bad_input(endpoint: str, path: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    run = sdkg("query", "members", "--endpoint", endpoint + path, cwd=root)
    assert run.code == EXIT_BAD_INPUT
    assert "the endpoint's answer is not SPARQL JSON results" in run.message


def test_a_proxy_in_the_environment_is_not_used_for_this_machine(endpoint: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    dead_proxy = {"HTTP_PROXY": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "NO_PROXY": "",
                  "no_proxy": ""}
    run = sdkg("query", "members", "--endpoint", endpoint + "/ok", "--format", "csv", cwd=root, env=dead_proxy)
    assert run.code == EXIT_OK, run.stderr
    assert run.stdout.splitlines() == ["x", "1"]


def test_load_prunes_a_removed_document_graph_and_verifies_the_counts(tmp_path: Path) -> None:
    from sdkg.queries.engines import query_endpoint
    from sdkg.stores.oxigraph_server import start_server

    root = make_tree(tmp_path / "tree", {"data/documents/document-901.ttl":
                                         "sdr:sylvanian-union sdkg:memberOf sdr:freedonian-academy ."})
    server = start_server(tmp_path / "store", read_only=False)
    try:
        first = sdkg("load", "--endpoint", server.store_endpoint, cwd=root)
        assert first.code == EXIT_OK and "verified:" in first.stdout, first.stderr
        (root / "data" / "documents" / "document-901.ttl").unlink()
        second = sdkg("load", "--endpoint", server.store_endpoint, "--prune", cwd=root)
        assert second.code == EXIT_OK, second.stderr
        assert "pruned 1 graph(s) the sources no longer have: <https://w3id.org/sdkg/graph/document-901>" in \
            second.stdout
        graphs = query_endpoint(server.query_endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert "https://w3id.org/sdkg/graph/document-901" not in {row["g"].value for row in graphs.rows}
    finally:
        server.stop()


class FailingStore(BaseHTTPRequestHandler):
    """A Graph Store that accepts two graphs, then fails."""

    accepted = 0

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        FailingStore.accepted += 1
        self.send_response(204 if FailingStore.accepted <= 2 else 500)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_load_that_fails_half_way_names_the_graphs_it_replaced(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    server = ThreadingHTTPServer(("127.0.0.1", 0), FailingStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        run = sdkg("load", "--endpoint", f"http://127.0.0.1:{server.server_address[1]}/x", cwd=root)
    finally:
        server.shutdown()
        server.server_close()
    assert run.code == EXIT_BAD_INPUT
    assert re.search(r"HTTP 500 .*; before that the store had replaced 2 of \d+ graphs \(<https://w3id\.org/sdkg/"
                     r"graph/[a-z0-9-]+>, <https://w3id\.org/sdkg/graph/[a-z0-9-]+>\), so it now mixes old and new "
                     r"graphs: run `sdkg load` again", run.message), run.message


def test_serve_gives_oxigraph_a_query_time_limit(tmp_path: Path) -> None:
    from sdkg.stores.oxigraph_server import start_server

    server = start_server(tmp_path / "store", read_only=False, query_timeout=7)
    try:
        assert server.process.args[-2:] == ["--timeout-s", "7"]
    finally:
        server.stop()


def test_the_poison_blank_node_graph_does_not_hang_the_export(tmp_path: Path) -> None:
    """A 10-node blank-node clique: RDFC-1.0 is exponential on it; the export must end, quickly."""
    root = release_tree(tmp_path / "tree")
    (root / "data" / "entities" / "poison.ttl").write_text(fixture("poison-clique.ttl"), encoding="utf-8")
    run = sdkg("export", "--out", str(tmp_path / "dist"), cwd=root, timeout=60)
    assert run.seconds < 30
    assert run.code in (EXIT_OK, EXIT_BAD_INPUT), run.stderr
    if run.code == EXIT_BAD_INPUT:
        assert "blank node" in run.message and len(run.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "dist").exists()


# ---------------------------------------------------------------------------------------------------------------
# One error path: faults become findings or one line, with their own exit code; the other checks still report.

def test_an_ill_typed_literal_is_a_finding_and_every_check_reports(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree", {"data/documents/document-900.ttl":
                                         "sdr:freedonian-academy sdkg:memberOf sdr:sylvanian-union .\n"
                                         'sdr:freedonian-academy sdkg:startYear "abc"^^xsd:integer .'})
    java = shutil.which("java") is not None
    run = sdkg("check", "--format", "json", cwd=root)
    assert run.code == (EXIT_NONCONFORMING if java else EXIT_BAD_INPUT), run.stderr
    checks = quality(run)
    assert {"shacl", "reasoner", "quality:blank-node", "links", "queries", "quotes"} <= set(checks)
    assert checks["quotes"]["status"] == "skipped"
    if java:
        assert checks["reasoner"]["status"] == "fail"
        assert any("ill-typed literal: 'abc'" in f["message"] for f in checks["reasoner"]["findings"])
    assert run.stderr.strip() == ""  # no converter noise from rdflib


def test_a_failing_reasoner_is_an_environment_error_and_the_rest_report(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "java").write_text("#!/bin/sh\necho 'Error: broken Java' >&2\nexit 1\n", encoding="utf-8")
    (fake / "java").chmod(0o755)
    run = sdkg("check", "--only", "reasoner", "--only", "quality", "--format", "json", cwd=root,
               env={"PATH": f"{fake}:{os.environ['PATH']}"})
    assert run.code == EXIT_BAD_INPUT, run.stdout[-2000:]
    checks = quality(run)
    assert checks["reasoner"]["status"] == "error"
    assert "Java failed, not the data" in checks["reasoner"]["summary"]
    assert checks["quality:blank-node"]["status"] == "pass"


def test_a_fault_in_sdkg_is_exit_3_with_one_line_and_debug_shows_it(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    (plugin / "sitecustomize.py").write_text(
        "import sdkg.queries.stats as s\n"
        "def broken(*a, **k):\n    raise RuntimeError('simulated fault')\n"
        "s.compute_stats = broken\n", encoding="utf-8")
    env = {"PYTHONPATH": f"{plugin}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = sdkg("stats", cwd=root, env=env)
    assert run.code == EXIT_BUG
    assert run.message.startswith("error: internal error in sdkg (RuntimeError: simulated fault)")
    assert "--debug" in run.message and len(run.stderr.strip().splitlines()) == 1
    done = subprocess.run([sys.executable, "-m", "sdkg", "--debug", "stats"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120, check=False)
    assert done.returncode != 0 and "Traceback" in done.stderr and "simulated fault" in done.stderr


# ---------------------------------------------------------------------------------------------------------------
# Output shows the data as it is.

def test_markup_and_escape_sequences_are_printed_literally(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "data" / "entities" / "markup.ttl").write_text(fixture("markup-labels.ttl"), encoding="utf-8")
    (root / "queries" / "labels.rq").write_text(
        "# title: Labels\n# question: What are the labels?\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?label WHERE { GRAPH ?g { ?x skos:prefLabel ?label } } ORDER BY ?label\n", encoding="utf-8")
    run = sdkg("query", "labels", cwd=root)
    assert run.code == EXIT_OK, run.stderr
    assert "Closing [/bold] tag" in run.stdout
    assert "Climate change [sic] and [citation needed]" in run.stdout
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "Title\\x1b]0;pwned\\x07 and \\x1b[2J clear" in run.stdout


def test_a_finding_with_brackets_in_its_value_is_shown_as_written(tmp_path: Path) -> None:
    """The check report prints values as they are: `[/]` neither crashes it nor `[sic]` vanishes."""
    root = make_tree(tmp_path / "tree", {"data/entities/markup.ttl":
                                         'sdr:markup-x a sdkg:Goal ; skos:prefLabel "Change [/] and [sic] "@en ; '
                                         'skos:definition "A goal."@en .'})
    run = sdkg("check", "--only", "quality", cwd=root)
    assert run.code == EXIT_NONCONFORMING
    assert "Change [/] and [sic]" in run.stdout


# ---------------------------------------------------------------------------------------------------------------
# The JSON-LD export keeps every value: a round trip against the N-Quads.

def test_json_ld_export_round_trips_tricky_literals_against_n_quads(tmp_path: Path) -> None:
    root = release_tree(tmp_path / "tree")
    (root / "data" / "entities" / "tricky.ttl").write_text(fixture("tricky-literals.ttl"), encoding="utf-8")
    out = tmp_path / "dist"
    run = sdkg("export", "--out", str(out), cwd=root)
    assert run.code == EXIT_OK, run.stderr
    json.loads((out / "sdkg.jsonld").read_text(encoding="utf-8"))  # valid JSON (no bare NaN)
    nquads = {str(q) for q in ox.parse(path=out / "sdkg.nq", format=ox.RdfFormat.N_QUADS)
              if "tricky-a" in str(q)}
    jsonld = {str(q) for q in ox.parse(path=out / "sdkg.jsonld", format=ox.RdfFormat.JSON_LD)
              if "tricky-a" in str(q)}
    values = {q.object for q in ox.parse(path=out / "sdkg.nq", format=ox.RdfFormat.N_QUADS) if "tricky-a" in str(q)}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for lexical, datatype in (("0", "integer"), ("false", "boolean"), ("", "string"), ("NaN", "double"),
                              ("abc", "integer"), ("2024-13-45", "date")):
        assert ox.Literal(lexical, datatype=ox.NamedNode(xsd + datatype)) in values, lexical
    assert jsonld == nquads
