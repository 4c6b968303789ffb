"""The `sdkg docs` and `sdkg plot` commands: the documentation site and the pictures.

They use the options and error handling that every sub-command shares (`sdkg.cli.common`); `sdkg.cli`
adds them to its `main` group.
"""

from pathlib import Path

import click

from sdkg.cli.common import reports_input_errors, root_option

DEFAULT_SITE = Path("dist") / "site"
PICTURES = ("network", "timeline")


@click.command()
@root_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_SITE, show_default=True,
              help="Folder to write the site into (replaced whole, if an earlier `sdkg docs` wrote it).")
@click.option("--sources", type=click.Path(path_type=Path), default=None,
              help="Folder of the source texts: show the sentence behind each fact (a build for yourself: "
                   "do not publish it).")
@click.option("--endpoint", default="", help="SPARQL endpoint for the editor page and the query pages' "
                                             "\"open in the editor\" links (default: /query on the same host).")
@click.option("--site-url", default="", help="Where the site will be published: writes w3id.htaccess, the "
                                             "w3id.org/sdkg redirect rules that point there.")
@reports_input_errors
def docs(root: Path | None, out: Path, sources: Path | None, endpoint: str, site_url: str) -> None:
    """Write the documentation site: ontology, entities, documents, stored queries, pictures, the RDF of every
    thing, the release files, a search index, a SPARQL editor and the rules that make the IRIs dereference.

    The site is static and works offline: open OUT/index.html, put the folder on any web server (OUT/.htaccess
    negotiates IRIs on Apache), or serve it with `sdkg serve --site`. The search needs HTTP.

    Exit code 0: written; 2: bad input.
    """
    from sdkg.dataset.loader import load_path
    from sdkg.site.build import build_site

    report = build_site(load_path(root), out, sources, endpoint, site_url)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {report.pages} pages and {report.files - report.pages} other files "
               f"({report.size / 1024:.0f} KiB) to {out} in {report.seconds:.1f} s; open {out / 'index.html'}")


@click.command()
@root_option
@click.argument("picture", type=click.Choice(PICTURES))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="The file to write, SVG or PNG by its suffix (default: PICTURE.svg here).")
@reports_input_errors
def plot(root: Path | None, picture: str, out: Path | None) -> None:
    """Draw a picture of the graph: the network of tensions, or the timeline.

    Exit code 0: written; 2: bad input (such as a file name that ends in neither .svg nor .png).
    """
    from sdkg.dataset.loader import load_path
    from sdkg.plots import picture_format, save

    out = out or Path(f"{picture}.svg")
    picture_format(out)  # a wrong suffix fails before the work
    from sdkg.atomic import check_can_write

    check_can_write(out)  # so does a place that cannot be written
    dataset = load_path(root)
    if picture == "network":
        from sdkg.plots.network import draw_network, tension_network

        figure = draw_network(tension_network(dataset))
    else:
        from sdkg.plots.timeline import draw_timeline, timeline_items

        figure = draw_timeline(timeline_items(dataset))
    save(figure, out)  # atomic: an interrupted run leaves the old picture
    click.echo(f"wrote {out}")
