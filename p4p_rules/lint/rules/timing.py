"""T: timing and turnover — monthly bonuses, lags, people paid who were not evaluated."""

from __future__ import annotations

from typing import Iterator

from p4p_rules.engine.view import Cited
from p4p_rules.lint.facts import VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.model import law as m

TENURE = ("posted_at_evaluation", "posted_in_evaluation_month", "active_at_payment")


def schedule(v: VersionFacts) -> tuple[int, int, Cited | None, Cited | None]:
    """(months per period, lag in months, frequency provision, lag provision); monthly, no lag if silent."""
    freq, lag = v.last(m.Frequency), v.last(m.Lag)
    return (freq.provision.months if freq else 1, lag.provision.months if lag else 0, freq, lag)


def _timing_text(v: VersionFacts, freq: Cited | None, lag: Cited | None) -> str:
    parts = [v.said(freq) if freq else v.t("pagamento mensal (a lei não diz)", "monthly payment (the law is silent)")]
    if lag:
        parts.append(v.said(lag))
    return "; ".join(parts)


@register
class MonthlyPayment(Rule):
    code = "T001"
    name = "monthly-payment"
    severity = "warning"
    summary = "The bonus is paid monthly: it reads as salary."
    summary_pt = "O incentivo é pago mensalmente: confunde-se com salário."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        freq = v.last(m.Frequency)
        if freq is None or freq.provision.months != 1 or not v.pays_staff:
            return
        yield v.finding(
            self, freq.provision,
            f"o incentivo é pago todo mês ({freq.cite}): um valor mensal se confunde com salário, e cortá-lo "
            "depois parece redução salarial",
            f"the bonus is paid every month ({freq.cite}): a monthly amount reads as salary, and cutting it "
            "later looks like a pay cut",
            "prefira um período maior, por exemplo 'pagamento quadrimestral' ou 'pagamento semestral'",
            "prefer a longer period, e.g. 'payment four_monthly' or 'payment semiannual'")


@register
class NoPaymentFrequency(Rule):
    code = "T005"
    name = "no-payment-frequency"
    severity = "info"
    summary = "The law does not say how often the bonus is paid (the engine pays monthly)."
    summary_pt = "A lei não diz de quanto em quanto tempo o incentivo é pago (o motor paga mensalmente)."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if v.last(m.Frequency) is not None or not v.pays_staff:
            return
        yield v.finding(
            self, v.node,
            "a lei não diz de quanto em quanto tempo o incentivo é pago: o motor paga todo mês, o que se "
            "confunde com salário",
            "the law does not say how often the bonus is paid: the engine pays every month, which reads as "
            "salary",
            "acrescente a periodicidade, por exemplo 'pagamento semestral'",
            "state the frequency, e.g. 'payment semiannual'",
            key=(self.code,))


@register
class NoTenureCondition(Rule):
    code = "T002"
    name = "no-tenure-condition"
    severity = "warning"
    summary = ("Payment lags the evaluation but no condition ties the payee to the evaluated team (posted at "
               "the evaluation, or active at payment): people are paid who were not evaluated.")
    summary_pt = ("O pagamento vem depois da avaliação, mas nada liga quem recebe à equipe avaliada (lotado na "
                  "avaliação, ou ativo no pagamento): recebe quem não foi avaliado.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_teams:
            return
        months, lag, freq, lag_c = schedule(v)
        if months == 1 and lag == 0:
            return
        if any(c.provision.condition in TENURE for c in v.all(m.Require)):
            return
        delay = months - 1 + lag
        at = lag_c or freq
        assert at is not None
        when = _timing_text(v, freq, lag_c)
        yield v.finding(
            self, at.provision,
            f"o dinheiro de um mês é pago até {v.p.months(delay)} depois ({when}) e a lei não exige que a pessoa "
            "estivesse na equipe na avaliação nem que continue em exercício no pagamento: com a rotatividade, "
            "recebe quem não foi avaliado",
            f"a month's money is paid up to {v.p.months(delay)} later ({when}) and the law requires neither that "
            "the person was in the team at the evaluation nor that they are still in service at payment: with "
            "staff turnover, people are paid who were not evaluated",
            "acrescente 'exigir lotado na avaliação' e/ou 'exigir ativo no pagamento'",
            "add 'require posted at evaluation' and/or 'require active at payment'")


@register
class PaymentOverAYearLate(Rule):
    code = "T003"
    name = "payment-over-a-year-late"
    severity = "warning"
    summary = "The money of a period's first month is paid more than 12 months later (period length plus lag)."
    summary_pt = "O dinheiro do primeiro mês de um período é pago mais de 12 meses depois (período mais defasagem)."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_staff:
            return
        months, lag, freq, lag_c = schedule(v)
        delay = months - 1 + lag
        if delay <= 12:
            return
        at = lag_c or freq
        assert at is not None
        when = _timing_text(v, freq, lag_c)
        yield v.finding(
            self, at.provision,
            f"o dinheiro do primeiro mês de cada período só é pago {v.p.months(delay)} depois ({when}): mais de "
            "um ano de espera, em que a equipe muda e a ligação entre desempenho e pagamento se perde",
            f"the money of the first month of each period is paid only {v.p.months(delay)} later ({when}): more "
            "than a year, in which the team changes and the link between performance and pay is lost",
            "reduza a defasagem ou o período, para que nenhum mês espere mais de 12 meses",
            "shorten the lag or the period, so that no month waits more than 12 months")


@register
class ConcentratedRedistribution(Rule):
    code = "T004"
    name = "concentrated-redistribution"
    severity = "info"
    summary = ("The share of people who fail a condition is redistributed within the team with no cap per "
               "person: when few qualify, few receive a lot.")
    summary_pt = ("A parte de quem não cumpre uma condição é redistribuída na equipe sem teto por pessoa: se "
                  "poucos cumprem, poucos recebem muito.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_teams or v.last(m.PersonCap) is not None:
            return
        conditions = v.all(m.Require) + v.all(m.ExcludeLeave) + v.all(m.LoseAfterAbsences)
        if not conditions:
            return
        rules = v.all(m.Remainder)
        chosen = ([c for c in rules if c.provision.source == "ineligible"]
                  or [c for c in rules if c.provision.source == "all"])
        if not chosen or chosen[-1].provision.destination != "team":
            return
        rule = chosen[-1]
        conds = "; ".join(v.said(c) for c in sorted(conditions, key=v.order)[:3])
        yield v.finding(
            self, rule.provision,
            f"a parte de quem não cumpre as condições ({conds}) fica com os demais da equipe ({rule.cite}), sem "
            "teto por pessoa: se poucos cumprem, poucos recebem muito",
            f"the share of people who fail the conditions ({conds}) goes to the rest of the team ({rule.cite}), "
            "with no cap per person: when few qualify, few receive a lot",
            "acrescente um teto por pessoa ('teto R$ … por pessoa'), ou mande essa parte para a gestão ou para "
            "o próximo período",
            "add a cap per person ('cap R$ … per person'), or send that share to management or to the next period")
