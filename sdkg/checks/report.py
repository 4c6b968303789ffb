"""One report format for every check: findings, an outcome per check, a table or JSON."""

import json
from dataclasses import asdict, dataclass, field
from enum import Enum

from sdkg.namespaces import shorten


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Finding:
    """One thing wrong: what rule, where (file, node, path), and by which shape or query."""

    message: str
    node: str = ""
    path: str = ""
    value: str = ""
    shape: str = ""
    file: str = ""

    def short(self) -> "Finding":
        """The same finding with IRIs written as prefixed names."""
        return Finding(self.message, shorten(self.node), shorten(self.path), shorten(self.value),
                       shorten(self.shape), self.file)


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

    @property
    def ok(self) -> bool:
        return all(o.status is not Status.FAIL for o in self.outcomes)

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
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
