"""C: cadres — earmarks for cadres a team lacks, people treated twice, staff left out."""

from __future__ import annotations

from typing import Iterator

from p4p_rules.lint.facts import VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.lint.rules.money import management_name
from p4p_rules.model import law as m


@register
class EarmarkWithoutRule(Rule):
    code = "C001"
    name = "earmark-without-rule"
    severity = "warning"
    summary = ("An earmark for a cadre has no rule for a team that lacks that cadre: the earmarked money is "
               "left undistributed.")
    summary_pt = ("Uma reserva para um cargo não tem regra para a equipe que não tem esse cargo: o dinheiro "
                  "reservado fica sem destino.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_teams or v.view.destination("earmark")[0] is not None:
            return
        for c in v.all(m.Earmark):
            who = v.cadre(c.provision.target)
            pct = v.p.pct(c.provision.percent)
            team_rule = v.remainder_rule("earmark", "team")
            mgmt_rule = v.remainder_rule("earmark", management_name(v))
            yield v.finding(
                self, c.provision,
                f"a reserva de {pct} para {who} ({c.cite}) não tem regra para a equipe que não tem {who}: "
                "esse dinheiro fica sem destino",
                f"the {pct} earmark for {who} ({c.cite}) has no rule for a team without {who}: that money is "
                "left undistributed",
                f"diga o que acontece com a reserva, por exemplo '{team_rule}' (divide entre os demais membros) "
                f"ou '{mgmt_rule}'",
                f"say what happens to the earmark, e.g. '{team_rule}' (shared by the other members) or "
                f"'{mgmt_rule}'")


@register
class CadreTreatedTwice(Rule):
    code = "C002"
    name = "cadre-treated-twice"
    severity = "warning"
    summary = ("A cadre falls under two rules that treat it differently (two weights, two earmarks, an earmark "
               "and a fixed amount or a weight): only one applies.")
    summary_pt = ("Um cargo cai em duas regras que o tratam de modo diferente (dois pesos, duas reservas, reserva "
                  "e valor fixo ou peso): só uma vale.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_teams:
            return
        # two weights for one cadre (through groups): the first listed is used
        for c in v.all(m.DivideByWeight):
            first: dict[str, m.NameValue] = {}
            reported: set[tuple[str, str]] = set()
            for w in c.provision.weights:
                for cadre in sorted(v.view.expand([w.name])):
                    before = first.setdefault(cadre, w)
                    if before is w or before.value == w.value or (before.name, w.name) in reported:
                        continue
                    reported.add((before.name, w.name))
                    who, a, b = v.cadre(cadre), v.cadre(before.name), v.cadre(w.name)
                    yield v.finding(
                        self, w if w.pos else c.provision,
                        f"{who} está em {a} (peso {v.p.num(before.value)}) e em {b} (peso {v.p.num(w.value)}) "
                        f"no {c.cite}: o motor usa o primeiro ({a}, {v.p.num(before.value)})",
                        f"{who} is in {a} (weight {v.p.num(before.value)}) and in {b} (weight "
                        f"{v.p.num(w.value)}) in {c.cite}: the engine uses the first ({a}, {v.p.num(before.value)})",
                        f"deixe {who} em um só grupo de pesos",
                        f"put {who} in one weight group only")
        # earmarks and fixed amounts take people in order; a later one never reaches them
        taken: dict[str, str] = {}
        for c in sorted(v.all(m.Earmark) + v.all(m.FixedAmount),
                        key=lambda k: (0 if isinstance(k.provision, m.Earmark) else 1, v.order(k))):
            names = [c.provision.target] if isinstance(c.provision, m.Earmark) else c.provision.recipients
            cadres = v.view.expand(names)
            clash = sorted(k for k in cadres if k in taken)
            if clash:
                who = v.p.names(clash, v.cadre)
                prev = taken[clash[0]]
                yield v.finding(
                    self, c.provision,
                    f"{who} já recebe pela regra '{prev}': esta regra ({c.cite}) nunca lhe paga nada",
                    f"{who} is already paid by the rule '{prev}': this rule ({c.cite}) never pays them anything",
                    f"diga em uma só regra quanto cabe a {who}",
                    f"say in one rule only what {who} receives")
            for k in cadres:
                taken.setdefault(k, v.said(c))
        for c in v.all(m.DivideByWeight):
            for w in c.provision.weights:
                clash = sorted(k for k in v.view.expand([w.name]) if k in taken)
                if clash and w.value > 0:
                    who = v.p.names(clash, v.cadre)
                    yield v.finding(
                        self, w if w.pos else c.provision,
                        f"{who} recebe pela regra '{taken[clash[0]]}' e também tem peso em {v.cadre(w.name)} "
                        f"({c.cite}): o motor paga só a primeira regra e ignora o peso",
                        f"{who} is paid by the rule '{taken[clash[0]]}' and also has a weight in "
                        f"{v.cadre(w.name)} ({c.cite}): the engine pays only the first rule and ignores the weight",
                        f"retire {who} dos pesos, ou retire a outra regra",
                        f"take {who} out of the weights, or drop the other rule")


FAIRNESS_CADRES = ("community_health_agent", "endemic_agent", "administrative", "support")


@register
class StaffExcluded(Rule):
    code = "C003"
    name = "staff-excluded"
    severity = "info"
    summary = ("Support or administrative staff, or community/endemic agents, are left out of the eligible list "
               "(or get no weight).")
    summary_pt = ("Pessoal de apoio ou administrativo, ou agentes comunitários/de endemias, ficam fora da lista de "
                  "elegíveis (ou sem peso).")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        targeted: set[str] = set()
        for c in v.all(m.Earmark):
            targeted |= v.view.expand([c.provision.target])
        for c in v.all(m.FixedAmount):
            targeted |= v.view.expand(c.provision.recipients)
        lists = v.all(m.Eligible)
        if lists:
            for c in lists:
                covered = v.view.expand(c.provision.members) | targeted
                missing = [k for k in FAIRNESS_CADRES if k not in covered]
                if missing:
                    yield self._finding(v, c, missing, listed=True)
            return
        weights = v.last(m.DivideByWeight)
        if weights:
            covered = targeted | {k for w in weights.provision.weights if w.value > 0
                                  for k in v.view.expand([w.name])}
            missing = [k for k in FAIRNESS_CADRES if k not in covered]
            if missing:
                yield self._finding(v, weights, missing, listed=False)

    def _finding(self, v: VersionFacts, c, missing: list[str], listed: bool) -> Finding:
        names = v.p.names(missing, v.cadre)
        where_pt = (f"a lista de elegíveis ({c.cite}) deixa de fora" if listed
                    else f"os pesos ({c.cite}) deixam sem peso")
        where_en = f"the eligible list ({c.cite}) leaves out" if listed else f"the weights ({c.cite}) give no weight to"
        return v.finding(
            self, c.provision,
            f"{where_pt} {names}: a exclusão do pessoal de apoio e dos agentes foi vista como injusta "
            "onde ocorreu",
            f"{where_en} {names}: leaving out support staff and agents was felt as unfair where it happened",
            f"se a exclusão é intencional, registre o motivo com '# p4p: ignore[{self.code}] motivo'; senão, "
            "inclua-os",
            f"if leaving them out is intended, record why with '# p4p: ignore[{self.code}] reason'; otherwise "
            "include them")


@register
class RosterCadreNotCovered(Rule):
    """Needs data: its findings are made by lint/realdata.py when `check` is given --data or --roster."""

    code = "C004"
    name = "roster-cadre-not-covered"
    severity = "warning"
    needs_data = True
    summary = ("A cadre of the roster is not covered by the law (not eligible, no weight, no earmark, fixed amount "
               "or paid share): its people get nothing without the law saying so (with --data or --roster).")
    summary_pt = ("Um cargo do cadastro não é coberto pela lei (não é elegível, não tem peso, reserva, valor fixo nem "
                  "parcela paga): essas pessoas nada recebem sem que a lei o diga (com --data ou --roster).")
