"""Apache Jena ARQ (Debian `libapache-jena-java`) as a third SPARQL engine for the portability tests.

Debian's Jena 4.5 jars fail at start-up because the shaded Xerces classes moved to package `xerces.*` while
their message files stayed under `org/apache/jena/ext/xerces/`; a small jar holding those files under the new
path, first on the class path, fixes it (`shared/TOOLS.md`). The class path is read from the installed
Debian packages; a small Java program runs a whole catalogue of queries in one JVM."""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

PACKAGES = ("libapache-jena-java", "libcommons-cli-java", "libcommons-codec-java", "libcommons-compress-java",
            "libcommons-csv-java", "libcommons-io-java", "libcommons-lang3-java", "libdexx-java",
            "libgoogle-gson-java", "libguava-java", "libhttpclient-java", "libhttpcore-java",
            "libjackson2-core-java", "libjackson2-databind-java", "libjackson2-annotations-java",
            "libjsonld-java", "libjsonp2-java", "libprotobuf-java", "libslf4j-java", "libthrift-java",
            "libtitanium-json-ld-java", "libcaffeine-java", "libcommons-logging-java")
LOGGING_BRIDGES = ("log4j", "slf4j-simple", "jcl-over", "jul-to", "slf4j-jdk", "slf4j-nop", "slf4j-ext",
                   "migrator", "jdk14")
HERE = Path(__file__).resolve().parent


def available() -> str | None:
    """Why Jena cannot run here, or None when it can."""
    for program in ("java", "javac", "dpkg"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    if not _jars("libapache-jena-java"):
        return "Debian package libapache-jena-java is not installed"
    return None


def _jars(package: str) -> list[str]:
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True).stdout.split()
    return [f for f in listed if f.endswith(".jar") and not Path(f).is_symlink()
            and not any(bridge in Path(f).name for bridge in LOGGING_BRIDGES)]


def _xerces_fix(jars: list[str], work: Path) -> Path:
    """A jar with Jena's Xerces message files under the package path the classes now use."""
    fix = work / "jena-xerces-resources.jar"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(fix, "w") as out:
        for jar in jars:
            with zipfile.ZipFile(jar) as archive:
                for name in archive.namelist():
                    if name.startswith(prefix) and name.endswith(".properties"):
                        out.writestr("xerces/" + name[len(prefix):], archive.read(name))
    return fix


def classpath(work: Path) -> str:
    """The class path: the fix first, the Jena jars and their dependencies, the compiled runner."""
    jars = [jar for package in PACKAGES for jar in _jars(package)]
    fix = _xerces_fix([j for j in jars if "/jena-" in j], work)
    classes = work / "classes"
    classes.mkdir(exist_ok=True)
    base = ":".join([str(fix), *jars])
    subprocess.run(["javac", "-nowarn", "-cp", base, "-d", str(classes), str(HERE / "RunQueries.java")],
                   check=True, capture_output=True, text=True)
    return f"{base}:{classes}"


def run_queries(data: Path, queries: dict[str, str], work: Path, timeout: float = 600) -> dict[str, dict]:
    """Run named query texts on a dataset file (TriG or N-Quads); SPARQL JSON results by name."""
    cp = classpath(work)
    files = []
    for name, text in queries.items():
        path = work / f"{name}.rq"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    subprocess.run(["java", "-Xmx1g", "-cp", cp, "RunQueries", str(data), *files],
                   check=True, capture_output=True, text=True, timeout=timeout)
    return {name: json.loads((work / f"{name}.json").read_text(encoding="utf-8")) for name in queries}
