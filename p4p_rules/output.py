"""Writing result tables to CSV, XLSX or JSON, atomically: all files appear, or none do."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "xlsx", "json")


def reais(centavos: int) -> str:
    """Exact decimal text for an amount (no float on the way): 123456 -> '1234.56'."""
    sign = "-" if centavos < 0 else ""
    whole, cents = divmod(abs(int(centavos)), 100)
    return f"{sign}{whole}.{cents:02d}"


def _with_reais(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in [c for c in out.columns if c in ("amount", "transfers", "carry_in", "pool", "to_staff",
                                                 "to_destinations", "carry_out", "undistributed")]:
        out[col + "_centavos"] = out[col].astype("int64")
        out[col] = pd.Series(_reais_texts(out[col].tolist()), index=out.index, dtype=object)
    return out


def _reais_texts(amounts: list[int]) -> list[str]:
    """`reais` of a whole column (a national run writes 1.8 million amounts: no call per amount)."""
    return [f"-{-c // 100}.{-c % 100:02d}" if c < 0 else f"{c // 100}.{c % 100:02d}" for c in map(int, amounts)]


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, fmt: str) -> list[Path]:
    """Write each table as NAME.fmt into out_dir; on any failure nothing is left behind."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".p4p-", dir=out_dir))
    written = []
    try:
        for name, df in tables.items():
            df = _with_reais(df)
            path = staging / f"{name}.{fmt}"
            if fmt == "csv":
                df.to_csv(path, index=False, encoding="utf-8")
            elif fmt == "xlsx":
                df.to_excel(path, index=False, sheet_name=name[:31])
            else:
                path.write_text(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1,
                                           default=str), encoding="utf-8")
            written.append(path)
        final = []
        for path in written:
            target = out_dir / path.name
            os.replace(path, target)  # atomic per file, and all files were complete before the first move
            final.append(target)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)
