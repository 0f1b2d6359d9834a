"""The tables of the HTML diff report, worded as in the terminal (totals to the centavo, groups in whole reais)."""

from __future__ import annotations

from dataclasses import dataclass

from p4p_rules.diff.api import DiffResult
from p4p_rules.diff.html_words import t
from p4p_rules.diff.impact import Impact
from p4p_rules.diff.report import _measure_change, _measure_text, _pct, _r
from p4p_rules.diff.words import cadre_name, decimal_text, money, w


@dataclass
class Cell:
    text: str
    cls: str = ""                   # 'num', 'gain', 'loss', 'dim' ... (CSS classes)


@dataclass
class Table:
    caption: str
    head: list[tuple[str, str]]     # (heading, css class)
    rows: list[list[Cell]]
    note: str = ""
    id: str = ""


def sign_cls(v: int | None) -> str:
    return "num gain" if v and v > 0 else "num loss" if v and v < 0 else "num dim"


def money_cell(centavos: int, lang: str, signed: bool = False) -> Cell:
    return Cell(money(centavos, lang, signed), sign_cls(centavos) if signed else "num")


def whole_cell(centavos: int, lang: str, signed: bool = False) -> Cell:
    return Cell(_r(centavos, lang, signed), sign_cls(centavos) if signed else "num")


def totals_table(im: Impact, lang: str, a: str, b: str) -> Table:
    rows = []
    for key, dest, o, n in im.totals:
        if key in ("carried_beyond", "pending") and o == 0 and n == 0:
            continue
        label = dest if key == "destination" else w(key, lang)
        rows.append([Cell(label), money_cell(o, lang), money_cell(n, lang), money_cell(n - o, lang, True)])
    return Table(w("totals", lang), [(w("destination", lang), ""), (a, "num"), (b, "num"),
                                     (w("change", lang), "num")], rows)


def top_tables(result: DiffResult, top: int, a: str, b: str) -> list[Table]:
    im, att, lang = result.impact, result.attribution, result.language
    assert im is not None
    by_person = att.table.set_index("staff_id") if att is not None and att.steps else None
    step_labels = att.labels if att is not None else []
    out = []
    for gainers in (True, False):
        people = im.top(top, gainers)
        if not len(people):
            continue
        head = [(w("person", lang), ""), (w("name", lang), ""), (w("cadre", lang), ""), (w("team", lang), ""),
                (a, "num"), (b, "num"), (w("change", lang), "num"), ("%", "num")]
        if by_person is not None:
            head.append((t("by_article", lang), ""))
        rows = []
        for r in people.itertuples():
            row = [Cell(str(r.staff_id)), Cell(str(r.name)), Cell(cadre_name(r.cadre, lang)),
                   Cell(r.teams or w("no_team", lang), "nw"), money_cell(int(r.old), lang),
                   money_cell(int(r.new), lang), money_cell(int(r.change), lang, True),
                   Cell(_pct(r.change_pct, lang), "num")]
            if by_person is not None:
                parts = [(label, int(by_person.at[r.staff_id, f"step_{i + 1}"]))
                         for i, label in enumerate(step_labels)]
                # no break inside 'art. 3 −24.787,68': only between the articles
                row.append(Cell("; ".join(f"{label} {money(v, lang, True).replace('R$ ', '')}".replace(" ", "\u00a0")
                                          for label, v in parts if v)))
            rows.append(row)
        out.append(Table(w("top_gainers" if gainers else "top_losers", lang), head, rows,
                         id="top-gainers" if gainers else "top-losers"))
    return out


def group_table(im: Impact, which: str, title: str, name, a: str, b: str, lang: str) -> Table | None:
    df = getattr(im, which)
    if not len(df):
        return None
    key = df.columns[0]
    cats = which == "categories"
    head = [("", ""), (w("people", lang), "num"), (a, "num"), (b, "num"), (w("change", lang), "num")]
    head += [(w("per_head", lang), "num"), (w("spread", lang), "num"), (w("gainers", lang), "num"),
             (w("losers", lang), "num")] if cats else [("%", "num"), (w("per_head", lang), "num")]
    rows = []
    for r in df.sort_values("new", ascending=False, kind="stable").to_dict("records"):
        row = [Cell(name(r[key])), Cell(f"{r['people_old']} → {r['people_new']}", "num"),
               whole_cell(r["old"], lang), whole_cell(r["new"], lang), whole_cell(r["change"], lang, True)]
        if not cats:
            row.append(Cell(_pct(r["change_pct"], lang), "num"))
        row.append(Cell(f"{_r(r['per_head_old'], lang)} → {_r(r['per_head_new'], lang)}", "num"))
        if cats:
            row.append(Cell(" → ".join(decimal_text(v, 2, lang) if v is not None else "—"
                                       for v in (r["spread_old"], r["spread_new"])), "num"))
            row += [Cell(str(r["gainers"]), "num"), Cell(str(r["losers"]), "num")]
        rows.append(row)
    return Table(f"{title} ({w('whole_reais', lang)})", head, rows, w("spread_note", lang) if cats else "",
                 id=f"table-{which}")


def fairness_table(im: Impact, lang: str, a: str, b: str) -> Table:
    rows = [[Cell(w(m.key, lang)), Cell(_measure_text(m.key, m.old, m.old_where, lang), "num"),
             Cell(_measure_text(m.key, m.new, m.new_where, lang), "num"),
             Cell(_measure_change(m.key, m.old, m.new, lang), "num")] for m in im.fairness]
    return Table(w("fairness", lang), [(w("measure", lang), ""), (a, "num"), (b, "num"), (w("change", lang), "num")],
                 rows, id="table-fairness")
