"""The books of a run as columns (payments, ledger, periods): lists per column, read by pandas or joined by a batch."""

from __future__ import annotations

from fractions import Fraction

from p4p_rules.engine.books import Books

PAYMENT_COLUMNS = ["period", "payment_date", "staff_id", "name", "team_id", "cadre", "category", "amount",
                   "status", "factor", "law_version", "articles"]
LEDGER_COLUMNS = ["period", "payment_date", "destination", "source", "team_id", "amount", "law_version", "articles"]
PERIOD_COLUMNS = ["period", "payment_date", "law_version", "transfers", "carry_in", "pool", "to_staff",
                  "to_destinations", "carry_out", "undistributed"]


def columns_of(all_books: list[Books]) -> dict[str, dict[str, list]]:
    """payments, ledger and periods as lists per column (a batch joins them before making tables)."""
    # column by column (much faster than rows), each column a local list (one dict lookup per
    # column, not per row: this runs once per payment row of the country)
    periods: list = []
    dates: list = []
    versions: list = []
    staff: list = []
    names: list = []
    teams: list = []
    cadres: list = []
    categories: list = []
    amounts: list = []
    statuses: list = []
    factors: list = []
    articles: list = []
    led: dict[str, list] = {name: [] for name in LEDGER_COLUMNS}
    per: dict[str, list] = {name: [] for name in PERIOD_COLUMNS}
    factor_texts: dict[Fraction | int, str] = {}
    texts: dict[int, tuple[list[str], str]] = {}  # by the articles list (rows of a unit share theirs)
    for b in all_books:
        label, paid_on = b.period.label, b.period.payment_date.isoformat()
        n = len(b.payments)
        periods += [label] * n
        dates += [paid_on] * n
        versions += [b.version] * n
        to_staff = 0
        for p in b.payments:
            staff.append(p.staff_id)
            names.append(p.name)
            teams.append(p.team_id)
            cadres.append(p.cadre)
            categories.append(p.category)
            amounts.append(p.amount)
            to_staff += p.amount
            statuses.append(p.status)
            # one text object per distinct value: cheaper to build, and a batch's worker sends each once
            factor = factor_texts.get(p.factor)
            if factor is None:
                factor = factor_texts[p.factor] = str(p.factor)
            factors.append(factor)
            cited = texts.get(id(p.articles))
            if cited is None or cited[0] is not p.articles:
                cited = texts[id(p.articles)] = (p.articles, "; ".join(p.articles))
            articles.append(cited[1])
        n = len(b.ledger)
        led["period"] += [label] * n
        led["payment_date"] += [paid_on] * n
        led["law_version"] += [b.version] * n
        for line in b.ledger:
            led["destination"].append(line.destination)
            led["source"].append(line.source)
            led["team_id"].append(line.team_id)
            led["amount"].append(line.amount)
            led["articles"].append("; ".join(line.articles))
        undistributed = sum(line.amount for line in b.ledger if line.destination == "undistributed")
        carry_out = b.carry_out()
        to_dest = sum(line.amount for line in b.ledger) - undistributed - carry_out
        for name, value in zip(PERIOD_COLUMNS, [label, paid_on, b.version, b.pool - b.carry_in, b.carry_in, b.pool,
                                                to_staff, to_dest, carry_out, undistributed], strict=True):
            per[name].append(value)
    pay = {"period": periods, "payment_date": dates, "staff_id": staff, "name": names, "team_id": teams,
           "cadre": cadres, "category": categories, "amount": amounts, "status": statuses, "factor": factors,
           "law_version": versions, "articles": articles}
    return {"payments": pay, "ledger": led, "periods": per}
