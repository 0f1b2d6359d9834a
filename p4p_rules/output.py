"""Writing result tables to CSV, XLSX or JSON, atomically: all files appear, or none do."""

from __future__ import annotations

import json
import math
import multiprocessing as mp
import os
import re
import shutil
import signal
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from p4p_rules.provenance import MANIFEST, manifest_text

FORMATS = ("csv", "xlsx", "json")
XLSX_MAX_ROWS = 1_048_576  # a worksheet's rows, the header's included


class OutputError(Exception):
    """The tables could not be written — a folder that cannot be made or written to, a full disk, a
    table too large for XLSX: the user's to fix, not a bug (exit 2, no traceback)."""

    def __init__(self, target: Path, reason: OSError | None = None, table: str | None = None, rows: int = 0):
        super().__init__(str(target))
        self.target, self.reason, self.table, self.rows = target, reason, table, rows

    def render(self, language: str) -> str:
        """The message in the law's language (`pt` or `en`)."""
        pt = language == "pt"
        if self.table is not None:
            return (f"erro: {self.table} tem {self.rows:,} linhas e uma planilha XLSX comporta {XLSX_MAX_ROWS - 1:,} "
                    "(mais o cabeçalho): use --format csv".replace(",", ".") if pt else
                    f"error: {self.table} has {self.rows:,} rows and an XLSX sheet holds {XLSX_MAX_ROWS - 1:,} "
                    "(and the header): use --format csv")
        why = (self.reason.strerror or str(self.reason)) if self.reason is not None else ""
        return (f"erro: não foi possível gravar em {self.target}: {why}" if pt else
                f"error: cannot write to {self.target}: {why}")


def reais(centavos: int) -> str:
    """Exact decimal text for an amount (no float on the way): 123456 -> '1234.56'."""
    sign = "-" if centavos < 0 else ""
    whole, cents = divmod(abs(int(centavos)), 100)
    return f"{sign}{whole}.{cents:02d}"


MONEY = ("amount", "transfers", "carry_in", "pool", "to_staff", "to_destinations", "carry_out", "undistributed")

# A table as lists per column, all of one length (a national run's tables: made into DataFrames only
# to be written, they cost more than writing them).  Written as CSV only.
Columns = dict[str, list]


def _with_reais(df: pd.DataFrame) -> pd.DataFrame:
    """Each money column (int centavos) as reais text, and its centavos again at the end (`amount_centavos`)."""
    out = df.copy()
    for col in [c for c in out.columns if c in MONEY]:
        out[col + "_centavos"] = out[col].astype("int64")
        out[col] = pd.Series(_reais_texts(out[col].tolist()), index=out.index, dtype=object)
    return out


def _with_reais_columns(columns: Columns) -> Columns:
    """_with_reais of a table given as lists per column."""
    money = [c for c in columns if c in MONEY]
    return {**{c: _reais_texts(v) if c in money else v for c, v in columns.items()},
            **{c + "_centavos": columns[c] for c in money}}


def _reais_texts(amounts: list[int]) -> list[str]:
    """`reais` of a whole column (a national run writes 1.8 million amounts: no call per amount)."""
    return [f"-{-c // 100}.{-c % 100:02d}" if c < 0 else f"{c // 100}.{c % 100:02d}" for c in map(int, amounts)]


# what openpyxl stamps with the time of writing: the document's created and modified properties
_STAMPED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can hold


def _without_write_time(path: Path) -> None:
    """The workbook with a fixed time in place of the time it was written (its properties and each zip
    entry), as reproducible builds do: the same tables give the same bytes, and the manifest's SHA-256
    of an XLSX file can be checked by running again."""
    with zipfile.ZipFile(path) as book:
        members = [(info, book.read(info.filename)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w") as book:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = _STAMPED.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            book.writestr(fixed, data)


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    """The table as CSV: the bytes pandas' `to_csv` writes, about twice as fast for tables of text and
    whole numbers (a national run's 1.8 million payment rows); anything else goes to pandas."""
    # (a one-column table is left to pandas: the csv module quotes a lone empty cell)
    columns = [_csv_texts(df[c]) for c in df.columns] if len(df.columns) > 1 else [None]
    if any(c is None for c in columns):
        df.to_csv(path, index=False, encoding="utf-8")
        return
    _write_rows(list(df.columns), [c for c in columns if c is not None], path)


def _write_csv_columns(columns: Columns, path: Path, jobs: int = 1) -> None:
    """_write_csv of a table given as lists per column, amounts in reais as _with_reais writes them: the
    same bytes as its DataFrame would give.

    A long table (a national run's payments) is written by two processes where there are two cores:
    this one writes the first half of the rows, a forked one the second half into a file of its own,
    appended here once both are done."""
    if jobs > 1 and len(columns) > 1 and _rows(columns) >= SPLIT_ROWS and "fork" in mp.get_all_start_methods():
        if _write_in_two(columns, path):
            return
    if not _write_plain(columns, path, 0, _rows(columns), header=True):
        # (never for a run's tables: text, missing cells and whole numbers)
        _write_csv(_with_reais(pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in columns.items()})), path)


SPLIT_ROWS = 200_000  # rows from which a table is written by two processes (forking one costs ~0.1 s)


def _write_plain(columns: Columns, path: Path, first: int, last: int, header: bool) -> bool:
    """Rows [first, last) as CSV lines into `path` (after the header line, if asked), amounts in reais
    (_with_reais_columns); False, and nothing written, when a column holds anything but text,
    missing cells and whole numbers."""
    rows = _with_reais_columns({name: values[first:last] for name, values in columns.items()})
    texts = [_cell_texts(values) for values in rows.values()] if len(rows) > 1 else [None]
    if any(t is None for t in texts):
        return False
    _write_rows(list(rows) if header else None, [t for t in texts if t is not None], path)
    return True


def _write_in_two(columns: Columns, path: Path) -> bool:
    """_write_plain of the whole table, in two processes; False when either half is not plain."""
    half = _rows(columns) // 2
    part = path.with_name(path.name + ".second-half")
    child = mp.get_context("fork").Process(target=_write_second_half, args=(columns, part, half), daemon=True)
    child.start()
    try:
        plain = _write_plain(columns, path, 0, half, header=True)
    except BaseException:
        child.terminate()
        raise
    finally:
        child.join()
    if not plain or child.exitcode != 0:  # (the caller writes the table again, in one process)
        part.unlink(missing_ok=True)
        return False
    with path.open("ab") as whole, part.open("rb") as second:
        shutil.copyfileobj(second, whole, 16 * 1024 * 1024)
    part.unlink()
    return True


def _write_second_half(columns: Columns, part: Path, half: int) -> None:
    """In the forked process: the rows from `half` on; exit status 2 when they are not plain, 3 when
    they could not be written (the parent then writes the whole table itself, and reports the error,
    which a traceback from here would only precede)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops this process
    try:
        plain = _write_plain(columns, part, half, _rows(columns), header=False)
    except BaseException:
        os._exit(3)
    os._exit(0 if plain else 2)  # (no teardown: the process is a copy of one holding the country's results)


def _write_rows(header: list | None, texts: list[list[str]], path: Path) -> None:
    """Columns already written as CSV cells, joined into lines (after a header line, unless None)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        if header is not None:
            f.write(",".join(_csv_quoted(str(c)) for c in header) + os.linesep)
        step = 100_000  # rows joined per write: bounded memory for any size
        for i in range(0, len(texts[0]), step):
            rows = zip(*(c[i:i + step] for c in texts), strict=True)
            f.write(os.linesep.join(map(",".join, rows)) + os.linesep)


def _csv_quoted(text: str) -> str:
    """Python's csv QUOTE_MINIMAL, as pandas uses it: quotes around a cell with a comma, quote or LF."""
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text or "\n" in text) else text


def _csv_texts(column: pd.Series) -> list[str] | None:
    """Each cell as pandas writes it; None when the column holds anything but text, missing values and
    whole numbers. Work is per distinct value: a column has few (statuses, cadres, dates)."""
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return list(map(str, column.tolist()))
    return _cell_texts(column.tolist())


def _cell_texts(values: list) -> list[str] | None:
    """_csv_texts of a column given as a list: whole numbers alone written as an int64 column is (and
    as pandas writes Python ints in an object column), otherwise as an object column is."""
    try:
        distinct = set(values)
    except TypeError:  # unhashable cells (lists, dicts): not a table of text
        return None
    if distinct and all(type(v) is int for v in distinct):  # (the types of the distinct values only)
        return list(map(str, values))
    special: dict[object, str] = {}  # the distinct cells not written as they are: quoted, or missing
    for v in distinct:
        if isinstance(v, str):
            quoted = _csv_quoted(v)
            if quoted is not v:
                special[v] = quoted
        elif v is None or (isinstance(v, float) and math.isnan(v)):
            special[v] = ""
        else:
            return None
    if not special:
        return values
    # every value is a key of `special` or text written as it is (a NaN too is found: the keys are the
    # very objects of the column)
    get = special.get
    return [get(v, v) for v in values]


def write_tables(tables: Mapping[str, pd.DataFrame | Columns], out_dir: Path, fmt: str,
                 inputs: Mapping[str, Any] | None = None, jobs: int = 1) -> list[Path]:
    """Write each table as NAME.fmt into out_dir; on any failure nothing is left behind.

    A table is a DataFrame, or (CSV only) lists per column, which a long table writes on two
    processes when `jobs` > 1.  With `inputs` (provenance.run_inputs: the law and data files of a
    run), a `manifest.json` is written with the tables: those inputs, and each table's file with its
    rows and SHA-256."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt != "csv" and not all(isinstance(t, pd.DataFrame) for t in tables.values()):
        raise ValueError("tables given as lists per column are written as CSV only")
    if fmt == "xlsx":  # (before anything is written: one sheet per table, and a sheet has a limit)
        for name, df in tables.items():
            if _rows(df) >= XLSX_MAX_ROWS:
                raise OutputError(out_dir, table=name, rows=_rows(df))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".p4p-", dir=out_dir))
    except OSError as e:
        raise OutputError(out_dir, e) from None
    try:
        return _write_all(tables, out_dir, staging, fmt, inputs, jobs)
    except OSError as e:  # a full disk, a file in the way: what is named is the folder given
        raise OutputError(out_dir, e) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _rows(table: pd.DataFrame | Columns) -> int:
    return len(table) if isinstance(table, pd.DataFrame) else len(next(iter(table.values()), []))


def _write_all(tables: Mapping[str, pd.DataFrame | Columns], out_dir: Path, staging: Path, fmt: str,
               inputs: Mapping[str, Any] | None, jobs: int = 1) -> list[Path]:
    """The tables (and the manifest) written into `staging`, then moved into `out_dir` together."""
    written = []
    for name, table in tables.items():
        path = staging / f"{name}.{fmt}"
        if not isinstance(table, pd.DataFrame):
            _write_csv_columns(table, path, jobs)
            written.append(path)
            continue
        df = _with_reais(table)
        if fmt == "csv":
            _write_csv(df, path)
        elif fmt == "xlsx":
            df.to_excel(path, index=False, sheet_name=name[:31])
            _without_write_time(path)
        else:
            path.write_text(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1,
                                       default=str), encoding="utf-8")
        written.append(path)
    if inputs is not None:
        manifest = staging / MANIFEST
        outputs = {name: (path, _rows(table)) for (name, table), path in zip(tables.items(), written, strict=True)}
        manifest.write_text(manifest_text(inputs, outputs), encoding="utf-8")
        written.append(manifest)
    final = []
    for path in written:
        target = out_dir / path.name
        os.replace(path, target)  # atomic per file, and all files were complete before the first move
        final.append(target)
    return final
