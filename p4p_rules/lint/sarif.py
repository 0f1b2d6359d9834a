"""`check --output-format sarif`: a SARIF 2.1.0 log with the fields GitHub code scanning reads.

Valid against the official OASIS schema (tests/lint/sarif-schema-2.1.0.json, see its notice).
Rules carry their page as help (text and markdown) and a link to it. Results carry the finding's
span, its witness and fix, and a fingerprint that survives lines moving. Findings silenced in the
law file are listed as suppressed results (kind inSource, with the comment's reason). Files that
cannot be read become error notifications of the invocation.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from p4p_rules.lint.docs import doc_path, doc_text
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import FAMILIES, Rule, all_rules
from p4p_rules.lint.report import caret_span

if TYPE_CHECKING:
    from p4p_rules.lint.runner import FileReport, RunResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
LOCALE = {"pt": "pt-BR", "en": "en-US"}
FINGERPRINT = "p4pRulesFinding/v1"


def uri(path: str | Path) -> str:
    """A relative path stays relative (GitHub resolves it from the repository root); absolute ones become file URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _words(language: str) -> dict[str, str]:
    if language == "pt":
        return {"help": "ajuda", "witness": "exemplo"}
    return {"help": "help", "witness": "example"}


def _language(result: "RunResult") -> str:
    """The run's language: the checked laws' own, or English when they mix."""
    langs = Counter(r.compiled.law.language for r in result.reports if r.compiled is not None)
    return "pt" if langs and set(langs) == {"pt"} else "en"


def _rules(result: "RunResult") -> list[Rule]:
    seen: dict[str, Rule] = {}
    for report in result.reports:
        for r in report.rules:
            seen.setdefault(r.code, r)
    catalogue = {r.code: r for r in all_rules()}
    for report in result.reports:  # (a finding's rule is always enabled, but stay safe)
        for f in report.findings + report.suppressed:
            seen.setdefault(f.code, catalogue[f.code])
    return sorted(seen.values(), key=lambda r: r.code)


def descriptor(r: Rule, language: str) -> dict[str, Any]:
    short = r.summary_pt if language == "pt" else r.summary
    page = doc_path(r.code)
    out: dict[str, Any] = {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": f"{r.summary}\n\n{r.summary_pt}"},
        "help": {"text": doc_text(r), "markdown": doc_text(r)},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"tags": ["p4p-rules", r.family], "family": r.family,
                       "family_pt": FAMILIES[r.code[0]][0], "summary_pt": r.summary_pt,
                       "doc": f"docs/rules/{r.code}.md"},
    }
    if page is not None:  # the page shipped with the package (no public site hosts the docs yet)
        out["helpUri"] = page.resolve().as_uri()
    return out


def _region(f: Finding, lines: list[str]) -> dict[str, Any]:
    text, width = caret_span(f, lines)
    region: dict[str, Any] = {"startLine": f.line, "startColumn": f.col, "endLine": f.line,
                              "endColumn": f.col + width}
    if text is not None:
        region["snippet"] = {"text": text}
    return region


def _location(file: str, region: dict[str, Any]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(file)}, "region": region}}


def _fingerprints(findings: list[Finding], lines: list[str]) -> list[str]:
    """One per finding: rule + the statement's text + how many same pairs came before (not the line number,
    so a finding keeps its alert when lines are added above it)."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        text = lines[f.line - 1].strip() if 1 <= f.line <= len(lines) else ""
        key = (f.code, " ".join(text.split()))
        seen[key] += 1
        digest = hashlib.sha256(f"{key[0]}\0{key[1]}\0{seen[key]}".encode("utf-8")).hexdigest()
        out.append(digest[:32])
    return out


def _result(f: Finding, index: int, lines: list[str], fingerprint: str) -> dict[str, Any]:
    w = _words(f.language)
    text = f.message
    if f.witness:
        text += f"\n{w['witness']}: {f.witness}"
    if f.help:
        text += f"\n{w['help']}: {f.help}"
    item: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(f.file, _region(f, lines))],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"name": f.name, "severity": f.severity, "language": f.language, "help": f.help,
                       "doc": f.doc,
                       "versions": [{"name": n, "effective": d.isoformat()} for n, d in f.versions]},
    }
    if f.witness:
        item["properties"]["witness"] = f.witness
    if f.suppression is not None:
        s = f.suppression
        comment = lines[s.line - 1].rstrip("\n").expandtabs(1) if 1 <= s.line <= len(lines) else None
        where: dict[str, Any] = {"startLine": s.line, "startColumn": s.col}
        if comment is not None:
            where["endLine"], where["endColumn"] = s.line, max(s.col + 1, len(comment.rstrip()) + 1)
        item["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": s.reason,
                                 "location": _location(f.file, where)}]
    return item


def _notifications(report: "FileReport") -> list[dict[str, Any]]:
    """A law that cannot be read: each of its problems, as an error notification of the invocation."""
    assert report.error is not None
    out = []
    for d in report.error.diagnostics:
        out.append({
            "level": LEVEL.get(d.severity, "error"),
            "message": {"text": d.message + (f"\n{d.help}" if d.help else "")},
            "locations": [_location(d.file, {"startLine": max(1, d.line), "startColumn": max(1, d.col)})],
            "descriptor": {"id": d.code},
        })
    return out


def sarif(result: "RunResult") -> str:
    from p4p_rules import __version__  # noqa: PLC0415
    language = _language(result)
    rules = _rules(result)
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for report in result.reports:
        artifacts.append({"location": {"uri": uri(report.path)}, "roles": ["analysisTarget"],
                          "mimeType": "text/plain", "encoding": "utf-8"})
        if report.error is not None:
            notifications += _notifications(report)
            continue
        listed = sorted(report.findings + report.suppressed, key=lambda f: f.sort_key)
        for f, fp in zip(listed, _fingerprints(listed, report.lines), strict=True):
            results.append(_result(f, index[f.code], report.lines, fp))
    invocation: dict[str, Any] = {"executionSuccessful": not notifications and result.usage_error is None}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "p4p-rules", "version": __version__, "semanticVersion": __version__,
                            "language": LOCALE[language], "rules": [descriptor(r, language) for r in rules]}},
        "invocations": [invocation],
        "language": LOCALE[language],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
