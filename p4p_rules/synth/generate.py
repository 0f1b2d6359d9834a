"""`synthesize`: laws and data for N synthetic municipalities, laid out for `p4p-rules run`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from p4p_rules.synth import tables
from p4p_rules.synth.laws import Place, law_draft
from p4p_rules.synth.readme import readme_text
from p4p_rules.synth.write import FORMATS, write_data, write_national


@dataclass(frozen=True)
class SynthSummary:
    """What `synthesize` wrote."""

    municipalities: int
    teams: int
    people: int             # distinct staff members (one may hold two postings: a move between teams)
    roster_rows: int
    score_rows: int
    transfer_rows: int
    absence_rows: int
    laws_with_amendment: int
    files_written: int


def parse_start(start: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})-(\d{2})", start)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"start must be a month written YYYY-MM, not {start!r}")
    first = dt.date(int(m.group(1)), int(m.group(2)), 1)
    if first < tables.CYCLE_3_START.astype(dt.date):
        raise ValueError("start must be 2015-10 or later: the synthetic data is PMAQ cycle 3 "
                         "(five-level scale), which began in October 2015")
    return first


def synthesize(municipalities: int, seed: int, out: Path, *, months: int = 12, start: str = "2016-01",
               fmt: str = "csv", layout: str = "split") -> SynthSummary:
    """Write out/laws/mNNNN.p4p, out/data/mNNNN/{roster,scores,transfers,absences}.{csv|parquet},
    out/municipalities.csv and out/README.md for `municipalities` synthetic municipalities.

    With layout "national", the data go instead to out/national/{roster,...}.{csv|parquet}: one file
    per input for the whole country, with a `municipality` column holding the IBGE code that each
    law's header declares (what a national batch `run` reads).

    Deterministic: the same arguments give the same bytes.  Files of an earlier run in `out` are
    overwritten, not removed (except inputs of the other format in a data folder written now).
    """
    if municipalities < 1:
        raise ValueError("municipalities must be at least 1")
    if months < 1:
        raise ValueError("months must be at least 1")
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if layout not in ("split", "national"):
        raise ValueError(f"layout must be split or national, not {layout!r}")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    first_month = parse_start(start)
    out = Path(out)
    window = tables.Window(np.datetime64(first_month, "M"), months)

    rng = np.random.default_rng(seed)
    nat = tables.build(municipalities, rng, window)
    width = max(4, len(str(municipalities)))
    codes = [f"m{i + 1:0{width}d}" for i in range(municipalities)]

    (out / "laws").mkdir(parents=True, exist_ok=True)
    if layout == "national":
        files = write_national(nat, out, np.asarray(nat.munis["ibge"]), fmt)
    else:
        files = write_data(nat, out, codes, fmt)
    munis = nat.munis
    designs = []
    amended = 0
    for i, (code, name, uf, ibge) in enumerate(zip(codes, munis["name"], munis["uf"], munis["ibge"], strict=True)):
        draft = law_draft(Place(code, str(name), str(uf), int(ibge)), seed, i, first_month, months)
        (out / "laws" / f"{code}.p4p").write_text(draft.text(seed), encoding="utf-8")
        designs.append(draft.describe())
        amended += draft.amendment is not None
        files += 1

    index = pd.DataFrame({
        "code": codes, "name": munis["name"], "uf": munis["uf"], "ibge": munis["ibge"],
        "teams": munis["teams"], "people": munis["people"], "law": designs,
    })
    index.to_csv(out / "municipalities.csv", sep=";", index=False, lineterminator="\n", encoding="utf-8")
    summary = SynthSummary(
        municipalities=municipalities,
        teams=int(munis["teams"].sum()),
        people=int(munis["people"].sum()),
        roster_rows=len(nat.roster["muni"]),
        score_rows=len(nat.scores["muni"]),
        transfer_rows=len(nat.transfers["muni"]),
        absence_rows=len(nat.absences["muni"]),
        laws_with_amendment=amended,
        files_written=files + 2,
    )
    (out / "README.md").write_text(readme_text(summary, seed, first_month, months, fmt, codes), encoding="utf-8")
    return summary
