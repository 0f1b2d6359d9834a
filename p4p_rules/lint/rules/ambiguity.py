"""A: ambiguity — two rules for one question (or one case) with different answers; rules that can never apply."""

from __future__ import annotations

from functools import partial
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
    (m.WaitingPeriod, lambda v, p: p.days),
    (m.LoseAfterAbsences, lambda v, p: p.absences),
]

_LATER = ("o artigo posterior prevalece", "the later article prevails")
_WEIGHT = ("a divisão por peso prevalece sobre a divisão igual, em qualquer ordem",
           "division by weight prevails over equal division, in any order")
_STRICTER = ("o motor exige as duas condições, e a mais exigente decide",
             "the engine requires both conditions, so the stricter one decides")


@register
class ConflictingProvisions(Rule):
    code = "A001"
    name = "conflicting-provisions"
    severity = "error"
    summary = ("Two provisions answer a question that has one answer (frequency, lag, allocation, division, "
               "scale, cap, eligibility, a condition's threshold, a remainder's destination …) differently in the "
               "same version.")
    summary_pt = ("Duas disposições respondem de modo diferente a uma questão de resposta única (periodicidade, "
                  "defasagem, distribuição, divisão, escala, teto, elegíveis, limite de uma condição, destino de uma "
                  "sobra …) na mesma versão.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        groups: list[tuple[list[Cited], Callable[[Any], Any], Cited, tuple[str, str]]] = []
        for cls, value in _ONCE:
            found = v.all(cls)
            if len(found) > 1:
                groups.append((found, partial(value, v), found[-1], _LATER))
        division = v.all(m.DivideEqually) + v.all(m.DivideByWeight)
        if len(division) > 1:
            division.sort(key=v.order)
            weights = v.all(m.DivideByWeight)
            groups.append((division, lambda p: ("weight", tuple((w.name, w.value) for w in p.weights))
                           if isinstance(p, m.DivideByWeight) else ("equal",), weights[-1] if weights else division[-1],
                           _LATER))
        for source in ("ineligible", "earmark", "pro_rata", "cap", "failed_teams", "all"):
            found = [c for c in v.all(m.Remainder) if c.provision.source == source]
            if len(found) > 1:
                groups.append((found, lambda p: p.destination, found[-1], _LATER))
        by_share: dict[str, list[Cited]] = {}
        for c in v.all(m.PayShare):
            by_share.setdefault(vocab.normalize(c.provision.share), []).append(c)
        for found in by_share.values():
            if len(found) > 1:
                groups.append((found, lambda p: frozenset(v.view.expand(p.recipients)), found[-1], _LATER))
        # conditions the engine applies all together (docs/engine.md §5): two thresholds for one question mean
        # the stricter decides and the other never has an effect
        service = [c for c in v.all(m.Require) if c.provision.condition == "minimum_service"]
        if len(service) > 1:
            groups.append((service, lambda p: p.months or 0,
                           max(service, key=lambda c: (c.provision.months or 0, v.order(c))), _STRICTER))
        posted = [c for c in v.all(m.Require)
                  if c.provision.condition in ("posted_at_evaluation", "posted_in_evaluation_month")]
        at_date = [c for c in posted if c.provision.condition == "posted_at_evaluation"]
        if at_date and len(posted) > len(at_date):  # being posted on the day implies being posted in its month
            groups.append((posted, lambda p: p.condition, at_date[-1], _STRICTER))

        for found, answer, winner, why in groups:
            wins = answer(winner.provision)
            for c in found:
                if c is winner or answer(c.provision) == wins:
                    continue
                by_weight = isinstance(winner.provision, m.DivideByWeight) and isinstance(c.provision, m.DivideEqually)
                why_pt, why_en = _WEIGHT if by_weight else why
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


def _teams(v: VersionFacts, cat: str) -> tuple[str, str]:
    """'equipes insatisfatório' / 'teams rated insufficient' (and the disqualified ones)."""
    if cat == vocab.DISQUALIFIED:
        return "equipes desclassificadas", "disqualified teams"
    return f"equipes {v.category(cat)}", f"teams rated {v.category(cat)}"


def excluded_categories(v: VersionFacts) -> dict[str, Cited]:
    """Categories whose teams the version excludes (they fail, docs/engine.md §4), with the provision that does it."""
    out: dict[str, Cited] = {}
    scale = v.scale
    minimum = v.last(m.MinimumCategory)
    if minimum and minimum.provision.category in scale:
        for cat in scale[scale.index(minimum.provision.category) + 1:]:
            out[cat] = minimum
    disq = v.last(m.Disqualified)
    if disq and disq.provision.treatment == "excluded":
        out[vocab.DISQUALIFIED] = disq
    return out


def floor_key(p: m.TeamFloor) -> tuple[Any, ...]:
    return (p.percent_of_transfer, p.amount, p.per_month)


def floors_of(v: VersionFacts, raw: str) -> list[Cited]:
    """The team floors that name a team of this evaluated category, in article order (the engine pays the first):
    by its own category or, for a disqualified team treated as another category, by that one."""
    disq = v.last(m.Disqualified)
    mapped = disq.provision.category if raw == vocab.DISQUALIFIED and disq and disq.provision.treatment == \
        "as_category" else raw
    return [c for c in v.all(m.TeamFloor) if {raw, mapped} & set(c.provision.categories)]


def period_months(v: VersionFacts) -> int:
    freq = v.last(m.Frequency)
    if freq is None:
        return 1
    return 12 if freq.provision.in_month else freq.provision.months


@register
class OverlappingRules(Rule):
    code = "A003"
    name = "overlapping-rules"
    severity = "warning"
    summary = ("A team or a person falls under two provisions of different kinds that decide its money differently "
               "(an excluded category given a floor, a redirect or a weight; two floors for one category; a cadre "
               "outside the eligible list earmarked or paid a fixed amount; a cap per person below a floor or a "
               "fixed amount): the engine follows one and the other is silently overridden.")
    summary_pt = ("Uma equipe ou uma pessoa cai em duas disposições de tipos diferentes que decidem o seu dinheiro de "
                  "modo diferente (categoria excluída com piso, redirecionamento ou peso; dois pisos para uma "
                  "categoria; cargo fora dos elegíveis com reserva ou valor fixo; teto por pessoa abaixo do piso ou "
                  "de um valor fixo): o motor segue uma e a outra é anulada em silêncio.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if v.pays_teams:
            yield from self._excluded_yet_paid(v)
            yield from self._two_floors(v)
            yield from self._disqualified_value(v)
            yield from self._not_eligible(v)
        if v.pays_staff:
            yield from self._cap(v)

    def _f(self, v: VersionFacts, node: Any, kind: str, detail: Any, other: Cited, pt: str, en: str,
           help_pt: str, help_en: str) -> Finding:
        return v.finding(self, node, pt, en, help_pt, help_en,
                         key=(self.code, kind, detail, node.pos, other.provision.pos))

    # -- teams ------------------------------------------------------------------------------------------------
    def _excluded_yet_paid(self, v: VersionFacts) -> Iterator[Finding]:
        excluded = excluded_categories(v)
        if not excluded:
            return
        for c in v.all(m.TeamFloor):
            for cat in c.provision.categories:
                if cat in excluded:
                    ex = excluded[cat]
                    tp, te = _teams(v, cat)
                    yield self._f(
                        v, c.provision, "excluded_floor", cat, ex,
                        f"{v.said(c)} dá piso às {tp}, mas {v.said(ex)} as exclui: o motor paga o piso, e a "
                        "exclusão não vale para elas",
                        f"{v.said(c)} gives a floor to {te}, but {v.said(ex)} excludes them: the engine pays the "
                        "floor, and the exclusion does not hold for them",
                        "diga numa só regra o que cabe a essas equipes: retire o piso, ou mude a exclusão",
                        "say in one rule what those teams get: drop the floor, or change the exclusion")
        for c in v.all(m.Redirect):
            for cat in c.provision.to_categories:
                if cat in excluded:
                    ex = excluded[cat]
                    tp, te = _teams(v, cat)
                    yield self._f(
                        v, c.provision, "excluded_redirect", cat, ex,
                        f"{v.said(c)} manda dinheiro para as {tp}, mas {v.said(ex)} as exclui: o motor lhes paga o "
                        "redirecionado, e a exclusão não vale para esse dinheiro",
                        f"{v.said(c)} sends money to {te}, but {v.said(ex)} excludes them: the engine pays them "
                        "the redirected money, and the exclusion does not hold for it",
                        "diga se as equipes excluídas recebem o redirecionamento: retire-as de um dos dois",
                        "say whether excluded teams receive the redirected money: take them out of one of the two")
        alloc = v.by_category()
        if alloc is None:
            return
        floors = v.floor_categories()
        for value in alloc.provision.values:
            cat = value.category
            if cat in excluded and value.value > 0 and cat not in floors:
                ex = excluded[cat]
                tp, te = _teams(v, cat)
                share = alloc.provision.mode == "category_share"
                what_pt = f"a parcela {v.p.pct(value.value)}" if share else f"o peso {v.p.num(value.value)}"
                what_en = f"the share {v.p.pct(value.value)}" if share else f"the weight {v.p.num(value.value)}"
                yield self._f(
                    v, value if value.pos else alloc.provision, "excluded_value", cat, ex,
                    f"o {alloc.cite} dá às {tp} {what_pt}, mas {v.said(ex)} as exclui: o motor não lhes paga nada, "
                    "e a parte delas vira sobra de reprovadas",
                    f"{alloc.cite} gives {te} {what_en}, but {v.said(ex)} excludes them: the engine pays them "
                    "nothing, and their part becomes money of failed teams",
                    f"dê valor 0 a {v.category(cat)} na distribuição, ou mude a exclusão",
                    f"give {v.category(cat)} the value 0 in the allocation, or change the exclusion")

    def _two_floors(self, v: VersionFacts) -> Iterator[Finding]:
        pairs: dict[tuple[int, int], list[str]] = {}
        cited: dict[int, Cited] = {}
        for raw in list(v.scale) + [vocab.DISQUALIFIED]:
            found = floors_of(v, raw)
            for c in found[1:]:
                if floor_key(c.provision) != floor_key(found[0].provision):
                    cited[id(found[0])], cited[id(c)] = found[0], c
                    pairs.setdefault((id(found[0]), id(c)), []).append(raw)
        for (a, b), cats in pairs.items():
            first, later = cited[a], cited[b]
            tp = ", ".join("às " + _teams(v, cat)[0] for cat in cats)
            te = ", ".join(_teams(v, cat)[1] for cat in cats)
            yield self._f(
                v, later.provision, "two_floors", tuple(cats), first,
                f"{v.said(later)} — mas {v.said(first)} já dá piso {tp}: o motor paga o primeiro piso, e este "
                "não vale para elas",
                f"{v.said(later)} — but {v.said(first)} already gives a floor to {te}: the engine pays the first "
                "floor, and this one does not hold for them",
                "dê a cada categoria um só piso",
                "give each category one floor only")

    def _disqualified_value(self, v: VersionFacts) -> Iterator[Finding]:
        alloc, disq = v.by_category(), v.last(m.Disqualified)
        if alloc is None or disq is None or disq.provision.treatment != "as_category":
            return
        values = {x.category: x.value for x in alloc.provision.values}
        own = next((x for x in alloc.provision.values if x.category == vocab.DISQUALIFIED), None)
        target = disq.provision.category or ""
        if own is None or own.value == values.get(target, 0):
            return
        yield self._f(
            v, own if own.pos else alloc.provision, "disqualified_value", target, disq,
            f"o {alloc.cite} dá às equipes desclassificadas um valor próprio, mas {v.said(disq)}: o motor usa o "
            f"valor de {v.category(target)} e o de desclassificada nunca se aplica",
            f"{alloc.cite} gives disqualified teams a value of their own, but {v.said(disq)}: the engine uses the "
            f"value of {v.category(target)} and the disqualified value never applies",
            "retire um dos dois: o valor de desclassificada, ou a regra que as trata como outra categoria",
            "drop one of the two: the disqualified value, or the rule that treats them as another category")

    # -- people -------------------------------------------------------------------------------------------------
    def _not_eligible(self, v: VersionFacts) -> Iterator[Finding]:
        eligible = v.last(m.Eligible)
        if eligible is None:
            return
        covered = v.view.expand(eligible.provision.members)
        for c in sorted(v.all(m.Earmark) + v.all(m.FixedAmount), key=v.order):
            names = [c.provision.target] if isinstance(c.provision, m.Earmark) else c.provision.recipients
            outside = [k for k in v.view.expand_ordered(names) if k not in covered]
            if not outside:
                continue
            who = v.p.names(outside, v.cadre)
            yield self._f(
                v, c.provision, "not_eligible", tuple(outside), eligible,
                f"{v.said(c)} paga {who}, mas {who} não está entre os elegíveis ({eligible.cite}): o motor paga "
                f"{who} assim mesmo",
                f"{v.said(c)} pays {who}, but {who} is not eligible ({eligible.cite}): the engine pays {who} all "
                "the same",
                f"inclua {who} entre os elegíveis, ou retire esta regra",
                f"add {who} to the eligible list, or drop this rule")

    def _cap(self, v: VersionFacts) -> Iterator[Finding]:
        cap = v.last(m.PersonCap)
        if cap is None:
            return
        limit = cap.provision.amount
        floor = v.last(m.PersonFloor)
        if floor and floor.provision.amount > limit:
            yield self._f(
                v, floor.provision, "cap_floor", None, cap,
                f"{v.said(floor)} — mas {v.said(cap)}, um valor menor: o motor aplica o piso e depois o teto, e "
                "ninguém recebe o piso",
                f"{v.said(floor)} — but {v.said(cap)}, a smaller amount: the engine applies the floor and then "
                "the cap, and nobody gets the floor",
                "o piso por pessoa deve ser menor que o teto",
                "the floor per person must be below the cap")
        months = period_months(v)
        for c in v.all(m.FixedAmount):
            each = c.provision.amount * (months if c.provision.per_month else 1)
            if each > limit:
                who = v.p.names(c.provision.recipients, v.cadre)
                yield self._f(
                    v, c.provision, "cap_fixed", None, cap,
                    f"{v.said(c)} dá {v.p.money(each)} por pagamento a {who}, mais que o teto ({v.said(cap)}): o "
                    f"motor corta o valor fixo no teto",
                    f"{v.said(c)} gives {who} {v.p.money(each)} a payment, more than the cap ({v.said(cap)}): the "
                    "engine cuts the fixed amount down to the cap",
                    "o valor fixo por pagamento deve caber no teto: diminua-o, ou aumente o teto",
                    "the fixed amount per payment must fit under the cap: lower it, or raise the cap")
