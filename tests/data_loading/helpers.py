"""Helpers for the data-loading tests: the bundled M5 data, a minimal valid dataset, file edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from p4p_rules.data import DataError, load_dataset

ROOT = Path(__file__).resolve().parents[2]
M05 = ROOT / "laws" / "data" / "m05"
INPUTS = ("roster", "scores", "transfers", "absences")

# A small dataset that loads without problems; tests break one thing at a time.
MINI = {
    "roster.csv": """\
staff_id;name;team_id;cadre;cbo;start_date;end_date;contract_type;signed_contract;weekly_hours
10001;Ana Lima;ESF-01;enfermeira;223565;01/01/2010;;efetivo;sim;40
10002;Bruno Reis;ESF-01;médico;225142;01/01/2010;31/12/2014;contratado;não;40
10003;Carla Dias;;coordenadora;131210;01/01/2010;;comissionado;sim;30
10004;Davi Souza;ESF-02;acs;515105;01/01/2010;;efetivo;sim;
""",
    "scores.csv": """\
team_id;cycle;evaluation_date;score;category
ESF-01;1;10/07/2012;55,76;mediano
ESF-02;1;11/07/2012;;desclassificada
""",
    "transfers.csv": """\
month;team_id;amount
10/2012;ESF-01;1.700,00
10/2012;ESF-02;0,00
11/2012;;3.400,00
""",
    "absences.csv": """\
staff_id;start_date;end_date;kind
10001;01/02/2013;01/02/2013;falta_injustificada
10004;01/03/2013;30/03/2013;férias
""",
}


def write_mini(directory: Path, **changes: str | None) -> Path:
    """The mini dataset in `directory`; `roster="..."` replaces a file, `absences=None` leaves it out."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in MINI.items():
        stem = name.removesuffix(".csv")
        text = changes.get(stem, text)
        if text is not None:
            (directory / name).write_text(text, encoding="utf-8")
    return directory


def set_cell(path: Path, row: int, column: str, value: str, sep: str = ";") -> None:
    """Change one cell of a CSV file (row as a spreadsheet shows it: header = 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(sep)
    fields = lines[row - 1].split(sep)
    fields[header.index(column)] = value
    lines[row - 1] = sep.join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")


def append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def problems(directory: Path, **kwargs: object) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(directory, **kwargs)  # type: ignore[arg-type]
    return info.value


def where(error: DataError) -> list[tuple[str, int | None, str | None, str]]:
    """(file name, row, column, code) of each problem, in the order reported."""
    return [(Path(p.file).name, p.row, p.column, p.code) for p in error.problems]
