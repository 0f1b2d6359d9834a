"""The contract a data folder must meet, however damaged: it loads, or every problem names its file,
and a problem about rows or cells also names its row (header = 1) and, for a cell, its column.
Anything else is a bug, raised as FuzzFailure."""

from __future__ import annotations

from pathlib import Path

from p4p_rules.data import DataError, load_dataset
from p4p_rules.data.problems import MESSAGES
from tests.fuzz.law_target import FuzzFailure

# problems about the file as a whole (no row), about a row (no column), or about a cell
FILE_CODES = {"D100", "D101", "D102", "D107", "D108", "D150"}
ROW_CODES = {"D103", "D106", "D109"}


def check_data_dir(directory: Path, language: str = "pt") -> str:
    """'ok' (the data loaded) or 'diagnostic' (a DataError that meets the contract)."""
    try:
        dataset = load_dataset(directory, language=language)
    except DataError as e:
        check_problems(e, directory)
        return "diagnostic"
    for name in ("roster", "scores", "transfers", "absences"):
        table = getattr(dataset, name)
        if not table["row"].between(2, 10**9).all():
            raise FuzzFailure(f"{name}: row numbers out of range")
    return "ok"


def check_problems(e: DataError, directory: Path) -> None:
    if not e.problems:
        raise FuzzFailure("DataError with no problem")
    files = {str(directory)} | {str(p) for p in directory.iterdir()} if directory.is_dir() else {str(directory)}
    for p in e.problems:
        where = f"{p.code} at {p.file}:{p.row}: {p.column}"
        if p.code not in MESSAGES:
            raise FuzzFailure(f"unknown code {where}")
        if p.file not in files:
            raise FuzzFailure(f"problem names a file outside the folder: {where}")
        if p.code not in FILE_CODES and not (isinstance(p.row, int) and p.row >= 1):
            raise FuzzFailure(f"problem without a row: {where}")
        if p.code not in FILE_CODES | ROW_CODES and not p.column:
            raise FuzzFailure(f"cell problem without a column: {where}")
        if len(p.message) > 2_000:
            raise FuzzFailure(f"message of {len(p.message)} characters: {where}")
    rendered = e.render()
    if not rendered or str(directory) not in rendered:
        raise FuzzFailure("rendered problems do not name the folder")
