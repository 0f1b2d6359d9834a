"""Write the national tables as one folder of files per municipality.

Each table is formatted once, for the whole country, with whole-column operations; the bytes are
then cut at line boundaries (CSV) or the Arrow table is sliced (Parquet), municipality by
municipality — the tables are sorted by municipality, so each file is one contiguous slice.

CSV follows the conventions of the bundled example (laws/data/m05): UTF-8 without BOM, `;`, a
header row, `\\n` line ends, decimal comma, amounts with a dot for thousands (`8.500,00`), dates
`dd/mm/yyyy`, months `mm/yyyy`, `sim`/`não`, an empty cell for no value.  Parquet uses native
types: strings, date32, int64, bool, float64 scores and decimal128(15, 2) amounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd

from p4p_rules.synth.tables import NAT, National, Table

INPUT_NAMES = ("roster", "scores", "transfers", "absences")
FORMATS = ("csv", "parquet")
OTHER_SUFFIXES = (".csv", ".xlsx", ".parquet")

COLUMNS = {
    "roster": ["staff_id", "name", "team_id", "cadre", "cbo", "start_date", "end_date", "contract_type",
               "signed_contract", "weekly_hours"],
    "scores": ["team_id", "cycle", "evaluation_date", "score", "category"],
    "transfers": ["month", "team_id", "amount"],
    "absences": ["staff_id", "start_date", "end_date", "kind"],
}


# ---- formatting, one distinct value at a time ----------------------------------------------------
def _by_distinct(values: np.ndarray, fmt: Callable[[np.ndarray], list[str]]) -> np.ndarray:
    uniq, inverse = np.unique(values, return_inverse=True)
    return np.asarray(fmt(uniq), dtype=object)[inverse]


def _iso(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype(str)    # yyyy-mm-dd


def format_dates(days: np.ndarray) -> np.ndarray:
    """dd/mm/yyyy; empty where NAT."""
    def fmt(u: np.ndarray) -> list[str]:
        return ["" if d == NAT else f"{s[8:10]}/{s[5:7]}/{s[0:4]}"
                for d, s in zip(u, _iso(np.where(u == NAT, 0, u)), strict=True)]
    return _by_distinct(days, fmt)


def format_months(days: np.ndarray) -> np.ndarray:
    return _by_distinct(days, lambda u: [f"{s[5:7]}/{s[0:4]}" for s in _iso(u)])


def brl(centavos: int) -> str:
    """8.500,00 (no R$: as the example data writes amounts)."""
    reais, cents = divmod(int(centavos), 100)
    return f"{reais:,}".replace(",", ".") + f",{cents:02d}"


def format_centavos(values: np.ndarray) -> np.ndarray:
    return _by_distinct(values, lambda u: [brl(v) for v in u])


def format_scores(centi: np.ndarray) -> np.ndarray:
    """81,47; empty for a disqualified team (centi = -1)."""
    return _by_distinct(centi, lambda u: ["" if v < 0 else f"{v // 100},{v % 100:02d}" for v in u])


# ---- the tables as they appear in files -----------------------------------------------------------
def _text(values: np.ndarray) -> np.ndarray:
    """Whole numbers as text, one str object per distinct value."""
    return _by_distinct(values, lambda u: [str(v) for v in u])


def _frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    # object dtype: pandas would otherwise copy every cell into its own string dtype
    return pd.DataFrame(columns, dtype=object)


def csv_frame(name: str, t: Table) -> pd.DataFrame:
    """Input `name` (rows `t`) with every cell as the text the file holds."""
    if name == "roster":
        r = t
        return _frame({
            "staff_id": _text(r["staff_id"]),
            "name": r["name"],
            "team_id": np.where(r["team_id"] == None, "", r["team_id"]),  # noqa: E711 — elementwise
            "cadre": r["cadre"],
            "cbo": r["cbo"],
            "start_date": format_dates(r["start"]),
            "end_date": format_dates(r["end"]),
            "contract_type": r["contract"],
            "signed_contract": np.where(r["signed"], "sim", "não").astype(object),
            "weekly_hours": _text(r["hours"]),
        })
    if name == "scores":
        s = t
        return _frame({
            "team_id": s["team_id"],
            "cycle": np.full(len(s["team_id"]), "3", dtype=object),
            "evaluation_date": format_dates(s["evaluation"]),
            "score": format_scores(s["score_centi"]),
            "category": s["category"],
        })
    if name == "transfers":
        return _frame({
            "month": format_months(t["month"]),
            "team_id": t["team_id"],
            "amount": format_centavos(t["amount"]),
        })
    a = t
    return _frame({
        "staff_id": _text(a["staff_id"]),
        "start_date": format_dates(a["start"]),
        "end_date": format_dates(a["end"]),
        "kind": a["kind"],
    })


def arrow_table(name: str, t: Table):
    import pyarrow as pa

    def dates(days: np.ndarray) -> pa.Array:
        missing = days == NAT
        return pa.array(np.where(missing, 0, days).astype(np.int32), type=pa.date32(), mask=missing)

    def strings(values) -> pa.Array:
        return pa.array(np.asarray(values, dtype=object), type=pa.string())

    def decimals(centavos: np.ndarray) -> pa.Array:
        # decimal128 holds the unscaled integer in 16 little-endian bytes: centavos at scale 2
        words = np.zeros((len(centavos), 2), np.int64)
        words[:, 0] = centavos
        words[:, 1] = np.where(centavos < 0, -1, 0)
        return pa.Array.from_buffers(pa.decimal128(15, 2), len(centavos), [None, pa.py_buffer(words.tobytes())])

    if name == "roster":
        r = t
        return pa.table({
            "staff_id": strings(_text(r["staff_id"])),
            "name": strings(r["name"]),
            "team_id": strings(r["team_id"]),
            "cadre": strings(r["cadre"]),
            "cbo": strings(r["cbo"]),
            "start_date": dates(r["start"]),
            "end_date": dates(r["end"]),
            "contract_type": strings(r["contract"]),
            "signed_contract": pa.array(r["signed"], type=pa.bool_()),
            "weekly_hours": pa.array(r["hours"], type=pa.int64()),
        })
    if name == "scores":
        s = t
        score = s["score_centi"]
        return pa.table({
            "team_id": strings(s["team_id"]),
            "cycle": pa.array(np.full(len(score), 3), type=pa.int64()),
            "evaluation_date": dates(s["evaluation"]),
            "score": pa.array(np.round(score / 100.0, 2), type=pa.float64(), mask=score < 0),
            "category": strings(s["category"]),
        })
    if name == "transfers":
        return pa.table({
            "month": dates(t["month"]),
            "team_id": strings(t["team_id"]),
            "amount": decimals(t["amount"]),
        })
    a = t
    return pa.table({
        "staff_id": strings(_text(a["staff_id"])),
        "start_date": dates(a["start"]),
        "end_date": dates(a["end"]),
        "kind": strings(a["kind"]),
    })


# ---- cutting per municipality ---------------------------------------------------------------------
CHUNK_ROWS = 100_000   # roster rows formatted at a time: bounds the memory the text of the files takes


def _offsets(muni: np.ndarray, n: int) -> np.ndarray:
    """Row where each municipality's slice starts (n + 1 entries; the table is sorted by muni)."""
    return np.r_[0, np.cumsum(np.bincount(muni, minlength=n))]


def _chunks(roster_offsets: np.ndarray) -> Iterator[tuple[int, int]]:
    """Consecutive ranges of municipalities with about CHUNK_ROWS roster rows (at least one each)."""
    n = len(roster_offsets) - 1
    first = 0
    while first < n:
        last = int(np.searchsorted(roster_offsets, roster_offsets[first] + CHUNK_ROWS, side="right")) - 1
        last = min(n, max(last, first + 1))
        yield first, last
        first = last


def csv_pieces(frame: pd.DataFrame, rows: np.ndarray, header: list[str]) -> list[bytes]:
    """The file of each municipality of a chunk: the header, then its rows (`rows`: offsets in the chunk)."""
    body = frame.to_csv(sep=";", header=False, index=False, lineterminator="\n").encode("utf-8")
    line_start = np.r_[0, np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == 10) + 1]
    head = (";".join(header) + "\n").encode("utf-8")
    return [head + body[line_start[rows[i]]:line_start[rows[i + 1]]] for i in range(len(rows) - 1)]


def data_folder(out: Path, code: str, fmt: str) -> Path:
    """Create out/data/<code>; if it was there, drop inputs in another format (two files for one input
    would make the loader refuse the folder)."""
    folder = out / "data" / code
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        for name in INPUT_NAMES:
            for suffix in OTHER_SUFFIXES:
                if suffix != f".{fmt}":
                    (folder / f"{name}{suffix}").unlink(missing_ok=True)
    return folder


def write_data(nat: National, out: Path, codes: list[str], fmt: str) -> int:
    """Write every municipality's four inputs; return the number of files written.

    A chunk of municipalities at a time: its rows of each table are formatted together, then the
    files are written municipality by municipality (a folder's four files one after the other is
    several times faster on ext4 than visiting every folder once per table).
    """
    n = len(codes)
    offsets = {name: _offsets(getattr(nat, name)["muni"], n) for name in INPUT_NAMES}
    written = 0
    if fmt == "parquet":
        import pyarrow.parquet as pq
    for first, last in _chunks(offsets["roster"]):
        contents: dict[str, list] = {}
        for name in INPUT_NAMES:
            rows = offsets[name][first:last + 1]
            part = {k: v[rows[0]:rows[-1]] for k, v in getattr(nat, name).items()}
            local = rows - rows[0]
            if fmt == "csv":
                contents[name] = csv_pieces(csv_frame(name, part), local, COLUMNS[name])
            else:
                table = arrow_table(name, part)
                contents[name] = [table.slice(local[i], local[i + 1] - local[i]) for i in range(len(local) - 1)]
        for i in range(last - first):
            folder = data_folder(out, codes[first + i], fmt)
            for name in INPUT_NAMES:
                if fmt == "csv":
                    (folder / f"{name}.csv").write_bytes(contents[name][i])
                else:
                    pq.write_table(contents[name][i], folder / f"{name}.parquet", compression="zstd")
                written += 1
    return written


def write_national(nat: National, out: Path, ibge: np.ndarray, fmt: str) -> int:
    """Write each input once for the whole country, as out/national/<input>.<fmt> with a leading
    `municipality` column (the IBGE code): the layout a state or national batch `run` reads fastest."""
    folder = out / "national"
    folder.mkdir(parents=True, exist_ok=True)
    for name in INPUT_NAMES:
        for suffix in OTHER_SUFFIXES:
            if suffix != f".{fmt}":
                (folder / f"{name}{suffix}").unlink(missing_ok=True)
        table = getattr(nat, name)
        codes = _text(ibge[table["muni"]])
        if fmt == "csv":
            frame = csv_frame(name, table)
            frame.insert(0, "municipality", codes)
            frame.to_csv(folder / f"{name}.csv", sep=";", index=False, lineterminator="\n", encoding="utf-8")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq
            arrow = arrow_table(name, table)
            arrow = arrow.add_column(0, "municipality", pa.array(np.asarray(codes, dtype=object), type=pa.string()))
            pq.write_table(arrow, folder / f"{name}.parquet", compression="zstd")
    return len(INPUT_NAMES)
