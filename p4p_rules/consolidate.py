"""Amendments applied in order: the consolidated text of each version, and the law in force at a date."""

from __future__ import annotations

import datetime as dt
import difflib
from itertools import pairwise

from p4p_rules.model.law import Article, Law, LawInForce, Version
from p4p_rules.syntax.diagnostics import Diagnostic, hint


def article_key(number: str) -> tuple[int, str]:
    """Order articles as a law does: 3 < 3-A < 3-B < 4."""
    base, _, suffix = number.partition("-")
    return int(base), suffix


def _diag(law: Law, code: str, node: Version | Article | object, help: str | None = None, **args: object) -> Diagnostic:
    pos = getattr(node, "pos", None)
    return Diagnostic(code, pos.file if pos else (law.file or "<law>"), pos.line if pos else 1,
                      pos.col if pos else 1, law.language, dict(args), help)


def _suggest_article(target: str, existing: list[str], language: str) -> str | None:
    match = difflib.get_close_matches(target, existing, n=1, cutoff=0.3)
    return hint("did_you_mean", language, name=f"art. {match[0]}") if match else None


def consolidate(law: Law) -> tuple[list[LawInForce], list[Diagnostic]]:
    """One consolidated text per version, in file order, and the problems found applying amendments."""
    diagnostics: list[Diagnostic] = []
    out: list[LawInForce] = []
    articles: list[Article] = []
    repealed: list[str] = []
    source: dict[str, str] = {}
    seen_dates: dict[dt.date, Version] = {}
    previous: Version | None = None
    header = law.model_copy(update={"versions": []})
    for version in law.versions:
        if version.effective in seen_dates:
            other = seen_dates[version.effective]
            diagnostics.append(_diag(law, "E132", version, date=_fmt_date(version.effective, law.language),
                                     other=other.name, line=other.pos.line if other.pos else "?"))
        seen_dates.setdefault(version.effective, version)
        if version.kind == "amendment" and previous is not None and version.effective < previous.effective:
            diagnostics.append(_diag(law, "E133", version, name=version.name,
                                     date=_fmt_date(version.effective, law.language), other=previous.name,
                                     other_date=_fmt_date(previous.effective, law.language)))
        if version.kind == "original":
            articles = list(version.articles)  # articles are never mutated after building: share, do not copy
            repealed = []
            source = {a.number: version.name for a in articles}
        else:
            base_name = previous.name if previous else "?"
            for op in version.operations:
                numbers = [a.number for a in articles]
                if op.op == "replace":
                    if op.target not in numbers:
                        diagnostics.append(_diag(law, "E130", op, _suggest_article(op.target, numbers, law.language),
                                                 article=op.target, version=base_name))
                        continue
                    assert op.article is not None
                    articles[numbers.index(op.target)] = op.article
                    source[op.target] = version.name
                elif op.op == "insert":
                    if op.target in numbers:
                        diagnostics.append(_diag(law, "E131", op, article=op.target, version=base_name))
                        continue
                    assert op.article is not None
                    new = op.article
                    if op.after is not None:
                        if op.after not in numbers:
                            diagnostics.append(_diag(law, "E130", op,
                                                     _suggest_article(op.after, numbers, law.language),
                                                     article=op.after, version=base_name))
                            continue
                        articles.insert(numbers.index(op.after) + 1, new)
                    else:
                        index = next((i for i, n in enumerate(numbers) if article_key(n) > article_key(op.target)),
                                     len(articles))
                        articles.insert(index, new)
                    source[op.target] = version.name
                    if op.target in repealed:
                        repealed.remove(op.target)
                else:  # repeal
                    if op.target not in numbers:
                        diagnostics.append(_diag(law, "E130", op, _suggest_article(op.target, numbers, law.language),
                                                 article=op.target, version=base_name))
                        continue
                    del articles[numbers.index(op.target)]
                    source.pop(op.target, None)
                    repealed.append(op.target)
        out.append(LawInForce(law=header, version=version.name, title=version.title, effective=version.effective,
                              articles=list(articles), repealed=list(repealed),
                              article_source=dict(source)))
        previous = version
    # A version is in force until the next one (by date) starts.
    by_date = sorted(out, key=lambda v: v.effective)
    for current, nxt in pairwise(by_date):
        if nxt.effective > current.effective:
            current.until = nxt.effective - dt.timedelta(days=1)
    return out, diagnostics


def in_force_at(texts: list[LawInForce], date: dt.date) -> LawInForce | None:
    """The consolidated version in force on a date: the latest one that took effect on or before it."""
    candidates = [t for t in texts if t.effective <= date]
    return max(candidates, key=lambda t: t.effective) if candidates else None


def by_name(texts: list[LawInForce], name: str) -> LawInForce | None:
    return next((t for t in texts if t.version.casefold() == name.casefold()), None)


def _fmt_date(d: dt.date, language: str) -> str:
    return d.strftime("%d/%m/%Y") if language == "pt" else d.isoformat()
