"""Find the sources to work on: a given root, the tree holding the current folder, or (read-only) the packaged copy."""

import sys
from dataclasses import dataclass
from pathlib import Path

from sdkg.errors import InputError

MARKER = Path("ontology") / "sdkg.ttl"


@dataclass(frozen=True)
class SourceTree:
    """A folder laid out as an sdkg tree: ontology/, data/, queries/."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes.ttl"

    def relative(self, path: Path) -> str:
        """A path as the user would name it: relative to the root when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def require_folder(folder: Path, what: str = "") -> Path:
    """`folder`, or bad input when it is not an existing folder."""
    if not folder.is_dir():
        raise InputError(f"no such folder{f' ({what})' if what else ''}", folder)
    return folder


def is_tree(folder: Path) -> bool:
    """Whether `folder` holds an sdkg tree."""
    return (folder / MARKER).is_file() and (folder / "data").is_dir()


def looks_like_tree(folder: Path) -> bool:
    """Whether `folder` holds part of an sdkg tree (an ontology folder with shapes, or a data folder with
    document graphs or a metadata file) without being a whole one."""
    return ((folder / "ontology" / "shapes.ttl").is_file() or (folder / "data" / "documents").is_dir()
            or (folder / "data" / "metadata.ttl").is_file())


def packaged_tree() -> Path | None:
    """The copy of the tree installed with the package (or the checkout of an editable install)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_tree", package.parent):
        if is_tree(candidate):
            return candidate
    return None


def find_upward(start: Path) -> Path | None:
    """The nearest folder at or above `start` that is a tree, as git finds its repository.

    A folder on the way that looks like a broken tree (ontology/shapes.ttl, data/documents or
    data/metadata.ttl without ontology/sdkg.ttl and data/) is an error, never skipped over."""
    for folder in (start, *start.parents):
        if is_tree(folder):
            return folder
        if looks_like_tree(folder):
            raise InputError(f"looks like an sdkg tree but is not a whole one (expected {MARKER} and data/): "
                             "fix it, or pass --root DIR", folder)
    return None


_announced: set[Path] = set()


def _announce(message: str, root: Path) -> None:
    """Say once, on stderr, which tree a command works on when it is not the current folder."""
    if root not in _announced:
        _announced.add(root)
        print(f"sdkg: {message}", file=sys.stderr)


def locate(root: Path | None = None, for_writing: bool = False) -> SourceTree:
    """The tree to work on: `root` if given, else the tree holding the current folder (looking upward),
    else, for commands that only read (`for_writing` False), the packaged copy. The choice is said on stderr
    whenever it is not the current folder or the given root."""
    if root is not None:
        if not is_tree(require_folder(root)):
            raise InputError(f"not an sdkg tree (expected {MARKER} and data/)", root)
        return SourceTree(root.resolve())
    here = Path.cwd().resolve()
    found = find_upward(here)
    if found is not None:
        if found != here:
            _announce(f"working on the tree at {found}", found)
        return SourceTree(found)
    if for_writing:
        raise InputError(f"no sdkg tree here or above (expected {MARKER} and data/); this command writes into "
                         "a tree and never into the packaged copy: run it inside a tree or pass --root DIR", here)
    package = packaged_tree()
    if package is None:
        raise InputError("no sdkg tree found: run inside one or pass --root DIR", here)
    _announce(f"no sdkg tree here or above {here}; reading the packaged copy at {package} (read-only)", package)
    return SourceTree(package)
