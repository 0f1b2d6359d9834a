"""Run the rules over law files: compile, check every version, merge, suppress, configure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from p4p_rules.lint import config as cfg
from p4p_rules.lint import suppress
from p4p_rules.lint.facts import LawFacts
from p4p_rules.lint.finding import Finding, Severity
from p4p_rules.lint.registry import Rule, UnknownSelector, normalize_selector, selected
from p4p_rules.load import CompiledLaw, compile_text, read_source
from p4p_rules.syntax.diagnostics import LawError
from p4p_rules.syntax.parser import normalize_text

if TYPE_CHECKING:
    from p4p_rules.lint.realdata import RealData


@dataclass
class Options:
    """What the command line says (None/empty: take it from the configuration file)."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    output_format: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    config: Path | None = None
    isolated: bool = False
    witness: bool = True            # search the engine for a case that shows each money loophole
    data: Path | None = None        # a data folder: report what each loophole moves on it (lint/realdata.py)
    roster: Path | None = None      # a roster file (alone, or replacing the data folder's)


@dataclass
class FileReport:
    path: Path
    compiled: CompiledLaw | None = None
    error: LawError | None = None
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)   # silenced in the file (SARIF lists them as such)


@dataclass
class RunResult:
    reports: list[FileReport]
    output_format: str
    usage_error: str | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings]

    def exit_code(self, exit_zero: bool = False) -> int:
        if self.usage_error or any(r.error for r in self.reports):
            return 2
        if not exit_zero and any(f.severity == "error" for f in self.findings):
            return 1
        return 0


def lint(compiled: CompiledLaw, lines: list[str], rules: list[Rule],
         severity: dict[str, Severity] | None = None, witness: bool = True,
         real: "RealData | None" = None, suppressed: list[Finding] | None = None) -> list[Finding]:
    """Every finding of the given rules in a compiled law, merged across versions and suppressed as the file says.

    With `witness`, money findings carry the smallest synthetic case where they bite, and those whose
    search finds none are dropped (lint/witness.py).  With `real` data, each finding also says what
    it moved there, and C004 reports the roster's cadres the law does not cover (lint/realdata.py).
    Findings silenced by a comment in the file go to `suppressed`, when given.
    """
    facts = LawFacts(compiled, lines)
    if witness or real is not None:  # (they run the engine: pandas is imported only when needed)
        from p4p_rules.lint import realdata, witness as witnesses
    merged: dict[tuple, Finding] = {}
    for rule in rules:
        if rule.code.startswith("L"):
            continue
        for f in rule.check_law(facts):
            k = (f.code, f.key)
            if k in merged:
                known = merged[k].versions
                known.extend(x for x in f.versions if x not in known)
            else:
                merged[k] = f
    if real is not None:
        for rule in rules:
            if getattr(rule, "needs_data", False):
                for f in realdata.cadre_findings(facts, real, rule):
                    if (f.code, f.key) in merged:
                        merged[(f.code, f.key)].versions.extend(f.versions)
                    else:
                        merged[(f.code, f.key)] = f
    findings = list(merged.values())
    for f in findings:
        f.versions.sort(key=lambda x: x[1])
    if witness:
        findings = witnesses.attach(findings, facts)
    enabled = {r.code for r in rules}
    silenced: list[Finding] = []
    findings = suppress.apply(findings, compiled.law, lines, enabled, facts.file, silenced)
    if suppressed is not None:
        suppressed.extend(sorted(silenced, key=lambda f: f.sort_key))
    for f in findings + silenced:
        if severity and f.code in severity:
            f.severity = severity[f.code]
    if real is not None:
        realdata.annotate(findings, facts, real)
    return sorted(findings, key=lambda f: f.sort_key)


def check_text(text: str, file: str = "<law>", select: list[str] | None = None,
               ignore: list[str] | None = None, witness: bool = True) -> list[Finding]:
    """Findings for a law given as text (raises LawError if it does not compile) — for tests and tools."""
    compiled = compile_text(text, file)
    return lint(compiled, normalize_text(text).splitlines(), selected(select, ignore), witness=witness)


def _rules_for(options: Options, conf: cfg.Config) -> list[Rule]:
    select = options.select if options.select is not None else conf.select
    return selected(select, list(conf.ignore) + list(options.ignore))


def check_paths(paths: list[Path], options: Options) -> RunResult:
    """Check every law file; parse errors are kept per file, configuration errors stop the run."""
    try:
        if options.select is not None:
            options.select = [normalize_selector(s) for s in options.select]
        options.ignore = [normalize_selector(s) for s in options.ignore]
    except UnknownSelector as e:
        return RunResult([], options.output_format or "full", f"unknown rule or prefix: '{e.args[0]}' "
                                                                  "(see 'p4p-rules rules')")
    if options.output_format is not None and options.output_format not in cfg.OUTPUT_FORMATS:
        return RunResult([], "full", f"--output-format must be one of {', '.join(cfg.OUTPUT_FORMATS)}")
    reports: list[FileReport] = []
    output_format = options.output_format
    for path in paths:
        try:
            conf = cfg.for_file(path, options.config, options.isolated)
        except cfg.ConfigError as e:
            return RunResult(reports, output_format or "full", str(e))
        if output_format is None and conf.output_format:
            output_format = conf.output_format
        report = FileReport(path)
        reports.append(report)
        try:
            text = read_source(path)
            report.compiled = compile_text(text, str(path))
        except LawError as e:
            report.error = e
            continue
        report.lines = normalize_text(text).splitlines()
        report.rules = _rules_for(options, conf)
        real = None
        if options.data is not None or options.roster is not None:
            from p4p_rules.data import DataError
            from p4p_rules.lint import realdata
            try:
                real = realdata.load(report.compiled, options.data, options.roster)
            except DataError as e:
                return RunResult(reports, output_format or "full", e.render())
        report.findings = lint(report.compiled, report.lines, report.rules, conf.severity, options.witness, real,
                               report.suppressed)
    return RunResult(reports, output_format or "full")
