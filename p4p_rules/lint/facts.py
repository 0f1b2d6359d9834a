"""What the rules look at: each consolidated version of a law, read as the engine reads it.

`VersionFacts` wraps the engine's `LawView` (provisions with their citations) and adds what several
rules need: how much of the money each share of the tree is, whether anything reaches staff, and
which remainder sources (docs/engine.md §7) can arise under the version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable

from p4p_rules.engine.view import Cited, LawView, percent
from p4p_rules.load import CompiledLaw
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab
from p4p_rules.printer import Printer, fmt_date
from p4p_rules.lint.finding import Finding

SOURCES = ("ineligible", "earmark", "pro_rata", "cap", "failed_teams")


@dataclass
class Cause:
    """A provision that makes a remainder source arise, and (optionally) why, in both languages."""

    cited: Cited
    pt: str | None = None
    en: str | None = None


class LawFacts:
    """A compiled law and the facts of each of its consolidated versions."""

    def __init__(self, compiled: CompiledLaw, source_lines: list[str] | None = None):
        self.compiled = compiled
        self.law = compiled.law
        self.lang = compiled.law.language
        self.file = compiled.law.file or "<law>"
        self.lines = source_lines or []
        self.printer = Printer(self.lang)
        self.versions: list[VersionFacts] = []
        previous: VersionFacts | None = None
        for i, text in enumerate(compiled.texts):
            vf = VersionFacts(self, text, i, previous)
            self.versions.append(vf)
            previous = vf

    def t(self, pt: str, en: str) -> str:
        return pt if self.lang == "pt" else en

    def version_node(self, name: str) -> m.Version:
        return next(v for v in self.law.versions if v.name == name)

    def date(self, d: dt.date) -> str:
        return fmt_date(d, self.lang)

    def finding(self, rule: Any, node: Any, pt: str, en: str, help_pt: str | None = None,
                help_en: str | None = None, *, versions: Iterable[tuple[str, dt.date]] = (),
                key: tuple[Any, ...] | None = None, width: int | None = None,
                fallback: Any = None) -> Finding:
        pos = getattr(node, "pos", None) or getattr(fallback, "pos", None)
        file = pos.file if pos else self.file
        line, col = (pos.line, pos.col) if pos else (1, 1)
        message = self.t(pt, en)
        return Finding(rule.code, rule.name, rule.severity, message,
                       self.t(help_pt, help_en) if help_pt and help_en else None,
                       file, line, col, self.lang, width, list(versions), None,
                       key if key is not None else (file, line, col, message), node if pos else fallback)


@dataclass
class VersionFacts:
    law_facts: LawFacts
    text: m.LawInForce
    index: int
    previous: "VersionFacts | None"
    view: LawView = field(init=False)
    cite_of: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.view = LawView.of(self.text)
        self.cite_of = {id(c.provision): c.cite for c in self.view.cited}
        self._order = {id(c.provision): i for i, c in enumerate(self.view.cited)}
        self._fractions()

    # ---- basics ----------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.text.version

    @property
    def effective(self) -> dt.date:
        return self.text.effective

    @property
    def lang(self) -> str:
        return self.law_facts.lang

    @property
    def p(self) -> Printer:
        return self.law_facts.printer

    @property
    def node(self) -> m.Version:
        return self.law_facts.version_node(self.name)

    def t(self, pt: str, en: str) -> str:
        return self.law_facts.t(pt, en)

    def all(self, cls: type) -> list[Cited]:
        return self.view.all(cls)

    def last(self, cls: type) -> Cited | None:
        return self.view.last(cls)

    def cite(self, provision: Any) -> str:
        return self.cite_of.get(id(provision), "")

    def said(self, c: Cited) -> str:
        """'art. 3: reservar 20% para dentista' — a provision as the law writes it, with its article."""
        return f"{c.cite}: {self.p.provision(c.provision)}"

    def finding(self, rule: Any, node: Any, pt: str, en: str, help_pt: str | None = None,
                help_en: str | None = None, *, key: tuple[Any, ...] | None = None,
                width: int | None = None) -> Finding:
        return self.law_facts.finding(rule, node, pt, en, help_pt, help_en,
                                      versions=[(self.name, self.effective)], key=key, width=width,
                                      fallback=self.node)

    # ---- names in the law's language ---------------------------------------------------------------
    def cadre(self, name: str) -> str:
        return self.p.cadre(name)

    def category(self, name: str) -> str:
        return self.p.category(name)

    def share(self, name: str) -> str:
        return self.p.node_name(name)

    def source(self, source: str) -> str:
        return vocab.REMAINDER_SOURCES.spelling(source, self.lang)

    def remainder_rule(self, source: str, destination: str) -> str:
        """The provision that sends a source somewhere, as the law would write it."""
        # sources come from the engine's own list; pydantic checks them against the Literal when it builds the node
        return self.p.provision(m.Remainder(source=source, destination=destination))  # type: ignore[arg-type]

    # ---- the tree of shares ------------------------------------------------------------------------
    def _fractions(self) -> None:
        """Fraction of the whole money that reaches each node of the tree (as the engine walks it)."""
        splits = {vocab.normalize(c.provision.parent): c for c in self.all(m.Split)}
        self.fraction: dict[str, Fraction] = {}
        self.leaves: dict[str, Fraction] = {}
        self.top_split: Cited | None = splits.get(vocab.FUNDS)
        self.share_node: dict[str, m.Share] = {}
        if not splits:
            self.leaves[vocab.TEAMS] = Fraction(1)
            self.fraction[vocab.TEAMS] = Fraction(1)
            return
        seen: set[str] = set()

        def walk(node: str, amount: Fraction) -> None:
            key = vocab.normalize(node)
            self.fraction[key] = self.fraction.get(key, Fraction(0)) + amount
            c = splits.get(key)
            if c is None or key in seen:
                self.leaves[key] = self.leaves.get(key, Fraction(0)) + amount
                return
            seen.add(key)
            for s in c.provision.shares:
                self.share_node.setdefault(vocab.normalize(s.node), s)
                walk(s.node, amount * percent(s.percent))

        walk(vocab.FUNDS, Fraction(1))

    @property
    def teams_fraction(self) -> Fraction:
        return self.leaves.get(vocab.TEAMS, Fraction(0))

    @property
    def pays_teams(self) -> bool:
        """Some money reaches the teams' pool."""
        return self.teams_fraction > 0

    def pay_shares(self) -> list[tuple[Cited, Fraction]]:
        """Shares paid straight to cadres, with the fraction of the money they are."""
        out = []
        for c in self.all(m.PayShare):
            out.append((c, self.leaves.get(vocab.normalize(c.provision.share), Fraction(0))))
        return out

    @property
    def pays_staff(self) -> bool:
        """Some money reaches people: the teams' pool or a share paid to a cadre."""
        return self.pays_teams or any(f > 0 for _, f in self.pay_shares())

    # ---- allocation, scale ----------------------------------------------------------------------------
    @property
    def scale(self) -> list[str]:
        return self.view.scale()

    def allocation(self) -> Cited | None:
        return self.last(m.Allocate)

    def by_category(self) -> Cited | None:
        a = self.allocation()
        return a if a and a.provision.mode in ("category_weight", "category_share") else None

    def floor_categories(self) -> set[str]:
        return {cat for c in self.all(m.TeamFloor) for cat in c.provision.categories}

    # ---- remainder sources -------------------------------------------------------------------------------
    def order(self, cited: Cited) -> int:
        return self._order.get(id(cited.provision), 0)

    def causes(self) -> dict[str, list[Cause]]:
        """For each remainder source, the provisions that make it arise (empty: it cannot arise)."""
        out: dict[str, list[Cause]] = {s: [] for s in SOURCES}
        if self.pays_staff:
            for cls in (m.Require, m.ExcludeLeave, m.LoseAfterAbsences):
                out["ineligible"] += [Cause(c) for c in self.all(cls)]
            out["pro_rata"] = [Cause(c) for c in self.all(m.ProRata)]
            out["cap"] = [Cause(c) for c in self.all(m.PersonCap)]
        if self.pays_teams:
            out["ineligible"] += [Cause(c, f"{c.cite}: uma equipe sem ninguém dos cargos elegíveis",
                                        f"{c.cite}: a team with nobody of the eligible cadres")
                                  for c in self.all(m.Eligible)]
            out["earmark"] = [Cause(c) for c in self.all(m.Earmark)]
            out["failed_teams"] = self._failing()
        for c, frac in self.pay_shares():
            if frac > 0:
                who = self.p.names(c.provision.recipients, self.cadre)
                out["ineligible"].append(Cause(c, f"{c.cite}: quando não há ninguém de {who}",
                                               f"{c.cite}: when there is nobody of {who}"))
        for causes in out.values():
            causes.sort(key=lambda k: self.order(k.cited))
        return out

    def _failing(self) -> list[Cause]:
        """Provisions under which a team's money becomes the 'failed teams' remainder (docs/engine.md §4).

        A team below a minimum category or score fails with its part; a disqualified team fails when the
        law excludes it (or is silent) — its part is lost unless its weight is 0 anyway (allocation by
        category weight); by category share, whatever is below 100% of a full part is lost; by category
        weight, the whole pool is lost when every team is in a category of weight 0.
        """
        out: list[Cause] = [Cause(c) for c in self.all(m.MinimumCategory) + self.all(m.MinimumScore)]
        alloc = self.allocation()
        mode = alloc.provision.mode if alloc else "equal"
        listed = {v.category: v.value for v in alloc.provision.values} if alloc else {}
        floors = self.floor_categories()
        disq = self.last(m.Disqualified)
        disq_weight = mode != "category_weight" or listed.get(vocab.DISQUALIFIED, 0) > 0
        if disq and disq.provision.treatment == "excluded" and disq_weight and vocab.DISQUALIFIED not in floors:
            out.append(Cause(disq))
        elif disq is None and self.scale and disq_weight and vocab.DISQUALIFIED not in floors:
            sc = self.last(m.Scale)
            assert sc is not None
            out.append(Cause(sc, f"{sc.cite}: a lei não diz o que acontece com as equipes desclassificadas "
                                 "(o motor as exclui)",
                             f"{sc.cite}: the law does not say what happens to disqualified teams "
                             "(the engine excludes them)"))
        if alloc and mode == "category_weight":
            zero = [cat for cat in self.scale if listed.get(cat, 0) == 0 and cat not in floors]
            if zero:
                names = self.p.names(zero, self.category)
                out.append(Cause(alloc, f"{alloc.cite}: se todas as equipes forem {names} (peso 0), todo o "
                                        "dinheiro das equipes sobra",
                                 f"{alloc.cite}: if every team is {names} (weight 0), all the teams' money "
                                 "is left over"))
        elif alloc and mode == "category_share":
            below = [cat for cat in self.scale if listed.get(cat, 0) < 100 and cat not in floors]
            if below:
                names = self.p.names(below, self.category)
                out.append(Cause(alloc, f"{alloc.cite}: {names} recebe(m) menos que uma parte inteira, e o "
                                        "resto sobra",
                                 f"{alloc.cite}: {names} receive(s) less than a full part, and the rest "
                                 "is left over"))
        return out

    def describe(self, cause: Cause) -> str:
        if cause.pt and cause.en:
            return self.t(cause.pt, cause.en)
        return self.said(cause.cited)
