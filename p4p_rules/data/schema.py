"""The four inputs: their columns (required or optional) and the columns and types of the table
each one becomes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Input:
    """One input of a dataset, found in its folder as NAME.csv, NAME.xlsx or NAME.parquet."""

    name: str
    required: bool
    columns: tuple[str, ...]           # columns that must be in the header
    optional_columns: tuple[str, ...]  # columns that may be left out (see each parser's default)
    dtypes: dict[str, str]             # the normalised table, in column order

    @property
    def known_columns(self) -> tuple[str, ...]:
        return self.columns + self.optional_columns


TEXT = "object"  # str, or None where the cell is empty
DATE = "datetime64[ns]"

ROSTER = Input(
    "roster", True,
    # 'cadre' may be left out when 'cbo' is there: the cadre is then read from the CBO code
    ("staff_id", "name", "team_id", "cadre", "start_date", "end_date", "contract_type", "signed_contract"),
    ("cbo", "weekly_hours"),
    {"staff_id": TEXT, "name": TEXT, "team_id": TEXT, "cadre": TEXT, "cbo": TEXT, "start_date": DATE,
     "end_date": DATE, "contract_type": TEXT, "signed_contract": "bool", "weekly_hours": "int64", "row": "int64"},
)
SCORES = Input(
    "scores", True,
    ("team_id", "cycle", "evaluation_date", "score", "category"), (),
    {"team_id": TEXT, "cycle": "int64", "evaluation_date": DATE, "score": "float64", "category": TEXT,
     "row": "int64"},
)
TRANSFERS = Input(
    "transfers", True,
    ("month", "team_id", "amount"), (),
    {"month": DATE, "team_id": TEXT, "amount": "int64", "row": "int64"},
)
ABSENCES = Input(
    "absences", False,
    ("staff_id", "start_date", "end_date", "kind"), (),
    {"staff_id": TEXT, "start_date": DATE, "end_date": DATE, "kind": TEXT, "row": "int64"},
)
INPUTS = (ROSTER, SCORES, TRANSFERS, ABSENCES)

DEFAULT_WEEKLY_HOURS = 40
MAX_WEEKLY_HOURS = 168  # hours in a week: anything above is a typing error, not a long shift
CYCLES = (1, 2, 3)

