"""A timeline of the dated things of the graph: initiatives, treaties, events, and anything else that has
a year, a start year or an end year."""

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sdkg.dataset.layout import is_document_graph
from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG, graph_iri
from sdkg.plots import COLOURS, GROUP_NAMES, colour
from sdkg.site.rdf import select

CURATION_GRAPH = graph_iri("curation")
from sdkg.site.registry import OTHER, class_ancestors, registry

GAP = 40  # years without anything that break the time axis in two
ROW_HEIGHT = 0.36  # inches


@dataclass(frozen=True)
class Item:
    label: str
    group: str  # core class, "Event" or "Other"
    start: int
    end: int | None  # None for a point in time

    @property
    def years(self) -> str:
        return f"{self.start}–{self.end}" if self.end is not None and self.end != self.start else str(self.start)


def timeline_items(dataset: Dataset) -> list[Item]:
    """Everything with a year or a start year in a document graph or the curation graph (dates the documents
    leave out, added by the curators with their source), earliest first."""
    entities, ancestors = registry(dataset), class_ancestors(dataset)
    rows = select(dataset.store, """SELECT ?g ?thing ?p ?year WHERE { GRAPH ?g { ?thing ?p ?year }
        VALUES ?p { sdkg:year sdkg:startYear sdkg:endYear } }""")
    starts: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for row in rows:
        thing = row["thing"].value
        if not (is_document_graph(row["g"].value) or row["g"].value == CURATION_GRAPH) or thing not in entities:
            continue
        try:
            year = int(row["year"].value)
        except ValueError:
            continue
        (ends if row["p"].value == SDKG + "endYear" else starts).setdefault(thing, []).append(year)
    items = []
    for thing, years in starts.items():
        entity = entities[thing]
        group = entity.core
        if group == OTHER:
            above = {a for t in entity.types for a in ancestors.get(t, [t])}
            group = "Event" if SDKG + "Event" in above else OTHER
        items.append(Item(entity.label, group, min(years), max(ends[thing]) if thing in ends else None))
    return sorted(items, key=lambda i: (i.start, i.end or i.start, i.label.casefold()))


def segments(items: list[Item]) -> list[tuple[int, int]]:
    """Spans of years to draw, leaving out the long empty stretches between them."""
    years = sorted({y for i in items for y in (i.start, i.end or i.start)})
    spans = [[years[0], years[0]]]
    for year in years[1:]:
        if year - spans[-1][1] > GAP:
            spans.append([year, year])
        else:
            spans[-1][1] = year
    return [(low - 4, high + 4) for low, high in spans]


def draw_timeline(items: list[Item]) -> Figure:
    """One row per thing, labelled on the left; a dot for a year, a bar for a period."""
    height = max(3.0, ROW_HEIGHT * len(items) + 1.6)
    figure = Figure(figsize=(12, height))
    figure.suptitle("Timeline of initiatives, treaties, events and other dated things", fontsize=14,
                    fontweight="bold")
    if not items:
        figure.text(0.5, 0.5, "nothing in the graph has a year", ha="center", va="center", fontsize=12)
        return figure
    spans = segments(items)
    widths = [max(high - low, 12) for low, high in spans]
    grid = figure.add_gridspec(1, len(spans), width_ratios=widths, wspace=0.04, left=0.34, right=0.98,
                               top=1 - 0.9 / height, bottom=0.9 / height)
    axes_list = [figure.add_subplot(grid[0, i]) for i in range(len(spans))]
    rows = list(range(len(items)))
    for index, (axes, (low, high)) in enumerate(zip(axes_list, spans)):
        axes.set_xlim(low, high)
        axes.set_ylim(len(items) - 0.4, -0.6)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        for row in rows:
            axes.axhline(row, color="#f0f0f0", linewidth=0.6, zorder=0)
        for row, item in zip(rows, items):
            if item.end is not None and item.end != item.start:
                axes.plot([item.start, item.end], [row, row], color=colour(item.group), linewidth=6,
                          solid_capstyle="round", zorder=2)
            else:
                axes.plot([item.start], [row], marker="o", markersize=8, color=colour(item.group),
                          markeredgecolor="white", zorder=3)
        axes.tick_params(axis="x", labelsize=9)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        if index == 0:
            axes.set_yticks(rows, [f"{item.label}  ({item.years})" for item in items], fontsize=9)
            axes.tick_params(axis="y", length=0)
        else:
            axes.set_yticks([])
            axes.plot([0, 0], [0, 1], transform=axes.transAxes, color="#666666", linewidth=1.2,
                      linestyle=(0, (2, 2)), clip_on=False)
    axes_list[-1].set_xlabel("year", fontsize=10)
    present = sorted({i.group for i in items}, key=lambda g: list(COLOURS).index(g) if g in COLOURS else 99)
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=9, color=colour(g),
                      label=GROUP_NAMES.get(g, g)) for g in present]
    handles.append(Line2D([], [], color="#888888", linewidth=6, label="period (start to end)"))
    axes_list[-1].legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.95)
    return figure
