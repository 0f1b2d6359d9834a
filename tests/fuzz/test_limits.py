"""Input limits: each gives one clear problem with a position (docs/language.md and docs/engine.md,
"Limits"), and what is just inside a limit is accepted.  Positions and messages worked out by hand."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from p4p_rules.data import DataError, load_dataset
from p4p_rules.data import read
from p4p_rules.load import compile_text
from p4p_rules.syntax.diagnostics import Diagnostic, LawError
from p4p_rules.syntax.parser import MAX_DIAGNOSTICS, MAX_LINES, MAX_NUMBER_DIGITS
from tests.data_loading.helpers import MINI, problems, where, write_mini

PT = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n{}\n'
EN = 'law "T"\nversion original effective 2012-03-01\nart. 1:\n{}\n'


def diagnostics(text: str) -> list[Diagnostic]:
    with pytest.raises(LawError) as info:
        compile_text(text, "big.p4p")
    return info.value.diagnostics


def test_the_limits_are_the_documented_ones() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "language.md").read_text(encoding="utf-8")
    assert (MAX_LINES, MAX_NUMBER_DIGITS, MAX_DIAGNOSTICS) == (20_000, 15, 50)
    for figure in ("1,000,000 bytes", "10,000 characters", "20,000 lines", "15 digits", "50 problems"):
        assert figure in docs, figure


# ---- law: digits ---------------------------------------------------------------------------------
def test_e153_a_whole_number_with_too_many_digits() -> None:
    # "  defasagem de " is 15 characters: the number starts in column 16
    [d] = diagnostics(PT.format("  defasagem de " + "9" * 16 + " meses"))
    assert (d.code, d.line, d.col) == ("E153", 4, 16)
    assert d.message == "número com algarismos demais: 9999999999999999 (16 algarismos; o máximo é 15)"


def test_e153_an_amount_in_an_english_law_quotes_its_start() -> None:
    # 16 digits of reais; the token is 27 characters, so the message shows its first 20 and '…'
    [d] = diagnostics(EN.format("  cap R$ 1,000,000,000,000,000.00 per person"))
    assert (d.code, d.line, d.col) == ("E153", 4, 7)
    assert d.message == "number with too many digits: R$ 1,000,000,000,000… (16 digits; the limit is 15)"


def test_fifteen_digits_are_accepted() -> None:
    compiled = compile_text(PT.format("  teto R$ 999.999.999.999.999,99 por pessoa"))
    [cap] = compiled.texts[0].articles[0].provisions
    assert cap.amount == 99_999_999_999_999_999  # centavos: 15 nines of reais, then 99


def test_e153_a_percentage_with_a_long_fraction() -> None:
    # 1 + 16 decimals = 17 digits; "  reservar " is 11 characters
    [d] = diagnostics(PT.format("  reservar 0,1234567890123456% para médico"))
    assert (d.code, d.line, d.col) == ("E153", 4, 12)


# ---- law: lines and problems ---------------------------------------------------------------------
def test_e154_too_many_lines() -> None:
    text = 'lei "T"\n' + "# nota\n" * MAX_LINES       # 20,001 lines
    [d] = diagnostics(text)
    assert (d.code, d.line, d.col) == ("E154", 20_001, 1)
    assert d.message == "arquivo com linhas demais: 20001 linhas (o máximo é 20000)"


def test_a_file_of_exactly_the_line_limit_is_read() -> None:
    text = PT.format("  dividir igualmente") + "# nota\n" * (MAX_LINES - 4)   # 4 + 19,996 lines
    compile_text(text)


def test_e155_stops_after_fifty_problems_of_reading() -> None:
    # lines 4..63 each hold an unknown word: 50 are reported, the 51st (line 54) becomes E155
    text = PT.format("\n".join("  xyz" for _ in range(60)))
    diags = diagnostics(text)
    assert [d.code for d in diags] == ["E100"] * 50 + ["E155"]
    assert [d.line for d in diags[:50]] == list(range(4, 54))
    assert (diags[-1].line, diags[-1].col) == (54, 3)
    assert diags[-1].message == "problemas demais: só os primeiros 50 foram mostrados; corrija-os e verifique de novo"


def test_e155_after_fifty_bad_characters_in_english() -> None:
    text = EN.format("\n".join("  @" for _ in range(60)))
    diags = diagnostics(text)
    assert [d.code for d in diags] == ["E101"] * 50 + ["E155"]
    assert (diags[-1].line, diags[-1].col) == (54, 3)
    assert diags[-1].message == "too many problems: only the first 50 are shown; fix them and check again"


def test_e155_caps_problems_found_after_reading() -> None:
    # 60 undefined cadres, one a line (lines 4..63); each is E140 on its name, column 14
    text = PT.format("\n".join(f"  elegíveis: cargo_{i}" for i in range(60)))
    diags = diagnostics(text)
    assert [d.code for d in diags] == ["E140"] * 50 + ["E155"]
    assert (diags[-1].line, diags[-1].col) == (54, 14)


def test_a_long_line_is_shown_around_the_caret() -> None:
    line = "  dividir igualmente " + "x" * 9_000 + " @"
    d = next(d for d in diagnostics(PT.format(line)) if d.code == "E101")
    assert (d.line, d.col) == (4, len(line))
    source, caret = d.render(PT.format(line).split("\n")).split("\n")[1:3]
    assert len(source) < 200 and source.endswith("x @")
    assert caret.index("^") == source.index("@")


# ---- data -------------------------------------------------------------------------------------
def test_d108_a_file_too_large_is_not_read(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d")
    with (directory / "transfers.csv").open("r+b") as f:   # sparse: takes no room on disk
        f.truncate(read.MAX_FILE_BYTES + 1)
    error = problems(directory, language="en")
    assert where(error) == [("transfers.csv", None, None, "D108")]
    assert error.problems[0].message == "file too large: 1000000001 bytes (the limit is 1000000000)"


def test_d108_an_xlsx_that_unzips_beyond_the_limit(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d", transfers=None)
    path = directory / "transfers.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    # a zip bomb declares a huge size for a tiny compressed part: the central directory says 4 GB
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 0xFFFF_FFFE)
    path.write_bytes(bytes(data))
    error = problems(directory)
    assert where(error) == [("transfers.xlsx", None, None, "D108")]
    assert error.problems[0].message == "arquivo grande demais: 4294967294 bytes (o máximo é 1000000000)"
    assert error.problems[0].help == "é o tamanho do XLSX descompactado"


def test_d109_a_csv_with_too_many_rows(tmp_path: Path) -> None:
    text = MINI["absences.csv"].split("\n")[0] + "\n" + "\n" * (read.MAX_ROWS + 1)
    error = problems(write_mini(tmp_path / "d", absences=text), language="en")
    assert where(error) == [("absences.csv", 5_000_002, None, "D109")]
    assert error.problems[0].message == "too many rows: more than 5000000 (the limit)"


def test_d109_a_parquet_file_counts_rows_from_its_footer(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d", absences=None)
    columns = ("staff_id", "start_date", "end_date", "kind")
    pq.write_table(pa.table({c: pa.nulls(read.MAX_ROWS + 1, pa.string()) for c in columns}),
                   directory / "absences.parquet")
    assert where(problems(directory)) == [("absences.parquet", 5_000_002, None, "D109")]


def test_a_huge_cell_is_quoted_short(tmp_path: Path) -> None:
    roster = MINI["roster.csv"].replace("enfermeira", "z" * 100_000)
    error = problems(write_mini(tmp_path / "d", roster=roster), language="en")
    [p] = error.problems
    assert p.code == "D130"
    assert p.message == "unknown cadre '" + "z" * 59 + "…'"


def test_a_long_list_of_problems_ends_with_a_count(tmp_path: Path) -> None:
    transfers = "month;team_id;amount\n" + "10/2012;ESF-01;abc\n" * 600
    error = problems(write_mini(tmp_path / "d", transfers=transfers))
    assert len(error.problems) == 600 and {p.code for p in error.problems} == {"D113"}
    lines = error.render().split("\n")
    assert len(lines) == 501
    assert lines[-1] == "… e mais 100 problemas (só os primeiros 500 foram mostrados)"


def test_a_dataset_inside_the_limits_loads(tmp_path: Path) -> None:
    load_dataset(write_mini(tmp_path / "d"))
    assert not issubclass(DataError, read.TooLarge)


def test_e150_of_a_file_not_read_is_in_the_law_language(tmp_path: Path) -> None:
    from p4p_rules.load import compile_file
    path = tmp_path / "big.p4p"
    path.write_text('# an English law\nlaw "T"\n' + "# padding\n" * 100_000, encoding="utf-8")  # 1,000,025 bytes
    with pytest.raises(LawError) as info:
        compile_file(path)
    [d] = info.value.diagnostics
    assert (d.code, d.line, d.col) == ("E150", 1, 1)
    assert d.message == "file too large: 1000025 bytes (the limit is 1000000)"


# ---- data: columns -------------------------------------------------------------------------------
def test_d150_a_csv_header_with_too_many_columns(tmp_path: Path) -> None:
    header = MINI["absences.csv"].split("\n")[0]
    wide = header + ";x" * (read.MAX_COLUMNS - header.count(";") - 1 + 1)  # 1,001 columns
    error = problems(write_mini(tmp_path / "d", absences=wide + "\n"), language="en")
    assert where(error) == [("absences.csv", None, None, "D150")]
    assert error.problems[0].message == "too many columns in the header: 1001 (the limit is 1000)"


def test_a_header_at_the_column_limit_is_read(tmp_path: Path) -> None:
    """1,000 columns is allowed: the file is read, and the extra columns (all called x) are reported as
    repeated, which is what they are."""
    header = MINI["absences.csv"].split("\n")[0]
    wide = header + ";x" * (read.MAX_COLUMNS - header.count(";") - 1)
    error = problems(write_mini(tmp_path / "d", absences=wide + "\n"), language="en")
    assert {p.code for p in error.problems} == {"D105"}


def test_d150_a_parquet_file_with_too_many_columns(tmp_path: Path) -> None:
    directory = write_mini(tmp_path / "d", absences=None)
    pq.write_table(pa.table({f"c{i}": pa.nulls(1, pa.string()) for i in range(read.MAX_COLUMNS + 1)}),
                   directory / "absences.parquet")
    assert where(problems(directory)) == [("absences.parquet", None, None, "D150")]


def test_a_file_of_lone_carriage_returns_with_a_huge_cell_is_reported_without_filling_memory(tmp_path: Path) -> None:
    """Found by `make fuzz`: scores with old-Mac line ends (CR alone) and one huge cell full of
    separators. The text up to the first line feed — the whole file — was taken for the header:
    810,000 columns, 6.6 GB and 16 s in pyarrow before the one problem was reported.  Loaded in a
    process of its own, whose peak memory is read."""
    import json
    import subprocess
    import sys

    lines = MINI["scores.csv"].strip("\n").split("\n")
    lines.insert(2, lines[1] + ";x" * 200_000)  # a row of 200,005 fields
    directory = write_mini(tmp_path / "d", scores="\r".join(lines) + "\r")
    code = ("import json, resource, sys\nfrom pathlib import Path\nfrom p4p_rules.data import DataError, load_dataset\n"
            "try:\n    load_dataset(Path(sys.argv[1]), language='en')\n    codes = []\n"
            "except DataError as e:\n    codes = [[p.row, p.code] for p in e.problems]\n"
            "print(json.dumps([codes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024]))\n")
    done = subprocess.run([sys.executable, "-c", code, str(directory)], capture_output=True, text=True, check=True)
    codes, peak_mib = json.loads(done.stdout)
    assert codes == [[3, "D103"]]
    assert peak_mib < 1024, f"{peak_mib} MiB to report one problem"
