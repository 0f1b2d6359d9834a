"""M: money — splits that do not add up, money with no destination, amounts that cannot be paid."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from p4p_rules.lint.facts import SOURCES, VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab


def _shares_total(split: m.Split) -> Decimal:
    return sum((s.percent for s in split.shares), Decimal(0))


def management_name(v: VersionFacts) -> str:
    """The name the law gives management (its first top-level share other than the teams)."""
    if v.top_split:
        for s in v.top_split.provision.shares:
            if s.node != vocab.TEAMS:
                return s.node
    return v.t("gestão", "management")


@register
class SharesOver100(Rule):
    code = "M001"
    name = "shares-over-100"
    severity = "error"
    summary = "The shares of a split add up to more than 100%: the law gives away money it does not have."
    summary_pt = "As parcelas de uma repartição somam mais de 100%: a lei reparte dinheiro que não existe."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        for c in v.all(m.Split):
            total = _shares_total(c.provision)
            if total > 100:
                parent = v.share(c.provision.parent)
                yield v.finding(
                    self, c.provision,
                    f"as parcelas de '{parent}' somam {v.p.pct(total)}, mais que 100%: a lei reparte mais "
                    "dinheiro do que existe e não pode ser aplicada",
                    f"the shares of '{parent}' add up to {v.p.pct(total)}, more than 100%: the law gives away "
                    "more money than there is and cannot be applied",
                    f"corrija os percentuais do {c.cite} para que somem exatamente 100%",
                    f"correct the percentages of {c.cite} so that they add up to exactly 100%")


@register
class SharesUnder100(Rule):
    code = "M002"
    name = "shares-under-100"
    severity = "warning"
    summary = "The shares of a split add up to less than 100%: the rest has no destination."
    summary_pt = "As parcelas de uma repartição somam menos de 100%: o resto fica sem destino."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        for c in v.all(m.Split):
            total = _shares_total(c.provision)
            if total < 100:
                parent = v.share(c.provision.parent)
                rest = v.p.pct(Decimal(100) - total)
                yield v.finding(
                    self, c.provision,
                    f"as parcelas de '{parent}' somam {v.p.pct(total)}: os {rest} restantes não têm destino "
                    "e ficam sem distribuição",
                    f"the shares of '{parent}' add up to {v.p.pct(total)}: the remaining {rest} have no "
                    "destination and are left undistributed",
                    f"dê destino aos {rest} que faltam (uma parcela a mais, ou aumente uma das parcelas) "
                    f"no {c.cite}",
                    f"give the missing {rest} a destination (one more share, or a larger share) in {c.cite}")


_SOURCE_TEXT = {
    "ineligible": ("o dinheiro de quem não pode receber", "the money of people who cannot be paid"),
    "pro_rata": ("o corte proporcional", "the pro-rata cut"),
    "cap": ("o que passa do teto por pessoa", "what a person's cap cuts"),
    "failed_teams": ("o dinheiro das equipes que ficam sem nada", "the money of teams that get nothing"),
}


@register
class RemainderWithoutDestination(Rule):
    code = "M003"
    name = "remainder-without-destination"
    severity = "warning"
    summary = ("Money that can go unpaid (ineligible people, pro-rata cuts, caps, failed teams) has no "
               "'remainder of … to …' rule: it is left undistributed.")
    summary_pt = ("Dinheiro que pode deixar de ser pago (inelegíveis, proporcionalidade, teto, equipes "
                  "reprovadas) não tem regra 'sobra de … para …': fica sem destino.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        causes = v.causes()
        mgmt = management_name(v)
        for source in SOURCES:
            if source == "earmark":
                continue  # C001 earmark-without-rule
            found = causes[source]
            if not found or v.view.destination(source)[0] is not None:
                continue
            first = found[0].cited
            listed = "; ".join(v.describe(c) for c in found[:3]) + ("; …" if len(found) > 3 else "")
            what_pt, what_en = _SOURCE_TEXT[source]
            src = v.source(source)
            team_rule = v.remainder_rule(source, "team")
            mgmt_rule = v.remainder_rule(source, mgmt)
            next_rule = v.remainder_rule(source, "next_period")
            lost_pt = lost_en = ""
            if v.previous is not None:
                dest, cite = v.previous.view.destination(source)
                if dest is not None:
                    was = v.remainder_rule(source, dest)
                    lost_pt = f"; a versão '{v.previous.name}' dizia '{was}' ({cite}), e esta versão o perdeu"
                    lost_en = f"; version '{v.previous.name}' said '{was}' ({cite}), and this version lost it"
            yield v.finding(
                self, first.provision,
                f"{what_pt} não tem destino ({listed}): sem 'sobra de {src} para …' nem 'sobra de tudo para …', "
                f"esse valor fica sem distribuição{lost_pt}",
                f"{what_en} has no destination ({listed}): without 'remainder of {src} to …' or "
                f"'remainder of all to …' it is left undistributed{lost_en}",
                f"diga para onde vai esse dinheiro, por exemplo '{team_rule}', '{mgmt_rule}' ou '{next_rule}'",
                f"say where that money goes, e.g. '{team_rule}', '{mgmt_rule}' or '{next_rule}'",
                key=(self.code, source, first.provision.pos))


# Words that name who holds the money, not what it is spent on.
_HOLDERS = {"gestao", "gestor", "management", "manager", "secretaria", "secretariat", "sms", "administracao",
            "administration", "municipio", "municipality", "municipal", "prefeitura", "fundo", "fund", "reserva",
            "reserve", "saldo", "balance", "caixa", "outros", "other", "others", "demais", "geral", "general",
            "livre", "free", "discricionario", "discretionary"}


def _is_holder(name: str) -> bool:
    return any(part in _HOLDERS for part in re.split(r"[_\W]+", vocab.normalize(name)) if part)


@register
class ManagementUseUnspecified(Rule):
    code = "M004"
    name = "management-use-unspecified"
    severity = "warning"
    summary = "A share kept by management (or a fund) is not split into uses nor paid to anyone: its use is not stated."
    summary_pt = "Uma parcela da gestão (ou um fundo) não é repartida em usos nem paga a ninguém: o uso não é dito."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        top = v.top_split
        if top is None:
            return
        split_nodes = {vocab.normalize(c.provision.parent) for c in v.all(m.Split)}
        paid = {vocab.normalize(c.provision.share) for c in v.all(m.PayShare)}
        for s in top.provision.shares:
            key = vocab.normalize(s.node)
            if s.node == vocab.TEAMS or key in split_nodes or key in paid or s.percent == 0:
                continue
            if not _is_holder(s.node):
                continue  # a share named for its use ('infraestrutura') states its use
            pct = v.p.pct(s.percent)
            yield v.finding(
                self, s if s.pos else top.provision,
                f"a lei não diz em que a parcela '{s.node}' ({pct} dos recursos, {top.cite}) será aplicada: "
                "o uso do dinheiro fica sem transparência",
                f"the law does not say what the '{s.node}' share ({pct} of the funds, {top.cite}) is spent on: "
                "the use of that money is not transparent",
                f"reparta a parcela em usos, por exemplo 'repartir {s.node} em infraestrutura 50%, "
                "capacitação 50%', ou pague-a a um cargo com 'pagar parcela'",
                f"split the share into uses, e.g. 'split {s.node} into infrastructure 50%, training 50%', "
                "or pay it to a cadre with 'pay share'",
                width=len(s.node))


@register
class FixedAmountCanExceedMoney(Rule):
    code = "M005"
    name = "fixed-amount-can-exceed-money"
    severity = "warning"
    summary = "A fixed amount in R$ (per person, per-person floor or per-team floor) can exceed the money available."
    summary_pt = ("Um valor fixo em R$ (por pessoa, piso por pessoa ou piso por equipe) pode superar o dinheiro "
                  "disponível.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_staff:
            return
        for c in v.all(m.FixedAmount):
            who = v.p.names(c.provision.recipients, v.cadre)
            amount = v.p.money(c.provision.amount) + v.t(" por mês", " per month") * c.provision.per_month
            yield v.finding(
                self, c.provision,
                f"o valor fixo de {amount} por pessoa para {who} ({c.cite}) pode superar o dinheiro da equipe, "
                "e a lei não diz o que acontece: o motor reduz todos na mesma proporção, e cada um recebe menos "
                "do que a lei promete",
                f"the fixed amount of {amount} per person to {who} ({c.cite}) can exceed the team's money, and "
                "the law does not say what happens: the engine scales all of them down, so each person gets "
                "less than the law promises",
                "prefira pesos ('dividir por peso: …') ou percentuais ('reservar 10% para …'), que sempre cabem "
                "no dinheiro da equipe",
                "prefer weights ('divide by weight: …') or percentages ('earmark 10% for …'), which always fit "
                "the team's money")
        if v.pays_teams:
            for c in v.all(m.TeamFloor):
                if c.provision.amount is None:
                    continue
                cats = v.p.names(c.provision.categories, v.category)
                amount = v.p.money(c.provision.amount) + v.t(" por mês", " per month") * c.provision.per_month
                yield v.finding(
                    self, c.provision,
                    f"o piso de {amount} por equipe para {cats} ({c.cite}) pode superar a parcela das equipes: "
                    "o motor reduz os pisos na mesma proporção, e as demais equipes podem ficar sem nada",
                    f"the floor of {amount} per team for {cats} ({c.cite}) can exceed the teams' share: the "
                    "engine scales the floors down, and the other teams can be left with nothing",
                    "dê o piso como percentual do repasse da equipe ('piso para …: 20% do repasse'), que sempre "
                    "cabe no dinheiro",
                    "state the floor as a percentage of the team's transfer ('floor for …: 20% of transfer'), "
                    "which always fits the money")
        for c in v.all(m.PersonFloor):
            amount = v.p.money(c.provision.amount)
            yield v.finding(
                self, c.provision,
                f"o piso de {amount} por pessoa ({c.cite}) pode não caber no dinheiro de uma equipe: a lei não diz "
                "o que acontece; o motor então divide tudo em partes iguais, e ninguém recebe o piso",
                f"the floor of {amount} per person ({c.cite}) may not fit a team's money: the law does not say "
                "what happens; the engine then splits everything equally, and nobody receives the floor",
                "diga na redação o que ocorre quando o dinheiro não alcança o piso, ou retire o piso",
                "say in the legal wording what happens when the money does not reach the floor, or drop it")


@register
class BetterCategoryPaidLess(Rule):
    code = "M006"
    name = "better-category-paid-less"
    severity = "error"
    summary = "A better certification category gets a smaller weight or share than a worse one."
    summary_pt = "Uma categoria de certificação melhor recebe peso ou parcela menor que uma pior."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        alloc = v.by_category()
        if alloc is None or not v.pays_teams:
            return
        values = list(alloc.provision.values)
        for better in values:
            worse = [w for w in values if v.view.rank(w.category) > v.view.rank(better.category)
                     and w.value > better.value]
            if not worse:
                continue
            top = max(worse, key=lambda w: w.value)
            num = v.p.pct if alloc.provision.mode == "category_share" else v.p.num
            b, w = v.category(better.category), v.category(top.category)
            yield v.finding(
                self, better if better.pos else alloc.provision,
                f"a categoria {b} recebe {num(better.value)}, menos que a categoria pior {w} "
                f"({num(top.value)}) no {alloc.cite}: a lei paga mais a quem teve desempenho pior",
                f"category {b} gets {num(better.value)}, less than the worse category {w} ({num(top.value)}) "
                f"in {alloc.cite}: the law pays more for a worse performance",
                f"dê a {b} um valor maior ou igual ao de {w}",
                f"give {b} a value greater than or equal to that of {w}",
                width=None if not better.pos else len(b) + 1 + len(num(better.value)))


@register
class CategoryWithoutRule(Rule):
    code = "M007"
    name = "category-without-rule"
    severity = "warning"
    summary = ("Allocating by category, a category of the scale (or disqualified teams) has no value: its teams "
               "get nothing without the law saying so.")
    summary_pt = ("Na distribuição por categoria, uma categoria da escala (ou as desclassificadas) não tem valor: "
                  "suas equipes nada recebem sem que a lei o diga.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        alloc = v.by_category()
        if alloc is None or not v.pays_teams:
            return
        listed = {cv.category for cv in alloc.provision.values}
        floors = v.floor_categories()
        missing = [c for c in v.scale if c not in listed and c not in floors]
        if missing:
            names = v.p.names(missing, v.category)
            zero = "0%" if alloc.provision.mode == "category_share" else "0"
            yield v.finding(
                self, alloc.provision,
                f"{names} não tem valor no {alloc.cite}: essas equipes nada recebem, sem que a lei o diga",
                f"{names} has no value in {alloc.cite}: those teams get nothing, and the law does not say so",
                f"dê um valor a {names} no {alloc.cite} (escreva {zero} se a intenção é não pagar)",
                f"give {names} a value in {alloc.cite} (write {zero} if they are meant to get nothing)",
                key=(self.code, "scale", alloc.provision.pos))
        if v.last(m.Disqualified) is None and vocab.DISQUALIFIED not in listed and vocab.DISQUALIFIED not in floors:
            worst = v.category(v.scale[-1]) if v.scale else "…"
            yield v.finding(
                self, alloc.provision,
                f"a lei distribui por categoria ({alloc.cite}) mas não diz o que acontece com as equipes "
                "desclassificadas: o motor as exclui, e o dinheiro delas vai para as equipes reprovadas",
                f"the law allocates by category ({alloc.cite}) but does not say what happens to disqualified "
                "teams: the engine excludes them, and their money becomes failed teams' money",
                f"acrescente 'desclassificadas excluídas' ou 'desclassificadas como {worst}'",
                f"add 'disqualified excluded' or 'disqualified as {worst}'",
                key=(self.code, "disqualified", alloc.provision.pos))


@register
class NothingToStaff(Rule):
    code = "M008"
    name = "nothing-to-staff"
    severity = "warning"
    summary = "No part of the money reaches staff: no 'teams' share (or it is 0%) and no share paid to a cadre."
    summary_pt = ("Nenhuma parte do dinheiro chega aos profissionais: sem parcela 'equipes' (ou 0%) nem parcela paga "
                  "a cargo.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        top = v.top_split
        if top is None or v.pays_staff:
            return
        teams = next((s for s in top.provision.shares if s.node == vocab.TEAMS), None)
        if teams is not None:
            pt = f"a parcela '{v.share(vocab.TEAMS)}' é {v.p.pct(teams.percent)} ({top.cite})"
            en = f"the '{v.share(vocab.TEAMS)}' share is {v.p.pct(teams.percent)} ({top.cite})"
        else:
            pt = f"não há parcela '{v.share(vocab.TEAMS)}' nem parcela paga a um cargo ({top.cite})"
            en = f"there is no '{v.share(vocab.TEAMS)}' share and no share paid to a cadre ({top.cite})"
        yield v.finding(
            self, teams if teams is not None and teams.pos else top.provision,
            f"nenhuma parte do dinheiro chega aos profissionais: {pt}",
            f"no part of the money reaches staff: {en}",
            f"se a lei deve pagar incentivo, dê uma parcela às equipes, por exemplo "
            f"'repartir recursos em equipes 60%, {management_name(v)} 40%'",
            f"if the law is meant to pay a bonus, give the teams a share, e.g. "
            f"'split funds into teams 60%, {management_name(v)} 40%'",
            width=None if teams is None or not teams.pos else len(v.share(vocab.TEAMS)))
