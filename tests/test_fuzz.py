"""Fuzzing: mangled Turtle and option values never make `sdkg` crash.

A fixed seed makes every run try the same cases. Each case mangles one source file of the small valid tree
(cuts, repeats, stray tokens, bad bytes) and runs one command with options drawn from valid and invalid
values. Whatever the input, the answer is an exit code of 0, 1 or 2 with one clear line, never a
traceback and never exit code 3 (a fault in sdkg). Bounded: at most 60 cases and about 60 seconds.
"""

import random
import shutil
import time
from pathlib import Path

from click.testing import CliRunner

from minitree import make_tree
from sdkg.cli import main

SEED = 20261201
MAX_CASES = 60
MAX_SECONDS = 60.0
TARGETS = ("data/entities/test.ttl", "data/documents/document-900.ttl", "data/evidence/document-900.ttl",
           "data/metadata.ttl")
TOKENS = ['"', "<", ">", '"""', "@prefix", ".", ";", ",", "[", "]", "(", ")", "_:b1", "^^xsd:integer", "@en",
          "\\", "#", '"abc"^^xsd:integer', '"2024-13-45"^^xsd:date', "<notes/x.html>", "<http://x/a b>", "1E3",
          '"""unterminated', "sdr:", "a", "sdkg:Actr", "[/bold]", "\u202e", "\x1b[2J", "\ufeff", "\x00"]
BAD_BYTES = [b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\x80\x80"]
COMMANDS = [
    ["check", "--only", "quality", "--no-reasoner"],
    ["check", "--only", "shacl", "--only", "links", "--format", "json"],
    ["fmt", "--check"],
    ["stats", "--format", "json"],
    ["query", "members"],
]
OPTIONS = [[], ["--format", "xml"], ["--timeout", "-1"], ["--timeout", "nan"], ["--timeout", "1e400"],
           ["--only", "nothing"], ["--param", "actor=<urn:x> }"], ["--param", "="], ["--root", "/nonexistent"],
           ["--format", "csv"], ["--timeout", "5"]]


def mangle(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits of a Turtle file."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(5)
        if kind == 0:
            data = data[:at] + data[at + rng.randint(1, 40):]
        elif kind == 1:
            end = min(len(data), at + rng.randint(1, 80))
            data = data[:end] + data[at:end] + data[end:]
        elif kind == 2:
            data = data[:at] + rng.choice(TOKENS).encode("utf-8") + data[at:]
        elif kind == 3:
            data = data[:at] + rng.choice(BAD_BYTES) + data[at:]
        else:
            data = data[:at]
    return data


def test_mangled_turtle_and_options_never_crash(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    pristine = make_tree(tmp_path / "pristine")
    started, tried, outcomes = time.monotonic(), 0, set()
    while tried < MAX_CASES and time.monotonic() - started < MAX_SECONDS:
        root = tmp_path / f"case-{tried}"
        shutil.copytree(pristine, root)
        target = root / rng.choice(TARGETS)
        target.write_bytes(mangle(target.read_bytes(), rng))
        command = rng.choice(COMMANDS) + (rng.choice(OPTIONS) if rng.random() < 0.4 else [])
        result = CliRunner().invoke(main, [*command, "--root", str(root)] if "--root" not in command
                                    else command)
        described = f"case {tried}: sdkg {' '.join(command)} on mangled {target.relative_to(root)}"
        assert result.exit_code in (0, 1, 2), f"{described}: exit {result.exit_code}\n{result.output[-2000:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), (described, result.exception)
        assert "Traceback" not in result.output, described
        if result.exit_code == 2:
            errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
            assert len(errors) == 1, (described, result.stderr)
        outcomes.add(result.exit_code)
        shutil.rmtree(root)
        tried += 1
    assert tried >= 20, f"only {tried} cases ran in {MAX_SECONDS} s"
    assert 2 in outcomes  # the mangling does produce bad input
