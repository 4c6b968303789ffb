"""The small picture on each entity page: the entity in the middle, the things its facts link it to around it.

It is written as inline SVG text (not drawn by matplotlib): the labels stay text that can be read aloud and
searched, each neighbour links to its page, and 235 pictures take milliseconds.
"""

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 900, 480
LABEL_ROOM = 200  # pixels kept free beside the circle for the labels
LIMIT = 24  # neighbours drawn; the title says how many more there are
LABEL_CHARS = 30


@dataclass(frozen=True)
class Neighbour:
    """A thing linked to the entity: its label, its page (from the site root), how it is linked."""

    label: str
    href: str | None
    relation: str
    outgoing: bool  # the entity is the subject of the fact


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def neighbourhood_svg(label: str, neighbours: list[Neighbour], root: str, ident: str) -> str:
    """The picture as an SVG element for the page (links relative to the page through `root`)."""
    shown = neighbours[:LIMIT]
    cx, cy = WIDTH / 2, HEIGHT / 2
    title = f"{label}: {len(neighbours)} linked things" + (
        f" (the first {LIMIT} drawn; the tables below list all)" if len(neighbours) > LIMIT else "")
    parts = [(f'<svg class="near" viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{ident}" '
              f'xmlns="http://www.w3.org/2000/svg">'), f'<title id="{ident}">{escape(title)}</title>']
    places = []
    for i, item in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(shown), 1)
        x, y = cx + (cx - LABEL_ROOM) * math.cos(angle), cy + (cy - 40) * math.sin(angle)
        places.append((item, x, y))
        style = "out" if item.outgoing else "in"
        parts.append(f'<line class="edge edge-{style}" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
    for item, x, y in places if len(shown) <= 12 else []:  # more would hide each other: the tables name them
        mx, my = (cx + x) / 2, (cy + y) / 2
        arrow = "→" if item.outgoing else "←"
        parts.append(f'<text class="rel" x="{mx:.1f}" y="{my:.1f}" text-anchor="middle">{arrow} '
                     f'{escape(_short(item.relation))}</text>')
    parts.append(f'<circle class="centre" cx="{cx:.1f}" cy="{cy:.1f}" r="9"/>'
                 f'<text class="centre" x="{cx:.1f}" y="{cy + 26:.1f}" text-anchor="middle">'
                 f'{escape(_short(label))}</text>')
    for item, x, y in places:
        anchor = "middle" if abs(x - cx) < 40 else ("start" if x > cx else "end")
        dx = 0 if anchor == "middle" else (9 if anchor == "start" else -9)
        dy = -10 if (anchor == "middle" and y < cy) else (18 if anchor == "middle" else 4)
        node = f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
        text = (f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(_short(item.label))}'
                f'<title>{escape(item.label)}</title></text>')
        if item.href:
            parts.append(f'<a href="{escape(root + item.href)}">{node}{text}</a>')
        else:
            parts.append(node + text)
    parts.append("</svg>")
    return "\n".join(parts)
