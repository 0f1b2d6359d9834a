"""The words of a diff report, in the law's language (pt/en), and how numbers are written there."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from p4p_rules.model import vocabulary as vocab
from p4p_rules.printer import fmt_money

WORDS: dict[str, tuple[str, str]] = {
    # provisions
    "provisions": ("Artigos alterados", "Articles changed"),
    "added": ("incluído", "added"),
    "changed": ("alterado", "changed"),
    "reworded": ("só a redação", "wording only"),
    "repealed": ("revogado", "repealed"),
    "article": ("artigo", "article"),
    "status": ("situação", "status"),
    "before": ("antes", "before"),
    "after": ("depois", "after"),
    "no_changes": ("Nenhum artigo mudou.", "No article changed."),
    "not_in_text": ("(não existe)", "(not in the text)"),
    "worded_by": ("redação de", "worded by"),
    # impact
    "impact": ("Efeito sobre os dados", "Effect on the data"),
    "totals": ("Para onde vai o dinheiro", "Where the money goes"),
    "money_in": ("recursos dos períodos calculados", "money of the periods computed"),
    "to_staff": ("pago aos profissionais", "paid to staff"),
    "destination": ("destino", "destination"),
    "undistributed": ("não distribuído", "undistributed"),
    "carried_beyond": ("levado para depois do último período", "carried past the last period"),
    "pending": ("meses ainda não pagos (período não fechado)", "months not paid yet (period not closed)"),
    "people_paid": ("pessoas pagas", "people paid"),
    "person": ("pessoa", "person"),
    "name": ("nome", "name"),
    "cadre": ("cargo", "cadre"),
    "team": ("equipe", "team"),
    "teams": ("equipes", "teams"),
    "category": ("categoria", "category"),
    "categories": ("categorias", "categories"),
    "old": ("antes", "before"),
    "new": ("depois", "after"),
    "change": ("variação", "change"),
    "pct": ("%", "%"),
    "gainers": ("ganham", "gain"),
    "losers": ("perdem", "lose"),
    "unchanged": ("sem mudança", "unchanged"),
    "newly_paid": ("passam a receber", "newly paid"),
    "no_longer_paid": ("deixam de receber", "no longer paid"),
    "top_gainers": ("Quem mais ganha", "Top gainers"),
    "top_losers": ("Quem mais perde", "Top losers"),
    "by_cadre": ("Por cargo", "By cadre"),
    "by_team": ("Por equipe", "By team"),
    "by_category": ("Por categoria da equipe (categoria dos dados)", "By team category (as in the data)"),
    "people": ("pessoas", "people"),
    "per_head": ("por pessoa", "per person"),
    "whole_reais": ("R$, sem centavos", "R$, whole reais"),
    "spread": ("dispersão", "spread"),
    "spread_note": ("dispersão: maior/menor valor por pessoa paga entre as equipes da categoria no mesmo período "
                    "de pagamento (o maior entre os períodos)",
                    "spread: highest/lowest amount per person paid among the teams of the category in the same "
                    "payment period (the largest over the periods)"),
    "no_team": ("(sem equipe)", "(no team)"),
    "fairness": ("Equidade", "Fairness"),
    "measure": ("medida", "measure"),
    "gini": ("Gini dos pagamentos por pessoa", "Gini of per-person payments"),
    "top10": ("parcela recebida pelos 10% que mais recebem", "share received by the top 10%"),
    "cadre_ratio": ("maior/menor valor por pessoa entre cargos", "highest/lowest per-capita between cadres"),
    "team_spread": ("maior/menor valor por pessoa entre equipes da mesma categoria (mesmo período)",
                    "highest/lowest per head among teams of the same category (same period)"),
    "mean_paid": ("média por pessoa paga (R$)", "mean per person paid (R$)"),
    "everyone": ("pessoas", "people"),
    "counts": ("{gainers} ganham, {losers} perdem, {unchanged} sem mudança ({newly} passam a receber, "
               "{gone} deixam de receber)",
               "{gainers} gain, {losers} lose, {unchanged} unchanged ({newly} newly paid, {gone} no longer paid)"),
    "same_data": ("Os mesmos dados (meses: {months}) calculados com cada texto, em vigor em todos os períodos:",
                  "The same data (months: {months}) computed with each text, in force in every period:"),
    "all_months": ("todos os meses", "every month"),
    "periods_computed": ("{n} períodos de pagamento", "{n} payment periods"),
    # attribution
    "attribution": ("Atribuição: a mudança, artigo por artigo", "Attribution: the change, article by article"),
    "step": ("passo", "step"),
    "articles": ("artigos", "articles"),
    "to_destinations": ("outros destinos", "other destinations"),
    "staff": ("profissionais", "staff"),
    "order_note": ("Os artigos são aplicados um a um, em ordem de número, a partir do texto antigo; cada passo "
                   "mostra o que muda ao aplicá-lo. A atribuição depende dessa ordem (outra ordem pode dividir a "
                   "mudança de outro jeito); a soma dos passos é sempre a mudança total, ao centavo.",
                   "Articles are applied one at a time, in article-number order, starting from the old text; each "
                   "step shows what changes when it is applied. The attribution depends on this order (another "
                   "order may split the change differently); the steps always add up to the total change, to "
                   "the centavo."),
    "grouped": ("aplicados juntos: {reason}", "applied together: {reason}"),
    "grouped_run": ("aplicados juntos: o texto intermediário não pôde ser aplicado ({reason})",
                    "applied together: the intermediate text could not be applied ({reason})"),
    "no_rule_changes": ("Nenhum artigo muda as regras: não há o que atribuir.",
                        "No article changes the rules: nothing to attribute."),
    "total": ("total", "total"),
    "by_step": ("por passo", "by step"),
    # cycles
    "cycle": ("ciclo", "cycle"),
    "cycles_title": ("Mesmas pessoas, ciclo {a} × ciclo {b}", "Same people, cycle {a} vs cycle {b}"),
    "cycles_note": ("Cada ciclo com os seus próprios dados: os períodos pagos dentro do ciclo (pela data de "
                    "pagamento), calculados pela versão da lei em vigor no pagamento. A mudança mistura a lei e as "
                    "notas: não há atribuição por artigo.",
                    "Each cycle on its own data: the periods paid within the cycle (by payment date), computed "
                    "by the version of the law in force on the payment date. The change mixes the law and the "
                    "scores: there is no attribution by article."),
    "versions_used": ("versões usadas", "versions used"),
    "written": ("gravado", "written"),
}


def w(key: str, language: str, **args: object) -> str:
    pt, en = WORDS[key]
    text = pt if language == "pt" else en
    return text.format(**args) if args else text


def cadre_name(cadre: str, language: str) -> str:
    """A cadre as a reader writes it: 'técnico de enfermagem' (the law's spelling, without underscores)."""
    name = vocab.CADRES.spelling(cadre, language) if cadre in vocab.CADRES.terms else cadre
    return name.replace("_", " ")


def category_name(category: str, language: str) -> str:
    if not category:
        return "—"
    name = vocab.CATEGORIES.spelling(category, language) if category in vocab.CATEGORIES.terms else category
    return name.replace("_", " ")


def money(centavos: int, language: str, signed: bool = False) -> str:
    """R$ 1.234,56 (pt) / R$ 1,234.56 (en); with `signed`, +R$ … / −R$ … (zero has no sign)."""
    text = fmt_money(abs(int(centavos)), language)
    if centavos < 0:
        return "−" + text
    if signed and centavos > 0:
        return "+" + text
    return text


def decimal_text(value: Fraction | None, places: int, language: str = "en") -> str:
    """An exact fraction rounded half-even to `places` decimals, as text ('' for None)."""
    if value is None:
        return ""
    q = Decimal(1).scaleb(-places)
    d = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(q, rounding=ROUND_HALF_EVEN) \
        if places >= 0 else Decimal(value.numerator) / Decimal(value.denominator)
    text = format(d, "f")
    return text.replace(".", ",") if language == "pt" else text


def percent_text(value: Fraction | None, language: str, places: int = 1, signed: bool = False) -> str:
    """A fraction of 1 as a percentage: 1/8 -> '12,5%'."""
    if value is None:
        return "—"
    text = decimal_text(value * 100, places, language) + "%"
    if signed and value > 0:
        text = "+" + text
    return text.replace("-", "−")


def round_centavos(value: Fraction) -> int:
    """An exact amount rounded half-even to the centavo (for per-head figures, never for payments)."""
    return round(value)
