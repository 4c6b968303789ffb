"""The Turtle sources stay in canonical form; `sdkg fmt --check` catches drift."""

from pathlib import Path

from click.testing import CliRunner

from minitree import REPO, make_tree
from sdkg.cli import main


def test_repository_sources_are_canonical() -> None:
    result = CliRunner().invoke(main, ["fmt", "--check", "--root", str(REPO)])
    assert result.exit_code == 0, result.stdout


def test_drift_is_reported_then_fixed(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    CliRunner().invoke(main, ["fmt", "--root", str(root)])
    shapes = root / "ontology" / "sdkg.ttl"
    shapes.write_text(shapes.read_text() + "\n\n")
    result = CliRunner().invoke(main, ["fmt", "--check", "--root", str(root)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["ontology/sdkg.ttl: not in canonical form (run `sdkg fmt`)"]
    CliRunner().invoke(main, ["fmt", "--root", str(root)])
    assert CliRunner().invoke(main, ["fmt", "--check", "--root", str(root)]).exit_code == 0
