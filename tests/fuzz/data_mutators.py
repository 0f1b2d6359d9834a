"""Mutators for input data: take M5's bundled files and damage them the ways real exports get damaged.

A case is a folder holding roster, scores, transfers and absences, one or two of them damaged:
cells of the wrong type, rows and columns lost or repeated, the file saved in another encoding or
format (CSV, XLSX, Parquet) and then truncated, flipped or replaced by junk.  `make_data_case`
writes the folder and returns the names of what it did.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
M05 = ROOT / "laws" / "data" / "m05"
INPUTS = ("roster", "scores", "transfers", "absences")
Table = list[list[str]]  # header first, every cell as text
# A huge field copied into tens of thousands of rows would be gigabytes: a case's table stays under
# this many characters, so that the fuzzer does not fill memory before the loader runs.
MAX_TABLE_CHARS = 30_000_000


@lru_cache(maxsize=None)
def _base(name: str) -> tuple[tuple[str, ...], ...]:
    text = (M05 / f"{name}.csv").read_text(encoding="utf-8")
    return tuple(tuple(r) for r in csv.reader(io.StringIO(text), delimiter=";"))


def base_table(name: str) -> Table:
    return [list(r) for r in _base(name)]


# ---- cells -----------------------------------------------------------------------------------
ODD_CELLS = [
    "", " ", "abc", "NaN", "nan", "inf", "-inf", "None", "null", "#N/D", "#VALUE!", "=1/0", "=HYPERLINK(\"x\")",
    "9" * 400, "1" + "0" * 5000, "1e999", "-1e999", "1E-999", "-1", "-0,00", "+0", "0x1F", "1_000",
    "1.234.567,891", "1,2,3", "R$ -1.000,00", "R$", "−5,00", "99999999999999999999,99", "0,001",
    "9999-99-99", "0000-00-00", "31/02/2012", "00/00/0000", "29/02/2013", "1/1/1", "31/12/9999", "01/01/1677",
    "12/04/2262", "13/2012", "00/2012", "out/12", "xyz/2012", "2012-13", "99/99", "2012", "12:00:00",
    "01/01/2013 25:61:61", "sim", "não", "talvez", "VERDADEIRO", "x", "X", "2", "4", "1,5", "100,01", "-0,01",
    "😀", "\x00", "\x00\x00\x00", "\ufeff", "\u202eabc", "é\u0301", "ｍédico", "MÉDICO", " médico ", "médico\n",
    '"', '""', 'a"b', ";", ",", "\t", "\r", "a\r\nb", "\\", "'", "\u2028",
    "225142", "2251-42", "000000", "999999", "12345", "1234567", "2251.42.1",
    "a" * 100_000, "ação " * 20_000,
]


def _body_cells(table: Table) -> list[tuple[int, int]]:
    return [(r, c) for r in range(1, len(table)) for c in range(len(table[r]))]


def odd_cell(table: Table, rng: random.Random) -> Table:
    """A few cells replaced by values of the wrong type, absurd size or odd characters."""
    cells = _body_cells(table)
    for r, c in rng.sample(cells, min(len(cells), rng.randint(1, 5))):
        table[r][c] = rng.choice(ODD_CELLS)
    return table


def odd_column(table: Table, rng: random.Random) -> Table:
    """A whole column of one odd value (every row wrong the same way)."""
    if table and table[0]:
        c = rng.randrange(len(table[0]))
        value = rng.choice(ODD_CELLS[:60])
        for row in table[1:]:
            if c < len(row):
                row[c] = value
    return table


def swap_cells(table: Table, rng: random.Random) -> Table:
    cells = _body_cells(table)
    if len(cells) >= 2:
        (r1, c1), (r2, c2) = rng.sample(cells, 2)
        table[r1][c1], table[r2][c2] = table[r2][c2], table[r1][c1]
    return table


def swap_columns(table: Table, rng: random.Random) -> Table:
    """Two columns' values exchanged under their headers (a date under 'amount')."""
    width = len(table[0]) if table else 0
    if width >= 2:
        a, b = rng.sample(range(width), 2)
        for row in table[1:]:
            if max(a, b) < len(row):
                row[a], row[b] = row[b], row[a]
    return table


def drop_column(table: Table, rng: random.Random) -> Table:
    if table and table[0]:
        c = rng.randrange(len(table[0]))
        for row in table:
            if c < len(row):
                del row[c]
    return table


def duplicate_column(table: Table, rng: random.Random) -> Table:
    if table and table[0]:
        c = rng.randrange(len(table[0]))
        for row in table:
            if c < len(row):
                row.insert(c, row[c])
    return table


def odd_header(table: Table, rng: random.Random) -> Table:
    """A header written differently: capitals, accents, blanks, a typo, a number, nothing."""
    if table and table[0]:
        c = rng.randrange(len(table[0]))
        h = table[0][c]
        table[0][c] = rng.choice([h.upper(), f" {h} ", h[:-1], h + "x", h.replace("_", " "), "", "1", "😀",
                                  h + "\x00", "\ufeff" + h, table[0][c - 1]])
    return table


def delete_rows(table: Table, rng: random.Random) -> Table:
    if len(table) > 1:
        k = rng.randint(1, len(table) - 1)
        start = rng.randint(1, len(table) - k)
        del table[start:start + k]
    return table


def duplicate_rows(table: Table, rng: random.Random) -> Table:
    if len(table) > 1:
        r = rng.randrange(1, len(table))
        table[r:r] = [list(table[r]) for _ in range(rng.randint(1, 5))]
    return table


def shuffle_rows(table: Table, rng: random.Random) -> Table:
    body = table[1:]
    rng.shuffle(body)
    return table[:1] + body


def ragged_rows(table: Table, rng: random.Random) -> Table:
    """Rows with fields missing or extra fields at the end."""
    for row in rng.sample(table[1:], min(max(len(table) - 1, 0), rng.randint(1, 4))):
        if rng.random() < 0.5 and row:
            del row[rng.randrange(len(row)):]
        else:
            row.extend(rng.choice(["", "x", "1"]) for _ in range(rng.randint(1, 3)))
    return table


def header_only(table: Table, rng: random.Random) -> Table:
    return table[:1]


def no_header(table: Table, rng: random.Random) -> Table:
    return table[1:]


def empty_table(table: Table, rng: random.Random) -> Table:
    return []


def huge_field(table: Table, rng: random.Random) -> Table:
    cells = _body_cells(table)
    if cells:
        r, c = rng.choice(cells)
        size = min(rng.choice([10_000, 200_000, 1_000_000]), MAX_TABLE_CHARS // len(table))
        table[r][c] = rng.choice(["x", "9", "ã", ";", "\""]) * size
    return table


def many_rows(table: Table, rng: random.Random) -> Table:
    """The body repeated to tens of thousands of rows (bounded: a fuzz case must stay quick)."""
    body = table[1:]
    if not body:
        return table
    row_chars = sum(len(c) + 1 for row in body for c in row) // len(body) + 1
    target = min(rng.choice([5_000, 20_000, 60_000]), max(len(body), MAX_TABLE_CHARS // row_chars))
    return table[:1] + [list(body[i % len(body)]) for i in range(target)]


def mix_inputs(table: Table, rng: random.Random) -> Table:
    """Another input's rows under this input's header (the wrong file saved under this name)."""
    other = base_table(rng.choice(INPUTS))
    return table[:1] + other[1:]


TABLE_MUTATORS: list[Callable[[Table, random.Random], Table]] = [
    odd_cell, odd_cell, odd_cell, odd_column, swap_cells, swap_columns, drop_column, duplicate_column, odd_header,
    delete_rows, duplicate_rows, shuffle_rows, ragged_rows, header_only, no_header, empty_table, huge_field,
    many_rows, mix_inputs,
]


# ---- serialising -----------------------------------------------------------------------------
def to_csv(table: Table, rng: random.Random, applied: list[str]) -> bytes:
    sep = rng.choice([";", ";", ";", ",", "\t", "|"])
    quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE])
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, quoting=quoting, escapechar="\\",
                        lineterminator=rng.choice(["\n", "\n", "\r\n", "\r"]))
    for row in table:
        writer.writerow(row)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le",
                           "utf-32", "cp850", "mac-roman"])
    applied.append(f"csv(sep={sep!r}, quoting={quoting}, {encoding})")
    return buf.getvalue().encode(encoding, errors="replace")


def _typed(cell: str, rng: random.Random) -> object:
    """A spreadsheet cell's native value for this text when one reads naturally, else the text."""
    text = cell.strip()
    for fmt in ("%d/%m/%Y", "%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    digits = text.replace(".", "").replace(",", ".")
    try:
        number = float(digits)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    except ValueError:
        pass
    return cell


XLSX_ODD = [float("nan"), float("inf"), -float("inf"), 2**70, -(2**63), True, False, dt.datetime(9999, 12, 31),
            dt.datetime(1900, 1, 1), dt.date(1, 1, 1), dt.time(12, 0), dt.timedelta(days=3), 1e308, -0.0, 0.001,
            "=1/0", "=A1", None]


def to_xlsx(table: Table, rng: random.Random, applied: list[str]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    typed = rng.random() < 0.7
    odd = rng.random() < 0.4
    if rng.random() < 0.2:  # the data on a second sheet, or below blank rows
        sheet = book.create_sheet("dados") if rng.random() < 0.5 else sheet
        for _ in range(rng.randint(1, 5)):
            sheet.append([])
    for r, row in enumerate(table):
        values: list[object] = [(_typed(c, rng) if typed and r else c) for c in row]
        if odd and r and values and rng.random() < 0.2:
            values[rng.randrange(len(values))] = rng.choice(XLSX_ODD)
        try:
            sheet.append(values)
        except (ValueError, TypeError):  # openpyxl refuses some values (control characters): keep the text
            sheet.append([_printable(c) for c in row])
    buf = io.BytesIO()
    book.save(buf)
    applied.append(f"xlsx(typed={typed}, odd={odd})")
    return buf.getvalue()


def _printable(cell: str) -> str:
    return "".join(ch for ch in cell if ch.isprintable() or ch in "\t\n")


def to_parquet(table: Table, rng: random.Random, applied: list[str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header = [h for h in table[0]] if table else []
    if len(set(header)) != len(header):
        header = [f"{h}{i}" if header.count(h) > 1 else h for i, h in enumerate(header)]
    body = table[1:]
    columns = {}
    kinds = []
    for c, name in enumerate(header):
        texts = [row[c] if c < len(row) else None for row in body]
        kind = rng.choice(["string", "string", "typed", "typed", "odd"])
        kinds.append(kind)
        columns[name] = _parquet_column(texts, kind, rng)
    if not header:
        columns = {"": pa.array([], pa.string())}
    arrow = pa.table(columns)
    buf = io.BytesIO()
    pq.write_table(arrow, buf)
    applied.append(f"parquet({','.join(k[0] for k in kinds)})")
    return buf.getvalue()


def _parquet_column(texts: list[str | None], kind: str, rng: random.Random):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    if kind == "string":
        return pa.array([None if t == "" else t for t in texts], pa.string())
    if kind == "typed":
        values = [None if not t else _typed(t, rng) for t in texts]
        kinds = {type(v) for v in values if v is not None}
        if kinds == {int}:
            return pa.array(values, pa.int64())
        if kinds <= {int, float} and kinds:
            return pa.array([None if v is None else float(v) for v in values], pa.float64())
        if kinds == {dt.datetime}:
            return pa.array(values, pa.timestamp("ns"))
        return pa.array([None if v is None else str(v) for v in values], pa.string())
    n = len(texts)
    odd = rng.choice(["float_nan", "uint64", "bool", "binary", "list", "struct", "decimal", "date32", "tz", "null",
                      "duration", "dictionary", "large_string", "far_dates", "int8", "float16"])
    if odd == "float_nan":
        return pa.array([rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, 0.1]) for _ in range(n)])
    if odd == "uint64":
        return pa.array([2**64 - 1] * n, pa.uint64())
    if odd == "bool":
        return pa.array([rng.random() < 0.5 for _ in range(n)])
    if odd == "binary":
        return pa.array([bytes(rng.randrange(256) for _ in range(5)) for _ in range(n)], pa.binary())
    if odd == "list":
        return pa.array([[1, 2]] * n, pa.list_(pa.int64()))
    if odd == "struct":
        return pa.array([{"a": 1, "b": "x"}] * n)
    if odd == "decimal":
        from decimal import Decimal
        return pa.array([Decimal("12345678901234567890.1234567890")] * n, pa.decimal128(38, 10))
    if odd == "date32":
        return pa.array([dt.date(2013, 1, 1)] * n, pa.date32())
    if odd == "tz":
        return pa.array([dt.datetime(2013, 1, 1)] * n, pa.timestamp("us", tz="America/Recife"))
    if odd == "null":
        return pa.nulls(n)
    if odd == "duration":
        return pa.array([dt.timedelta(days=1)] * n, pa.duration("s"))
    if odd == "dictionary":
        return pa.array([t or "x" for t in texts]).dictionary_encode()
    if odd == "large_string":
        return pa.array([t for t in texts], pa.large_string())
    if odd == "far_dates":
        return pa.array([dt.datetime(9999, 12, 31)] * n, pa.timestamp("us"))
    if odd == "int8":
        return pa.array([rng.randint(-128, 127) for _ in range(n)], pa.int8())
    return pa.array([1.5] * n, pa.float16()) if hasattr(pa, "float16") else pa.nulls(n)


# ---- bytes -----------------------------------------------------------------------------------
def truncate_bytes(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randint(0, len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def binary_junk(data: bytes, rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 5_000)))


def zip_of_junk(data: bytes, rng: random.Random) -> bytes:
    """A real zip archive that is no spreadsheet, or a spreadsheet with a damaged part inside."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if rng.random() < 0.5:
            for i in range(rng.randint(0, 3)):
                z.writestr(f"junk{i}.bin", bytes(rng.randrange(256) for _ in range(100)))
        else:
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as original:
                    for info in original.infolist():
                        part = original.read(info)
                        if info.filename.endswith(".xml") and rng.random() < 0.4:
                            part = part[:rng.randint(0, len(part))]
                        z.writestr(info.filename, part)
            except zipfile.BadZipFile:
                z.writestr("xl/workbook.xml", b"<not xml")
    return buf.getvalue()


def insert_nul(data: bytes, rng: random.Random) -> bytes:
    pos = rng.randint(0, len(data))
    return data[:pos] + b"\x00" * rng.randint(1, 50) + data[pos:]


BYTE_MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate_bytes, flip_bytes, binary_junk, zip_of_junk, insert_nul,
]


# ---- a case ----------------------------------------------------------------------------------
def write_input(directory: Path, name: str, table: Table, rng: random.Random, applied: list[str]) -> None:
    fmt = rng.choice(["csv", "csv", "csv", "xlsx", "parquet"])
    try:
        data = {"csv": to_csv, "xlsx": to_xlsx, "parquet": to_parquet}[fmt](table, rng, applied)
    except Exception as e:  # the writer itself refuses the table (e.g. Parquet of ragged rows): keep CSV
        applied.append(f"{fmt} refused ({type(e).__name__}), csv instead")
        fmt, data = "csv", to_csv(table, rng, applied)
    if rng.random() < 0.25:
        b = rng.choice(BYTE_MUTATORS)
        data = b(data, rng)
        applied.append(b.__name__)
    suffix = "." + (fmt.upper() if rng.random() < 0.05 else fmt)
    (directory / f"{name}{suffix}").write_bytes(data)


def make_data_case(rng: random.Random, directory: Path) -> list[str]:
    """Write a damaged data folder; returns what was done to it."""
    directory.mkdir(parents=True, exist_ok=True)
    damaged = set(rng.sample(INPUTS, rng.choice([1, 1, 1, 2])))
    applied: list[str] = []
    for name in INPUTS:
        table = base_table(name)
        if name not in damaged:
            (directory / f"{name}.csv").write_bytes((M05 / f"{name}.csv").read_bytes())
            continue
        fs = rng.random()
        if fs < 0.03:
            applied.append(f"{name}: missing")
            continue
        if fs < 0.05:
            (directory / f"{name}.csv").mkdir()
            applied.append(f"{name}: a folder")
            continue
        if fs < 0.07:
            (directory / f"{name}.csv").write_bytes(b"")
            (directory / f"{name}.xlsx").write_bytes(b"")
            applied.append(f"{name}: two formats")
            continue
        for _ in range(rng.choice([1, 1, 2, 3])):
            m = rng.choice(TABLE_MUTATORS)
            table = m(table, rng)
            applied.append(f"{name}: {m.__name__}")
        write_input(directory, name, table, rng, applied)
    return applied
