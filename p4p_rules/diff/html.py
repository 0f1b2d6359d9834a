"""`diff --html FILE`: the diff as one self-contained HTML page with inline SVG charts, in the law's language.

The page is rendered from `templates/report.html.j2` by Jinja2 with autoescaping on (names and legal
wording are escaped by the template engine, not by hand).  It needs nothing from outside: the style
is inline, the charts are SVG drawn in Python (`html_charts.py`, `svg.py`), there is no script, no
web font and no link to load, and a Content-Security-Policy `default-src 'none'` tells the browser to
refuse any request if something ever slipped in.  The tables are in `html_tables.py`, the words in
`html_words.py` and `words.py`.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from p4p_rules.diff.api import DiffResult
from p4p_rules.diff.html_charts import cadre_chart, category_chart, histogram_chart, waterfalls
from p4p_rules.diff.html_tables import fairness_table, group_table, sign_cls, top_tables, totals_table
from p4p_rules.diff.html_words import t
from p4p_rules.diff.impact import Impact
from p4p_rules.diff.report import _version_line, side_labels
from p4p_rules.diff.words import cadre_name, category_name, money, w
from p4p_rules.printer import fmt_date


@dataclass
class Article:
    number: str
    status: str
    status_word: str
    sides: list[dict] = field(default_factory=list)   # per side: label, present, wording, source, lines


def _articles(result: DiffResult, labels: tuple[str, str]) -> list[Article]:
    lang = result.language
    out = []
    for c in result.changes:
        a = Article(c.number, c.status, w(c.status, lang))
        for label, art, wording, source, lines, marks in (
                (labels[0], c.old, c.old_wording, c.old_source, c.old_lines, c.old_marks),
                (labels[1], c.new, c.new_wording, c.new_source, c.new_lines, c.new_marks)):
            a.sides.append({"label": label, "present": art is not None, "wording": wording or "",
                            "source": t("worded_by_v", lang, v=source) if source else "",
                            "lines": [{"text": line, "mark": mark} for line, mark in zip(lines, marks, strict=True)]})
        out.append(a)
    return out


def _versions(result: DiffResult, labels: tuple[str, str]) -> list[str]:
    lang = result.language
    if result.cycles and result.impact is not None:
        lines = []
        for side, window in zip((result.impact.old, result.impact.new), result.cycle_windows, strict=True):
            end = fmt_date(window[1], lang) if window[1] else "…"
            lines.append(f"{side.label} ({fmt_date(window[0], lang)} – {end}): {w('versions_used', lang)} "
                         f"{', '.join(side.versions) or '—'}; {len(side.periods)} "
                         f"{'períodos' if lang == 'pt' else 'periods'}: {', '.join(side.periods)}")
        return lines
    return [f"{labels[0]}: {_version_line(result, 'old')}", f"{labels[1]}: {_version_line(result, 'new')}"]


def _months_lines(result: DiffResult, a: str, b: str) -> list[str]:
    im, lang = result.impact, result.language
    if im is None or result.cycles:
        return []
    start, end = result.months
    if start or end:
        rng = (f"{start:%Y-%m}" if start else "…") + " – " + (f"{end:%Y-%m}" if end else "…")
    else:
        rng = w("all_months", lang)
    lines = [w("same_data", lang, months=rng)]
    for label, side in ((a, im.old), (b, im.new)):
        span = f" ({side.periods[0]} … {side.periods[-1]})" if side.periods else ""
        lines.append(f"{label}: {w('periods_computed', lang, n=len(side.periods))}{span}")
    return lines


def _cards(im: Impact, lang: str) -> list[dict]:
    """The headline figures: old → new for the money flows and the people paid."""
    dest_old, dest_new = sum(im.old.destinations.values()), sum(im.new.destinations.values())
    names = ", ".join(sorted(set(im.old.destinations) | set(im.new.destinations)))
    people = next(m for m in im.fairness if m.key == "people_paid")
    paid_old, paid_new = int(people.old or 0), int(people.new or 0)  # head counts: always ints, never None
    cards = [
        {"label": w("to_staff", lang), "old": money(im.old.to_staff, lang), "new": money(im.new.to_staff, lang),
         "change": money(im.new.to_staff - im.old.to_staff, lang, True), "cls": sign_cls(im.new.to_staff -
                                                                                           im.old.to_staff)},
        {"label": w("to_destinations", lang) + (f" ({names})" if names else ""), "old": money(dest_old, lang),
         "new": money(dest_new, lang), "change": money(dest_new - dest_old, lang, True),
         "cls": sign_cls(dest_new - dest_old)},
        {"label": w("undistributed", lang), "old": money(im.old.undistributed, lang),
         "new": money(im.new.undistributed, lang), "change": money(im.new.undistributed - im.old.undistributed,
                                                                   lang, True),
         "cls": sign_cls(im.new.undistributed - im.old.undistributed)},
        {"label": w("people_paid", lang), "old": str(people.old), "new": str(people.new),
         "change": f"{paid_new - paid_old:+d}".replace("-", "−") if people.new != people.old
         else "0", "cls": sign_cls(paid_new - paid_old)},
    ]
    return cards


def context(result: DiffResult, top: int = 10) -> dict:
    """Everything the template shows, already worded in the law's language."""
    lang = result.language
    labels = side_labels(result)
    a, b = labels
    law = result.new.law
    place = " – ".join(x for x in (law.municipality, law.state) if x)
    counts: dict[str, int] = {}
    for c in result.changes:
        counts[c.status] = counts.get(c.status, 0) + 1
    parts = ", ".join(f"{w(s, lang)}: {n}" for s, n in counts.items())
    ctx: dict = {
        "lang": lang, "html_lang": "pt-BR" if lang == "pt" else "en", "t": lambda k, **kw: t(k, lang, **kw),
        "law_title": law.title, "place": place, "a": a, "b": b,
        "heading": w("cycles_title", lang, a=result.cycles[0], b=result.cycles[1]) if result.cycles
        else f"{t('page_title', lang)}: {a} → {b}",
        "versions": _versions(result, labels), "months": _months_lines(result, a, b),
        "summary_articles": w("no_changes", lang) if not result.changes else
        t("summary_article", lang, parts=parts) if len(result.changes) == 1 else
        t("summary_articles", lang, n=len(result.changes), parts=parts),
        "articles": _articles(result, labels), "impact": result.impact is not None,
        "cycles": bool(result.cycles), "attribution": None,
    }
    im = result.impact
    if im is None:
        return ctx
    tally = im.counts
    cadre_table = group_table(im, "cadres", w("by_cadre", lang), lambda v: cadre_name(v, lang), a, b, lang)
    category_table = group_table(im, "categories", w("by_category", lang),
                                  lambda v: category_name(v, lang) if v else w("no_team", lang), a, b, lang)
    ctx.update({
        "cards": _cards(im, lang), "counts": w("counts", lang, gainers=tally["gainers"], losers=tally["losers"],
                                                unchanged=tally["unchanged"], newly=tally["newly_paid"],
                                                gone=tally["no_longer_paid"]),
        "totals": totals_table(im, lang, a, b),
        "charts": [cadre_chart(im, lang, a, b, cadre_table), histogram_chart(im, lang, a, b),
                   category_chart(im, lang, category_table)] if len(im.persons) else [],
        "top_tables": top_tables(result, top, a, b),
        "team_table": group_table(im, "teams", w("by_team", lang), lambda v: v or w("no_team", lang), a, b, lang),
        "fairness": fairness_table(im, lang, a, b),
    })
    att = result.attribution
    if att is not None and att.steps and len(att.table):
        main, small, steps_table, cadre_steps = waterfalls(result, a, b)
        ctx["attribution"] = {"main": main, "small": small, "steps": steps_table, "cadres": cadre_steps}
    elif att is not None:
        ctx["attribution_note"] = w("no_rule_changes", lang) if not att.steps else t("nobody", lang)
    elif not result.cycles:
        ctx["attribution_note"] = t("no_attribution_run", lang)
    return ctx


_ENV = Environment(loader=PackageLoader("p4p_rules.diff", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(result: DiffResult, top: int = 10) -> str:
    """The report as one HTML document."""
    return _ENV.get_template("report.html.j2").render(**context(result, top))


def write_report(result: DiffResult, path: Path, top: int = 10) -> Path:
    """Render and write the report atomically: the file appears complete, or not at all."""
    text = render(result, top)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".p4p-", suffix=".html", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        umask = os.umask(0)   # read the umask (only by setting it), put it back at once
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


__all__ = ["render", "write_report", "context"]
