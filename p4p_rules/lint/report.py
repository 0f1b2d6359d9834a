"""How `check` prints its findings: full, concise, json, sarif, github, and --statistics."""

from __future__ import annotations

import json
from collections import Counter

from p4p_rules.lint.finding import Finding, severity_word
from p4p_rules.lint.runner import FileReport, RunResult
from p4p_rules.printer import fmt_date


def _statement_end(text: str, start: int) -> int:
    """Index where a statement's text ends on its line: before a trailing comment, without spaces."""
    quoted = False
    end = len(text)
    for i in range(start, len(text)):
        ch = text[i]
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            quoted = not quoted
        elif ch in "“”":
            quoted = ch == "“"
        elif ch == "#" and not quoted:
            end = i
            break
    return len(text[:end].rstrip())


def _words(language: str) -> dict[str, str]:
    if language == "pt":
        return {"versions": "versões", "help": "ajuda", "rule": "regra", "witness": "exemplo"}
    return {"versions": "versions", "help": "help", "rule": "rule", "witness": "example"}


def _versions(f: Finding) -> str:
    return ", ".join(f"{name} ({fmt_date(d, f.language)})" for name, d in f.versions)


def caret_span(f: Finding, lines: list[str]) -> tuple[str | None, int]:
    """The finding's source line (tabs as one column) and the width of its caret: the finding's own, or to the
    end of the statement."""
    if not 1 <= f.line <= len(lines):
        return None, max(1, f.width or 1)
    text = lines[f.line - 1].rstrip("\n").expandtabs(1)
    width = f.width if f.width else max(1, _statement_end(text, f.col - 1) - (f.col - 1))
    return text, max(1, min(width, len(text) - f.col + 1))


def render_full(f: Finding, lines: list[str]) -> str:
    sev = severity_word(f.severity, f.language)
    out = [f"{f.file}:{f.line}:{f.col}: {f.code} {sev}: {f.message}"]
    text, width = caret_span(f, lines)
    if text is not None:
        gutter = f"{f.line:>4} | "
        out.append(gutter + text)
        out.append(" " * (len(gutter) + f.col - 1) + "^" * width)
    w = _words(f.language)
    if f.versions:
        out.append(f"  {w['versions']}: {_versions(f)}")
    if f.witness:
        out.append(f"  {w['witness']}: {f.witness}")
    if f.help:
        out.append(f"  {w['help']}: {f.help}")
    out.append(f"  {w['rule']}: {f.name} — {f.doc}")
    return "\n".join(out)


def render_concise(f: Finding) -> str:
    sev = severity_word(f.severity, f.language)
    names = ", ".join(n for n, _ in f.versions)
    return f"{f.file}:{f.line}:{f.col}: {f.code} {sev}: {f.message}" + (f" [{names}]" if names else "")


def _count_text(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    parts = [f"{counts['error']} error{'s' * (counts['error'] != 1)}",
             f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}",
             f"{counts['info']} info"]
    return ", ".join(parts)


def _status(report: FileReport) -> str:
    assert report.compiled is not None
    texts = report.compiled.texts
    versions = ", ".join(f"{t.version} ({t.effective.isoformat()})" for t in texts)
    line = f"{report.path}: ok — {len(texts)} version(s): {versions}"
    if report.findings:
        n = len(report.findings)
        line += f"; {n} finding{'s' * (n != 1)} ({_count_text(report.findings)})"
    return line


def summary(result: RunResult) -> str:
    findings = result.findings
    files = sum(1 for r in result.reports if r.compiled is not None)
    if not findings:
        return f"All checks passed ({files} file{'s' * (files != 1)})."
    n = len(findings)
    return f"Found {n} finding{'s' * (n != 1)} ({_count_text(findings)}) in {files} file{'s' * (files != 1)}."


def full(result: RunResult) -> str:
    blocks = []
    for report in result.reports:
        for f in report.findings:
            blocks.append(render_full(f, report.lines))
    status = [_status(r) for r in result.reports if r.compiled is not None]
    out = "\n\n".join(blocks)
    return (out + "\n\n" if out else "") + "\n".join(status + [summary(result)]) + "\n"


def concise(result: RunResult) -> str:
    lines = [render_concise(f) for f in result.findings]
    return "\n".join(lines + [summary(result)]) + "\n"


def as_json(result: RunResult) -> str:
    return json.dumps([f.to_json() for f in result.findings], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(result: RunResult) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in result.findings:
        props = ",".join([f"file={_escape_property(f.file)}", f"line={f.line}", f"col={f.col}",
                          f"title={_escape_property(f'{f.code} {f.name}')}"])
        out.append(f"::{level[f.severity]} {props}::{_escape_data(f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def statistics(result: RunResult, output_format: str) -> str:
    counts = Counter(f.code for f in result.findings)
    by_code = {f.code: f for f in result.findings}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if output_format == "json":
        return json.dumps([{"code": c, "name": by_code[c].name, "severity": by_code[c].severity, "count": n}
                           for c, n in rows], indent=2) + "\n"
    if not rows:
        return summary(result) + "\n"
    width = max(len(str(n)) for _, n in rows)
    name_w = max(len(by_code[c].name) for c, _ in rows)
    out = [f"{n:>{width}}  {c}  {by_code[c].name:<{name_w}}  {by_code[c].severity}" for c, n in rows]
    return "\n".join(out + [summary(result)]) + "\n"


def render(result: RunResult, output_format: str, stats: bool = False) -> str:
    if stats:
        return statistics(result, output_format)
    from p4p_rules.lint.sarif import sarif  # noqa: PLC0415  (it reads the rule pages: only when asked)
    return {"full": full, "concise": concise, "json": as_json, "sarif": sarif, "github": github}[output_format](result)
