"""`p4p-rules check`: the loophole linter.

One small class per rule (p4p_rules/lint/rules/), registered in a catalogue by code; each rule
looks at every consolidated version of a law through the engine's view of it and returns findings
that point at the provision (file, line, column), with a message and a fix in the law's language.
"""

from p4p_rules.lint.finding import Finding, Severity
from p4p_rules.lint.registry import RULES, Rule, all_rules, find_rule, selected
from p4p_rules.lint.runner import Options, RunResult, check_paths, check_text, lint

__all__ = ["Finding", "Severity", "RULES", "Rule", "all_rules", "find_rule", "selected", "Options", "RunResult",
           "check_paths", "check_text", "lint"]
