"""`sdkg curate mentions`: registry entities a document names, and names the registry lacks."""

import json
from pathlib import Path

import click

from sdkg.cli.common import console, reports_input_errors, root_option
from sdkg.cli.curate import curate


@curate.command("mentions")
@root_option
@click.argument("document")
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), envvar="SDKG_SOURCES",
              help="The folder of source texts (default: $SDKG_SOURCES).")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@reports_input_errors
def mentions(root: Path | None, document: str, sources: Path | None, output: str) -> None:
    """List the registry entities DOCUMENT names (to reuse them) and the candidate names not in the registry."""
    from sdkg.cli.render import print_table
    from sdkg.curate.documents import find_document, source_text, sources_folder
    from sdkg.curate.mentions import find_candidates, find_mentions
    from sdkg.curate.registry import Registry
    from sdkg.dataset.loader import load
    from sdkg.dataset.tree import locate
    from sdkg.namespaces import shorten

    tree = locate(root)
    doc = find_document(tree, document)
    text = source_text(doc, sources_folder(sources))
    registry = Registry.of(load(tree))
    found = find_mentions(text, registry)
    candidates = find_candidates(text, found)
    if output == "json":
        click.echo(json.dumps({
            "mentions": [{"entity": shorten(m.entity), "label": m.label, "text": m.found, "start": m.span.start,
                          "end": m.span.end, "score": m.score} for m in found],
            "candidates": [{"name": c.name, "offsets": [[s.start, s.end] for s in c.spans]} for c in candidates],
        }, indent=2, ensure_ascii=False))
        return
    per_entity: dict[str, list] = {}
    for m in found:
        per_entity.setdefault(m.entity, []).append(m)
    rows = [(shorten(e), registry.label(e), ", ".join(sorted({shorten(t) for t in registry.entities[e]})),
             len(ms), ", ".join(str(m.span.start) for m in ms[:6]) + (" …" if len(ms) > 6 else ""),
             "" if all(m.score == 100 for m in ms) else
             "; ".join(f"{m.found!r} ~ {m.label!r} {m.score:.0f}%" for m in ms if m.score < 100)[:120])
            for e, ms in sorted(per_entity.items(), key=lambda item: item[1][0].span.start)]
    out = console()
    print_table(f"{doc.name}: {len(per_entity)} registry entities named (reuse them)",
                ["entity", "label", "class", "times", "offsets", "near matches"], rows, out)
    print_table(f"{doc.name}: {len(candidates)} names not in the registry (new entities, or labels to add)",
                ["name", "times", "offsets"],
                [(c.name, len(c.spans), ", ".join(str(s.start) for s in c.spans[:6])) for c in candidates], out)
