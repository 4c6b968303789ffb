"""Benchmark of `sdkg build` against the floor, side by side, on synthetic corpora of growing size.

    .venv/bin/python bench/run.py [--sizes 1000000] [--repeat 3] [--seed 1] [--stages] [--json figures.json]

The floor is the least work a release takes: pyoxigraph parses every source file into a store (each into its
named graph) and writes every export format (TriG, N-Quads and JSON-LD of the dataset; Turtle, N-Triples and
RDF/XML of each graph), with no checks. `sdkg build` does that and runs every check (SHACL on every node, the
reasoner, the quality, links and competency checks, and the evidence quotes against the corpus's source texts).

Each run is a child process of its own: wall time around it; peak memory the largest resident set of the child
and its children (HermiT's Java process), from the kernel's count or sampled every 20 ms over the process
tree, whichever is larger. The floor and the build run alternately, `--repeat` times each; the best wall time
counts, and the largest peak memory. The load average is recorded before every run. `--stages` also times the
load, each check and the export one after the other in one process (to see where the time goes).
"""

import argparse
import json
import os
import platform
import resource
import shutil
import signal
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


# -- measuring a child process ---------------------------------------------------------------------------------

def tree_rss(pid: int) -> int:
    """Resident set of a process and its descendants, in KiB (0 when gone).

    A child that has not yet replaced its program (forked, not yet exec'd: same executable and command line as
    its parent) holds its parent's pages, not memory of its own, and is not counted: otherwise starting Java
    from a large process would count that process twice for an instant."""
    total, todo = 0, [(pid, None)]
    while todo:
        current, parent = todo.pop()
        try:
            identity = (os.readlink(f"/proc/{current}/exe"), Path(f"/proc/{current}/cmdline").read_bytes())
            if identity != parent:
                with open(f"/proc/{current}/status") as status:
                    total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [(int(child), identity) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], timeout: float | None = None, limit_mib: float | None = None) -> dict:
    """Run a command; its wall time (s), peak memory (MiB), exit code, output, and whether it was stopped (at
    `timeout` seconds, or when the process tree holds more than `limit_mib`)."""
    sampled = [0]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    done = threading.Event()
    stopped: list[str] = []

    def stop(why: str) -> None:
        stopped.append(why)
        try:
            os.killpg(child.pid, signal.SIGKILL)  # the child's own session: it and its children only
        except ProcessLookupError:
            pass

    def sample() -> None:
        while not done.wait(0.02):
            sampled[0] = max(sampled[0], tree_rss(child.pid))
            if limit_mib and sampled[0] / 1024 > limit_mib and not stopped:
                stop(f"memory above {limit_mib:.0f} MiB")
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s: output.append(s.read()), daemon=True)
               for s in (child.stdout, child.stderr)]
    for reader in readers:
        reader.start()
    timer = threading.Timer(timeout, stop, args=(f"after {timeout:.0f} s",)) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if timer:
        timer.cancel()
    done.set()
    for reader in readers:
        reader.join()
    text = b"".join(output).decode("utf-8", "replace")
    result = next((json.loads(line[len(RESULT):]) for line in text.splitlines() if line.startswith(RESULT)), None)
    return {"wall": wall, "peak_mib": max(usage.ru_maxrss, sampled[0]) / 1024, "load_average": load,
            "code": os.waitstatus_to_exitcode(status), "stopped": stopped[0] if stopped else "",
            "result": result, "output": text[-3000:]}


# -- work done in child processes --------------------------------------------------------------------------------

def floor(root: Path, out: Path) -> dict:
    """Parse every source file into a store, each into its graph, and write every export format: no checks."""
    import pyoxigraph as ox

    from sdkg.dataset.layout import source_files
    from sdkg.dataset.tree import SourceTree
    from sdkg.namespaces import PREFIXES

    started = time.perf_counter()
    store = ox.Store()
    for source in source_files(SourceTree(root)):
        store.load(path=source.path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(source.graph))
    loaded = time.perf_counter()
    (out / "graphs").mkdir(parents=True, exist_ok=True)
    plain = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD)
    for suffix, rdf_format in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS),
                               ("jsonld", ox.RdfFormat.JSON_LD)):
        store.dump(output=out / f"sdkg.{suffix}", format=rdf_format,
                   **({} if rdf_format in plain else {"prefixes": PREFIXES}))
    for graph in store.named_graphs():
        for suffix, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                   ("rdf", ox.RdfFormat.RDF_XML)):
            store.dump(output=out / "graphs" / f"{graph.value.rsplit('/', 1)[-1]}.{suffix}", format=rdf_format,
                       from_graph=graph, **({} if rdf_format in plain else {"prefixes": PREFIXES}))
    return {"triples": len(store), "load": loaded - started, "write": time.perf_counter() - loaded}


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def stages(root: Path, out: Path) -> dict:
    """Load, then each check and the export one after the other: seconds, and the memory peak so far."""
    from sdkg.checks.run import ALL_CHECKS, CheckOptions, run_checks
    from sdkg.dataset.loader import load_path
    from sdkg.publish.export import export

    figures: dict = {}

    def timed(name, work):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = work()
        figures[name] = {"seconds": time.perf_counter() - started, "peak_mib": peak_mib()}
        return result

    dataset = timed("load", lambda: load_path(root))
    for name in ALL_CHECKS:
        report = timed(name, lambda name=name: run_checks(dataset, CheckOptions(root / "sources", True, (name,))))
        figures[name]["summary"] = "; ".join(f"{o.status.value}: {o.summary}" for o in report.outcomes)[:300]
    timed("export", lambda: export(dataset, out))
    return figures


def child(task: str, args: list[str]) -> None:
    """One piece of work, in this (child) process; prints its figures as one JSON line."""
    if task == "floor":
        out = floor(Path(args[0]), Path(args[1]))
    elif task == "stages":
        out = stages(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown task {task}")
    print(RESULT + json.dumps(out), flush=True)


# -- the whole run -------------------------------------------------------------------------------------------------

def machine() -> dict:
    from importlib.metadata import version

    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines() \
        if shutil.which("java") else ["no java"]
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_gib": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "java": java[0] if java else "",
            "packages": {p: version(p) for p in ("pyoxigraph", "shacl", "owlready2")}}


def size_name(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k"


def corpus(size: int, seed: int, work: Path, repeat: int, with_stages: bool, limit_mib: float,
           timeout: float, keep: bool) -> dict:
    """Generate a corpus, then run the floor and `sdkg build` alternately."""
    root = work / f"corpus-{size_name(size)}"
    if keep and (root / "bench.json").is_file():
        print(f"  using the corpus in {root}", file=sys.stderr)
    else:
        generated = measure([*SDKG, "bench", "generate", "--triples", str(size), "--out", str(root),
                             "--seed", str(seed)])
        if generated["code"] != 0:
            raise SystemExit(f"generating the corpus failed:\n{generated['output']}")
        print(f"  generated {size_name(size)} in {generated['wall']:.1f} s", file=sys.stderr)
    runs: dict[str, list[dict]] = {"floor": [], "build": []}
    for _ in range(repeat):
        for name, command in (("floor", [PYTHON, __file__, "--child", "floor", str(root), str(work / "floor")]),
                              ("build", [*SDKG, "build", "--root", str(root), "--out", str(work / "build"),
                                         "--sources", str(root / "sources")])):
            shutil.rmtree(work / name, ignore_errors=True)
            run = measure(command, timeout=timeout, limit_mib=limit_mib)
            runs[name].append(run)
            state = f"exit {run['code']}" + (f", stopped {run['stopped']}" if run["stopped"] else "")
            print(f"  {name}: {run['wall']:.2f} s, {run['peak_mib']:.0f} MiB, load {run['load_average']:.2f}, "
                  f"{state}", file=sys.stderr)
            if run["code"] not in (0, 1):  # 1: a check failed (the build still did all its work)
                print(run["output"], file=sys.stderr)
    figures = {"size": size, "runs": runs}
    for name in runs:
        good = [r for r in runs[name] if r["code"] == 0] or runs[name]
        figures[name] = {"wall": min(r["wall"] for r in good), "peak_mib": max(r["peak_mib"] for r in good),
                         "ok": all(r["code"] == 0 for r in runs[name]),
                         "stopped": next((r["stopped"] for r in runs[name] if r["stopped"]), "")}
    floor_result = next((r["result"] for r in runs["floor"] if r["result"]), None) or {}
    figures["triples"] = floor_result.get("triples", size)
    figures["load_averages"] = [r["load_average"] for name in runs for r in runs[name]]
    if with_stages:
        staged = measure([PYTHON, __file__, "--child", "stages", str(root), str(work / "stages")],
                         timeout=timeout, limit_mib=limit_mib)
        figures["stages"] = staged["result"]
        if staged["code"] != 0:
            print(staged["output"], file=sys.stderr)
    for folder in ("floor", "build", "stages"):
        shutil.rmtree(work / folder, ignore_errors=True)
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return figures


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def report(results: list[dict]) -> str:
    rows = []
    for r in results:
        f, b = r["floor"], r["build"]
        loads = r["load_averages"]
        state = f" (stopped: {b['stopped']})" if b.get("stopped") else "" if b["ok"] else " (a check failed)"
        rows.append([f"{r['triples']:,}", f"{f['wall']:.2f}", f"{b['wall']:.2f}" + state,
                     f"**{b['wall'] / f['wall']:.2f}×**", f"{f['peak_mib']:,.0f}", f"{b['peak_mib']:,.0f}",
                     f"**{b['peak_mib'] / f['peak_mib']:.2f}×**", f"{b['wall'] / r['triples'] * 1e6:.2f}",
                     f"{min(loads):.2f}–{max(loads):.2f}", str(len(r["runs"]["build"]))])
    text = table(["triples", "floor s", "`sdkg build` s", "time ×", "floor MiB", "build MiB", "memory ×",
                  "build µs/triple", "load average", "runs each"], rows)
    if len(results) >= 2 and any(r["build"].get("stopped") or r["floor"].get("stopped") for r in results):
        text += "\n\nCost per triple: not computed, a run was stopped before it finished."
    elif len(results) >= 2:
        first, last = results[0], results[-1]
        growth = (last["build"]["wall"] / last["triples"]) / (first["build"]["wall"] / first["triples"])
        floor_growth = (last["floor"]["wall"] / last["triples"]) / (first["floor"]["wall"] / first["triples"])
        text += (f"\n\nCost per triple from {size_name(first['size'])} to {size_name(last['size'])}: `sdkg build` "
                 f"{growth:.2f}×, the floor {floor_growth:.2f}×.")
    for r in results:
        if r.get("stages"):
            rows = [[name, f"{v['seconds']:.2f}", f"{v['peak_mib']:,.0f}", v.get("summary", "")[:120]]
                    for name, v in r["stages"].items()]
            text += (f"\n\nStages at {size_name(r['size'])}, one after the other in one process (peak memory so "
                     f"far):\n\n" + table(["stage", "s", "peak MiB", "outcome"], rows))
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000", help="Corpus sizes in triples, comma separated.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of the floor and of the build, alternately.")
    parser.add_argument("--stages", action="store_true", help="Also time each stage, one after the other.")
    parser.add_argument("--limit-mib", type=float, default=16 * 1024,
                        help="Stop a run whose process tree holds more memory than this (MiB).")
    parser.add_argument("--timeout", type=float, default=3600, help="Stop a run after this many seconds.")
    parser.add_argument("--work", type=Path, help="Folder for the corpora (default: a temporary one).")
    parser.add_argument("--json", type=Path, help="Also write every figure to this JSON file.")
    parser.add_argument("--keep-corpora", action="store_true",
                        help="Keep the corpora in --work, and use one found there instead of generating it.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    info = machine()
    work = args.work or Path(tempfile.mkdtemp(prefix="sdkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = []
    try:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"corpus of {size_name(size)} triples", file=sys.stderr)
            results.append(corpus(size, args.seed, work, args.repeat, args.stages, args.limit_mib, args.timeout,
                                  args.keep_corpora))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    header = (f"Taken {started} with `bench/run.py --sizes {args.sizes} --repeat {args.repeat}`. Machine: "
              f"{info['cores']} cores ({info['cpu']}), {info['ram_gib']} GiB RAM, Python {info['python']}, "
              f"{info['java']}, " + ", ".join(f"{p} {v}" for p, v in info["packages"].items()) + ".")
    print(header + "\n\n" + report(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "corpora": results}, indent=2, default=str) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
