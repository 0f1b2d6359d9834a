"""The law model back to .p4p text, in the law's language: the formatter and `show` both use it.

The output is canonical (one layout) and is itself valid law text: parsing it gives the same model.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable

from p4p_rules.model import vocabulary as vocab
from p4p_rules.model.law import Article, Law, LawInForce, Node, Paragraph, Version
from p4p_rules.syntax.keywords import Language, word

INDENT = "  "


def fmt_decimal(value: Decimal, language: str) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "pt" else text


def fmt_money(centavos: int, language: str) -> str:
    reais, cents = divmod(centavos, 100)
    grouped = f"{reais:,}"
    if language == "pt":
        return f"R$ {grouped.replace(',', '.')},{cents:02d}"
    return f"R$ {grouped}.{cents:02d}"


def fmt_date(d: dt.date, language: str) -> str:
    return d.strftime("%d/%m/%Y") if language == "pt" else d.isoformat()


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Printer:
    def __init__(self, language: Language):
        self.lang = language
        self.pt = language == "pt"

    def kw(self, terminal: str) -> str:
        return word(terminal, self.lang)

    def either(self, pt: str, en: str) -> str:
        return pt if self.pt else en

    # names ---------------------------------------------------------------------
    def cadre(self, name: str) -> str:
        return vocab.CADRES.spelling(name, self.lang) if name in vocab.CADRES.terms else name

    def category(self, name: str) -> str:
        return vocab.CATEGORIES.spelling(name, self.lang) if name in vocab.CATEGORIES.terms else name

    def node_name(self, name: str) -> str:
        if name == vocab.FUNDS:
            return self.kw("KW_FUNDS")
        if name == vocab.TEAMS:
            return self.kw("KW_TEAMS")
        return name

    def names(self, items: list[str], fn: Callable[[str], str]) -> str:
        return ", ".join(fn(i) for i in items)

    def pct(self, value: Decimal) -> str:
        return fmt_decimal(value, self.lang) + "%"

    def num(self, value: Decimal) -> str:
        return fmt_decimal(value, self.lang)

    def money(self, centavos: int) -> str:
        return fmt_money(centavos, self.lang)

    def months(self, n: int) -> str:
        return f"{n} " + (("mês" if n == 1 else "meses") if self.pt else ("month" if n == 1 else "months"))

    # provisions -----------------------------------------------------------------
    def provision(self, p: Any) -> str:
        return getattr(self, "p_" + p.kind)(p)

    def p_scale(self, p: Any) -> str:
        if p.scale == "custom":
            return f"{self.kw('KW_SCALE')} {self.kw('KW_CUSTOM')}: {self.names(p.categories, self.category)}"
        return f"{self.kw('KW_SCALE')} {vocab.SCALES.spelling(p.scale, self.lang)}"

    def p_disqualified(self, p: Any) -> str:
        if p.treatment == "excluded":
            return f"{self.kw('KW_DISQUALIFIED')} {self.kw('KW_EXCLUDED')}"
        return f"{self.kw('KW_DISQUALIFIED')} {self.kw('KW_AS')} {self.category(p.category)}"

    def p_split(self, p: Any) -> str:
        shares = ", ".join(f"{self.node_name(s.node)} {self.pct(s.percent)}" for s in p.shares)
        return f"{self.kw('KW_SPLIT')} {self.node_name(p.parent)} {self.kw('KW_INTO')} {shares}"

    def p_pay_share(self, p: Any) -> str:
        return (f"{self.kw('KW_PAY')} {self.kw('KW_SHARE')} {p.share} {self.kw('KW_TO')} "
                f"{self.names(p.recipients, self.cadre)}")

    def p_frequency(self, p: Any) -> str:
        text = f"{self.kw('KW_PAYMENT')} {vocab.FREQUENCIES.spelling(str(p.months), self.lang)}"
        if p.in_month:
            text += f" {self.either('em', 'in')} {vocab.MONTHS.spelling(str(p.in_month), self.lang)}"
        return text

    def p_lag(self, p: Any) -> str:
        return self.either(f"defasagem de {self.months(p.months)}", f"lag {self.months(p.months)}")

    def p_allocate(self, p: Any) -> str:
        head = f"{self.kw('KW_ALLOCATE')} {self.kw('KW_TEAMS')} "
        if p.mode == "transfer":
            return head + self.either("por repasse", "by transfer")
        if p.mode == "equal":
            return head + self.kw("KW_EQUALLY")
        if p.mode == "score":
            return head + self.either("por nota", "by score")
        if p.mode == "category_weight":
            values = ", ".join(f"{self.category(v.category)} {self.num(v.value)}" for v in p.values)
            return head + self.either("por peso de categoria: ", "by category weight: ") + values
        values = ", ".join(f"{self.category(v.category)} {self.pct(v.value)}" for v in p.values)
        return head + self.either("por parcela de categoria: ", "by category share: ") + values

    def p_minimum_category(self, p: Any) -> str:
        return self.either("categoria mínima ", "minimum category ") + self.category(p.category)

    def p_minimum_score(self, p: Any) -> str:
        return self.either("nota mínima ", "minimum score ") + self.num(p.score)

    def p_team_floor(self, p: Any) -> str:
        head = self.either("piso para ", "floor for ") + self.names(p.categories, self.category) + ": "
        if p.percent_of_transfer is not None:
            return head + self.pct(p.percent_of_transfer) + self.either(" do repasse", " of transfer")
        text = head + self.money(p.amount) + self.either(" por equipe", " per team")
        return text + (self.either(" por mês", " per month") if p.per_month else "")

    def p_redirect(self, p: Any) -> str:
        return (f"{self.kw('KW_REDIRECT')} {self.pct(p.percent)} {self.either('de', 'from')} "
                f"{self.names(p.from_categories, self.category)} {self.either('para', 'to')} "
                f"{self.names(p.to_categories, self.category)}")

    def p_divide_equally(self, p: Any) -> str:
        return f"{self.kw('KW_DIVIDE')} {self.kw('KW_EQUALLY')}"

    def p_divide_by_weight(self, p: Any) -> str:
        weights = ", ".join(f"{self.cadre(w.name)} {self.num(w.value)}" for w in p.weights)
        return self.either("dividir por peso: ", "divide by weight: ") + weights

    def p_earmark(self, p: Any) -> str:
        return f"{self.kw('KW_EARMARK')} {self.pct(p.percent)} {self.either('para', 'for')} {self.cadre(p.target)}"

    def p_fixed_amount(self, p: Any) -> str:
        text = (f"{self.kw('KW_PAY')} {self.money(p.amount)} {self.either('por pessoa para', 'per person to')} "
                f"{self.names(p.recipients, self.cadre)}")
        return text + (self.either(" por mês", " per month") if p.per_month else "")

    def p_equalize(self, p: Any) -> str:
        return self.either("igualar entre equipes da mesma categoria", "equalize across teams of the same category")

    def p_pool_level(self, p: Any) -> str:
        return self.either(f"agrupar {self.cadre(p.group)} entre equipes da mesma categoria",
                           f"pool {self.cadre(p.group)} across teams of the same category")

    def p_eligible(self, p: Any) -> str:
        return f"{self.kw('KW_ELIGIBLE')}: {self.names(p.members, self.cadre)}"

    def p_require(self, p: Any) -> str:
        text = {
            "posted_at_evaluation": ("lotado na avaliação", "posted at evaluation"),
            "posted_in_evaluation_month": ("lotado no mês da avaliação", "posted in month of the evaluation"),
            "active_at_payment": ("ativo no pagamento", "active at payment"),
            "signed_contract": ("contrato assinado", "signed contract"),
            "minimum_service": (f"{self.months(p.months or 0)} de serviço", f"{self.months(p.months or 0)} of service"),
        }[p.condition]
        return f"{self.kw('KW_REQUIRE')} " + (text[0] if self.pt else text[1])

    def p_exclude_leave(self, p: Any) -> str:
        kinds = self.names(p.leave_kinds, lambda k: vocab.LEAVE_KINDS.spelling(k, self.lang))
        return self.either("excluir afastamento: ", "exclude leave: ") + kinds

    def p_waiting_period(self, p: Any) -> str:
        return self.either(f"carência de {p.days} dias após retorno", f"waiting {p.days} days after return")

    def p_lose_after_absences(self, p: Any) -> str:
        return self.either(f"perde após {p.absences} faltas injustificadas",
                           f"lose after {p.absences} unjustified absences")

    def p_pro_rata(self, p: Any) -> str:
        if p.basis == "days":
            return self.either("proporcional aos dias", "pro-rata by days")
        return self.either("proporcional às horas", "pro-rata by hours")

    def p_person_cap(self, p: Any) -> str:
        return f"{self.kw('KW_CAP')} {self.money(p.amount)} {self.either('por pessoa', 'per person')}"

    def p_person_floor(self, p: Any) -> str:
        return f"{self.kw('KW_FLOOR')} {self.money(p.amount)} {self.either('por pessoa', 'per person')}"

    def p_remainder(self, p: Any) -> str:
        source = vocab.REMAINDER_SOURCES.spelling(p.source, self.lang)
        if p.destination == "team":
            dest = self.kw("KW_TEAM")
        elif p.destination == "next_period":
            dest = self.either("próximo período", "next period")
        else:
            dest = p.destination
        return self.either(f"sobra de {source} para {dest}", f"remainder of {source} to {dest}")

    def p_cadre(self, p: Any) -> str:
        text = f"{self.kw('KW_CADRE')} {p.name}"
        if p.label:
            text += f" {quote(p.label)}"
        if p.cbo:
            text += " cbo " + ", ".join(p.cbo)
        return text

    def p_group(self, p: Any) -> str:
        return f"{self.kw('KW_GROUP')} {p.name}: {self.names(p.members, self.cadre)}"

    # structure ----------------------------------------------------------------------
    def lines_for(self, node: Node, text: str, indent: int) -> list[str]:
        pad = INDENT * indent
        out = [pad + c for c in node.comments]
        line = pad + text
        if node.trailing_comment:
            line += "  " + node.trailing_comment
        out.append(line)
        return out

    def article_lines(self, article: Article, head: str, indent: int = 0) -> list[str]:
        if article.wording is not None:
            head += " " + quote(article.wording)
        out = self.lines_for(article, head + ":", indent)
        for p in article.provisions:
            out += self.lines_for(p, self.provision(p), indent + 1)
        for para in article.paragraphs:
            out += self.paragraph_lines(para, indent + 1)
        return out

    def paragraph_lines(self, para: Paragraph, indent: int) -> list[str]:
        head = "§ " + para.label if para.label != "sole" else self.either("parágrafo único", "paragraph sole")
        if para.wording is not None:
            head += " " + quote(para.wording)
        out = self.lines_for(para, head + ":", indent)
        for p in para.provisions:
            out += self.lines_for(p, self.provision(p), indent + 1)
        return out

    def header(self, law: Law) -> list[str]:
        text = f"{self.kw('KW_LAW')} {quote(law.title)}"
        if law.municipality:
            text += f" {self.kw('KW_MUNICIPALITY')} {quote(law.municipality)}"
        if law.state:
            text += f" {self.kw('KW_STATE')} {law.state}"
        if law.ibge:
            text += f" ibge {law.ibge}"
        return self.lines_for(law, text, 0)

    def version_head(self, v: Version) -> str:
        kind = self.kw("KW_VERSION") if v.kind == "original" else self.kw("KW_AMENDMENT")
        text = f"{kind} {v.name}"
        if v.title:
            text += f" {quote(v.title)}"
        if v.cycle is not None:
            return text + f" {self.kw('KW_EFFECTIVE')} {self.kw('KW_CYCLE')} {v.cycle}"
        return text + f" {self.kw('KW_EFFECTIVE')} {fmt_date(v.effective, self.lang)}"

    def version_lines(self, v: Version) -> list[str]:
        out = self.lines_for(v, self.version_head(v), 0)
        for article in v.articles:
            out += [""] + self.article_lines(article, f"art. {article.number}")
        for op in v.operations:
            if op.op == "repeal":
                out += [""] + self.lines_for(op, f"{self.kw('KW_REPEAL')} art. {op.target}", 0)
                continue
            assert op.article is not None
            head = f"{self.kw('KW_REPLACE') if op.op == 'replace' else self.kw('KW_INSERT')} art. {op.target}"
            if op.after:
                head += f" {self.kw('KW_AFTER')} art. {op.after}"
            body = self.article_lines(op.article, head)
            # the operation's comments belong to its line, not to the article copy
            body = self.lines_for(op, body[len(op.article.comments)].strip(), 0) + \
                body[len(op.article.comments) + 1:]
            out += [""] + body
        return out


def print_law(law: Law) -> str:
    """Canonical text of a whole law file (header, every version and amendment, comments)."""
    pr = Printer(law.language)
    out = pr.header(law)
    for v in law.versions:
        out += [""] + pr.version_lines(v)
    if law.closing_comments:
        out += [""] + law.closing_comments
    return "\n".join(out) + "\n"


def print_in_force(text: LawInForce) -> str:
    """The consolidated law of one version as a stand-alone law file with a single version."""
    law = text.law
    pr = Printer(law.language)
    pt = law.language == "pt"
    note = (f"# texto compilado: versão {text.version}, em vigor desde {fmt_date(text.effective, law.language)}"
            if pt else f"# consolidated text: version {text.version}, in force from "
                       f"{fmt_date(text.effective, law.language)}")
    if text.until:
        note += (f" até {fmt_date(text.until, law.language)}" if pt else f" until {fmt_date(text.until, law.language)}")
    header = law.model_copy(update={"comments": [], "trailing_comment": None})
    out = [note] + pr.header(header) + [""]
    title = f" {quote(text.title)}" if text.title else ""
    out.append(f"{pr.kw('KW_VERSION')} {text.version}{title} {pr.kw('KW_EFFECTIVE')} "
               f"{fmt_date(text.effective, law.language)}")
    for article in text.articles:
        src = text.article_source.get(article.number)
        lines = pr.article_lines(article, f"art. {article.number}")
        if src and src != text.version:
            lines = [(f"# redação dada por {src}" if pt else f"# as worded by {src}")] + lines
        out += [""] + lines
    if text.repealed:
        out += ["", ("# revogados: " if pt else "# repealed: ") + ", ".join(f"art. {n}" for n in text.repealed)]
    return "\n".join(out) + "\n"
