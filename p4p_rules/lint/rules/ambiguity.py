"""A: ambiguity — two rules for one question with different answers; rules that can never apply."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from p4p_rules.engine.view import Cited
from p4p_rules.lint.facts import VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab

# Kinds of provision that can hold only once in a version, with what makes two of them different.
_ONCE: list[tuple[type, Callable[[VersionFacts, Any], Any]]] = [
    (m.Scale, lambda v, p: (p.scale, tuple(p.categories))),
    (m.Disqualified, lambda v, p: (p.treatment, p.category)),
    (m.Frequency, lambda v, p: (p.months, p.in_month)),
    (m.Lag, lambda v, p: p.months),
    (m.Allocate, lambda v, p: (p.mode, tuple((x.category, x.value) for x in p.values))),
    (m.MinimumCategory, lambda v, p: p.category),
    (m.MinimumScore, lambda v, p: p.score),
    (m.Eligible, lambda v, p: frozenset(v.view.expand(p.members))),
    (m.PoolLevel, lambda v, p: vocab.normalize(p.group)),
    (m.PersonCap, lambda v, p: p.amount),
    (m.PersonFloor, lambda v, p: p.amount),
]


@register
class ConflictingProvisions(Rule):
    code = "A001"
    name = "conflicting-provisions"
    severity = "error"
    summary = ("Two provisions answer a question that has one answer (frequency, lag, allocation, division, "
               "scale, cap, eligibility, a remainder's destination …) differently in the same version.")
    summary_pt = ("Duas disposições respondem de modo diferente a uma questão de resposta única (periodicidade, "
                  "defasagem, distribuição, divisão, escala, teto, elegíveis, destino de uma sobra …) na mesma versão.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        groups: list[tuple[list[Cited], Callable[[Any], Any], Cited]] = []
        for cls, value in _ONCE:
            found = v.all(cls)
            if len(found) > 1:
                groups.append((found, lambda p, value=value: value(v, p), found[-1]))
        division = v.all(m.DivideEqually) + v.all(m.DivideByWeight)
        if len(division) > 1:
            division.sort(key=v.order)
            weights = v.all(m.DivideByWeight)
            groups.append((division, lambda p: ("weight", tuple((w.name, w.value) for w in p.weights))
                           if isinstance(p, m.DivideByWeight) else ("equal",), weights[-1] if weights else division[-1]))
        for source in ("ineligible", "earmark", "pro_rata", "cap", "failed_teams", "all"):
            found = [c for c in v.all(m.Remainder) if c.provision.source == source]
            if len(found) > 1:
                groups.append((found, lambda p: p.destination, found[-1]))
        by_share: dict[str, list[Cited]] = {}
        for c in v.all(m.PayShare):
            by_share.setdefault(vocab.normalize(c.provision.share), []).append(c)
        for found in by_share.values():
            if len(found) > 1:
                groups.append((found, lambda p: frozenset(v.view.expand(p.recipients)), found[-1]))

        for found, value, winner in groups:
            wins = value(winner.provision)
            for c in found:
                if c is winner or value(c.provision) == wins:
                    continue
                weight_rule = isinstance(winner.provision, m.DivideByWeight) and isinstance(c.provision, m.DivideEqually)
                why_pt = "a divisão por peso prevalece sobre a divisão igual, em qualquer ordem" if weight_rule \
                    else "o artigo posterior prevalece"
                why_en = "division by weight prevails over equal division, in any order" if weight_rule \
                    else "the later article prevails"
                yield v.finding(
                    self, c.provision,
                    f"{v.said(c)} — mas {v.said(winner)}: o motor aplica o {winner.cite} ({why_pt}) e esta "
                    "disposição não tem efeito",
                    f"{v.said(c)} — but {v.said(winner)}: the engine applies {winner.cite} ({why_en}) and this "
                    "provision has no effect",
                    "deixe uma só dessas disposições na lei",
                    "keep only one of these provisions in the law",
                    key=(self.code, c.provision.pos, winner.provision.pos))


@register
class RuleNeverApplies(Rule):
    code = "A002"
    name = "rule-never-applies"
    severity = "warning"
    summary = ("A provision can never take effect: a remainder rule for money that cannot arise, a weight for "
               "a cadre that is not eligible, a minimum that excludes nobody.")
    summary_pt = ("Uma disposição nunca produz efeito: destino de uma sobra que não pode ocorrer, peso para cargo "
                  "não elegível, mínimo que não exclui ninguém.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        needs = {"earmark": m.Earmark, "cap": m.PersonCap, "pro_rata": m.ProRata}
        for c in v.all(m.Remainder):
            cls = needs.get(c.provision.source)
            if cls is not None and not v.all(cls):
                src = v.source(c.provision.source)
                yield self._f(v, c, f"não há nada que produza sobra de {src} nesta versão",
                              f"nothing produces a remainder of {src} in this version")
        eligible = v.last(m.Eligible)
        if eligible:
            covered = v.view.expand(eligible.provision.members)
            for c in v.all(m.Earmark):
                covered |= v.view.expand([c.provision.target])
            for c in v.all(m.FixedAmount):
                covered |= v.view.expand(c.provision.recipients)
            for c in v.all(m.DivideByWeight):
                for w in c.provision.weights:
                    if w.value > 0 and not (v.view.expand([w.name]) & covered):
                        who = v.cadre(w.name)
                        yield self._f(v, c, f"{who} tem peso, mas não está entre os elegíveis ({eligible.cite})",
                                      f"{who} has a weight but is not eligible ({eligible.cite})", node=w)
            for c in v.all(m.PoolLevel):
                if not (v.view.expand([c.provision.group]) & covered):
                    who = v.cadre(c.provision.group)
                    yield self._f(v, c, f"ninguém de {who} é elegível ({eligible.cite})",
                                  f"nobody of {who} is eligible ({eligible.cite})")
        scale = v.scale
        for c in v.all(m.MinimumCategory):
            if scale and c.provision.category == scale[-1]:
                yield self._f(v, c, f"{v.category(scale[-1])} já é a pior categoria da escala: o mínimo não exclui "
                                    "nenhuma equipe",
                              f"{v.category(scale[-1])} is already the worst category of the scale: the minimum "
                              "excludes no team")
        for c in v.all(m.MinimumScore):
            if c.provision.score <= 0:
                yield self._f(v, c, "nenhuma nota é menor que isso: o mínimo não exclui nenhuma equipe",
                              "no score is below that: the minimum excludes no team")

    def _f(self, v: VersionFacts, c: Cited, pt: str, en: str, node: Any = None) -> Finding:
        target = node if node is not None and getattr(node, "pos", None) else c.provision
        return v.finding(
            self, target,
            f"{v.said(c)} nunca se aplica: {pt}",
            f"{v.said(c)} never applies: {en}",
            "retire a disposição, ou corrija-a para o caso que ela deveria cobrir",
            "drop the provision, or correct it for the case it was meant to cover",
            key=(self.code, target.pos, pt))
