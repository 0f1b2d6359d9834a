"""Read one input file — CSV as Brazilian spreadsheets export it, XLSX or Parquet — into a frame of
raw cells (text, or the native values of typed formats) with each row's spreadsheet row number."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from p4p_rules.data.problems import Report
from p4p_rules.model.vocabulary import normalize

ROW = "_row"  # spreadsheet row number (header = 1) of each record, kept through every step
SEPARATORS = (";", ",", "\t")  # ';' first: Excel in pt-BR writes ';' because ',' is the decimal mark
# Input limits (docs/engine.md, "Input data"): the whole country's roster is ~460,000 rows and a year
# of its transfers ~520,000; a file beyond these is refused with D108/D109 before it fills memory.
MAX_FILE_BYTES = 1_000_000_000  # on disk; for XLSX also once unzipped (a zip bomb is small on disk)
MAX_ROWS = 5_000_000


class TooLarge(Exception):
    """A file over the limits: reported as one problem (D108 or D109), not read."""

    def __init__(self, row: int | None, code: str, help_key: str | None = None, **args: object):
        super().__init__(code)
        self.row, self.code, self.help_key, self.args_ = row, code, help_key, args


def _unreadable() -> tuple[type[BaseException], ...]:
    """What the readers raise on a damaged file: a bad zip or XML (XLSX), a bad footer (Parquet)."""
    import zlib
    from xml.etree.ElementTree import ParseError
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException
    from pyarrow import ArrowException

    # zlib.error and ParseError: a zip whose compressed part or XML inside is damaged
    return (OSError, ValueError, KeyError, EOFError, csv.Error, BadZipFile, InvalidFileException, ArrowException,
            zlib.error, ParseError)


UNREADABLE = _unreadable()


def read_cells(path: Path, report: Report) -> pd.DataFrame | None:
    """Header-normalised columns of object dtype (missing = None, text stripped) plus ROW; None if unreadable."""
    suffix = path.suffix.casefold()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TooLarge(None, "D108", size=size, limit=MAX_FILE_BYTES)
        if suffix == ".csv":
            loaded = _read_csv(path, report)
        elif suffix == ".xlsx":
            loaded = _read_xlsx(path)
        else:
            loaded = _read_parquet(path)
    except TooLarge as e:
        report.add(e.row, None, e.code, report.help(e.help_key) if e.help_key else None, **e.args_)
        return None
    except UNREADABLE as e:  # a corrupt or locked file is one problem to report, not a crash
        report.add(None, None, "D102", reason=_reason(e))
        return None
    if loaded is None:
        report.add(1, None, "D106")
        return None
    header, header_row, body = loaded
    return _tidy(header, header_row, body, report)


def _reason(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0][:200]


# ---- CSV --------------------------------------------------------------------------------------
def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) if it is valid, else Windows-1252 as Excel on Windows saves it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode text" export
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # five bytes are undefined in cp1252; Latin-1 maps every byte, so it never fails
        return data.decode("latin-1")


def sniff_separator(text: str) -> str:
    """The separator that occurs most often in the header line (';' wins ties)."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    counts = [header.count(s) for s in SEPARATORS]
    return SEPARATORS[counts.index(max(counts))]


def _read_csv(path: Path, report: Report) -> tuple[list[object], int, pd.DataFrame] | None:
    text = decode(path.read_bytes())
    if text.count("\n") > MAX_ROWS + 1:  # header + rows, a line each (a quoted line break only adds lines)
        raise TooLarge(MAX_ROWS + 2, "D109", "split", limit=MAX_ROWS)
    sep = sniff_separator(text)
    return tokenise_fast(text, sep) or tokenise_exact(text, sep, report)


def tokenise_fast(text: str, sep: str) -> tuple[list[object], int, pd.DataFrame] | None:
    """pandas' C tokeniser, for the regular files nearly everyone sends; None when the file is
    irregular (a row longer than the first, a quoted line break, leading blank lines), so that
    tokenise_exact can number and report its rows correctly."""
    try:
        raw = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                          na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(raw) != lines:  # some record spans lines: index + 1 would no longer be the row number
        return None
    filled = raw.ne("").any(axis=1)
    if not filled.any():
        return None
    raw = raw[filled]
    raw.columns = range(raw.shape[1])
    body = raw.iloc[1:].reset_index()
    rows = (body.pop("index") + 1).astype("int64")
    body[ROW] = rows
    return raw.iloc[0].tolist(), int(raw.index[0]) + 1, body


def tokenise_exact(text: str, sep: str, report: Report) -> tuple[list[object], int, pd.DataFrame] | None:
    """The csv module, record by record: it tells the line where each record starts (so row numbers
    stay right across quoted line breaks), and a row longer than the header is reported, where
    pandas would fail on the first one or shift its fields."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[list[str]] = []
    rows: list[int] = []
    start = 1
    for fields in reader:
        if any(f.strip() for f in fields):
            records.append(fields)
            rows.append(start)
        start = reader.line_num + 1
    if not records:
        return None
    header, header_row = records[0], rows[0]
    width = len(header)
    body, body_rows = [], []
    for fields, row in zip(records[1:], rows[1:], strict=True):
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            report.add(row, None, "D103", found=len(fields), expected=width)
            continue
        body.append(fields[:width] + [""] * (width - len(fields)))
        body_rows.append(row)
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame[ROW] = pd.Series(body_rows, dtype="int64")
    return list(header), header_row, frame


# ---- XLSX -------------------------------------------------------------------------------------
def _read_xlsx(path: Path) -> tuple[list[object], int, pd.DataFrame] | None:
    import zipfile

    import openpyxl

    with zipfile.ZipFile(path) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > MAX_FILE_BYTES:
        raise TooLarge(None, "D108", "unzipped", size=unzipped, limit=MAX_FILE_BYTES)
    # data_only: a formula cell gives the value Excel last computed, which is what the user sees
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers declare a wrong sheet size; read what is there
        records: list[tuple[object, ...]] = []
        rows: list[int] = []
        for row, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if row > MAX_ROWS + 1:  # header + rows
                raise TooLarge(row, "D109", "split", limit=MAX_ROWS)
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                records.append(tuple(values))
                rows.append(row)
    finally:
        book.close()
    if not records:
        return None
    header, header_row = list(records[0]), rows[0]
    while header and header[-1] is None:
        header.pop()
    width = len(header)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in records[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame[ROW] = pd.Series(rows[1:], dtype="int64")
    return header, header_row, frame


# ---- Parquet ----------------------------------------------------------------------------------
def _read_parquet(path: Path) -> tuple[list[object], int, pd.DataFrame] | None:
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(path).metadata.num_rows  # the footer says; a compressed column can be tiny on disk
    if rows > MAX_ROWS:
        raise TooLarge(MAX_ROWS + 2, "D109", "split", limit=MAX_ROWS)
    table = pd.read_parquet(path)
    header = list(table.columns)
    frame = table.astype(object)
    frame.columns = range(len(header))
    frame.index = range(len(frame))
    # a Parquet file has no visible rows; number them as the same table would have in a spreadsheet
    frame[ROW] = pd.Series(range(2, len(frame) + 2), dtype="int64")
    return header, 1, frame


# ---- common -----------------------------------------------------------------------------------
def _tidy(header: list[object], header_row: int, frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """Name columns by their normalised header, strip text, turn blanks into None, drop empty rows."""
    keep: dict[object, str] = {}
    seen: set[str] = set()
    for position, title in enumerate(header):
        name = normalize(str(title).strip()) if title is not None else ""
        if not name:
            continue  # an untitled column (Excel's stray trailing ';') holds nothing we can use
        if name in seen:
            report.add(header_row, str(title).strip(), "D105", column=str(title).strip())
            continue
        seen.add(name)
        keep[position] = name
    cells = frame[list(keep)].rename(columns=keep)
    for name in cells.columns:
        cells[name] = clean_cells(cells[name])
    cells = cells[cells.notna().any(axis=1)] if len(cells.columns) else cells.iloc[0:0]
    cells[ROW] = frame.loc[cells.index, ROW]
    cells = cells.reset_index(drop=True)
    cells.attrs["header_row"] = header_row
    return cells


def clean_cells(col: pd.Series) -> pd.Series:
    """Object column: text stripped, empty text and every kind of NA (NaN, NaT, pd.NA) as None."""
    if isinstance(col.dtype, pd.StringDtype):  # strip while pandas' own string type is fast at it
        text = col.str.strip()
        return text.astype(object).where(text.notna() & text.ne(""), None)
    col = col.astype(object)
    if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):
        text = col.str.strip()
        return text.where(text.notna() & (text != ""), None)
    # typed formats mix numbers, dates and text in one column; build the object column directly
    # because Series.map would infer float64 for numbers and turn None back into NaN
    return pd.Series([_clean_cell(v) for v in col], index=col.index, dtype=object)


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (list, tuple, dict, set, np.ndarray)):
        # a Parquet list or struct column: unhashable, and no value the tables take; as text, it is
        # reported like any other unreadable cell
        return str(value.tolist() if isinstance(value, np.ndarray) else value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # arrays and other unhashable cells are not NA
        pass
    return value
