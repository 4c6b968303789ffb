"""Pictures of the graph, drawn with matplotlib: the same data always gives the same file."""

from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from sdkg.errors import InputError

FORMATS = {".svg": "svg", ".png": "png"}
PNG_DPI = 150
# Paul Tol's "bright" scheme, which people with colour-blindness can tell apart.
COLOURS = {
    "Actor": "#4477AA",
    "Initiative": "#228833",
    "Treaty": "#AA3377",
    "Technology": "#CCBB44",
    "Tension": "#EE6677",
    "Goal": "#66CCEE",
    "Event": "#BBBBBB",
    "Recommendation": "#EE7733",
    "Other": "#888888",
}
GROUP_NAMES = {"Goal": "Goal (pole of a tension)", "Event": "Event or conflict",
               "Recommendation": "Recommendation of a document", "Other": "Other"}


def colour(group: str) -> str:
    return COLOURS.get(group, COLOURS["Other"])


def picture_format(path: Path) -> str:
    """"svg" or "png", from the file's suffix; any other suffix is bad input."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise InputError("a picture's file name ends in .svg or .png", path) from None


def save(figure: Figure, path: Path) -> Path:
    """Write the figure as SVG or PNG (by the suffix), leaving out dates and random ids, atomically."""
    from sdkg.atomic import atomic_file

    kind = picture_format(path)
    metadata = {"Date": None} if kind == "svg" else {"Software": None}
    # an interrupted run leaves the old picture, never half a new one
    with atomic_file(path, "wb") as handle, matplotlib.rc_context({"svg.hashsalt": "sdkg", "svg.fonttype": "path"}):
        figure.savefig(handle, format=kind, metadata=metadata, dpi=PNG_DPI, bbox_inches="tight", facecolor="white")
    return path
