"""What `p4p-rules diff` prints: the articles side by side, then the money, in the law's language."""

from __future__ import annotations

from fractions import Fraction

from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from p4p_rules.diff.api import DiffResult
from p4p_rules.diff.impact import Impact
from p4p_rules.diff.provisions import ArticleChange
from p4p_rules.diff.words import cadre_name, category_name, decimal_text, money, percent_text, w
from p4p_rules.printer import fmt_date

def side_labels(result: DiffResult) -> tuple[str, str]:
    """Column heads: the version names (or the cycles), 'before'/'after' when they would be the same."""
    if result.impact is not None and result.cycles:
        return result.impact.old.label, result.impact.new.label
    a, b = result.old.version, result.new.version
    if a == b:
        return w("old", result.language), w("new", result.language)
    return a, b


def _version_line(result: DiffResult, which: str) -> str:
    text = result.old if which == "old" else result.new
    file = result.old_file if which == "old" else result.new_file
    lang = result.language
    title = f" \"{text.title}\"" if text.title else ""
    since = "em vigor desde" if lang == "pt" else "in force from"
    return f"{file} · {text.version}{title} · {since} {fmt_date(text.effective, lang)}"


def _rules_text(lines: list[str], marks: list[str], colour: str) -> Text:
    out = Text()
    for i, (line, mark) in enumerate(zip(lines, marks, strict=True)):
        if i:
            out.append("\n")
        if mark == " ":
            out.append("  " + line, style="dim")
        else:
            out.append(f"{mark} " + line, style=f"bold {colour}")
    return out


def _article_table(c: ArticleChange, result: DiffResult, labels: tuple[str, str]) -> Table:
    lang = result.language
    t = Table(title=f"art. {c.number} — {w(c.status, lang)}", title_justify="left", expand=True, show_lines=True)
    t.add_column(labels[0], ratio=1)
    t.add_column(labels[1], ratio=1)
    absent = Text(w("not_in_text", lang), style="dim")
    if c.old_wording or c.new_wording:
        t.add_row(Text(c.old_wording or "", style="italic") if c.old else absent,
                  Text(c.new_wording or "", style="italic") if c.new else absent)
    t.add_row(_rules_text(c.old_lines, c.old_marks, "red") if c.old else absent,
              _rules_text(c.new_lines, c.new_marks, "green") if c.new else absent)
    return t


def _add(t: Table, header: str, justify: JustifyMethod, **kw) -> None:
    """A column never narrower than the longest word of its heading (headings wrap between words)."""
    words = header.split()
    t.add_column(header, justify=justify, min_width=max((len(x) for x in words), default=0), **kw)


def _pct(value: Fraction | None, lang: str) -> str:
    return percent_text(value, lang, 1, signed=True)


def _n(centavos: int, lang: str) -> str:
    """An amount in a table whose heading says R$: 1.234,56."""
    return money(centavos, lang).replace("R$ ", "")


def _signed(centavos: int, lang: str, currency: bool = False) -> Text:
    style = "green" if centavos > 0 else "red" if centavos < 0 else "dim"
    text = money(centavos, lang, signed=True)
    return Text(text if currency else text.replace("R$ ", ""), style=style)


def _head(value: Fraction | None, lang: str) -> str:
    return _n(round(value), lang) if value is not None else "—"


def _rs(label: str) -> str:
    return f"{label} (R$)"


def print_provisions(result: DiffResult, console: Console) -> None:
    lang = result.language
    labels = side_labels(result)
    console.print(Text(w("provisions", lang), style="bold underline"))
    console.print(Text(f"{labels[0]}: {_version_line(result, 'old')}"))
    console.print(Text(f"{labels[1]}: {_version_line(result, 'new')}"))
    if not result.changes:
        console.print(w("no_changes", lang))
        return
    for c in result.changes:
        console.print(_article_table(c, result, labels))


def _measure_text(key: str, value, where: str, lang: str) -> str:
    if value is None:
        return "—"
    if key == "people_paid":
        return str(value)
    if key == "mean_paid":
        return _n(round(value), lang)
    if key == "top10":
        return percent_text(value, lang, 1)
    text = decimal_text(value, 4 if key == "gini" else 2, lang)
    if where:
        if key == "cadre_ratio":
            hi, lo = where.split("/")
            where = f"{cadre_name(hi, lang)}/{cadre_name(lo, lang)}"
        elif key == "team_spread":
            where = category_name(where, lang)
        text += f" ({where})"
    return text


def _measure_change(key: str, old, new, lang: str) -> str:
    if old is None or new is None:
        return ""
    d = Fraction(new - old)
    if key == "people_paid":
        return f"{int(d):+d}".replace("-", "−") if d else "0"
    if key == "mean_paid":
        return money(round(d), lang, signed=True).replace("R$ ", "")
    if key == "top10":
        text, unit = decimal_text(d * 100, 1, lang), " p.p."
    else:
        text, unit = decimal_text(d, 4 if key == "gini" else 2, lang), ""
    if not any(ch in "123456789" for ch in text):
        return text.lstrip("-") + unit          # rounds to zero: no sign
    return ("+" + text if d > 0 else text).replace("-", "−") + unit


def print_impact(result: DiffResult, console: Console, top: int = 10) -> None:
    im = result.impact
    assert im is not None
    lang = result.language
    a, b = side_labels(result)
    console.print()
    console.print(Text(w("impact", lang), style="bold underline"))
    if result.cycles:
        console.print(w("cycles_note", lang))
        for side, window in zip((im.old, im.new), result.cycle_windows, strict=True):
            until = fmt_date(window[1], lang) if window[1] else "…"
            console.print(f"{side.label} ({fmt_date(window[0], lang)} – {until}): {w('versions_used', lang)} "
                          f"{', '.join(side.versions) or '—'}; {len(side.periods)} "
                          f"{'períodos' if lang == 'pt' else 'periods'}: {', '.join(side.periods)}")
    else:
        start, end = result.months
        if start or end:
            rng = (f"{start:%Y-%m}" if start else "…") + " – " + (f"{end:%Y-%m}" if end else "…")
        else:
            rng = w("all_months", lang)
        console.print(w("same_data", lang, months=rng))
        for label, side in ((a, im.old), (b, im.new)):
            span = f" ({side.periods[0]} … {side.periods[-1]})" if side.periods else ""
            console.print(f"  {label}: {w('periods_computed', lang, n=len(side.periods))}{span}")

    t = Table(title=_rs(w("totals", lang)), title_justify="left", box=box.SIMPLE_HEAD)
    heads: list[tuple[str, JustifyMethod]] = [(w("destination", lang), "left"), (a, "right"), (b, "right"),
                                              (w("change", lang), "right")]
    for col, just in heads:
        _add(t, col, just)
    for key, dest, o, n in im.totals:
        if key in ("carried_beyond", "pending") and o == 0 and n == 0:
            continue
        label = dest if key == "destination" else w(key, lang)
        t.add_row(label, _n(o, lang), _n(n, lang), _signed(n - o, lang))
    console.print(t)
    c = im.counts
    console.print(w("counts", lang, gainers=c["gainers"], losers=c["losers"], unchanged=c["unchanged"],
                    newly=c["newly_paid"], gone=c["no_longer_paid"]))
    _top(console, result, top, a, b)
    _group_table(console, im, "cadres", w("by_cadre", lang), lambda v: cadre_name(v, lang), a, b, lang)
    _group_table(console, im, "teams", w("by_team", lang), lambda v: v or w("no_team", lang), a, b, lang)
    _group_table(console, im, "categories", w("by_category", lang), lambda v: category_name(v, lang) if v
                 else w("no_team", lang), a, b, lang)

    t = Table(title=w("fairness", lang), title_justify="left", box=box.SIMPLE_HEAD)
    heads = [(w("measure", lang), "left"), (a, "right"), (b, "right"), (w("change", lang), "right")]
    for col, just in heads:
        _add(t, col, just)
    for m in im.fairness:
        t.add_row(w(m.key, lang), _measure_text(m.key, m.old, m.old_where, lang),
                  _measure_text(m.key, m.new, m.new_where, lang), _measure_change(m.key, m.old, m.new, lang))
    console.print(t)


def _top(console: Console, result: DiffResult, top: int, a: str, b: str) -> None:
    """The top gainers and losers, one line each, with the articles behind the change."""
    im, att, lang = result.impact, result.attribution, result.language
    assert im is not None
    by_person = att.table.set_index("staff_id") if att is not None and att.steps else None
    step_labels = att.labels if att is not None else []
    for gainers in (True, False):
        people = im.top(top, gainers)
        if not len(people):
            continue
        console.print(Text(w("top_gainers" if gainers else "top_losers", lang), style="bold"))
        for r in people.itertuples():
            line = Text(f"  {r.staff_id} {r.name} ", style="bold")
            line.append(f"({cadre_name(r.cadre, lang)}, {r.teams or w('no_team', lang)}): ")
            line.append(f"{money(r.old, lang)} → {money(r.new, lang)} ")
            line.append_text(_signed(int(r.change), lang, currency=True))
            if r.change_pct is not None:
                line.append(f" ({_pct(r.change_pct, lang)})")
            if by_person is not None:
                parts = [(label, int(by_person.at[r.staff_id, f"step_{i + 1}"]))
                         for i, label in enumerate(step_labels)]
                parts = [(label, v) for label, v in parts if v]
                if parts:
                    line.append("\n      = ")
                    for j, (label, v) in enumerate(parts):
                        if j:
                            line.append("  ")
                        line.append(f"{label} ")
                        line.append_text(_signed(v, lang))
            console.print(line)


def _r(centavos: int | Fraction | None, lang: str, signed: bool = False) -> str:
    """Whole reais (rounded half-even) for the summary tables; the --out tables keep the centavos."""
    if centavos is None:
        return "—"
    reais = round(Fraction(centavos) / 100)
    text = f"{abs(reais):,}"
    text = text.replace(",", ".") if lang == "pt" else text
    if reais < 0:
        return "−" + text
    return ("+" + text) if signed and reais > 0 else text


def _whole(centavos: int, lang: str) -> Text:
    return Text(_r(centavos, lang, True), style="green" if centavos > 0 else "red" if centavos < 0 else "dim")


def _group_table(console: Console, im: Impact, which: str, title: str, name, a: str, b: str, lang: str) -> None:
    df = getattr(im, which)
    if not len(df):
        return
    key = df.columns[0]
    t = Table(title=f"{title} ({w('whole_reais', lang)})", title_justify="left", box=box.SIMPLE_HEAD,
              collapse_padding=True, pad_edge=False)
    cats = which == "categories"
    cols: list[tuple[str, JustifyMethod]] = [("", "left"), (w("people", lang), "right"), (a, "right"), (b, "right"),
                                             (w("change", lang), "right")]
    cols += [(w("per_head", lang), "right"), (w("spread", lang), "right")] if cats else \
        [("%", "right"), (w("per_head", lang), "right")]
    for i, (col, just) in enumerate(cols):
        t.add_column(col, justify=just, no_wrap=i > 0, min_width=10 if i == 0 else None,
                     overflow="ellipsis" if i else "fold")
    for r in df.sort_values("new", ascending=False, kind="stable").to_dict("records"):
        change = _whole(r["change"], lang)
        row = [name(r[key]), f"{r['people_old']} → {r['people_new']}", _r(r["old"], lang), _r(r["new"], lang),
               change]
        if not cats:
            row.append(_pct(r["change_pct"], lang))
        row.append(f"{_r(r['per_head_old'], lang)} → {_r(r['per_head_new'], lang)}")
        if cats:
            row.append(" → ".join(decimal_text(v, 2, lang) if v is not None else "—"
                                  for v in (r["spread_old"], r["spread_new"])))
        t.add_row(*row)
    console.print(t)
    if which == "categories":
        console.print(Text(w("spread_note", lang), style="dim"))


def print_attribution(result: DiffResult, console: Console) -> None:
    att, im = result.attribution, result.impact
    assert att is not None and im is not None
    lang = result.language
    console.print()
    console.print(Text(w("attribution", lang), style="bold underline"))
    if not att.steps:
        console.print(w("no_rule_changes", lang))
        return
    console.print(w("order_note", lang))
    t = Table(title=f"{w('by_step', lang)} ({w('whole_reais', lang)})", title_justify="left", box=box.SIMPLE_HEAD,
              collapse_padding=True)
    heads: list[tuple[str, JustifyMethod]] = [
        (w("step", lang), "right"), (w("articles", lang), "left"), (w("staff", lang), "right"),
        (w("to_destinations", lang), "right"), (w("undistributed", lang), "right"),
        (w("gainers", lang), "right"), (w("losers", lang), "right")]
    for col, just in heads:
        _add(t, col, just)
    prev = {"to_staff": im.old.to_staff, "to_destinations": sum(im.old.destinations.values()),
            "undistributed": im.old.undistributed}
    for i, step in enumerate(att.steps):
        col = att.table[f"step_{i + 1}"]
        label = Text(step.label)
        if step.reason:
            key = "grouped" if step.reason_kind == "references" else "grouped_run"
            label.append("\n" + w(key, lang, reason=step.reason), style="dim")
        t.add_row(str(i + 1), label, *(_whole(step.money[k] - prev[k], lang) for k in prev),
                  str(int((col > 0).sum())), str(int((col < 0).sum())))
        prev = {k: step.money[k] for k in prev}
    total = {"to_staff": im.new.to_staff - im.old.to_staff,
             "to_destinations": sum(im.new.destinations.values()) - sum(im.old.destinations.values()),
             "undistributed": im.new.undistributed - im.old.undistributed}
    t.add_row("", Text(w("total", lang), style="bold"), *(_whole(v, lang) for v in total.values()),
              str(im.counts["gainers"]), str(im.counts["losers"]))
    console.print(t)


def print_diff(result: DiffResult, console: Console | None = None, top: int = 10) -> None:
    console = console or Console()
    if result.cycles:
        a, b = result.cycles
        console.print(Text(w("cycles_title", result.language, a=a, b=b), style="bold"))
    print_provisions(result, console)
    if result.impact is not None:
        print_impact(result, console, top)
    if result.attribution is not None:
        print_attribution(result, console)


__all__ = ["print_diff"]
