"""V: versions — amendments that change nothing, wording that cites missing articles, retroactive effects.

Overlapping versions (two on one date, E132), amendments before the version they amend (E133) and
amendments of articles that do not exist or were repealed (E130) are errors of the language already;
a period with no law in force between versions cannot happen (a version lasts until the next one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

from p4p_rules.consolidate import in_force_at
from p4p_rules.engine.schedule import months_between, periods
from p4p_rules.lint.facts import LawFacts, VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.model import law as m
from p4p_rules.model.law import semantic


def _rules_of(article: m.Article) -> Any:
    """An article's rules, without its number, wording and layout."""
    data = semantic(article)
    data.pop("number", None)
    data.pop("wording", None)
    for para in data.get("paragraphs", []):
        para.pop("wording", None)
    return data


@register
class AmendmentChangesNothing(Rule):
    code = "V001"
    name = "amendment-changes-nothing"
    severity = "warning"
    summary = "An amendment replaces an article with the same rules it already had."
    summary_pt = "Uma emenda altera um artigo repetindo as mesmas regras que ele já tinha."

    def check_law(self, law: LawFacts) -> Iterator[Finding]:
        for i, version in enumerate(law.law.versions):
            if version.kind != "amendment" or i == 0:
                continue
            before = {a.number: a for a in law.versions[i - 1].text.articles}
            for op in version.operations:
                old = before.get(op.target)
                if op.op != "replace" or old is None or op.article is None:
                    continue
                if _rules_of(old) != _rules_of(op.article):
                    continue
                same_text = (old.wording == op.article.wording
                             and [p.wording for p in old.paragraphs] == [p.wording for p in op.article.paragraphs])
                extra_pt = "nem o texto legal muda" if same_text else \
                    "só o texto legal muda: confira se as regras acompanham o novo texto"
                extra_en = "not even the legal wording changes" if same_text else \
                    "only the legal wording changes: check that the rules follow the new wording"
                yield law.finding(
                    self, op,
                    f"a emenda '{version.name}' altera o art. {op.target} com as mesmas regras que ele já tinha; "
                    f"{extra_pt}",
                    f"amendment '{version.name}' replaces art. {op.target} with the rules it already had; "
                    f"{extra_en}",
                    f"retire a alteração do art. {op.target}, ou escreva nela a regra que deveria mudar",
                    f"drop the replacement of art. {op.target}, or write in it the rule that should change",
                    versions=[(version.name, version.effective)])


_REF = re.compile(r"\b(?:arts?\.|artigos?|articles?)\s*((?:\d+\s*[º°]?(?:\s*-\s*[A-Za-z](?![\w]))?"
                  r"(?:\s*(?:,|\be\b|\band\b)\s*)?)+)", re.IGNORECASE)
_NUM = re.compile(r"(\d+)\s*[º°]?(?:\s*-\s*([A-Za-z])(?![\w]))?")
_OTHER_LAW = re.compile(r"^[\s,]*(?:§[^,]*,\s*)?(?:inciso[^,]*,\s*)?(?:da|do|de|of|from)\s+(?:the\s+)?"
                        r"(?:lei|decreto|portaria|constitui|law|decree|ordinance|federal|resolu|c[oó]digo|code)",
                        re.IGNORECASE)


def cited_articles(text: str) -> list[str]:
    """Article numbers a legal wording cites ('art. 3º', 'arts. 2 e 3-A'), leaving out other laws' articles."""
    out = []
    for match in _REF.finditer(text):
        if _OTHER_LAW.match(text[match.end():match.end() + 60]):
            continue
        for num in _NUM.finditer(match.group(1)):
            out.append(num.group(1) + (f"-{num.group(2).upper()}" if num.group(2) else ""))
    return out


@register
class CitesMissingArticle(Rule):
    code = "V002"
    name = "cites-missing-article"
    severity = "warning"
    summary = "The legal wording of an article cites an article that is repealed or does not exist in that version."
    summary_pt = "A redação de um artigo cita um artigo revogado ou inexistente naquela versão."

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        numbers = {a.number for a in v.text.articles}
        repealed = set(v.text.repealed)
        for article in v.text.articles:
            nodes: list[m.Article | m.Paragraph] = [article, *article.paragraphs]
            for node in nodes:
                if not node.wording:
                    continue
                for ref in dict.fromkeys(cited_articles(node.wording)):
                    if ref in numbers:
                        continue
                    if ref in repealed:
                        pt, en = "revogado na versão em vigor", "repealed in the version in force"
                    else:
                        pt, en = "que a lei não tem", "which the law does not have"
                    yield v.finding(
                        self, node,
                        f"a redação do art. {article.number} cita o art. {ref}, {pt}",
                        f"the wording of art. {article.number} cites art. {ref}, {en}",
                        f"corrija a referência no texto do art. {article.number}",
                        f"correct the reference in the wording of art. {article.number}",
                        key=(self.code, node.pos, ref, pt))


@register
class RetroactiveAmendment(Rule):
    code = "V003"
    name = "retroactive-amendment"
    severity = "info"
    summary = ("A version also decides the payment of months before it takes effect (the engine computes a "
               "period by the version in force on its payment date).")
    summary_pt = ("Uma versão também decide o pagamento de meses anteriores à sua vigência (o motor calcula cada "
                  "período pela versão em vigor na data do pagamento).")

    def check_law(self, law: LawFacts) -> Iterator[Finding]:
        texts = law.compiled.texts
        if len(texts) < 2:
            return
        first = min(t.effective for t in texts)
        last = max(t.effective for t in texts)
        months = months_between(first, dt.date(last.year + 3, last.month, 1))
        found, _ = periods(months, lambda d: in_force_at(texts, d))
        for vf in law.versions:
            eff = vf.effective
            if eff == first:
                continue
            until = vf.text.until or dt.date.max
            before = sorted({mo for p in found if eff <= p.payment_date <= until for mo in p.months if mo < eff})
            if not before:
                continue
            span = law.date(before[0])[-7:] if law.lang == "pt" else before[0].isoformat()[:7]
            end = law.date(before[-1])[-7:] if law.lang == "pt" else before[-1].isoformat()[:7]
            months_text = span if span == end else f"{span}–{end}"
            kind_pt = "a emenda" if vf.node.kind == "amendment" else "a versão"
            kind_en = "amendment" if vf.node.kind == "amendment" else "version"
            yield law.finding(
                self, vf.node,
                f"{kind_pt} '{vf.name}' entra em vigor em {law.date(eff)}, mas também decide o pagamento de "
                f"{months_text}, meses anteriores à sua vigência: esses períodos são pagos depois de "
                f"{law.date(eff)}, e o motor calcula cada período pela versão em vigor na data do pagamento",
                f"{kind_en} '{vf.name}' takes effect on {law.date(eff)}, but it also decides the payment of "
                f"{months_text}, months before it takes effect: those periods are paid after {law.date(eff)}, "
                "and the engine computes each period by the version in force on its payment date",
                "confira se a nova redação deve mesmo valer para esses meses e diga na redação da emenda a partir "
                "de qual período de referência ela se aplica",
                "check that the new text is meant to apply to those months, and say in the amendment's wording "
                "from which reference period it applies",
                versions=[(vf.name, eff)])
