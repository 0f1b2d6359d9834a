"""A finding of `check`: one loophole, at one place of a law file, in one or more versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_WORDS = {"error": ("erro", "error"), "warning": ("aviso", "warning"), "info": ("info", "info")}


@dataclass(frozen=True)
class Suppression:
    """The in-file comment that silenced a finding: its reason and where it is."""

    reason: str
    line: int
    col: int


def severity_word(severity: str, language: str) -> str:
    pt, en = SEVERITY_WORDS[severity]
    return pt if language == "pt" else en


@dataclass
class Finding:
    """One loophole found in a law.

    `versions` lists the consolidated versions where it holds (a provision that stays in force
    through several versions gives one finding naming them all).  `witness` is room for a concrete
    case that shows the loss (filled by a later search through the engine; None for now).
    """

    code: str
    name: str
    severity: Severity
    message: str
    help: str | None
    file: str
    line: int
    col: int
    language: str = "pt"
    width: int | None = None                                   # caret width; None: to the end of the statement
    versions: list[tuple[str, dt.date]] = field(default_factory=list)
    witness: str | None = None
    key: tuple[Any, ...] = ()                                   # what makes two findings the same one
    node: Any = field(default=None, repr=False, compare=False)  # the model node it points at (for suppression)
    suppression: Suppression | None = None                      # set on findings a '# p4p: ignore[...]' silenced

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.col, self.code, self.message)

    @property
    def doc(self) -> str:
        return f"docs/rules/{self.code}.md"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
            "help": self.help, "file": self.file, "line": self.line, "column": self.col,
            "language": self.language,
            "versions": [{"name": n, "effective": d.isoformat()} for n, d in self.versions],
            "witness": self.witness, "url": self.doc,
        }
