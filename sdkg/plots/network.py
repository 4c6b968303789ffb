"""The network of tensions: their sides (actors or goals), and everything the documents say could ease them,
aggravates them (events, conflicts, technologies, initiatives) or is merely involved in them; nothing of these
is left out, and each relation has its own line style."""

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sdkg.dataset.loader import Dataset
from sdkg.namespaces import SDKG
from sdkg.plots import GROUP_NAMES, colour
from sdkg.site.rdf import select
from sdkg.site.registry import OTHER, class_ancestors, registry

# Each relation drawn, the properties that make it, and which end is the tension.
SIDE, EASES, FEEDS, INVOLVED = "side", "eases", "feeds", "involved"
RELATIONS = {
    "tensionBetween": SIDE, "hasPole": SIDE, "hasParty": SIDE,
    "couldEase": EASES, "addresses": EASES,
    "aggravatedBy": FEEDS,
    "involvesInitiative": INVOLVED,
}
EDGE_STYLE: dict[str, tuple[str, Literal["solid", "dashed", "dotted"], float, str]] = {  # colour, style, width, legend
    SIDE: ("#555555", "solid", 1.3, "is a side of the tension (party or pole)"),
    EASES: ("#228833", "solid", 1.6, "could ease or addresses the tension"),
    FEEDS: ("#CC3311", "dashed", 1.4, "aggravates the tension"),
    INVOLVED: ("#777777", "dotted", 1.4, "is involved in the tension (neither eases nor aggravates it)"),
}
GROUPS = ("Tension", "Actor", "Goal", "Initiative", "Treaty", "Technology", "Event", "Recommendation", "Other")
NODE_SIZE = {"Tension": 420}
Link = Callable[[str], str | None]  # an entity's IRI -> the address its node links to


@dataclass(frozen=True)
class Network:
    """Nodes (IRI -> label and group) and typed edges."""

    labels: dict[str, str]
    groups: dict[str, str]
    edges: list[tuple[str, str, str]]  # (source, target, relation)

    def graph(self) -> nx.Graph:
        graph = nx.Graph()
        for node in sorted(self.labels):
            graph.add_node(node)
        for source, target, relation in self.edges:
            graph.add_edge(source, target, relation=relation)
        return graph


def group_of(types: tuple[str, ...], core: str, ancestors: dict[str, list[str]]) -> str:
    if core != OTHER:
        return core
    above = {a for t in types for a in ancestors.get(t, [t])}
    for group, classes in (("Goal", ("Goal",)), ("Event", ("Event", "Conflict")), ("Recommendation", ("Recommendation",))):
        if any(SDKG + c in above for c in classes):
            return group
    return OTHER


def tension_network(dataset: Dataset) -> Network:
    """Tensions with their sides, what eases, aggravates or is involved in them, from the document graphs;
    every such link is kept, whatever the class of the other end."""
    entities, ancestors = registry(dataset), class_ancestors(dataset)
    groups = {iri: group_of(e.types, e.core, ancestors) for iri, e in entities.items()}
    rows = select(dataset.store, """SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
        VALUES ?p { sdkg:tensionBetween sdkg:hasPole sdkg:couldEase sdkg:addresses sdkg:involvesInitiative
                    sdkg:aggravatedBy } }""")
    triples = sorted((r["s"].value, r["p"].value.removeprefix(SDKG), r["o"].value) for r in rows)
    edges = set()
    for s, p, o in triples:
        if p in RELATIONS and s in groups and o in groups and "Tension" in (groups[s], groups[o]):
            edges.add((s, o, RELATIONS[p]))
    shown = {n for s, o, _ in edges for n in (s, o)}
    return Network({n: entities[n].label for n in sorted(shown)}, {n: groups[n] for n in sorted(shown)},
                   sorted(edges))


LEFT, MIDDLE, RIGHT = 0, 1, 2
COLUMN_X = {LEFT: 0.28, MIDDLE: 0.5, RIGHT: 0.72}
COLUMN_TITLES = {LEFT: "Sides: actors and goals", MIDDLE: "Tensions", RIGHT: "What eases, aggravates or is involved"}
SWEEPS = 12


def tension_label(label: str) -> str:
    return textwrap.fill(label, 38)


def columns(network: Network) -> dict[str, int]:
    """Tensions in the middle, their sides on the left, whatever eases or feeds them on the right."""
    sides = {n for s, o, r in network.edges if r == SIDE for n in (s, o) if network.groups[n] != "Tension"}
    return {n: MIDDLE if network.groups[n] == "Tension" else LEFT if n in sides else RIGHT
            for n in network.labels}


def layout(network: Network) -> dict[str, tuple[float, float]]:
    """Three columns, each ordered so that few edges cross: every node moves towards the mean height of
    its neighbours, sweep after sweep (the barycentre heuristic); ties are broken by label, so every run
    draws the same picture."""
    graph, column = network.graph(), columns(network)
    order = {c: sorted((n for n in network.labels if column[n] == c), key=lambda n: network.labels[n].casefold())
             for c in COLUMN_X}

    def room(node: str) -> float:  # a tension's label sits under it: give it space by its lines
        return 1.0 + 0.6 * (len(tension_label(network.labels[node]).splitlines()) if column[node] == MIDDLE else 0)

    def heights() -> dict[str, float]:
        found = {}
        for nodes in order.values():
            total, done = sum(room(n) for n in nodes), 0.0
            for node in nodes:
                found[node] = (done + room(node) / 2) / total
                done += room(node)
        return found

    def centre(node: str, y: dict[str, float]) -> float:
        near = [y[m] for m in graph.neighbors(node) if column[m] != column[node]]
        return sum(near) / len(near) if near else y[node]

    for sweep in range(SWEEPS):
        for current in ((LEFT, RIGHT, MIDDLE) if sweep % 2 else (MIDDLE, LEFT, RIGHT)):
            y = heights()
            order[current] = sorted(order[current], key=lambda n: (centre(n, y), network.labels[n].casefold()))
    y = heights()
    return {n: (COLUMN_X[column[n]], 1.0 - y[n]) for n in network.labels}


def draw_network(network: Network, link: Link | None = None) -> Figure:
    """The network as a figure: nodes coloured by core class, edges styled by relation, a legend; with `link`,
    each label links (in SVG) to the address it gives for the node."""
    column = columns(network)
    tallest = max([sum(1 for c in column.values() if c == k) for k in COLUMN_X] + [1])
    height = max(6.0, 0.42 * tallest + 2.5)
    figure = Figure(figsize=(15, height))
    axes = figure.add_axes((0.0, 1.6 / height, 1.0, 1 - 2.7 / height))
    axes.set_axis_off()
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.01, 1.01)
    figure.suptitle("Tensions, their sides, and everything the documents say eases, aggravates or is involved in them",
                    fontsize=16,
                    fontweight="bold", y=1 - 0.15 / height)
    if not network.labels:
        axes.text(0.5, 0.5, "no tensions in the graph", ha="center", va="center", fontsize=14)
        return figure
    graph, positions = network.graph(), layout(network)
    for key, x in COLUMN_X.items():
        axes.annotate(COLUMN_TITLES[key], (x, 1.01), xytext=(0, 6), textcoords="offset points", ha="center",
                      va="bottom", fontsize=12, fontweight="bold", color="#444444")
    for relation, (line_colour, style, width, _) in EDGE_STYLE.items():
        nx.draw_networkx_edges(graph, positions, ax=axes, edge_color=line_colour, style=style, width=width,
                               edgelist=[(s, t) for s, t, r in network.edges if r == relation], alpha=0.8)
    for group in GROUPS:
        nodes = [n for n in graph.nodes if network.groups[n] == group]
        nx.draw_networkx_nodes(graph, positions, ax=axes, nodelist=nodes, node_color=colour(group),
                               node_size=NODE_SIZE.get(group, 220), node_shape="D" if group == "Tension" else "o",
                               edgecolors="white", linewidths=1.0)
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    for node, (x, y) in positions.items():
        label = network.labels[node]
        if column[node] == MIDDLE:
            text = axes.annotate(tension_label(label), (x, y), xytext=(0, -8), textcoords="offset points",
                                 ha="center", va="top", fontsize=8, fontweight="bold", color="#222222", bbox=box)
        else:
            left = column[node] == LEFT
            text = axes.annotate(textwrap.fill(label, 42), (x, y), xytext=(-10 if left else 10, 0),
                                 textcoords="offset points", ha="right" if left else "left", va="center",
                                 fontsize=8.5, color="#222222")
        if link and link(node):
            text.set_url(link(node))
    present = [g for g in GROUPS if g in network.groups.values()]
    handles = [Line2D([], [], marker="D" if g == "Tension" else "o", linestyle="none", markersize=10,
                      markerfacecolor=colour(g), markeredgecolor="white", label=GROUP_NAMES.get(g, g))
               for g in present]
    used = {r for _, _, r in network.edges}
    handles += [Line2D([], [], color=c, linestyle=s, linewidth=w * 1.5, label=text)
                for r, (c, s, w, text) in EDGE_STYLE.items() if r in used]
    figure.legend(handles=handles, loc="lower center", ncol=3, fontsize=10, frameon=True, framealpha=0.95,
                  bbox_to_anchor=(0.5, 0.1 / height))
    return figure
