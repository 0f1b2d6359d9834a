"""Attribution: which changed articles produced each person's change (a waterfall).

Order.  The articles whose *rules* changed (added, changed or repealed; a change of legal wording
alone moves no money and is not a step) are applied one at a time, in article-number order
(art. 2 < art. 2-A < art. 3), starting from the old text.  After each step the engine runs again
on the same data with that intermediate text forced for every period.  A step's contribution for a
person is their total after the step minus their total before it.  The first state is the old
text and the last is the new text itself, so the steps telescope: they add up to new − old for
every person, to the centavo.  Another order could split the same change differently; the order is
fixed so that the same diff always gives the same attribution.

Intermediate texts.  The old text with some of the new articles may not be a law: an article may
name a group, share or category that only a later article defines, or a scale change may leave
another article's categories undefined.  Each intermediate text is checked as a law is checked
(`resolve.check_references`).  When a step's text is inconsistent, the step takes, with it, the
first later article that makes it consistent (e.g. art. 3 naming the group that art. 5 defines
becomes the step "art. 3 + art. 5", placed at art. 3); when no single article does, it takes the
next articles in order until the text is consistent (at worst all remaining ones: one combined
step, whose text is the new law).  A text the engine refuses to apply (e.g. shares above 100%)
is merged the same way with the step after it.  The reason is reported with the step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from p4p_rules.consolidate import article_key
from p4p_rules.diff.provisions import ArticleChange
from p4p_rules.model.law import Article, LawInForce
from p4p_rules.resolve import check_references


@dataclass
class Step:
    changes: list[ArticleChange]
    text: LawInForce
    reason: str | None = None              # why several articles are applied together
    reason_kind: str | None = None         # 'references' or 'run'
    totals: dict[str, int] = field(default_factory=dict)   # person -> total after this step
    money: dict[str, int] = field(default_factory=dict)    # to_staff, to_destinations, undistributed ...

    @property
    def label(self) -> str:
        return " + ".join(c.label for c in self.changes)


def apply_changes(old: LawInForce, new: LawInForce, applied: list[ArticleChange],
                  all_rule_changes: list[ArticleChange]) -> LawInForce:
    """The old text with the given article changes applied (the new text itself when all are)."""
    numbers = {c.number for c in applied}
    if numbers >= {c.number for c in all_rule_changes}:
        return new
    articles: list[Article] = list(old.articles)
    source = dict(old.article_source)
    repealed = list(old.repealed)
    new_order = [a.number for a in new.articles]
    # changes and repeals in place; additions in the new text's order, after their predecessor there
    for c in sorted(applied, key=lambda c: article_key(c.number)):
        current = [a.number for a in articles]
        if c.status == "repealed":
            del articles[current.index(c.number)]
            source.pop(c.number, None)
            repealed.append(c.number)
        elif c.status == "changed":
            assert c.new is not None  # a changed article has a text on both sides
            articles[current.index(c.number)] = c.new
            source[c.number] = new.article_source.get(c.number, new.version)
    for c in sorted((c for c in applied if c.status == "added"), key=lambda c: new_order.index(c.number)):
        current = [a.number for a in articles]
        before = [n for n in new_order[:new_order.index(c.number)] if n in current]
        index = current.index(before[-1]) + 1 if before else 0
        assert c.new is not None  # an added article has a new text
        articles.insert(index, c.new)
        source[c.number] = new.article_source.get(c.number, new.version)
        if c.number in repealed:
            repealed.remove(c.number)
    name = f"{old.version} + " + " + ".join(c.label for c in sorted(applied, key=lambda c: article_key(c.number)))
    return old.model_copy(update={"articles": articles, "version": name, "article_source": source,
                                  "repealed": repealed, "effective": old.effective, "until": None})


def _problem(text: LawInForce) -> str | None:
    diags = check_references(text)
    return diags[0].message if diags else None


def plan(old: LawInForce, new: LawInForce, changes: list[ArticleChange]) -> list[Step]:
    """The steps, in order, each with a consistent text (before any engine run)."""
    rule_changes = sorted((c for c in changes if c.rules_changed), key=lambda c: article_key(c.number))
    pending = list(rule_changes)
    applied: list[ArticleChange] = []
    steps: list[Step] = []
    while pending:
        group = [pending[0]]
        rest = pending[1:]
        text = apply_changes(old, new, applied + group, rule_changes)
        problem = _problem(text) if text is not new else None
        reason = problem
        while problem is not None:
            partner = None
            for q in rest:
                candidate = apply_changes(old, new, applied + group + [q], rule_changes)
                if candidate is new or _problem(candidate) is None:
                    partner = q
                    break
            if partner is None:
                partner = rest[0]   # rest cannot be empty: applying everything gives the new text
            group.append(partner)
            rest.remove(partner)
            text = apply_changes(old, new, applied + group, rule_changes)
            problem = _problem(text) if text is not new else None
        steps.append(Step(group, text, reason, "references" if reason else None))
        applied += group
        pending = rest
    return steps


R = TypeVar("R")  # whatever the runner returns


def run_steps(steps: list[Step], runner: Callable[[LawInForce], R],
              is_refusal: Callable[[Exception], bool], old: LawInForce, new: LawInForce,
              all_rule_changes: list[ArticleChange]) -> list[tuple[Step, R | None]]:
    """Run the engine for each intermediate step (the last is the new text, run by the caller too).

    `runner(text)` returns a result; when it raises an exception for which `is_refusal` is true,
    the step is merged with the next one.  Returns (step, result) pairs; the last step's result is
    None (its text is the new text).
    """
    out: list[tuple[Step, R | None]] = []
    i = 0
    steps = list(steps)
    while i < len(steps):
        step = steps[i]
        if step.text is new:
            out.append((step, None))
            i += 1
            continue
        try:
            result = runner(step.text)
        except Exception as e:  # noqa: BLE001 - only refusals are handled, the rest re-raised
            if not is_refusal(e):
                raise
            nxt = steps[i + 1]
            applied = [c for s in steps[:i + 2] for c in s.changes]
            merged = Step(step.changes + nxt.changes, apply_changes(old, new, applied, all_rule_changes),
                          str(e), "run")
            steps[i:i + 2] = [merged]
            continue
        out.append((step, result))
        i += 1
    return out


__all__ = ["Step", "plan", "run_steps", "apply_changes"]
