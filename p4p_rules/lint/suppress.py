"""Suppression comments in the law file: `# p4p: ignore[M003] reason`.

A directive sits in a comment on the line(s) right before the statement a finding points at (the
node's leading comments) or at the end of that statement's line (its trailing comment).  It names
one or more rules (code, prefix or name, comma-separated) and must give a reason; a directive without
a reason suppresses nothing and is reported (L001), and a rule named by a directive that suppressed
nothing is reported too (L002).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from p4p_rules.lint.finding import Finding, Suppression
from p4p_rules.lint.registry import RULES, Rule, register
from p4p_rules.model.law import Law

DIRECTIVE = re.compile(r"p4p\s*:\s*(?:ignore|ignorar)\s*\[([^\]]*)\]\s*[:\-–—]*\s*(.*?)\s*$", re.IGNORECASE)


@register
class SuppressionWithoutReason(Rule):
    code = "L001"
    name = "suppression-without-reason"
    severity = "warning"
    summary = "A '# p4p: ignore[...]' comment gives no reason; it suppresses nothing until it does."
    summary_pt = "Um comentário '# p4p: ignore[...]' não dá o motivo; não suprime nada enquanto não o der."


@register
class UnusedSuppression(Rule):
    code = "L002"
    name = "unused-suppression"
    severity = "warning"
    summary = "A '# p4p: ignore[...]' comment names a rule that reports nothing there (or no rule at all)."
    summary_pt = "Um comentário '# p4p: ignore[...]' cita uma regra que nada aponta ali (ou que não existe)."


@dataclass
class Directive:
    selectors: list[str]
    reason: str
    line: int                      # line of the comment
    col: int                       # column of its '#'
    target: int                    # line of the statement it applies to
    used: set[str] = field(default_factory=set)


def _nodes(value: Any) -> Iterator[Any]:
    """Every model node of a law (header, versions, operations, articles, paragraphs, provisions)."""
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
        return
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        return
    if hasattr(value, "comments"):
        yield value
    for name in fields:
        if name in ("pos", "comments", "trailing_comment"):
            continue
        yield from _nodes(getattr(value, name))


def _comment_col(line: str, comment: str) -> int:
    at = line.rfind(comment.strip())
    return at + 1 if at >= 0 else max(1, line.find("#") + 1)


def directives(law: Law, lines: list[str]) -> list[Directive]:
    """Every suppression directive of a law file, with the statement line it applies to."""
    found: dict[tuple[int, str], Directive] = {}
    for node in _nodes(law):
        pos = node.pos
        if pos is None:
            continue
        texts: list[tuple[str, int]] = []
        if node.trailing_comment:
            texts.append((node.trailing_comment, pos.line))
        # leading comments: the comment lines above the statement, found bottom-up
        row = pos.line - 1
        for comment in reversed(node.comments):
            r = row
            while r >= 1 and lines[r - 1].strip() != comment.strip():
                r -= 1
            if r >= 1:
                texts.append((comment, r))
                row = r - 1
        for text, row_of in texts:
            match = DIRECTIVE.search(text)
            if not match:
                continue
            selectors = [s.strip() for s in match.group(1).split(",") if s.strip()]
            line_text = lines[row_of - 1] if 1 <= row_of <= len(lines) else text
            found.setdefault((row_of, text), Directive(selectors, match.group(2).strip(), row_of,
                                                       _comment_col(line_text, text), pos.line))
    return sorted(found.values(), key=lambda d: (d.line, d.col))


def _matches(selector: str, code: str, name: str) -> bool:
    """A directive's selector names a rule by code, by prefix ('M', 'M00') or by name."""
    s = selector.strip()
    if s.lower() == name:
        return True
    return bool(re.fullmatch(r"[A-Z]\d{0,3}", s.upper())) and code.startswith(s.upper())


def _known(selector: str) -> bool:
    return any(_matches(selector, r.code, r.name) for r in RULES.values())


def apply(findings: list[Finding], law: Law, lines: list[str], enabled: set[str], file: str,
          suppressed: list[Finding] | None = None) -> list[Finding]:
    """Drop suppressed findings (into `suppressed`, marked with their directive, when given: SARIF reports
    them as suppressed results); add L001/L002 findings for bad or unused directives."""
    all_directives = directives(law, lines)
    by_target: dict[int, list[Directive]] = {}
    for d in all_directives:
        by_target.setdefault(d.target, []).append(d)
    kept: list[Finding] = []
    for f in findings:
        by: Directive | None = None
        for d in by_target.get(f.line, []):
            if not d.reason:
                continue
            for s in d.selectors:
                if _matches(s, f.code, f.name):
                    d.used.add(s)
                    by = by or d
        if by is None:
            kept.append(f)
        elif suppressed is not None:
            f.suppression = Suppression(by.reason, by.line, by.col)
            suppressed.append(f)
    lang = law.language
    for d in all_directives:
        names = ", ".join(d.selectors)
        if not d.reason:
            if "L001" in enabled:
                rule = RULES["L001"]
                kept.append(Finding(
                    rule.code, rule.name, rule.severity,
                    f"o comentário 'p4p: ignore[{names}]' não diz o motivo, e por isso não suprime nada" if lang == "pt"
                    else f"the 'p4p: ignore[{names}]' comment gives no reason, so it suppresses nothing",
                    f"escreva o motivo depois dos colchetes: '# p4p: ignore[{names}] motivo'" if lang == "pt"
                    else f"write the reason after the brackets: '# p4p: ignore[{names}] reason'",
                    file, d.line, d.col, lang, key=("L001", d.line, d.col)))
            continue
        for s in d.selectors:
            if s in d.used or "L002" not in enabled:
                continue
            known = _known(s)
            if known and not any(_matches(s, c, RULES[c].name) for c in enabled):
                continue  # the rule is not selected in this run: cannot tell whether it is needed
            rule = RULES["L002"]
            if known:
                pt = f"'{s}' não aponta nada na linha {d.target}: esta supressão não é usada"
                en = f"'{s}' reports nothing on line {d.target}: this suppression is not used"
                hp, he = "apague a supressão", "delete the suppression"
            else:
                pt = f"'{s}' não é uma regra conhecida"
                en = f"'{s}' is not a known rule"
                hp, he = "veja as regras com 'p4p-rules rules'", "see the rules with 'p4p-rules rules'"
            kept.append(Finding(rule.code, rule.name, rule.severity, pt if lang == "pt" else en,
                                hp if lang == "pt" else he, file, d.line, d.col, lang, key=("L002", d.line, d.col, s)))
    return kept
