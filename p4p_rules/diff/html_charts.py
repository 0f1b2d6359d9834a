"""The charts of the HTML diff report: what each one shows, in the law's language, drawn by svg.py."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from p4p_rules.diff import svg
from p4p_rules.diff.api import DiffResult
from p4p_rules.diff.html_tables import Cell, Table, whole_cell
from p4p_rules.diff.html_words import t
from p4p_rules.diff.impact import Impact
from p4p_rules.diff.report import _r
from p4p_rules.diff.words import cadre_name, category_name, money, w


@dataclass
class Chart:
    id: str
    title: str
    svg: Markup
    table: Table | None = None      # the chart's data, for readers who cannot see the chart
    note: str = ""


def cadre_chart(im: Impact, lang: str, a: str, b: str, table: Table | None) -> Chart:
    df = im.cadres.sort_values(["change", "cadre"], kind="stable")
    bars = [svg.Bar(cadre_name(r["cadre"], lang), int(r["change"]), _r(int(r["change"]), lang, True),
                    {"cadre": str(r["cadre"])}) for r in df.to_dict("records")]
    title = t("chart_cadre", lang)
    return Chart("chart-cadre", title, Markup(svg.diverging_bars("chart-cadre", title,
                                                                 t("chart_cadre_desc", lang, a=a, b=b), bars)),
                 table, t("cadre_chart_note", lang))


def histogram_bins(changes: list[int], most: int = 20) -> tuple[list[svg.Bin], int]:
    """People per range of change: ranges [k·width, (k+1)·width) of a round width in whole reais
    (1, 2 or 5 × 10ⁿ), the fewest that fit in `most` ranges; the unchanged (0) are a bin of their own,
    placed between losses and gains."""
    nonzero = [int(c) for c in changes if c]
    zeros = len(changes) - len(nonzero)
    if not nonzero:
        return ([svg.Bin(0, 0, zeros, "0")] if zeros else []), 0
    lo, hi = min(nonzero), max(nonzero)
    width, exp = 100, 0
    while True:
        width = next((m * 100 * 10 ** exp for m in (1, 2, 5) if hi // (m * 100 * 10 ** exp) -
                      lo // (m * 100 * 10 ** exp) + 1 <= most), 0)
        if width:
            break
        exp += 1
    counts: dict[int, int] = {}
    for c in nonzero:
        counts[c // width] = counts.get(c // width, 0) + 1   # floor division: −1 falls in [−width, 0)
    bins = []
    for k in range(lo // width, hi // width + 1):
        if k == 0 and zeros:
            bins.append(svg.Bin(0, 0, zeros, "0"))
        bins.append(svg.Bin(k * width, (k + 1) * width, counts.get(k, 0), ""))
    if zeros and hi // width < 0:
        bins.append(svg.Bin(0, 0, zeros, "0"))
    return bins, width


def histogram_chart(im: Impact, lang: str, a: str, b: str) -> Chart:
    changes = [int(c) for c in im.persons["change"]]
    bins, width = histogram_bins(changes)
    for x in bins:
        x.label = t("hist_zero", lang) if x.lo == x.hi else \
            t("hist_range", lang, lo=money(x.lo, lang), hi=money(x.hi, lang))
    edges = sorted({x.lo for x in bins if x.lo != x.hi} | {x.hi for x in bins if x.lo != x.hi})
    every = max(1, -(-len(edges) // 8))
    ticks = [(e, _r(e, lang)) for e in edges if width and (e // width) % every == 0]
    title = t("chart_hist", lang)
    desc = t("chart_hist_desc", lang, a=a, b=b, width=money(width, lang) if width else "—")
    rows = [[Cell(x.label), Cell(str(x.count), "num")] for x in bins if x.count]
    table = Table(t("chart_data", lang), [(t("range", lang), ""), (w("people", lang), "num")], rows,
                  t("hist_note", lang))
    mark = svg.histogram("chart-hist", title, desc, bins, ticks, t("hist_axis", lang), t("hist_zero", lang))
    return Chart("chart-hist", title, Markup(mark), table,
                 w("counts", lang, gainers=im.counts["gainers"], losers=im.counts["losers"],
                   unchanged=im.counts["unchanged"], newly=im.counts["newly_paid"],
                   gone=im.counts["no_longer_paid"]))


def category_chart(im: Impact, lang: str, table: Table | None) -> Chart:
    df = im.categories.sort_values("new", ascending=False, kind="stable")
    rows = [(category_name(r["category"], lang) if r["category"] else w("no_team", lang), int(r["losers"]),
             int(r["gainers"])) for r in df.to_dict("records")]
    title = t("chart_cat", lang)
    mark = svg.diverging_counts("chart-category", title, t("chart_cat_desc", lang), rows, w("losers", lang),
                                w("gainers", lang))
    return Chart("chart-category", title, Markup(mark), table)


def waterfalls(result: DiffResult, a: str, b: str) -> tuple[list[Chart], list[Chart], Table, Table]:
    """The money flows step by step (staff, and destinations/undistributed when a step moves them), then
    one small waterfall per cadre; with the by-step table and the cadre × step table."""
    att, im, lang = result.attribution, result.impact, result.language
    assert att is not None and im is not None
    labels = att.labels
    flows = [("to_staff", t("total_staff", lang), im.old.to_staff, im.new.to_staff),
             ("to_destinations", w("to_destinations", lang), sum(im.old.destinations.values()),
              sum(im.new.destinations.values())),
             ("undistributed", w("undistributed", lang), im.old.undistributed, im.new.undistributed)]
    main: list[Chart] = []
    deltas_by_flow: dict[str, list[int]] = {}
    for key, group, start, end in flows:
        prev, deltas = start, []
        for step in att.steps:
            deltas.append(step.money[key] - prev)
            prev = step.money[key]
        deltas_by_flow[key] = deltas
        if key != "to_staff" and not any(deltas) and start == end:
            continue
        main.append(_waterfall_chart(f"chart-wf-{key.replace('_', '-')}", group, a, b, start, end,
                                     labels, deltas, lang, 640, 240))
    # by-step table, as in the terminal
    rows = []
    for i, step in enumerate(att.steps):
        col = att.table[f"step_{i + 1}"]
        label = step.label
        if step.reason:
            key = "grouped" if step.reason_kind == "references" else "grouped_run"
            label += " — " + w(key, lang, reason=step.reason)
        rows.append([Cell(str(i + 1), "num"), Cell(label)] +
                    [whole_cell(deltas_by_flow[k][i], lang, True) for k in ("to_staff", "to_destinations",
                                                                          "undistributed")] +
                    [Cell(str(int((col > 0).sum())), "num"), Cell(str(int((col < 0).sum())), "num")])
    rows.append([Cell(""), Cell(w("total", lang), "strong")] +
                [whole_cell(end - start, lang, True) for _, _, start, end in flows] +
                [Cell(str(im.counts["gainers"]), "num"), Cell(str(im.counts["losers"]), "num")])
    steps_table = Table(f"{w('by_step', lang)} ({w('whole_reais', lang)})",
                        [(w("step", lang), "num"), (w("articles", lang), ""), (w("staff", lang), "num"),
                         (w("to_destinations", lang), "num"), (w("undistributed", lang), "num"),
                         (w("gainers", lang), "num"), (w("losers", lang), "num")], rows, id="table-steps")
    # per cadre: people grouped by their cadre, the steps summed within each cadre; someone paid only by an
    # intermediate text is in neither side's persons table, so their cadre comes from that step's rows
    cadre_of: dict[str, str] = {}
    for side in att.sides:
        cadre_of.update(zip(side.rows["staff_id"].astype(str), side.rows["cadre"].astype(str), strict=True))
    cadre_of.update(zip(im.persons["staff_id"].astype(str), im.persons["cadre"].astype(str), strict=True))
    table = att.table.copy()
    table["cadre"] = [cadre_of.get(str(p), "") for p in table["staff_id"]]
    sums = table.groupby("cadre", sort=True)[["old"] + [f"step_{i + 1}" for i in range(len(labels))] +
                                            ["new"]].sum()
    sums = sums.sort_values(["new", "old"], ascending=False, kind="stable")
    small: list[Chart] = []
    cadre_rows = []
    for cadre, r in sums.iterrows():
        deltas = [int(r[f"step_{i + 1}"]) for i in range(len(labels))]
        name = cadre_name(str(cadre), lang) if cadre else "—"
        small.append(_waterfall_chart(f"chart-wf-cadre-{len(small) + 1}", name, a, b, int(r["old"]), int(r["new"]),
                                      labels, deltas, lang, 310, 210))
        cadre_rows.append([Cell(name), whole_cell(int(r["old"]), lang)] +
                          [whole_cell(d, lang, True) for d in deltas] + [whole_cell(int(r["new"]), lang)])
    cadre_table = Table(t("wf_by_cadre", lang), [(w("cadre", lang), ""), (a, "num")] +
                        [(label, "num") for label in labels] + [(b, "num")], cadre_rows,
                        t("wf_groups_note", lang), id="table-wf-cadres")
    return main, small, steps_table, cadre_table


def _waterfall_chart(chart_id: str, group: str, a: str, b: str, start: int, end: int, labels: list[str],
                     deltas: list[int], lang: str, width: int, height: int) -> Chart:
    steps = [svg.Step(label, d, _r(d, lang, True)) for label, d in zip(labels, deltas, strict=True)]
    desc = t("chart_wf_desc", lang, group=group, a=a, start=_r(start, lang), b=b, end=_r(end, lang),
             steps="; ".join(f"{s.label} {s.text}" for s in steps))
    mark = svg.waterfall(chart_id, group, desc, svg.Bar(a, start, _r(start, lang)), steps,
                         svg.Bar(b, end, _r(end, lang)), width, height)
    return Chart(chart_id, group, Markup(mark))
