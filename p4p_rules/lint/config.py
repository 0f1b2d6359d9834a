"""Configuration of `check`: `p4p-rules.toml`, or `[tool.p4p-rules]` in `pyproject.toml`.

The file is looked for from the law file's folder upwards; the nearest one wins (in one folder,
`p4p-rules.toml` before `pyproject.toml`, and a `pyproject.toml` without a `[tool.p4p-rules]` table
does not count).  Keys:

    select = ["M", "C001", "monthly-payment"]   # codes, prefixes or names (default: all rules)
    ignore = ["C003"]
    output-format = "concise"                   # full | concise | json | sarif | github
    [severity]                                  # in pyproject.toml: [tool.p4p-rules.severity]
    T001 = "error"                              # code or name = error | warning | info
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI (a dependency there only)
    import tomli as tomllib

from p4p_rules.lint.finding import SEVERITIES, Severity
from p4p_rules.lint.registry import UnknownSelector, find_rule, normalize_selector

OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github")
KEYS = ("select", "ignore", "output-format", "severity")


class ConfigError(ValueError):
    """A configuration file that cannot be used (the message says which file and why)."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    output_format: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)     # code -> severity


def _list(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of rule codes, prefixes or names")
    try:
        return [normalize_selector(v) for v in value]
    except UnknownSelector as e:
        raise ConfigError(f"{path}: '{key}' names an unknown rule: '{e.args[0]}'") from None


def parse(table: dict[str, Any], path: Path) -> Config:
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' (known keys: {', '.join(KEYS)})")
    cfg = Config(path)
    if "select" in table:
        cfg.select = _list(table["select"], "select", path)
    if "ignore" in table:
        cfg.ignore = _list(table["ignore"], "ignore", path)
    if "output-format" in table:
        fmt = table["output-format"]
        if fmt not in OUTPUT_FORMATS:
            raise ConfigError(f"{path}: 'output-format' must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")
        cfg.output_format = fmt
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{path}: 'severity' must be a table of rule = \"error\" | \"warning\" | \"info\"")
    for key, value in sev.items():
        rule = find_rule(key)
        if rule is None:
            raise ConfigError(f"{path}: 'severity' names an unknown rule: '{key}'")
        if value not in SEVERITIES:
            raise ConfigError(f"{path}: the severity of {rule.code} must be error, warning or info, not {value!r}")
        cfg.severity[rule.code] = value
    return cfg


def load(path: Path) -> Config:
    """Read one configuration file (`p4p-rules.toml`, or a `pyproject.toml` with `[tool.p4p-rules]`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the file: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("p4p-rules", {})
    return parse(data, path)


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool", {}).get("p4p-rules"), dict)


def find(start: Path) -> Path | None:
    """The configuration file that applies to a law file or folder, or None."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for d in [folder, *folder.parents]:
        own = d / "p4p-rules.toml"
        if own.is_file():
            return own
        py = d / "pyproject.toml"
        if py.is_file() and _has_table(py):
            return py
    return None


def for_file(law_path: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    """The configuration for one law file: `explicit` if given, else the nearest file found."""
    if isolated:
        return Config()
    path = explicit or find(law_path)
    return load(path) if path else Config()
