"""The rule catalogue: one small class per rule, registered by code; selection by code, prefix or name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from p4p_rules.lint.finding import Finding, Severity

if TYPE_CHECKING:
    from p4p_rules.lint.facts import LawFacts, VersionFacts

FAMILIES: dict[str, tuple[str, str]] = {
    "M": ("dinheiro", "money"),
    "C": ("cargos", "cadres"),
    "T": ("prazos e rotatividade", "timing and turnover"),
    "S": ("tamanho da equipe", "team size"),
    "V": ("versões", "versions"),
    "A": ("ambiguidade", "ambiguity"),
    "L": ("supressões", "suppressions"),
}

_CODE = re.compile(r"^[A-Z]\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Rule:
    """A loophole rule.  Subclasses set the class attributes and override a `check_*` method.

    `check_version` is called once for each consolidated version of the law; `check_law` once for
    the whole law (for rules about amendments).  Findings from the same provision in several
    versions are merged by the runner.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]          # one line, English (the catalogue)
    summary_pt: ClassVar[str]       # one line, Portuguese

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]][1]

    def check_law(self, law: "LawFacts") -> Iterator[Finding]:
        for version in law.versions:
            yield from self.check_version(version)

    def check_version(self, v: "VersionFacts") -> Iterable[Finding]:
        return ()


RULES: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the catalogue (codes and names must be unique and well formed)."""
    rule = cls()
    assert _CODE.match(rule.code), rule.code
    assert _NAME.match(rule.name), rule.name
    assert rule.code[0] in FAMILIES, rule.code
    assert rule.severity in ("error", "warning", "info")
    assert rule.code not in RULES, f"duplicate code {rule.code}"
    assert all(r.name != rule.name for r in RULES.values()), f"duplicate name {rule.name}"
    RULES[rule.code] = rule
    return cls


def all_rules() -> list[Rule]:
    import p4p_rules.lint.rules  # noqa: F401  (registers every rule)
    order = list(FAMILIES)
    return sorted(RULES.values(), key=lambda r: (order.index(r.code[0]), r.code))


def find_rule(text: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    all_rules()
    key = text.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    return next((r for r in RULES.values() if r.name == key.lower()), None)


class UnknownSelector(ValueError):
    pass


def _specificity(selector: str) -> int:
    """How specific a selector is: ALL < letter < longer prefix < full code or name."""
    if selector == "ALL":
        return 0
    if _CODE.match(selector) or not selector[:1].isupper():
        return 10
    return len(selector)


def _matches(selector: str, rule: Rule) -> bool:
    if selector == "ALL":
        return True
    if selector == rule.name:
        return True
    return rule.code.startswith(selector)


def normalize_selector(text: str) -> str:
    """'m002' -> 'M002', 'M' -> 'M', 'earmark-without-rule' stays; unknown selectors raise."""
    s = text.strip()
    if not s:
        raise UnknownSelector(text)
    rules = all_rules()
    if s.upper() == "ALL":
        return "ALL"
    if re.match(r"^[A-Za-z]\d{0,3}$", s):
        s = s.upper()
        if any(r.code.startswith(s) for r in rules):
            return s
        raise UnknownSelector(text)
    if any(r.name == s.lower() for r in rules):
        return s.lower()
    raise UnknownSelector(text)


def selected(select: Iterable[str] | None, ignore: Iterable[str] | None) -> list[Rule]:
    """The rules enabled by select/ignore, as ruff does: the most specific selector wins, ignore on ties."""
    sel = [normalize_selector(s) for s in (select if select is not None else ["ALL"])]
    ign = [normalize_selector(s) for s in (ignore or [])]
    out = []
    for rule in all_rules():
        best: tuple[int, int] | None = None  # (specificity, 1 for ignore)
        for s in sel:
            if _matches(s, rule):
                cand = (_specificity(s), 0)
                best = cand if best is None or cand > best else best
        for s in ign:
            if _matches(s, rule):
                cand = (_specificity(s), 1)
                best = cand if best is None or cand > best else best
        if best is not None and best[1] == 0:
            out.append(rule)
    return out
