"""Benchmarks of sdkg: the real graph through the command line, and synthetic corpora of growing size.

    .venv/bin/python bench/run.py [--sizes 10000,100000,1000000] [--seed 1] [--cap 180] [--json figures.json]

Every measured piece of work runs in a child process of its own: its wall time is taken around it, and its peak
memory is the largest resident set of the child (or of its own children, such as HermiT's Java process) as the
kernel reports it, or the sum over the child and its children sampled every 20 ms when that is larger. The
synthetic corpora are generated into a work folder (`--work`, by default a temporary one) and deleted after.
The plain way (rdflib parsing, rdflib SPARQL, pyshacl on the whole graph, HermiT on every fact) is stopped
after `--cap` seconds; the tables say so.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SDKG = [PYTHON, "-m", "sdkg"]
RESULT = "BENCH-RESULT "
STAGES = ("load", "shacl", "reasoner", "quality", "links", "queries", "export")


# -- measuring a child process ---------------------------------------------------------------------------------

def tree_rss(pid: int) -> int:
    """Resident set of a process and its descendants, in KiB (0 when gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], timeout: float | None = None, cwd: Path | None = None) -> dict:
    """Run a command; its wall time (s), peak memory (MiB), exit code, output, and whether it was stopped."""
    sampled = [0]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                             start_new_session=True)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            sampled[0] = max(sampled[0], tree_rss(child.pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stopped = False
    output: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s: output.append(s.read()), daemon=True)
               for s in (child.stdout, child.stderr)]
    for reader in readers:
        reader.start()
    timer = None
    if timeout:
        def stop() -> None:
            nonlocal stopped
            stopped = True
            try:
                os.killpg(child.pid, signal.SIGKILL)  # the child's own session: it and its children only
            except ProcessLookupError:
                pass
        timer = threading.Timer(timeout, stop)
        timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if timer:
        timer.cancel()
    done.set()
    for reader in readers:
        reader.join()
    text = b"".join(output).decode("utf-8", "replace")
    result = None
    for line in text.splitlines():
        if line.startswith(RESULT):
            result = json.loads(line[len(RESULT):])
    return {"wall": wall, "peak_mib": max(usage.ru_maxrss, sampled[0]) / 1024,
            "code": os.waitstatus_to_exitcode(status), "stopped": stopped, "result": result,
            "output": text[-3000:]}


def best_of(command: list[str], times: int) -> dict:
    runs = [measure(command) for _ in range(times)]
    best = min(runs, key=lambda r: r["wall"])
    best["walls"] = [r["wall"] for r in runs]
    return best


# -- work done in child processes --------------------------------------------------------------------------------

def child(task: str, args: list[str]) -> None:
    """One piece of work, in this (child) process; prints its figures as one JSON line."""
    out: dict = {}
    if task == "generate":
        from sdkg.bench.generate import generate
        from sdkg.dataset.tree import locate

        summary = generate(locate(REPO), Path(args[0]), int(args[1]), int(args[2]))
        out = {"triples": summary.total, "entities": summary.entities, "facts": summary.facts,
               "documents": summary.documents}
    elif task == "stages":
        out = stages(Path(args[0]), Path(args[1]))
    elif task == "queries":
        out = query_times(Path(args[0]))
    elif task == "rdflib":
        out = rdflib_plain(Path(args[0]), float(args[1]), float(args[2]))
    elif task == "pyshacl":
        from sdkg.checks.shacl import check_shacl
        from sdkg.dataset.loader import load_path

        dataset = load_path(Path(args[0]))
        started = time.perf_counter()
        outcome = check_shacl(dataset, whole=True)
        out = {"seconds": time.perf_counter() - started, "status": outcome.status.value}
    elif task == "hermit":
        from sdkg.checks.reasoner import check_reasoner
        from sdkg.dataset.loader import load_path

        dataset = load_path(Path(args[0]))
        started = time.perf_counter()
        outcome = check_reasoner(dataset, whole=True)
        out = {"seconds": time.perf_counter() - started, "status": outcome.status.value, "summary": outcome.summary}
    print(RESULT + json.dumps(out), flush=True)


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def stages(root: Path, out: Path) -> dict:
    """Load, then each check and the export one after the other: seconds, and the memory peak so far."""
    from sdkg.checks.competency import check_competency
    from sdkg.checks.links import check_links
    from sdkg.checks.quality import check_quality
    from sdkg.checks.reasoner import check_reasoner
    from sdkg.checks.shacl import check_shacl
    from sdkg.concurrency import paused_gc
    from sdkg.publish.export import export
    from sdkg.dataset.loader import load_path

    figures: dict = {}

    def timed(name, work):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        with paused_gc():
            result = work()
        figures[name] = {"seconds": time.perf_counter() - started, "peak_mib": peak_mib()}
        return result

    dataset = timed("load", lambda: load_path(root))
    figures["triples"] = dataset.triple_count()
    summaries = {}
    for name, work in (("shacl", lambda: [check_shacl(dataset)]), ("reasoner", lambda: [check_reasoner(dataset)]),
                       ("quality", lambda: check_quality(dataset)), ("links", lambda: [check_links(dataset)]),
                       ("queries", lambda: [check_competency(dataset)])):
        outcomes = timed(name, work)
        summaries[name] = [f"{o.check}: {o.status.value}: {o.summary}" for o in outcomes
                           if o.status.value != "pass" or name in ("shacl", "reasoner")]
    timed("export", lambda: export(dataset, out))
    figures["summaries"] = summaries
    return figures


def query_times(root: Path, repeat: int = 3) -> dict:
    """Each stored query: sdkg (the embedded engine, rows as sdkg reports them) and pyoxigraph directly."""
    import pyoxigraph as ox

    from sdkg.queries.catalogue import stored_queries
    from sdkg.queries.engines import query_embedded
    from sdkg.dataset.loader import load_path

    dataset = load_path(root)
    figures = {}
    for query in stored_queries(dataset.tree.queries):
        if query.federated:
            continue
        text = query.text()
        ours, direct = [], []
        for _ in range(repeat):  # alternate, so that both see the same state of the machine
            started = time.perf_counter()
            rows = len(query_embedded(dataset.store, text).rows)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            solutions = dataset.store.query(text)
            assert isinstance(solutions, ox.QuerySolutions)
            [tuple(row) for row in solutions]
            direct.append(time.perf_counter() - started)
        figures[query.name] = {"sdkg": min(ours), "pyoxigraph": min(direct), "rows": rows}
    return {"queries": figures, "peak_mib": peak_mib()}


def rdflib_plain(root: Path, cap: float, budget: float) -> dict:
    """The plain way: rdflib parses every file into its named graph, then answers each stored query (each
    stopped after `cap` seconds; once `budget` seconds are spent on queries, the others are not run)."""
    import rdflib

    from sdkg.queries.catalogue import stored_queries
    from sdkg.dataset.layout import source_files
    from sdkg.dataset.tree import locate

    tree = locate(root)
    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=False)
    for source in source_files(tree):
        dataset.graph(rdflib.URIRef(source.graph)).parse(source.path, format="turtle")
    figures: dict = {"load": time.perf_counter() - started, "triples": len(dataset), "load_peak_mib": peak_mib()}

    class Stopped(Exception):
        pass

    def stop(*_):  # type: ignore[no-untyped-def]
        raise Stopped()

    signal.signal(signal.SIGALRM, stop)
    queries: dict = {}
    spent = 0.0
    for query in stored_queries(tree.queries):
        if query.federated:
            continue
        if spent >= budget:
            queries[query.name] = {"seconds": None, "not_run": True}
            continue
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, min(cap, budget - spent))
        try:
            rows = len(list(dataset.query(query.text())))
            queries[query.name] = {"seconds": time.perf_counter() - started, "rows": rows}
        except Stopped:
            queries[query.name] = {"seconds": None, "stopped_after": min(cap, budget - spent)}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            spent += time.perf_counter() - started
    figures["queries"] = queries
    figures["peak_mib"] = peak_mib()
    return figures


# -- the tables ----------------------------------------------------------------------------------------------------

def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_rate(triples: int, seconds: float | None) -> str:
    if not seconds:
        return "—"
    rate = triples / seconds
    return f"{rate / 1e6:.2f} M/s" if rate >= 1e6 else f"{rate / 1e3:.0f} k/s"


def size_name(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> dict:
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    versions = {}
    for package in ("pyoxigraph", "rdflib", "pyshacl", "owlready2"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:
            versions[package] = "?"
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines() \
        if shutil.which("java") else ["no java"]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_gib": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "system": platform.platform(), "java": java[0] if java else "",
            "packages": versions, "load_average": os.getloadavg()}


# -- the whole run -------------------------------------------------------------------------------------------------

def real_graph(repeat: int) -> tuple[str, dict]:
    """The real graph through the command line, each command in a child process, best of `repeat` runs."""
    from sdkg.queries.catalogue import stored_queries

    names = [q.name for q in stored_queries(REPO / "queries") if not q.federated]
    out = Path(tempfile.mkdtemp(prefix="sdkg-bench-export-"))
    runs = {"import rdflib": best_of([PYTHON, "-c", "import rdflib"], repeat)}
    query_runs = {name: best_of([*SDKG, "query", name, "--format", "csv"], repeat) for name in names}
    runs["sdkg check --no-reasoner"] = best_of([*SDKG, "check", "--no-reasoner"], repeat)
    runs["sdkg check"] = best_of([*SDKG, "check"], repeat)
    runs["sdkg export"] = best_of([*SDKG, "export", "--out", str(out)], repeat)
    shutil.rmtree(out, ignore_errors=True)
    base = runs["import rdflib"]["wall"]
    walls = sorted((r["wall"], name) for name, r in query_runs.items())
    median_wall, median_name = walls[len(walls) // 2]
    rows = [["`python -c \"import rdflib\"` (reference)", fmt_s(base), "1.00",
             f"{runs['import rdflib']['peak_mib']:.0f}"]]
    rows.append([f"`sdkg query NAME`, median of the {len(walls)} stored queries ({median_name})",
                 fmt_s(median_wall), f"{median_wall / base:.2f}", f"{query_runs[median_name]['peak_mib']:.0f}"])
    rows.append([f"`sdkg query NAME`, slowest ({walls[-1][1]})", fmt_s(walls[-1][0]), f"{walls[-1][0] / base:.2f}",
                 f"{query_runs[walls[-1][1]]['peak_mib']:.0f}"])
    for name in ("sdkg check --no-reasoner", "sdkg check", "sdkg export"):
        rows.append([f"`{name}`", fmt_s(runs[name]["wall"]), f"{runs[name]['wall'] / base:.2f}",
                     f"{runs[name]['peak_mib']:.0f}"])
    for name, run in {**runs, **query_runs}.items():
        if run["code"] != 0:
            rows.append([f"**{name} exited with {run['code']}**", "", "", ""])
    text = "### The real graph (command line; best of %d runs)\n\n" % repeat + table(
        ["command", "wall s", "× `import rdflib`", "peak MiB"], rows)
    return text, {"runs": runs, "queries": query_runs}


def best_stages(runs: list[dict]) -> dict:
    """Per stage, the fastest of several runs, and the largest memory peak."""
    results = [r["result"] for r in runs if r["result"]]
    if not results:
        return runs[0]
    best = dict(results[0])
    for stage in STAGES:
        if all(stage in r for r in results):
            best[stage] = {"seconds": min(r[stage]["seconds"] for r in results),
                           "peak_mib": max(r[stage]["peak_mib"] for r in results)}
    return runs[0] | {"result": best, "walls": [r["wall"] for r in runs]}


def corpus(size: int, seed: int, work: Path, cap: float, query_cap: float, budget: float, plain: bool,
           repeat: int) -> dict:
    """Generate one corpus and measure everything on it."""
    root = work / f"corpus-{size}"
    figures: dict = {"size": size}
    generated = measure([PYTHON, __file__, "--child", "generate", str(root), str(size), str(seed)])
    figures["generate"] = generated
    if generated["code"] != 0:
        raise SystemExit(f"generating {size} triples failed:\n{generated['output']}")
    print(f"  generated {size_name(size)}: {generated['result']} in {generated['wall']:.1f} s", file=sys.stderr)
    runs = [measure([PYTHON, __file__, "--child", "stages", str(root), str(work / "export")]) for _ in range(repeat)]
    figures["stages"] = best_stages(runs)
    print("  stages: " + ", ".join(f"{r['wall']:.1f}" for r in runs) + " s", file=sys.stderr)
    runs = [measure([*SDKG, "build", "--root", str(root), "--out", str(work / "build")]) for _ in range(repeat)]
    figures["build"] = min(runs, key=lambda r: r["wall"]) | {"peak_mib": max(r["peak_mib"] for r in runs),
                                                              "walls": [r["wall"] for r in runs]}
    print("  sdkg build: " + ", ".join(f"{r['wall']:.1f}" for r in runs) + " s", file=sys.stderr)
    figures["queries"] = measure([PYTHON, __file__, "--child", "queries", str(root)])
    print(f"  stored queries: {figures['queries']['wall']:.1f} s", file=sys.stderr)
    if plain:
        figures["rdflib"] = measure([PYTHON, __file__, "--child", "rdflib", str(root), str(query_cap), str(budget)],
                                    timeout=cap + budget + 60)
        print(f"  plain rdflib: {figures['rdflib']['wall']:.1f} s", file=sys.stderr)
        figures["pyshacl"] = measure([PYTHON, __file__, "--child", "pyshacl", str(root)], timeout=cap)
        print(f"  plain pyshacl: {figures['pyshacl']['wall']:.1f} s", file=sys.stderr)
        figures["hermit"] = measure([PYTHON, __file__, "--child", "hermit", str(root)], timeout=cap)
        print(f"  plain HermiT: {figures['hermit']['wall']:.1f} s", file=sys.stderr)
    shutil.rmtree(work / "export", ignore_errors=True)
    shutil.rmtree(work / "build", ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return figures


def ratio(plain: float | None, ours: float | None) -> str:
    return f"{plain / ours:.1f}×" if plain and ours else "—"


def corpus_tables(results: list[dict], cap: float, query_cap: float, budget: float) -> str:
    """The stages table (ours and the plain way) and the stored queries table."""
    sizes = [r["size"] for r in results]
    headers = ["work"] + [f"{size_name(s)}: s · triples/s · peak MiB" for s in sizes]
    rows = []
    for stage in STAGES:
        row = [stage]
        for r in results:
            figure = (r["stages"]["result"] or {}).get(stage)
            triples = (r["stages"]["result"] or {}).get("triples", r["size"])
            row.append("—" if figure is None else
                       f"{fmt_s(figure['seconds'])} · {fmt_rate(triples, figure['seconds'])} · {figure['peak_mib']:.0f}")
        rows.append(row)
    row = ["**`sdkg build`**: load + all checks (side by side) + export, one process"]
    for r in results:
        b = r["build"]
        row.append(f"**{fmt_s(b['wall'])}** · {fmt_rate(r['size'], b['wall'])} · **{b['peak_mib']:.0f}**"
                   + ("" if b["code"] == 0 else f" (exit {b['code']})"))
    rows.append(row)
    per_triple = [r["build"]["wall"] / r["size"] for r in results]
    text = "### Synthetic corpora: sdkg\n\n" + table(headers, rows)
    text += "\n\nTimes are the best of the runs of each stage and of `sdkg build`; peak memory of a stage is the " \
            "largest resident set of its process so far (the stages run one after the other in one process, after " \
            "the load; the reasoner's Java process counts apart), the largest over the runs."
    if len(results) >= 2:
        text += "\nCost per triple of `sdkg build`: " + ", ".join(
            f"{size_name(r['size'])} {p * 1e6:.1f} µs" for r, p in zip(results, per_triple))
        text += "; growth from %s to %s: %.2f×." % (size_name(results[-2]["size"]), size_name(results[-1]["size"]),
                                                     per_triple[-1] / per_triple[-2])
        before, last = [r["stages"]["result"] or {} for r in results[-2:]]
        growth = []
        for stage in STAGES:
            if stage in last and stage in before and before[stage]["seconds"]:
                cost = last[stage]["seconds"] / last["triples"], before[stage]["seconds"] / before["triples"]
                growth.append(f"{stage} {cost[0] / cost[1]:.2f}×")
        text += "\nGrowth of the cost per triple of each stage from %s to %s: %s." % (
            size_name(results[-2]["size"]), size_name(results[-1]["size"]), ", ".join(growth))

    # the plain way, side by side
    headers = ["work"] + [f"{size_name(s)}: sdkg s" for s in sizes] + [
        f"{size_name(s)}: plain s (× sdkg) · peak MiB" for s in sizes]
    plain_rows = []
    for name, ours_stage, task, key in (
            ("load: pyoxigraph vs rdflib parse", "load", "rdflib", "load"),
            ("SHACL: SPARQL-flagged nodes + pyshacl vs pyshacl on the whole graph", "shacl", "pyshacl", "seconds"),
            ("OWL: HermiT on representatives vs on every fact", "reasoner", "hermit", "seconds")):
        ours = [((r["stages"]["result"] or {}).get(ours_stage) or {}).get("seconds") for r in results]
        cells = []
        for r, o in zip(results, ours):
            run = r.get(task)
            if run is None:
                cells.append("not run")
                continue
            seconds = (run.get("result") or {}).get(key)
            peak = (run.get("result") or {}).get("load_peak_mib") if key == "load" else run["peak_mib"]
            if run["stopped"] or seconds is None:
                cells.append(f"> {cap:.0f}, stopped (> {cap / o:.0f}×) · {run['peak_mib']:.0f}" if o else "stopped")
            else:
                cells.append(f"{fmt_s(seconds)} ({ratio(seconds, o)}) · {peak:.0f}")
        plain_rows.append([name] + [fmt_s(o) for o in ours] + cells)
    ours_q = [sum(q["sdkg"] for q in ((r["queries"]["result"] or {}).get("queries") or {}).values()) for r in results]
    cells = []
    for r, o in zip(results, ours_q):
        run = r.get("rdflib")
        queries = ((run or {}).get("result") or {}).get("queries")
        if run is None or queries is None:
            cells.append("not run" if run is None else "stopped")
            continue
        done = sum(v["seconds"] for v in queries.values() if v["seconds"] is not None)
        stopped = sum(1 for v in queries.values() if v["seconds"] is None and not v.get("not_run"))
        skipped = sum(1 for v in queries.values() if v.get("not_run"))
        if stopped or skipped:
            spent = done + sum(v.get("stopped_after", 0) for v in queries.values() if v["seconds"] is None)
            cells.append(f"> {fmt_s(spent)}: {stopped} stopped, {skipped} not run (> {spent / o:.0f}×) · "
                         f"{run['peak_mib']:.0f}")
        else:
            cells.append(f"{fmt_s(done)} ({ratio(done, o)}) · {run['peak_mib']:.0f}")
    plain_rows.append([f"all {len(((results[0]['queries']['result'] or {}).get('queries') or {}))} stored queries: "
                       "sdkg vs rdflib SPARQL"] + [fmt_s(o) for o in ours_q] + cells)
    text += "\n\n### Synthetic corpora: the plain way, side by side\n\n" + table(headers, plain_rows)
    text += (f"\n\nThe plain way: rdflib parses every file into its named graph; rdflib answers the stored queries; "
             f"pyshacl validates the whole graph (converted to rdflib); HermiT reasons over the ontology, the "
             f"entities and every document fact. Each is stopped after {cap:.0f} s; a stored query on rdflib after "
             f"{query_cap:.0f} s, and no more are run once {budget:.0f} s have gone to them (the parse not counted). "
             f"Peak memory of the rdflib load is that of the parse alone; of its queries, of the whole child.")

    # stored queries
    headers = ["stored query"]
    for s in sizes:
        headers += [f"{size_name(s)} sdkg ms", f"{size_name(s)} × pyoxigraph", f"{size_name(s)} rdflib ms"]
    names = list(((results[0]["queries"]["result"] or {}).get("queries") or {}))
    rows = []
    worst = [0.0 for _ in results]
    for name in names:
        row = [name]
        for i, r in enumerate(results):
            q = ((r["queries"]["result"] or {}).get("queries") or {}).get(name)
            p = ((((r.get("rdflib") or {}).get("result") or {}).get("queries")) or {}).get(name) \
                if r.get("rdflib") else None
            if q is None:
                row += ["—", "—", "—"]
                continue
            x = q["sdkg"] / q["pyoxigraph"] if q["pyoxigraph"] else 0
            worst[i] = max(worst[i], x)
            rdf = "not run" if p is None or p.get("not_run") else (
                f"> {p['stopped_after'] * 1000:.0f} (stopped)" if p["seconds"] is None else f"{p['seconds'] * 1000:.1f}")
            row += [f"{q['sdkg'] * 1000:.1f}", f"{x:.2f}", rdf]
        rows.append(row)
    text += "\n\n### Stored queries (best of 3; sdkg: the embedded engine with rows as sdkg reports them)\n\n"
    text += table(headers, rows)
    text += "\n\nLargest ratio sdkg / pyoxigraph directly: " + ", ".join(
        f"{size_name(r['size'])} {w:.2f}×" for r, w in zip(results, worst)) + "."
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Corpus sizes in triples, comma separated.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap", type=float, default=180.0, help="Seconds after which plain-way work is stopped.")
    parser.add_argument("--query-cap", type=float, default=30.0, help="Seconds after which a query on rdflib is "
                                                                         "stopped.")
    parser.add_argument("--query-budget", type=float, default=300.0, help="Seconds of rdflib queries per corpus, "
                                                                             "after which the others are not run.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each real-graph command (the best counts).")
    parser.add_argument("--stage-repeat", type=int, default=2, help="Runs of the stages and of `sdkg build` on each "
                                                                     "corpus (the fastest counts).")
    parser.add_argument("--no-plain", action="store_true", help="Do not run the plain way.")
    parser.add_argument("--no-real", action="store_true", help="Do not measure the real graph.")
    parser.add_argument("--work", type=Path, help="Folder for the corpora (default: a temporary one).")
    parser.add_argument("--json", type=Path, help="Also write every figure to this JSON file.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    os.chdir(REPO)  # the real graph is the tree here
    info = machine()
    print(f"machine: {info['cores']} cores ({info['cpu']}), {info['ram_gib']} GiB RAM, Python {info['python']}, "
          f"{info['java']}; load average at start {info['load_average'][0]:.2f}", file=sys.stderr)
    sections: list[str] = []
    figures: dict[str, object] = {"machine": info}
    if not args.no_real:
        text, figures["real"] = real_graph(args.repeat)
        sections.append(text)
        print(text + "\n", file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="sdkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in sizes:
            print(f"corpus of {size_name(size)} triples", file=sys.stderr)
            results.append(corpus(size, args.seed, work, args.cap, args.query_cap, args.query_budget,
                                  not args.no_plain, args.stage_repeat))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if results:
        sections.append(corpus_tables(results, args.cap, args.query_cap, args.query_budget))
    figures["corpora"] = results
    info["load_average_end"] = os.getloadavg()
    header = (f"Machine: {info['cores']} cores ({info['cpu']}), {info['ram_gib']} GiB RAM, Python {info['python']}, "
              f"{info['java']}, pyoxigraph {info['packages']['pyoxigraph']}, rdflib {info['packages']['rdflib']}, "
              f"pyshacl {info['packages']['pyshacl']}, owlready2 {info['packages']['owlready2']}; load average "
              f"{info['load_average'][0]:.2f} at the start, {info['load_average_end'][0]:.2f} at the end.")
    print(header + "\n\n" + "\n\n".join(sections))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
