"""Provision diff: the articles added, changed, reworded and repealed between two consolidated texts.

An article is compared by what it means (`model.law.semantic`: no positions, no comments).  It is
*changed* when its rules differ, *reworded* when only its legal wording differs (no centavo can
change), *added* / *repealed* when it exists on one side only.  Each side is printed as canonical
law text in the law's language (`printer.Printer`), with the legal wording on its own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Literal

from p4p_rules.consolidate import article_key
from p4p_rules.model.law import Article, LawInForce, semantic
from p4p_rules.printer import Printer

Status = Literal["added", "changed", "reworded", "repealed"]


@dataclass
class ArticleChange:
    number: str
    status: Status
    old: Article | None
    new: Article | None
    old_source: str | None = None          # version whose wording the old article has
    new_source: str | None = None
    old_lines: list[str] = field(default_factory=list)   # the rules, as law text (no wording, no comments)
    new_lines: list[str] = field(default_factory=list)
    # per line: ' ' same on both sides, '-' only before (old_marks), '+' only after (new_marks)
    old_marks: list[str] = field(default_factory=list)
    new_marks: list[str] = field(default_factory=list)

    @property
    def rules_changed(self) -> bool:
        """Whether the change can move money (anything but a change of legal wording)."""
        return _rules(self.old) != _rules(self.new)

    @property
    def label(self) -> str:
        return f"art. {self.number}"

    @property
    def old_wording(self) -> str | None:
        return self.old.wording if self.old else None

    @property
    def new_wording(self) -> str | None:
        return self.new.wording if self.new else None


def _strip_wording(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _strip_wording(x) for k, x in v.items() if k != "wording"}
    if isinstance(v, list):
        return [_strip_wording(x) for x in v]
    return v


def _rules(article: Article | None) -> Any:
    """What an article does to money: its meaning without legal wording (an absent article does nothing)."""
    if article is None:
        return []
    rules = _strip_wording(semantic(article))
    rules.pop("number", None)
    return [rules["provisions"], rules["paragraphs"]] if rules["provisions"] or rules["paragraphs"] else []


def _without_comments(v: Any) -> Any:
    if isinstance(v, dict):
        out = {k: _without_comments(x) for k, x in v.items()}
        if "comments" in out:
            out["comments"] = []
        if "trailing_comment" in out:
            out["trailing_comment"] = None
        return out
    if isinstance(v, list):
        return [_without_comments(x) for x in v]
    return v


def rule_lines(article: Article, language: Literal["pt", "en"]) -> list[str]:
    """The article as law text, without its wording (shown apart) and without comments."""
    clean = Article.model_validate(_without_comments(article.model_dump()))
    clean = clean.model_copy(update={"wording": None})
    return Printer(language).article_lines(clean, f"art. {article.number}")


def _marks(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    om, nm = ["-"] * len(old), ["+"] * len(new)
    for block in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            om[block.a + k] = " "
            nm[block.b + k] = " "
    return om, nm


def provision_diff(old: LawInForce, new: LawInForce) -> list[ArticleChange]:
    """Every article that differs between two consolidated texts, in article-number order."""
    old_by = {a.number: a for a in old.articles}
    new_by = {a.number: a for a in new.articles}
    new_lang = new.law.language
    changes: list[ArticleChange] = []
    for number in sorted(set(old_by) | set(new_by), key=article_key):
        a, b = old_by.get(number), new_by.get(number)
        if a is not None and b is not None:
            if semantic(a) == semantic(b):
                continue
            status: Status = "reworded" if _rules(a) == _rules(b) else "changed"
        else:
            status = "added" if a is None else "repealed"
        c = ArticleChange(number, status, a, b, old.article_source.get(number) if a else None,
                          new.article_source.get(number) if b else None)
        # both sides in the new law's language, so that equal rules print as equal lines
        c.old_lines = rule_lines(a, new_lang) if a else []
        c.new_lines = rule_lines(b, new_lang) if b else []
        c.old_marks, c.new_marks = _marks(c.old_lines, c.new_lines)
        changes.append(c)
    return changes
