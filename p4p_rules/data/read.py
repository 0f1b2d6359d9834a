"""Read one input file — CSV as Brazilian spreadsheets export it, XLSX or Parquet — into a frame of
raw cells (text, or the native values of typed formats) with each row's spreadsheet row number."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from p4p_rules.data.cells import Coded, Shared, objects
from p4p_rules.data.problems import Report
from p4p_rules.model.vocabulary import normalize

ROW = "_row"  # spreadsheet row number (header = 1) of each record, kept through every step
SEPARATORS = (";", ",", "\t")  # ';' first: Excel in pt-BR writes ';' because ',' is the decimal mark
# Input limits (docs/engine.md, "Input data"): the whole country's roster is ~460,000 rows and a year
# of its transfers ~520,000; a file beyond these is refused with D108/D109 before it fills memory.
MAX_FILE_BYTES = 1_000_000_000  # on disk; for XLSX also once unzipped (a zip bomb is small on disk)
MAX_ROWS = 5_000_000
# An input has a dozen columns; a header of 200,000 (one huge cell full of separators) took 18 s
# and 2.4 GB to tokenise before anything was reported: refused with D150 from its header line.
MAX_COLUMNS = 1_000


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
    read = read_coded(path, report)
    return None if read is None else read[0]


def read_coded(path: Path, report: Report) -> tuple[pd.DataFrame, dict[str, Coded | Shared]] | None:
    """read_cells, and each column by its distinct values: cells.Coded if it is all text, else
    (mostly) cells.Shared."""
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
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, bytes | None]:
    """decode, and the text's UTF-8 bytes when they are `data` itself (no need to encode it again)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), None  # Excel's "Unicode text" export
    try:
        text = data.decode("utf-8-sig")
        return text, data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        # five bytes are undefined in cp1252; Latin-1 maps every byte, so it never fails
        return data.decode("latin-1"), None


def sniff_separator(text: str) -> str:
    """The separator that occurs most often in the header line (';' wins ties)."""
    header = _first_line(text.lstrip("\r\n"))
    counts = [header.count(s) for s in SEPARATORS]
    return SEPARATORS[counts.index(max(counts))]


def _first_line(text: str) -> str:
    """Up to the first line feed (without copying the rest of a 40 MB file, as split would)."""
    end = text.find("\n")
    return text if end < 0 else text[:end]


def _read_csv(path: Path, report: Report) -> tuple[list[object], int, pd.DataFrame] | None:
    text, utf8 = _decode(path.read_bytes())
    if text.count("\n") > MAX_ROWS + 1:  # header + rows, a line each (a quoted line break only adds lines)
        raise TooLarge(MAX_ROWS + 2, "D109", "split", limit=MAX_ROWS)
    sep = sniff_separator(text)
    # the header line, as sniff_separator finds it (a lone carriage return ends it too); a quoted
    # separator counts here as a column, which only ever makes the limit bite later, never earlier
    columns = re.split(r"[\r\n]", text.lstrip("\r\n"), maxsplit=1)[0].count(sep) + 1
    if columns > MAX_COLUMNS:
        raise TooLarge(None, "D150", found=columns, limit=MAX_COLUMNS)
    return tokenise_arrow(text, sep, utf8) or tokenise_fast(text, sep) or tokenise_exact(text, sep, report)


def tokenise_arrow(text: str, sep: str,
                   utf8: bytes | None = None) -> tuple[list[object], int, pd.DataFrame] | None:
    """pyarrow's CSV reader (in several threads), for files without a quote: there a record is a
    line and a field what lies between separators, so both readers agree on every cell, and this
    one is several times faster than tokenise_fast on a national roster.  None for tokenise_fast to
    decide when the file has quotes, NUL characters or rows of other lengths.  `utf8`: the text's
    UTF-8 bytes, when the caller has them."""
    if not text or '"' in text or "\x00" in text or text.startswith("\ufeff"):
        return None  # (pyarrow would skip a byte-order mark that tokenise_fast reads as text)
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        # a lone carriage return ends a record (old Mac files): the header is not the text up to the
        # first line feed, which here could be the whole file (810,000 columns: 16 s and 6 GB in pyarrow)
        return None
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    width = _first_line(text).count(sep) + 1  # as in tokenise_fast, the first line sets the width
    names = [str(i) for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8") if utf8 is None else utf8),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char=False, escape_char=False,
                                             newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError, UnicodeError):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if table.num_rows != lines:  # a lone carriage return ends a record too: leave it to tokenise_exact
        return None
    filled = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns:
        filled |= pc.not_equal(column, "").to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(filled)
    if not len(rows):
        return None
    header = [table.column(i)[int(rows[0])].as_py() for i in range(width)]
    body = table.slice(int(rows[0]) + 1) if len(rows) == table.num_rows - rows[0] else table.take(rows[1:])
    frame = body.to_pandas()  # pandas' string type over the same memory: clean_cells factorises it there
    frame.columns = range(width)
    frame[ROW] = pd.Series(rows[1:] + 1, dtype="int64")
    return header, int(rows[0]) + 1, frame


def tokenise_fast(text: str, sep: str) -> tuple[list[object], int, pd.DataFrame] | None:
    """pandas' C tokeniser, for regular files with quotes (tokenise_arrow reads those without); None
    when the file is irregular (a row longer than the first, a quoted line break, leading blank lines), so that
    tokenise_exact can number and report its rows correctly."""
    try:
        # dtype=object: plain str cells, which every later step works on; pandas' own string type
        # would be converted back and forth at each of them
        raw = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=object, keep_default_na=False,
                          na_filter=False, skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(raw) != lines:  # some record spans lines: index + 1 would no longer be the row number
        return None
    filled = np.zeros(len(raw), dtype=bool)
    for position in range(raw.shape[1]):
        filled |= raw.iloc[:, position].to_numpy() != ""
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
    if width > MAX_COLUMNS:
        raise TooLarge(None, "D150", found=width, limit=MAX_COLUMNS)
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
    schema = pq.read_schema(path)
    if len(header) > MAX_COLUMNS:
        raise TooLarge(None, "D150", found=len(header), limit=MAX_COLUMNS)
    frame = table.reset_index(drop=True)  # typed columns stay typed: clean_cells turns them to objects
    frame.columns = range(len(header))
    fields = [schema.get_field_index(name) if isinstance(name, str) else -1 for name in header]
    shared = [position for position, field in enumerate(fields)
              if field >= 0 and _equal_is_identical(schema.field(field).type) and frame[position].dtype == object]
    for position in shared:
        frame[position] = _shared(frame[position], path, header[position])
    # a Parquet file has no visible rows; number them as the same table would have in a spreadsheet
    frame[ROW] = pd.Series(range(2, len(frame) + 2), dtype="int64")
    return header, 1, frame


def _equal_is_identical(kind: object) -> bool:
    """Arrow types whose equal values become identical Python objects: dates, and decimals, which
    have one scale per column (so Decimal('1.50') and Decimal('1.5') never meet in one)."""
    import pyarrow as pa

    return bool(pa.types.is_date(kind) or pa.types.is_decimal(kind))


def _shared(col: pd.Series, path: Path, name: str) -> pd.Series:
    """The column with one Python object per distinct value (None where missing), so that later
    steps convert each distinct date or amount once (cells.per_object).  Arrow numbers the values
    as the file stores them (a day, a scaled integer): faster than hashing half a million Python
    objects, which is what is done if that column cannot be read alone."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    cells = col.to_numpy(dtype=object)
    codes = None
    try:
        stored = pq.read_table(path, columns=[name])
        alone = stored.column_names == [name] and stored.num_rows == len(cells)  # (not a nested field's prefix)
        if alone and _equal_is_identical(stored.field(0).type):
            encoded = pc.dictionary_encode(stored.column(0).combine_chunks())
            codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
    except (pa.ArrowException, ValueError, KeyError):
        pass
    if codes is None:
        codes, _ = pd.factorize(cells)
    count = int(codes.max()) + 1 if len(codes) else 0
    first = np.zeros(count, dtype=np.intp)
    filled = codes >= 0
    first[codes[filled]] = np.flatnonzero(filled)  # any cell of a value will do: they are equal
    distinct = objects([*cells[first], None], count + 1)
    return pd.Series(distinct.take(codes), index=col.index, dtype=object)


# ---- common -----------------------------------------------------------------------------------
def _tidy(header: list[object], header_row: int, frame: pd.DataFrame,
          report: Report) -> tuple[pd.DataFrame, dict[str, Coded | Shared]]:
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
    columns: dict[str, pd.Series] = {}
    coded: dict[str, Coded | Shared] = {}
    filled = np.zeros(len(frame), dtype=bool)
    for column, name in keep.items():
        columns[name], missing, text = _clean(frame[column])
        filled |= ~missing
        if text is not None:
            coded[name] = text
    cells = pd.DataFrame(columns, index=frame.index, columns=list(keep.values()), dtype=object)
    if not len(cells.columns):
        filled[:] = False
    if not filled.all():
        cells = cells[filled]
        coded = {name: text._replace(codes=text.codes[filled]) for name, text in coded.items()}
    cells[ROW] = frame.loc[cells.index, ROW]
    cells = cells.reset_index(drop=True)
    cells.attrs["header_row"] = header_row
    return cells, coded


def clean_cells(col: pd.Series) -> pd.Series:
    """Object column: text stripped, empty text and every kind of NA (NaN, NaT, pd.NA) as None."""
    return _clean(col)[0]


def _clean(col: pd.Series) -> tuple[pd.Series, np.ndarray, Coded | Shared | None]:
    """clean_cells, which cells it left empty, and the column by its distinct values.

    Each distinct cell is cleaned once and the results spread back: whole columns of a national
    file hold a few thousand distinct values in 460 000 cells."""
    if isinstance(col.dtype, pd.StringDtype) or (
            col.dtype == object and pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")):
        # pandas' string type factorises in Arrow, without a Python str per cell
        codes, uniques = pd.factorize(col if isinstance(col.dtype, pd.StringDtype) else col.to_numpy(dtype=object))
        uniques = np.asarray(uniques, dtype=object)  # every kind of NA has code -1
        stripped = objects((u.strip() for u in uniques), len(uniques))
        if (stripped != uniques).any() or (stripped == "").any():
            # " a" and "a" are one value once stripped, and "" and " " none
            remap, values = pd.factorize(objects((s or None for s in stripped), len(stripped)))
            codes = np.append(remap, -1).take(codes)
        else:
            values = uniques
        text = Coded(codes, values)
        cells = pd.Series(objects([*values, None], len(values) + 1).take(text.codes), index=col.index, dtype=object)
        return cells, text.codes < 0, text
    keys = _identity(col)
    if keys is None:  # a type with no cheap identity (an extension type): cell by cell
        cells = objects(map(_clean_cell, col.astype(object)), len(col))
        return pd.Series(cells, index=col.index, dtype=object), pd.isna(cells), None
    # typed formats mix numbers, dates and text in one column; build the object column directly
    # because Series.map would infer float64 for numbers and turn None back into NaN
    codes, uniques = pd.factorize(keys)
    first = np.empty(len(uniques), dtype=np.intp)
    first[codes] = np.arange(len(keys))  # any occurrence will do: same key, same cell
    cleaned = objects(map(_clean_cell, col.iloc[first].astype(object)), len(first))
    missing = np.fromiter((v is None for v in cleaned), dtype=bool, count=len(cleaned))
    return (pd.Series(cleaned.take(codes), index=col.index, dtype=object), missing.take(codes),
            Shared(codes, cleaned))


def _identity(col: pd.Series) -> np.ndarray | None:
    """Integer keys equal exactly for cells that become the same Python object: the bits of
    numbers and times (so -0.0 is not 0.0), and the identity of objects (True == 1, but not here)."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind in "biu":
            return col.to_numpy()
        if dtype.kind in "fmM":
            return col.to_numpy().view(f"i{dtype.itemsize}")
        if dtype.kind == "O":
            return np.fromiter(map(id, col.to_numpy()), dtype=np.intp, count=len(col))
        return None
    if isinstance(dtype, pd.DatetimeTZDtype):
        return col.array.asi8
    return None


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
