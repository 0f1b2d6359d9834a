"""Reference checks on a consolidated law: every cadre, group, category and share named is defined."""

from __future__ import annotations

import difflib
from typing import Any

from p4p_rules.model import vocabulary as vocab
from p4p_rules.model.law import (
    Allocate, CadreDecl, Disqualified, DivideByWeight, Earmark, Eligible, FixedAmount, GroupDecl,
    LawInForce, MinimumCategory, PayShare, PoolLevel, Redirect, Remainder, Scale, Split, TeamFloor,
)
from p4p_rules.syntax.diagnostics import Diagnostic, hint
from p4p_rules.syntax.keywords import word


class Definitions:
    """What a consolidated law defines: its cadres, groups, category scale and share tree."""

    def __init__(self, text: LawInForce):
        self.text = text
        self.provisions = [p for a in text.articles for _, p in a.all_provisions()]
        self.cadres = {vocab.normalize(p.name): p for p in self.provisions if isinstance(p, CadreDecl)}
        self.groups: dict[str, GroupDecl] = {}
        self.duplicate_groups: list[tuple[GroupDecl, GroupDecl]] = []
        for p in self.provisions:
            if isinstance(p, GroupDecl):
                key = vocab.normalize(p.name)
                if key in self.groups:
                    self.duplicate_groups.append((self.groups[key], p))
                else:
                    self.groups[key] = p
        scales = [p for p in self.provisions if isinstance(p, Scale)]
        self.scale = scales[-1] if scales else None
        self.splits = [p for p in self.provisions if isinstance(p, Split)]
        self.share_nodes = {vocab.FUNDS} | {vocab.normalize(s.node) for sp in self.splits for s in sp.shares}

    def is_cadre_or_group(self, name: str) -> bool:
        key = vocab.normalize(name)
        return key in vocab.CADRES.terms or vocab.CADRES.lookup(name) is not None or key in self.cadres \
            or key in self.groups

    def categories(self) -> list[str]:
        return (list(self.scale.categories) if self.scale else []) + [vocab.DISQUALIFIED]


# the provisions that name a cadre, group, category or share (each has a branch below)
_NAMING = (Eligible, GroupDecl, DivideByWeight, Earmark, FixedAmount, PoolLevel, PayShare, Allocate, MinimumCategory,
           TeamFloor, Redirect, Disqualified, Remainder, Split)


def check_references(text: LawInForce) -> list[Diagnostic]:
    """Undefined cadres, groups, categories and shares in one consolidated text."""
    law = text.law
    lang = law.language
    defs = Definitions(text)
    out: list[Diagnostic] = []

    def diag(code: str, node: Any, help: str | None = None, **args: Any) -> None:
        pos = node.pos
        out.append(Diagnostic(code, pos.file if pos else (law.file or "<law>"), pos.line if pos else 1,
                              pos.col if pos else 1, lang, dict(args), help))

    def print_name(name: str, vocabulary: vocab.Vocabulary) -> str:
        return vocabulary.spelling(name, lang) if name in vocabulary.terms else name

    def suggest(name: str, choices: list[str]) -> str | None:
        by_norm = {vocab.normalize(c): c for c in choices}
        match = difflib.get_close_matches(vocab.normalize(name), list(by_norm), n=1, cutoff=0.6)
        return hint("did_you_mean", lang, name=by_norm[match[0]]) if match else None

    # the lists of choices are only made for a suggestion, on an error
    def cadre(name: str, node: Any) -> None:
        if not defs.is_cadre_or_group(name):
            cadre_choices = vocab.CADRES.names(lang) + [p.name for p in defs.cadres.values()] + \
                [g.name for g in defs.groups.values()]
            diag("E140", node, suggest(name, cadre_choices), name=name)

    categories = defs.categories()

    def category(name: str, node: Any) -> None:
        if defs.scale is None and name != vocab.DISQUALIFIED:
            diag("E146", node)
        elif name not in categories and vocab.normalize(name) not in {vocab.normalize(c) for c in categories}:
            category_choices = [print_name(c, vocab.CATEGORIES) for c in categories]
            diag("E141", node, suggest(print_name(name, vocab.CATEGORIES), category_choices),
                 name=print_name(name, vocab.CATEGORIES))

    for first, again in defs.duplicate_groups:
        diag("E143", again, name=again.name, line=first.pos.line if first.pos else "?")
    split_parents: dict[str, Split] = {}
    for p in defs.provisions:
        if not isinstance(p, _NAMING):  # most provisions name nothing to check: one test instead of fifteen
            continue
        if isinstance(p, (Eligible,)):
            for m in p.members:
                cadre(m, p)
        elif isinstance(p, GroupDecl):
            for m in p.members:
                cadre(m, p)
        elif isinstance(p, DivideByWeight):
            for w in p.weights:
                cadre(w.name, w if w.pos else p)
        elif isinstance(p, Earmark):
            cadre(p.target, p)
        elif isinstance(p, FixedAmount):
            for r in p.recipients:
                cadre(r, p)
        elif isinstance(p, PoolLevel):
            cadre(p.group, p)
        elif isinstance(p, PayShare):
            for r in p.recipients:
                cadre(r, p)
            if vocab.normalize(p.share) not in defs.share_nodes:
                diag("E142", p, suggest(p.share, [s.node for sp in defs.splits for s in sp.shares]), name=p.share)
        elif isinstance(p, Allocate):
            for v in p.values:
                category(v.category, v if v.pos else p)
        elif isinstance(p, MinimumCategory):
            category(p.category, p)
        elif isinstance(p, TeamFloor):
            for c in p.categories:
                category(c, p)
        elif isinstance(p, Redirect):
            for c in p.from_categories + p.to_categories:
                category(c, p)
        elif isinstance(p, Disqualified) and p.category:
            category(p.category, p)
        elif isinstance(p, Remainder) and p.destination not in ("team", "next_period"):
            # a destination outside the share tree is allowed (e.g. the municipal health fund), but one
            # that looks like a share's name is almost surely a typo of it
            if vocab.normalize(p.destination) not in defs.share_nodes:
                near = suggest(p.destination, [s.node for sp in defs.splits for s in sp.shares])
                if near:
                    diag("E147", p, near, name=p.destination)
        elif isinstance(p, Split):
            key = vocab.normalize(p.parent)
            if key in split_parents:
                first_split = split_parents[key]
                shown = word("KW_FUNDS", lang) if p.parent == vocab.FUNDS else \
                    word("KW_TEAMS", lang) if p.parent == vocab.TEAMS else p.parent
                diag("E144", p, name=shown, line=first_split.pos.line if first_split.pos else "?")
            split_parents[key] = p
            if key not in defs.share_nodes:
                diag("E142", p, suggest(p.parent, [s.node for sp in defs.splits for s in sp.shares]), name=p.parent)
    return out
