"""One report format for every check: findings, an outcome per check, a table or JSON."""

import json
from dataclasses import asdict, dataclass, field, replace
from enum import Enum

from sdkg.namespaces import shorten


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"  # not run: the summary says why (no --sources, --no-reasoner, no Java)
    ERROR = "error"  # could not run because of the input or the environment (exit 2)
    INTERNAL = "internal"  # could not run because of a fault in sdkg (exit 3)


@dataclass(frozen=True)
class Finding:
    """One thing wrong: what rule, where (file, node, path), and by which shape or query."""

    message: str
    node: str = ""
    path: str = ""
    value: str = ""
    shape: str = ""
    file: str = ""
    line: int | None = None  # the line of the statement at fault in `file` (sdkg.checks.locate)
    hint: str = ""  # how to fix it: a near name, the record that nearly matches (sdkg.checks.explain)
    cause: str = ""  # the key of the root cause it belongs to (Report.causes)

    def short(self) -> "Finding":
        """The same finding with IRIs written as prefixed names."""
        return replace(self, node=shorten(self.node), path=shorten(self.path), value=shorten(self.value),
                       shape=shorten(self.shape))

    @property
    def where(self) -> str:
        """`file:line`, or the file alone."""
        return f"{self.file}:{self.line}" if self.file and self.line else self.file


@dataclass(frozen=True)
class Cause:
    """A root cause that explains several findings: what, where, how to fix it, how many findings."""

    message: str
    file: str = ""
    line: int | None = None
    hint: str = ""
    key: str = ""
    count: int = 0


@dataclass
class Outcome:
    """The result of one check."""

    check: str
    status: Status
    summary: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    """The outcomes of all checks run."""

    outcomes: list[Outcome] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.status in (Status.PASS, Status.SKIPPED) for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 every check that ran holds, 1 the data does not conform, 2 a check could not run on this input
        or environment, 3 a check failed by a fault in sdkg."""
        statuses = {o.status for o in self.outcomes}
        for status, code in ((Status.INTERNAL, 3), (Status.ERROR, 2), (Status.FAIL, 1)):
            if status in statuses:
                return code
        return 0

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    def to_dict(self) -> dict[str, object]:
        return {
            "conforms": self.ok,
            "checks": [
                {"check": o.check, "status": o.status.value, "summary": o.summary,
                 "findings": [asdict(f.short()) for f in o.findings]}
                for o in self.outcomes
            ],
            "causes": [asdict(c) for c in self.causes],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
