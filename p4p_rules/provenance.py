"""What a run's output files came from: the tool's version, each law and data file with its SHA-256,
the months asked for, and each output file's SHA-256 — the manifest written next to the outputs.

An auditor who is handed the payments of a month can check, with nothing but `sha256sum`, that they
are the files this tool wrote from those exact law and data files, and run it again to get the same
bytes.  The manifest holds no date and no machine name: the same inputs give the same manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any, Mapping

from p4p_rules import __version__

MANIFEST = "manifest.json"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_inputs(laws: list[tuple[Path, str | None]], sources: Mapping[str, str], start: dt.date | None,
               end: dt.date | None, versions: tuple[str, str] | None = None) -> dict[str, Any]:
    """The manifest's inputs: each law (file as given, SHA-256, IBGE code), each data file by input, and
    the months asked for (None: from the first month with money, to the last); for a diff, the two
    versions compared."""
    inputs: dict[str, Any] = {
        "tool": {"name": "p4p-rules", "version": __version__},
        "laws": [{"file": str(path), "sha256": sha256_of(path), "ibge": ibge} for path, ibge in laws],
        "data": {name: {"file": str(file), "sha256": sha256_of(Path(file))} for name, file in sorted(sources.items())},
        "months": {"from": start.strftime("%Y-%m") if start else None, "to": end.strftime("%Y-%m") if end else None},
    }
    if versions is not None:
        inputs["versions"] = {"from": versions[0], "to": versions[1]}
    return inputs


def manifest_text(inputs: Mapping[str, Any], outputs: Mapping[str, tuple[Path, int]]) -> str:
    """The manifest as written: the inputs, then each output file (by table) with its rows and SHA-256."""
    described = {name: {"file": path.name, "rows": rows, "sha256": sha256_of(path)}
                 for name, (path, rows) in outputs.items()}
    return json.dumps({**inputs, "outputs": described}, ensure_ascii=False, indent=1) + "\n"
