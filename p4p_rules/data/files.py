"""Find each input of a dataset in its folder: exactly one of NAME.csv, NAME.xlsx or NAME.parquet."""

from __future__ import annotations

from pathlib import Path

from p4p_rules.data.problems import Report

FORMATS = (".csv", ".xlsx", ".parquet")


def find_input(directory: Path, name: str, *, required: bool, report: Report) -> Path | None:
    """The one file holding `name`, or None (reported as a problem when the input is required)."""
    try:
        entries = sorted(p for p in directory.iterdir() if p.is_file())
    except OSError as e:
        report.add(None, None, "D102", reason=e.strerror or str(e))
        return None
    # Windows users save ROSTER.CSV as often as roster.csv; both mean the same input
    same_stem = [p for p in entries if p.stem.casefold() == name]
    found = [p for p in same_stem if p.suffix.casefold() in FORMATS]
    if len(found) > 1:
        report.add(None, None, "D101", report.help("keep_one"), name=name,
                   files=", ".join(p.name for p in found))
        return None
    if found:
        return found[0]
    if required:
        others = [p.name for p in same_stem]
        hint = (report.help("unsupported_file", found=", ".join(others)) if others
                else report.help("expected_file", name=name, directory=directory))
        report.add(None, None, "D100", hint, name=name)
    return None
