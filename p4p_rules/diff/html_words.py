"""The words only the HTML diff report uses, in pt and en (the rest are words.WORDS, shared with the terminal)."""

from __future__ import annotations

from p4p_rules.diff.words import WORDS

HTML_WORDS: dict[str, tuple[str, str]] = {
    "page_title": ("O que a alteração muda", "What the amendment changes"),
    "made_by": ("Relatório gerado por p4p-rules diff. Funciona sem internet: tudo está neste arquivo.",
                "Report made by p4p-rules diff. Works offline: everything is in this file."),
    "summary": ("Resumo", "Summary"),
    "summary_articles": ("{n} artigos diferem entre os dois textos ({parts}).",
                         "{n} articles differ between the two texts ({parts})."),
    "summary_article": ("1 artigo difere entre os dois textos ({parts}).",
                        "1 article differs between the two texts ({parts})."),
    "by_article": ("por artigo", "by article"),
    "provisions_only": ("Sem dados (--data): o relatório mostra só os artigos, não o efeito sobre as pessoas.",
                        "No data (--data): the report shows the articles only, not the effect on people."),
    "no_attribution_run": ("A atribuição por artigo não foi calculada (--no-attribution).",
                           "The attribution by article was not computed (--no-attribution)."),
    "nobody": ("Ninguém tem pagamento nestes meses: não há o que mostrar por pessoa.",
               "Nobody has a payment in these months: there is nothing to show per person."),
    "chart_cadre": ("Variação por cargo", "Change by cadre"),
    "chart_cadre_desc": ("Variação do total pago a cada cargo, em reais (sem centavos), de {a} para {b}.",
                         "Change in the total paid to each cadre, in reais (whole), from {a} to {b}."),
    "chart_hist": ("Distribuição das variações por pessoa", "Distribution of per-person changes"),
    "chart_hist_desc": ("Quantas pessoas têm cada faixa de variação do seu total, de {a} para {b}; "
                        "faixas de {width}.",
                        "How many people have each range of change of their total, from {a} to {b}; "
                        "ranges of {width}."),
    "hist_axis": ("variação por pessoa (R$)", "change per person (R$)"),
    "hist_range": ("de {lo} até menos de {hi}", "from {lo} to under {hi}"),
    "hist_zero": ("sem mudança", "unchanged"),
    "hist_note": ("Cada faixa inclui o primeiro valor e não o último; quem não muda tem uma barra à parte.",
                  "Each range includes its first value, not its last; people with no change have a bar "
                  "of their own."),
    "range": ("faixa", "range"),
    "chart_cat": ("Quem ganha e quem perde, por categoria da equipe",
                  "Winners and losers by team category"),
    "chart_cat_desc": ("Por categoria da equipe (como nos dados): quantas pessoas perdem (à esquerda) e "
                       "quantas ganham (à direita) com o dinheiro recebido por equipes dessa categoria.",
                       "Per team category (as in the data): how many people lose (left) and how many gain "
                       "(right) in the money received through teams of that category."),
    "chart_wf": ("Cascata da atribuição", "Attribution waterfall"),
    "chart_wf_desc": ("{group}: {a} {start}, depois cada passo ({steps}), até {b} {end} (R$, sem centavos).",
                      "{group}: {a} {start}, then each step ({steps}), to {b} {end} (R$, whole reais)."),
    "wf_groups_note": ("Por cargo: as pessoas agrupadas pelo seu cargo; cada barra flutuante é o que o passo "
                       "muda no total do cargo.",
                       "By cadre: people grouped by their cadre; each floating bar is what the step changes in "
                       "the cadre's total."),
    "wf_by_cadre": ("Cada passo, por cargo (R$, sem centavos)", "Each step, by cadre (R$, whole reais)"),
    "chart_data": ("Os dados do gráfico", "The chart's data"),
    "who": ("Quem ganha e quem perde", "Who gains and who loses"),
    "cadre_chart_note": ("Verde: o cargo recebe mais; vermelho: recebe menos.",
                         "Green: the cadre gets more; red: it gets less."),
    "worded_by_v": ("redação de {v}", "wording of {v}"),
    "rules": ("regras (texto da lei)", "rules (law text)"),
    "wording": ("redação", "wording"),
    "versions": ("Versões comparadas", "Versions compared"),
    "total_staff": ("total pago aos profissionais", "total paid to staff"),
}


def t(key: str, lang: str, **args: object) -> str:
    """A word of the page: its own words first, then the terminal report's."""
    pt, en = HTML_WORDS[key] if key in HTML_WORDS else WORDS[key]
    text = pt if lang == "pt" else en
    return text.format(**args) if args else text

