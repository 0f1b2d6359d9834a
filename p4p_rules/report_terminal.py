"""What `run` prints: per-period and per-cadre summaries, and batch progress over many laws."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from p4p_rules.batch import Outcome, run_one
from p4p_rules.model import vocabulary as vocab


def brl(centavos: int) -> str:
    reais, cents = divmod(int(centavos), 100)
    return f"R$ {reais:,}".replace(",", ".") + f",{cents:02d}"


def print_run_summary(outcome: Outcome, console: Console | None = None) -> None:
    console = console or Console()
    result = outcome.result
    assert result is not None
    t = Table(title=f"{outcome.law.name}: payment periods")
    for col in ("period", "paid on", "version", "pool", "to staff", "to destinations", "carried over",
                "undistributed"):
        t.add_column(col, justify="right" if col not in ("period", "paid on", "version") else "left")
    for row in result.periods.itertuples():
        t.add_row(row.period, row.payment_date, str(row.law_version), brl(row.pool), brl(row.to_staff),
                  brl(row.to_destinations), brl(row.carry_out), brl(row.undistributed))
    console.print(t)
    if len(result.payments):
        paid = result.payments[result.payments["amount"] > 0]
        by = paid.groupby("cadre").agg(people=("staff_id", "nunique"), total=("amount", "sum")).reset_index()
        c = Table(title="by cadre")
        for col in ("cadre", "people paid", "total"):
            c.add_column(col, justify="left" if col == "cadre" else "right")
        for row in by.sort_values("total", ascending=False).itertuples():
            c.add_row(vocab.CADRES.spelling(row.cadre, "pt") if row.cadre in vocab.CADRES.terms else row.cadre,
                      str(row.people), brl(row.total))
        console.print(c)
    if result.ledger is not None and len(result.ledger):
        by = result.ledger.groupby(["destination", "source"])["amount"].sum().reset_index()
        d = Table(title="other destinations")
        for col in ("destination", "source", "total"):
            d.add_column(col, justify="right" if col == "total" else "left")
        for row in by.itertuples():
            d.add_row(row.destination, row.source, brl(row.amount))
        console.print(d)
    if result.pending_months:
        console.print(f"pending (period not closed yet): {', '.join(f'{m:%Y-%m}' for m in result.pending_months)}")
    if outcome.written:
        console.print("written: " + ", ".join(str(p) for p in outcome.written))


def run_batch(laws: list[Path], data: Path, out: Path | None, fmt: str, start: dt.date | None,
              end: dt.date | None) -> int:
    """One law per municipality, on all cores: data in data/<law stem>/ and results in out/<law stem>/,
    or (national files, see p4p_rules/national.py) data read once and results in one file per output."""
    from p4p_rules.national import is_national
    if is_national(data):
        return _run_national(laws, data, out, fmt, start, end)
    console = Console(stderr=True)
    worst = 0
    totals = {"laws": 0, "pool": 0, "staff": 0, "undistributed": 0}
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool, Progress(console=console) as progress:
        task = progress.add_task("running laws", total=len(laws))
        futures = {pool.submit(run_one, law, data / law.stem, (out / law.stem) if out else None, fmt, start, end): law
                   for law in laws}
        for future in as_completed(futures):
            outcome = future.result()
            progress.advance(task)
            if outcome.error:
                console.print(outcome.error)
                worst = max(worst, outcome.exit_code)
                continue
            res = outcome.result
            assert res is not None
            totals["laws"] += 1
            totals["pool"] += int(res.periods["pool"].sum()) if len(res.periods) else 0
            totals["staff"] += int(res.periods["to_staff"].sum()) if len(res.periods) else 0
            totals["undistributed"] += int(res.periods["undistributed"].sum()) if len(res.periods) else 0
    Console().print(f"{totals['laws']} of {len(laws)} laws run: pool {brl(totals['pool'])}, to staff "
                    f"{brl(totals['staff'])}, undistributed {brl(totals['undistributed'])}")
    return worst


def _run_national(laws: list[Path], data: Path, out: Path | None, fmt: str, start: dt.date | None,
                  end: dt.date | None) -> int:
    from p4p_rules.national import run_national
    console = Console(stderr=True)
    worst = 0
    totals = {"laws": 0, "pool": 0, "staff": 0, "undistributed": 0}
    with Progress(console=console) as progress:
        task = progress.add_task("reading the national files", total=len(laws))

        def done(outcome: Outcome) -> None:
            nonlocal worst
            progress.update(task, description="running laws", advance=1)
            if outcome.error:
                console.print(outcome.error)
                worst = max(worst, outcome.exit_code)
                return
            periods = outcome.columns["periods"] if outcome.columns else {}
            totals["laws"] += 1
            totals["pool"] += sum(periods.get("pool", []))
            totals["staff"] += sum(periods.get("to_staff", []))
            totals["undistributed"] += sum(periods.get("undistributed", []))
        outcomes, written = run_national(laws, data, out, fmt, start, end, on_done=done)
    if len(laws) == 1 and outcomes and outcomes[0].columns is not None:
        from p4p_rules.engine.run import RunResult
        from p4p_rules.national import national_tables
        t = national_tables(outcomes)
        frames = {n: t[n].drop(columns=["municipality"]) for n in ("payments", "ledger", "periods")}
        one = Outcome(laws[0], RunResult(frames["payments"], frames["ledger"], frames["periods"],
                                         pending_months=outcomes[0].pending_months or []))
        print_run_summary(one)
    Console().print(f"{totals['laws']} of {len(laws)} laws run: pool {brl(totals['pool'])}, to staff "
                    f"{brl(totals['staff'])}, undistributed {brl(totals['undistributed'])}")
    if written:
        Console().print("written: " + ", ".join(str(p) for p in written))
    return worst
