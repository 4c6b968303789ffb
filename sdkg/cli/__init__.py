"""The `sdkg` command line."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sdkg import __version__
from sdkg.cli.common import DEBUG_ENV, EXIT_NONCONFORMING, console, positive_seconds, reports_input_errors, root_option
from sdkg.errors import InputError

if TYPE_CHECKING:
    from sdkg.links.coverage import Coverage


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sdkg")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an internal error (exit code 3).")
def main(debug: bool) -> None:
    """The Science Diplomacy Knowledge Graph: check, query and publish it.

    Exit codes: 0 holds, 1 the data does not conform, 2 bad input or environment, 3 a fault in sdkg."""
    if debug:
        import os

        os.environ[DEBUG_ENV] = "1"  # for the checks that run on worker threads


@main.command()
@root_option
@click.option("--sources", type=click.Path(path_type=Path),
              help="Folder of the source texts: check every evidence quote against them.")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--no-reasoner", is_flag=True, help="Skip the OWL reasoner.")
@click.option("--only", multiple=True,
              type=click.Choice(["shacl", "reasoner", "quality", "links", "queries", "quotes"]),
              help="Run only these checks (repeatable).")
@reports_input_errors
def check(root: Path | None, sources: Path | None, output: str, no_reasoner: bool, only: tuple[str, ...]) -> None:
    """Validate the graph: SHACL shapes, OWL reasoner, quality queries, evidence quotes.

    Exit code 0: all checks hold; 1: the data does not conform; 2: bad input.
    """
    from sdkg.checks.run import ALL_CHECKS, CheckOptions, load_checking, run_checks, skipped
    from sdkg.cli.render import print_report

    if sources is not None:  # fail before the long checks, not after them
        from sdkg.checks.quotes import SOURCES_FOLDER
        from sdkg.dataset.tree import require_folder

        require_folder(sources, SOURCES_FOLDER)
    options = CheckOptions(sources, not no_reasoner, only or ALL_CHECKS)
    not_run = skipped(options)
    if only and {o.check for o in not_run} >= set(only):  # a selection that runs nothing is not a pass
        reasons = "; ".join(f"{o.check} {o.summary}" for o in not_run)
        raise InputError(f"--only selects no check that can run ({reasons})")
    dataset, started = load_checking(root, options)
    report = run_checks(dataset, options, started)
    if output == "json":
        click.echo(report.to_json())
    else:
        print_report(report, console())
    sys.exit(report.exit_code)


@main.command()
@root_option
@click.option("--check", "check_only", is_flag=True, help="Only report files that are not canonical (exit 1).")
@reports_input_errors
def fmt(root: Path | None, check_only: bool) -> None:
    """Rewrite every Turtle source in its canonical form (or, with --check, list the drifted ones)."""
    from sdkg.curate.fmt import find_drift, rewrite
    from sdkg.dataset.tree import locate

    drifts = find_drift(locate(root, for_writing=not check_only))
    if check_only:
        for drift in drifts:
            click.echo(f"{drift.name}: not in canonical form (run `sdkg fmt`)")
        if drifts:
            sys.exit(EXIT_NONCONFORMING)
        click.echo("all Turtle sources are in canonical form")
        return
    rewrite(drifts)
    click.echo(f"rewrote {len(drifts)} file(s)")


@main.command()
@root_option
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts: also count stated facts whose spans do not name both ends.")
@reports_input_errors
def stats(root: Path | None, output: str, sources: Path | None) -> None:
    """Counts: entities per class, facts per document and their support (stated, implied, curated), triples per
    graph; with --sources, the stated facts whose spans do not name both ends."""
    import json

    from sdkg.dataset.loader import load_path
    from sdkg.namespaces import shorten
    from sdkg.cli.render import print_table
    from sdkg.queries.stats import compute_stats

    result = compute_stats(load_path(root), sources)
    if output == "json":
        click.echo(json.dumps({
            "classes": dict(result.classes),
            "documents": [d.__dict__ for d in result.documents],
            "graphs": dict(result.graphs),
            "link_coverage": [c.__dict__ for c in result.links],
            "all_facts_evidenced": result.all_evidenced,
            "unrecorded_document_graphs": list(result.unrecorded),
            "stated_facts": result.stated,
            "stated_facts_with_unnamed_ends": result.unnamed,
        }, indent=2))
        return
    stdout = console()
    print_table("entities per class (with subclasses)", ["class", "entities"], result.classes, stdout)
    print_table("facts per document and in the curation graph",
                ["source", "graph", "facts", "with evidence", "stated", "implied", "curated"],
                [(shorten(d.document), shorten(d.graph), d.facts, d.evidenced, d.stated, d.implied, d.curated)
                 for d in result.documents], stdout)
    print_table("triples per named graph", ["graph", "triples"], [(shorten(g), n) for g, n in result.graphs], stdout)
    print_link_coverage(result.links)
    verdict = "every fact carries evidence" if result.all_evidenced else "SOME FACTS LACK EVIDENCE"
    if result.unrecorded:
        verdict += (" (graphs without a bibliographic record, never checked: "
                    + ", ".join(shorten(g) for g in result.unrecorded) + ")")
    stdout.print(verdict)
    if result.unnamed is None:
        stdout.print("stated facts whose spans do not name both ends: not counted (give --sources DIR)")
    else:
        stdout.print(f"warnings: {result.unnamed} of {result.stated} stated facts have spans that do not name both "
                     "ends (listed by sdkg check --sources)")


def print_link_coverage(rows: "list[Coverage]") -> None:
    """Linked entities of each class out of all, per authority."""
    from sdkg.links.coverage import all_authorities
    from sdkg.cli.render import print_table

    authorities = all_authorities()
    print_table("link coverage: linked entities of each class, per authority",
                ["class", "entities", "linked", *(a.name for a in authorities)],
                [(c.class_name, c.entities, c.linked, *(c.per_authority[a.key] for a in authorities)) for c in rows],
                console())


@main.command("queries")
@root_option
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@reports_input_errors
def list_queries(root: Path | None, output: str) -> None:
    """List the stored queries with their questions."""
    import json

    from sdkg.queries.catalogue import stored_queries
    from sdkg.cli.render import print_table
    from sdkg.dataset.tree import locate

    queries = stored_queries(locate(root).queries)
    if output == "json":
        click.echo(json.dumps([{"name": q.name, "title": q.title, "question": q.question, "federated": q.federated,
                                "parameters": [p.__dict__ for p in q.parameters]} for q in queries], indent=2))
        return
    rows = [(q.name, q.question + ("  [federated]" if q.federated else ""),
             ", ".join(f"{p.name}={p.default}" for p in q.parameters)) for q in queries]
    print_table(f"{len(queries)} stored queries", ["name", "question", "parameters"], rows, console())


@main.command("query")
@root_option
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value: an IRI, a prefixed name such as sdr:russia, a number or a string.")
@click.option("--format", "output", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the embedded engine.")
@click.option("--timeout", type=float, default=60.0, show_default=True, callback=positive_seconds,
              help="Seconds the query may take, on the embedded engine or an endpoint (then it is stopped).")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts: rows with an evidence record get the sentence behind the fact.")
@reports_input_errors
def run_query(root: Path | None, name: str, params: tuple[str, ...], output: str, endpoint: str | None,
              timeout: float, sources: Path | None) -> None:
    """Run a stored query by NAME, or an ad hoc query from a .rq file."""
    from sdkg.queries.catalogue import find_query
    from sdkg.queries.engines import query_embedded, query_endpoint
    from sdkg.dataset.tree import locate

    tree = locate(root)
    query = find_query(tree.queries, name)
    values = dict(_split_param(p) for p in params)
    text = query.text(values)
    if endpoint:
        results = query_endpoint(endpoint, text, timeout)
    else:
        from sdkg.dataset.loader import load

        results = query_embedded(load(tree).store, text, str(query.source.path), timeout)
    if sources is not None:
        from sdkg.dataset.loader import load
        from sdkg.queries.sentences import with_sentences

        results = with_sentences(results, load(tree).store, sources)
    if output == "json":
        click.echo(results.to_json())
    elif output in ("csv", "tsv"):
        from sdkg.cli.render import printable

        delimited = results.to_delimited("," if output == "csv" else "\t")
        click.echo(printable(delimited) if sys.stdout.isatty() else delimited, nl=False)
    else:
        from sdkg.cli.render import print_table

        print_table(f"{query.title} ({len(results.rows)} rows)", results.variables, results.table_rows(), console())


def _split_param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise InputError(f"--param takes KEY=VALUE, not {text!r}")
    return key.strip(), value.strip()


def _register_release_commands() -> None:
    from sdkg.cli.bench import bench
    from sdkg.cli.curate import curate
    from sdkg.cli.docs import docs, plot
    from sdkg.cli.links import links
    from sdkg.cli.release import build, export, load, serve
    from sdkg.cli.terms import terms

    for command in (build, export, load, serve, links, docs, plot, bench, curate, terms):
        main.add_command(command)


_register_release_commands()
