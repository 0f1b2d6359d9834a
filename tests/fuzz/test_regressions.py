"""Every bug the fuzzer found, as its minimised input: each test failed (traceback, hang, wrong place)
before its fix.  Expected positions and messages are worked out by hand from the input."""

from __future__ import annotations

import datetime as dt
import io
import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from p4p_rules.data import DataError, load_dataset
from p4p_rules.data.checks import overlapping_postings
from p4p_rules.data.problems import Report
from p4p_rules.load import compile_text
from p4p_rules.syntax import grammar, parser
from p4p_rules.syntax.diagnostics import Diagnostic, LawError
from tests.data_loading.helpers import MINI, problems, where, write_mini

PT = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n{}\n'


def diagnostics(text: str) -> list[Diagnostic]:
    with pytest.raises(LawError) as info:
        compile_text(text, "bug.p4p")
    return info.value.diagnostics


# ---- law text ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, line, col", [
    # int() refuses more than 4,300 digits: a ValueError traceback from the builder
    ('lei "T"\nversão original vigência ciclo ' + "9" * 4400 + "\n", 2, 32),
    (PT.format("  teto R$ " + "1" * 4400 + ",00 por pessoa"), 4, 8),
    (PT.format("  defasagem de " + "9" * 4400 + " meses"), 4, 16),
])
def test_numbers_of_thousands_of_digits(text: str, line: int, col: int) -> None:
    [d] = diagnostics(text)
    assert (d.code, d.line, d.col) == ("E153", line, col)


def test_more_than_fifty_bad_characters_keep_the_lines_before() -> None:
    # the lexer gave up after 50 bad characters and returned no token at all: the only other
    # diagnostic was a false "a law must start with its header" (E110) at 1:1
    diags = diagnostics(PT.format("\n".join("  pagamento mensal @" for _ in range(60))))
    assert "E110" not in {d.code for d in diags}
    assert [d.code for d in diags] == ["E101"] * 50 + ["E155"]
    assert [(d.line, d.col) for d in diags[:2]] == [(4, 20), (5, 20)]


def test_bad_characters_late_in_a_big_file_are_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # every bad character re-lexed the file from its start: 60 of them at the end of 19,000 lines
    # took 14 s.  Now lexing resumes at the bad line: count the characters handed to the lexer.
    text = PT.format("\n".join(["  pagamento mensal"] * 19_000 + ["  pagamento mensal @"] * 60))
    lexed: list[int] = []
    real = grammar.lex_with_comments

    def counting(chunk: str):  # type: ignore[no-untyped-def]
        lexed.append(len(chunk))
        return real(chunk)

    monkeypatch.setattr(parser, "lex_with_comments", counting)
    diags = diagnostics(text)
    assert [d.code for d in diags] == ["E101"] * 50 + ["E155"]
    assert sum(lexed) < 3 * len(text)   # was 51 times the file


def test_resumed_lexing_keeps_every_position() -> None:
    text = PT.format("  dividir igualmente @\n  pagamento mensal\n  @ defasagem de 1 mês\nart. 2:\n"
                     "  defasagem de x meses")
    got = [(d.code, d.line, d.col) for d in diagnostics(text)]
    # '@' at column 22 of line 4 and column 3 of line 6; the 'x' on line 8 is in column 16
    assert got == [("E101", 4, 22), ("E101", 6, 3), ("E100", 8, 16)]


def test_a_flood_of_bad_lines_is_cut_short() -> None:
    # 200,000 bad lines gave 200,000 diagnostics (43 MB of output, 48 s); now such a file is refused
    # for its length, and 1,000 bad lines stop after 50 problems
    [d] = diagnostics(PT.format("xx yy zz\n" * 100_000))
    assert d.code == "E154"
    start = time.perf_counter()
    diags = diagnostics(PT.format("xx yy zz\n" * 1_000))
    assert len(diags) == 51 and diags[-1].code == "E155"
    assert time.perf_counter() - start < 10


def test_old_mac_line_ends() -> None:
    # a lone CR was a blank to the lexer: the whole file was one line (E100 at 1:9)
    law = compile_text(PT.format("  dividir igualmente").replace("\n", "\r"))
    assert [a.number for a in law.texts[0].articles] == ["1"]


def test_the_source_line_shown_is_the_line_reported() -> None:
    # a form feed (a blank to the lexer) made str.splitlines count one line more: the caret was
    # shown under 'art. 1:' instead of under the bad line
    text = 'lei "T"\x0c\nversão original vigência 01/03/2012\nart. 1:\n  xyz\n'
    with pytest.raises(LawError) as info:
        compile_text(text, "bug.p4p")
    rendered = info.value.render().split("\n")
    assert rendered[0].startswith("bug.p4p:4:3: E100")
    assert rendered[1] == "   4 |   xyz"


def test_a_law_saved_as_utf16(tmp_path: Path) -> None:
    # Notepad's "Unicode" encoding was read as Windows-1252: every other character a NUL, 50 E101s
    from p4p_rules.load import compile_file
    path = tmp_path / "notepad.p4p"
    path.write_bytes(PT.format("  dividir igualmente").encode("utf-16"))
    assert [a.number for a in compile_file(path).texts[0].articles] == ["1"]


# ---- data files ------------------------------------------------------------------------------
def test_date_text_beyond_2262(tmp_path: Path) -> None:
    # HR systems write 31/12/9999 for "no end": pandas raised OutOfBoundsDatetime
    roster = MINI["roster.csv"].replace("01/01/2010;31/12/2014", "01/01/2010;31/12/9999")
    error = problems(write_mini(tmp_path / "d", roster=roster), language="en")
    assert where(error) == [("roster.csv", 3, "end_date", "D111")]
    assert error.problems[0].message == "invalid date: '31/12/9999'"
    assert error.problems[0].help == ("the year must be between 1678 and 2261; "
                                      "leave the cell empty when there is no date")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_date_cells_outside_the_range(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d", absences=None)
    (directory / "absences.xlsx").write_bytes(_xlsx([
        ["staff_id", "start_date", "end_date", "kind"],
        ["10001", dt.datetime(2013, 2, 1), dt.datetime(9999, 12, 31), "férias"],
        ["10004", dt.datetime(1, 1, 1), None, "férias"]]))
    error = problems(directory)
    assert where(error) == [("absences.xlsx", 2, "end_date", "D111"), ("absences.xlsx", 3, "start_date", "D111")]


def test_parquet_month_cells_outside_the_range(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d", transfers=None)
    pq.write_table(pa.table({"month": pa.array([dt.datetime(9999, 12, 31)], pa.timestamp("us")),
                             "team_id": ["ESF-01"], "amount": ["1,00"]}), directory / "transfers.parquet")
    assert where(problems(directory)) == [("transfers.parquet", 2, "month", "D112")]


def test_parquet_dates_with_a_time_zone(tmp_path: Path) -> None:
    # ValueError: cannot convert timezone-aware data; the local date is what the file means
    directory = write_mini(tmp_path / "d", absences=None)
    pq.write_table(pa.table({
        "staff_id": ["10001"], "start_date": pa.array([dt.datetime(2013, 2, 1, 23, 0)], pa.timestamp("us", tz="UTC")),
        "end_date": pa.nulls(1, pa.timestamp("us")), "kind": ["férias"]}), directory / "absences.parquet")
    data = load_dataset(directory)
    assert data.absences["start_date"].tolist() == [pd.Timestamp(2013, 2, 1)]


@pytest.mark.parametrize("cell", [2**70, 1e308])
def test_xlsx_amounts_beyond_int64(tmp_path: Path, cell: object) -> None:
    # OverflowError: Python int too large to convert to C long
    directory = write_mini(tmp_path / "d", transfers=None)
    (directory / "transfers.xlsx").write_bytes(_xlsx([["month", "team_id", "amount"], ["10/2012", "ESF-01", cell]]))
    assert where(problems(directory)) == [("transfers.xlsx", 2, "amount", "D113")]


def test_infinity_in_a_parquet_text_column(tmp_path: Path) -> None:
    # OverflowError: cannot convert Infinity to integer, while turning the cell into text
    directory = write_mini(tmp_path / "d", transfers=None)
    pq.write_table(pa.table({"month": ["10/2012"], "team_id": pa.array([float("inf")]), "amount": ["1,00"]}),
                   directory / "transfers.parquet")
    error = problems(directory, language="en")
    assert where(error) == [("transfers.parquet", 2, "team_id", "D142")]
    assert error.problems[0].message.startswith("transfer for team 'inf', which is not in the roster")


@pytest.mark.parametrize("cell, text", [(pa.array([[1, 2], None], pa.list_(pa.int64())), "[1, 2]"),
                                        (pa.array([{"a": 1}, None]), "{'a': 1")])  # pandas may make it 1.0
def test_parquet_list_and_struct_cells(tmp_path: Path, cell: pa.Array, text: str) -> None:
    # TypeError: unhashable type: 'numpy.ndarray' (a list cell), 'dict' (a struct cell)
    directory = write_mini(tmp_path / "d", scores=None)
    pq.write_table(pa.table({"team_id": ["ESF-01", "ESF-02"], "cycle": ["1", "1"],
                             "evaluation_date": ["10/07/2012", "11/07/2012"], "score": cell,
                             "category": ["mediano", "desclassificada"]}), directory / "scores.parquet")
    error = problems(directory, language="en")
    assert where(error) == [("scores.parquet", 2, "score", "D115")]
    assert error.problems[0].message.startswith(f"invalid number: '{text}")


def _damaged_sheet(part: str, damage) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["month", "team_id", "amount"], ["10/2012", "ESF-01", "1,00"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
    data = bytearray(out.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    return damage(data, start, info)


def test_xlsx_with_a_broken_compressed_part(tmp_path: Path) -> None:
    # zlib.error: invalid block type — a damaged zip stream, one unreadable-file problem
    def damage(data: bytearray, start: int, info: zipfile.ZipInfo) -> bytes:
        data[start] = 0x07  # final block of the reserved type 3
        return bytes(data)
    directory = write_mini(tmp_path / "d", transfers=None)
    (directory / "transfers.xlsx").write_bytes(_damaged_sheet("xl/worksheets/sheet1.xml", damage))
    error = problems(directory)
    assert where(error) == [("transfers.xlsx", None, None, "D102")]
    assert "invalid block type" in error.problems[0].message


def test_xlsx_with_a_truncated_sheet(tmp_path: Path) -> None:
    # xml.etree.ElementTree.ParseError: unclosed token
    directory = write_mini(tmp_path / "d", transfers=None)
    book = zipfile.ZipFile(io.BytesIO(_xlsx([["month", "team_id", "amount"], ["10/2012", "ESF-01", "1,00"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in book.infolist():
            part = book.read(info)
            z.writestr(info.filename, part[:len(part) // 2] if info.filename == "xl/worksheets/sheet1.xml" else part)
    (directory / "transfers.xlsx").write_bytes(out.getvalue())
    assert where(problems(directory)) == [("transfers.xlsx", None, None, "D102")]


def test_a_huge_cell_in_a_message(tmp_path: Path) -> None:
    # the whole megabyte cell went into the message
    transfers = MINI["transfers.csv"].replace("1.700,00", "9" * 1_000_000)
    error = problems(write_mini(tmp_path / "d", transfers=transfers))
    [p] = error.problems
    assert p.code == "D113" and len(p.message) < 200


# ---- overlapping postings: linear, and the same rows as comparing every pair --------------------
def _roster(postings: list[tuple[str, int, int | None]]) -> pd.DataFrame:
    day = pd.Timestamp(2012, 1, 1)
    return pd.DataFrame({
        "staff_id": [s for s, _, _ in postings],
        "start_date": [day + pd.Timedelta(days=a) for _, a, _ in postings],
        "end_date": [pd.NaT if b is None else day + pd.Timedelta(days=b) for _, _, b in postings],
        "row": list(range(2, len(postings) + 2))})


def _flagged(postings: list[tuple[str, int, int | None]]) -> set[int]:
    report = Report("roster.csv", "en")
    overlapping_postings(_roster(postings), report)
    return {p.row for p in report.problems if p.row is not None}


def test_one_person_repeated_many_times() -> None:
    # every pair was compared: 3,000 copies gave 9 million problems (100,000 would exhaust memory)
    report = Report("roster.csv", "en")
    start = time.perf_counter()
    overlapping_postings(_roster([("1", 0, None)] * 3_000), report)
    assert len(report.problems) == 2 * 2_999
    assert {p.row for p in report.problems} == set(range(2, 3_002))
    assert time.perf_counter() - start < 10


def test_overlaps_are_the_pairs_that_share_a_day() -> None:
    rng = random.Random(6)
    for _ in range(60):
        postings = []
        for _ in range(rng.randint(1, 8)):
            a = rng.randint(0, 30)
            postings.append((rng.choice("AB"), a, None if rng.random() < 0.2 else a + rng.randint(0, 10)))
        end = [99_999 if b is None else b for _, _, b in postings]
        expected = {i + 2 for i, (s, a, _) in enumerate(postings) for j, (t, c, _) in enumerate(postings)
                    if i != j and s == t and a <= end[j] and c <= end[i]}
        assert _flagged(postings) == expected, postings


def test_the_first_day_past_the_nanosecond_range(tmp_path: Path) -> None:
    # "Out of bounds nanosecond timestamp: 2262-04-12", as the fuzzer first met it
    roster = MINI["roster.csv"].replace("01/01/2010;;efetivo", "12/04/2262;;efetivo", 1)
    with pytest.raises(DataError) as info:
        load_dataset(write_mini(tmp_path / "d", roster=roster))
    assert where(info.value) == [("roster.csv", 2, "start_date", "D111")]
