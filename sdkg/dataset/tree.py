"""Find the sources to work on: the current directory, a given root, or the packaged copy."""

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


def locate(root: Path | None = None) -> SourceTree:
    """The tree to work on: `root` if given, else the current directory, else the packaged copy."""
    if root is not None:
        if not is_tree(require_folder(root)):
            raise InputError(f"not an sdkg tree (expected {MARKER} and data/)", root)
        return SourceTree(root.resolve())
    here = Path.cwd()
    if is_tree(here):
        return SourceTree(here)
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_tree", package.parent):
        if is_tree(candidate):
            return SourceTree(candidate)
    raise InputError("no sdkg tree found: run inside one or pass --root DIR")
