"""The diff as tables for `--out DIR` (CSV, JSON or XLSX), written atomically by output.write_tables.

Money columns hold exact reais text (`1234.56`, `-12.30`) with a `_centavos` twin holding the
integer; per-head amounts (exact fractions) are rounded half-even to the centavo; percentages are
text with two decimals and no % sign (`-57.65` means −57,65%); ratios and measures are exact
fractions rounded half-even to 6 decimals.  Cadres and categories are the canonical ids
the engine writes in payments.csv.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from p4p_rules.diff.api import DiffResult
from p4p_rules.diff.words import decimal_text, w
from p4p_rules.output import reais


def _money(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = df.copy()
    for col in cols:
        out[col + "_centavos"] = out[col].astype("int64")
        out[col] = out[col].map(reais)
    return out


def _pct(value: Fraction | None) -> str:
    return decimal_text(value * 100, 2) if value is not None else ""


def _per_head(value: Fraction | None) -> str:
    """An exact amount per person, rounded half-even to the centavo, as reais text."""
    return reais(round(value)) if value is not None else ""


def _fraction(value: Fraction | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return decimal_text(value, 6)


def provisions_table(result: DiffResult) -> pd.DataFrame:
    rows = [{"article": f"art. {c.number}", "status": c.status, "rules_changed": c.rules_changed,
             "old_version": result.old.version, "new_version": result.new.version,
             "old_worded_by": c.old_source or "", "new_worded_by": c.new_source or "",
             "old_wording": c.old_wording or "", "new_wording": c.new_wording or "",
             "old_rules": "\n".join(c.old_lines), "new_rules": "\n".join(c.new_lines)}
            for c in result.changes]
    return pd.DataFrame(rows, columns=["article", "status", "rules_changed", "old_version", "new_version",
                                       "old_worded_by", "new_worded_by", "old_wording", "new_wording", "old_rules",
                                       "new_rules"])


def _outcome(old: int, new: int) -> str:
    if old == 0 and new > 0:
        return "newly_paid"
    if old > 0 and new == 0:
        return "no_longer_paid"
    return "gains" if new > old else "loses" if new < old else "unchanged"


def _group(df: pd.DataFrame, key: str) -> pd.DataFrame:
    out = df.copy()
    out["change_pct"] = out["change_pct"].map(_pct)
    out["per_head_old"] = out["per_head_old"].map(_per_head)
    out["per_head_new"] = out["per_head_new"].map(_per_head)
    for col in ("spread_old", "spread_new"):
        if col in out:
            out[col] = out[col].map(_fraction)
    if "categories" in out:
        out["categories"] = out["categories"].map(lambda cats: "; ".join(cats))
    return _money(out, ["old", "new", "change"])


def tables(result: DiffResult) -> dict[str, pd.DataFrame]:
    """Every table of the diff, by file name."""
    out = {"provisions": provisions_table(result)}
    im = result.impact
    if im is None:
        return out
    lang = result.language
    p = im.persons.copy()
    p["outcome"] = [_outcome(int(o), int(n)) for o, n in zip(p["old"], p["new"], strict=True)]
    p["change_pct"] = p["change_pct"].map(_pct)
    out["persons"] = _money(p, ["old", "new", "change"])
    out["cadres"] = _group(im.cadres, "cadre")
    out["teams"] = _group(im.teams, "team")
    out["categories"] = _group(im.categories, "category")
    def value(key: str, v) -> str:
        return _per_head(v) if key == "mean_paid" else _fraction(v)

    out["fairness"] = pd.DataFrame(
        [{"measure": m.key, "label": w(m.key, lang), "old": value(m.key, m.old), "new": value(m.key, m.new),
          "change": value(m.key, m.new - m.old) if m.old is not None and m.new is not None else "",
          "old_where": m.old_where, "new_where": m.new_where} for m in im.fairness],
        columns=["measure", "label", "old", "new", "change", "old_where", "new_where"])
    totals = pd.DataFrame([{"item": k, "destination": d, "old": o, "new": n, "change": n - o}
                           for k, d, o, n in im.totals], columns=["item", "destination", "old", "new", "change"])
    out["totals"] = _money(totals, ["old", "new", "change"])
    att = result.attribution
    if att is not None:
        t = att.table.rename(columns={f"step_{i + 1}": label for i, label in enumerate(att.labels)})
        names = im.persons.set_index("staff_id")
        t.insert(1, "name", t["staff_id"].map(names["name"]))
        t.insert(2, "cadre", t["staff_id"].map(names["cadre"]))
        out["attribution"] = _money(t, ["old"] + att.labels + ["new", "change"])
        rows = []
        prev = {"to_staff": im.old.to_staff, "to_destinations": sum(im.old.destinations.values()),
                "undistributed": im.old.undistributed, "carried_beyond": im.old.carried_beyond}
        for i, step in enumerate(att.steps):
            col = att.table[f"step_{i + 1}"]
            row = {"step": i + 1, "articles": step.label, "applied_together_because": step.reason or ""}
            for k in prev:
                row["change_" + k] = step.money[k] - prev[k]
            row["people_paid_after"] = step.money["people_paid"]
            row["gainers"] = int((col > 0).sum())
            row["losers"] = int((col < 0).sum())
            rows.append(row)
            prev = {k: step.money[k] for k in prev}
        money_cols = ["change_to_staff", "change_to_destinations", "change_undistributed", "change_carried_beyond"]
        steps = pd.DataFrame(rows, columns=["step", "articles", "applied_together_because"] + money_cols +
                             ["people_paid_after", "gainers", "losers"])
        out["steps"] = _money(steps, money_cols)
    return out
