#!/usr/bin/env python3
"""Write the expected payments of each bundled data set, worked out by the reference evaluator.

`laws/data/mNN/expected/` gets three tables, computed by `tests/oracle/oracle.py` (an independent
reading of docs/engine.md that never imports the engine) from `laws/mNN.p4p` and the data:

- `payments.csv`: period; staff_id; status (`paid`, or `ineligible` when none of the person's
  rows is paid); amount_centavos — one row per person and period, a person's rows added up (a
  person paid through two teams, or by a team and a share paid to their cadre, has one sum);
- `periods.csv`: period; payment_date; law_version; transfers, carry_in, pool, to_staff,
  to_destinations, carry_out and undistributed, in centavos;
- `ledger.csv`: period; destination; source; amount_centavos, added up over teams, no zero lines.

`tests/test_bundled_examples.py` runs `p4p-rules run` on each set and compares its output with
these files. Run this only when a data set or a law changes, and read the differences.

    .venv/bin/python laws/data/make_expected.py            # every laws/data/mNN with a law
    .venv/bin/python laws/data/make_expected.py m04 m17    # some of them
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.oracle.oracle import OraclePeriod, run_oracle  # noqa: E402 — the path is set just above

PAYMENTS = ["period", "staff_id", "status", "amount_centavos"]
PERIODS = ["period", "payment_date", "law_version", "transfers_centavos", "carry_in_centavos", "pool_centavos",
           "to_staff_centavos", "to_destinations_centavos", "carry_out_centavos", "undistributed_centavos"]
LEDGER = ["period", "destination", "source", "amount_centavos"]
NOT_DESTINATIONS = ("carry_over", "undistributed")  # docs/engine.md §9: kept apart in `periods`


def tables(periods: list[OraclePeriod]) -> tuple[list[list], list[list], list[list]]:
    payments, summary, ledger = [], [], []
    for p in periods:
        if p.notes:
            # the oracle knows that here its reading differs from the engine's: such data cannot
            # make an example whose expected output both agree on
            raise SystemExit(f"{p.label}: a known disagreement with the engine ({', '.join(sorted(p.notes))})")
        amount: dict[str, int] = defaultdict(int)
        paid: dict[str, bool] = defaultdict(bool)
        for row in p.rows:
            amount[row.staff_id] += row.amount
            paid[row.staff_id] |= row.eligible
        for staff_id in sorted(amount):
            payments.append([p.label, staff_id, "paid" if paid[staff_id] else "ineligible", amount[staff_id]])
        booked = {key: a for key, a in sorted(p.ledger.items()) if a}
        for (destination, source), a in booked.items():
            ledger.append([p.label, destination, source, a])
        carry = sum(a for (d, _), a in booked.items() if d == "carry_over")
        undistributed = sum(a for (d, _), a in booked.items() if d == "undistributed")
        to_destinations = sum(a for (d, _), a in booked.items() if d not in NOT_DESTINATIONS)
        summary.append([p.label, p.payment_date.isoformat(), p.version, p.transfers, p.carry_in, p.pool,
                        sum(amount.values()), to_destinations, carry, undistributed])
    return payments, summary, ledger


def write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(names: list[str]) -> None:
    here = Path(__file__).resolve().parent
    names = names or sorted(p.name for p in here.glob("m[0-9][0-9]") if (ROOT / "laws" / f"{p.name}.p4p").is_file())
    for name in names:
        out = here / name / "expected"
        out.mkdir(exist_ok=True)
        payments, summary, ledger = tables(run_oracle(ROOT / "laws" / f"{name}.p4p", here / name))
        write(out / "payments.csv", PAYMENTS, payments)
        write(out / "periods.csv", PERIODS, summary)
        write(out / "ledger.csv", LEDGER, ledger)
        print(f"{name}: {len(summary)} periods, {len(payments)} payments, {len(ledger)} ledger lines")


if __name__ == "__main__":
    main(sys.argv[1:])
