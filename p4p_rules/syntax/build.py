"""Syntax trees to the law model: assembles lines into header, versions, articles and provisions.

Everything that is a *word* of the domain (cadre, category, month, leave kind...) is mapped to
its canonical id here; whether a name is *defined* in the law in force is checked later, by
p4p_rules.resolve, because an amendment can change what is defined.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from lark import Token, Tree

from p4p_rules.model import vocabulary as vocab
from p4p_rules.model.law import (
    Allocate, Article, CadreDecl, CategoryValue, Disqualified, DivideByWeight, DivideEqually, Earmark,
    Eligible, Equalize, ExcludeLeave, FixedAmount, Frequency, GroupDecl, Lag, Law, LoseAfterAbsences,
    MinimumCategory, MinimumScore, NameValue, Operation, Paragraph, PayShare, PersonCap, PersonFloor,
    PoolLevel, Pos, ProRata, Redirect, Remainder, Require, Scale, Share, Split, TeamFloor, Version,
    WaitingPeriod,
)
from p4p_rules.syntax.diagnostics import Diagnostic, hint
from p4p_rules.syntax.keywords import KEYWORDS, Language, language_of
from p4p_rules.syntax.parser import MAX_NUMBER_DIGITS, ParsedLine, ParseResult


_DIGITS = re.compile(r"\d+")


class _Invalid(Exception):
    """A value on a line could not be understood; the diagnostic is already recorded."""


class Builder:
    """Turns the parsed lines of one file into a Law, recording diagnostics as it goes."""

    def __init__(self, result: ParseResult, file: str):
        self.file = file
        self.lang: Language = result.language
        self.result = result
        self.diagnostics: list[Diagnostic] = []

    # ---- diagnostics ------------------------------------------------------------
    def error(self, code: str, at_line: int, at_col: int, width: int = 1, help: str | None = None,
              **args: Any) -> None:
        # message arguments may themselves be called `line` (E111, E114...), hence at_line/at_col
        self.diagnostics.append(Diagnostic(code, self.file, at_line, at_col, self.lang, dict(args), help, width=width))

    def error_at(self, tok: Token, code: str, help: str | None = None, **args: Any) -> None:
        self.error(code, tok.line or 0, tok.column or 0, len(str(tok)), help, **args)

    def pos(self, line: int, col: int) -> Pos:
        return Pos(file=self.file, line=line, col=col)

    # ---- values -------------------------------------------------------------------
    def digits(self, tok: Token, digits: str | None = None) -> None:
        """Refuse a number too long to be exact (Decimal keeps 28 digits, int() refuses 4,300)."""
        text = str(tok) if digits is None else digits
        if len(text) <= MAX_NUMBER_DIGITS:  # nearly every number: too short to hold too many digits
            return
        count = sum(ch.isdigit() for ch in text)
        if count > MAX_NUMBER_DIGITS:
            text = str(tok) if len(str(tok)) <= 24 else str(tok)[:20] + "…"
            self.error_at(tok, "E153", text=text, digits=count, limit=MAX_NUMBER_DIGITS)
            raise _Invalid

    def number(self, tok: Token) -> Decimal:
        self.digits(tok)
        try:
            return canonical_decimal(Decimal(str(tok).replace(",", ".")))
        except InvalidOperation:
            self.error_at(tok, "E121", text=str(tok))
            raise _Invalid from None

    def integer(self, tok: Token) -> int:
        self.digits(tok)
        if not _DIGITS.fullmatch(str(tok)):
            self.error_at(tok, "E121", text=str(tok))
            raise _Invalid
        return int(str(tok))

    def percent(self, tree: Tree) -> Decimal:
        tok = tree.children[0]
        value = self.number(tok)
        if value > 100:
            self.error_at(tok, "E124", text=f"{tok}%")
            raise _Invalid
        return value

    def money(self, tok: Token) -> int:
        """'R$ 1.234,56' (Portuguese) or 'R$ 1,234.56' (English) to centavos."""
        text = str(tok)[2:].strip()
        thousands, decimal = (".", ",") if self.lang == "pt" else (",", ".")
        pattern = rf"(\d{{1,3}}(?:\{thousands}\d{{3}})+|\d+)(?:\{decimal}(\d{{1,2}}))?"
        m = re.fullmatch(pattern, text)
        if not m:
            self.error_at(tok, "E120", text=str(tok))
            raise _Invalid
        self.digits(tok, m.group(1))
        reais = int(m.group(1).replace(thousands, ""))
        cents = int((m.group(2) or "0").ljust(2, "0"))
        return reais * 100 + cents

    def date(self, tok: Token) -> dt.date:
        text = str(tok)
        try:
            if "/" in text:
                d, m, y = (int(x) for x in text.split("/"))
                return dt.date(y, m, d)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error_at(tok, "E122", text=text)
            raise _Invalid from None

    def term(self, tok: Token, vocabulary: vocab.Vocabulary, what: tuple[str, str]) -> str:
        found = vocabulary.lookup(str(tok))
        if found is None:
            suggestion = vocabulary.suggest(str(tok), self.lang)
            help_text = (hint("did_you_mean", self.lang, name=suggestion) if suggestion else
                         hint("known", self.lang, names=", ".join(vocabulary.names(self.lang))))
            self.error_at(tok, "E123", help=help_text, what=what[0] if self.lang == "pt" else what[1],
                          name=str(tok))
            raise _Invalid
        return found

    def cadre_name(self, tok: Token) -> str:
        """Built-in cadres become their canonical id; other names (declared cadres, groups) stay."""
        return vocab.CADRES.lookup(str(tok)) or str(tok)

    def category(self, tok: Token) -> str:
        return vocab.CATEGORIES.lookup(str(tok)) or str(tok)

    # ---- the file -------------------------------------------------------------------
    def build(self) -> Law | None:
        law: Law | None = None
        version: Version | None = None
        article: Article | None = None      # where provisions go (caput)
        paragraph: Paragraph | None = None
        seen_articles: dict[str, int] = {}
        version_names: dict[str, int] = {}
        header_line = 0
        for pl in self.result.lines:
            kind = pl.tree.children[0]
            assert isinstance(kind, Tree)
            data = kind.data
            try:
                if data == "header":
                    if law is not None:
                        self.error("E111", pl.line, pl.col, line=header_line)
                        continue
                    law = self.header(kind, pl)
                    header_line = pl.line
                    continue
                if law is None:
                    self.error("E110", pl.line, pl.col)
                    law = Law(title="?", language=self.lang, file=self.file)
                if data in ("version_decl", "amendment_decl"):
                    # until the header is valid, its lines belong to a version that is not kept:
                    # one bad date must not turn every following line into "before any version"
                    version = Version(name="?", kind="original", effective=dt.date.min)
                    article, paragraph = None, None
                    version = self.version(kind, pl)
                    if version.name in version_names:
                        self.error("E115", pl.line, pl.col, name=version.name, line=version_names[version.name])
                    version_names[version.name] = pl.line
                    if version.kind == "amendment" and not law.versions:
                        self.error("E113", pl.line, pl.col)
                    law.versions.append(version)
                    article, paragraph, seen_articles = None, None, {}
                    continue
                if version is None:
                    self.error("E112", pl.line, pl.col, **self._what_where(data, "version"))
                    continue
                if data == "article_decl":
                    if version.kind == "amendment":
                        self.error("E117", pl.line, pl.col)
                        article = None
                        continue
                    article = self.article(kind.children[0], kind.children[1:], pl)
                    if article.number in seen_articles:
                        self.error("E114", pl.line, pl.col, article=article.number,
                                   line=seen_articles[article.number])
                    seen_articles[article.number] = pl.line
                    version.articles.append(article)
                    paragraph = None
                elif data in ("replace_op", "insert_op", "repeal_op"):
                    if version.kind != "amendment":
                        self.error("E112", pl.line, pl.col, **self._what_where(data, "amendment"))
                        continue
                    article, paragraph = self.operation(kind, pl, version)
                elif data in ("paragraph_numbered", "paragraph_sole"):
                    if article is None:
                        self.error("E112", pl.line, pl.col, **self._what_where(data, "article"))
                        continue
                    paragraph = self.paragraph(kind, pl)
                    if any(p.label == paragraph.label for p in article.paragraphs):
                        sole = "único" if self.lang == "pt" else "sole"
                        label = paragraph.label if paragraph.label != "sole" else sole
                        self.error("E118", pl.line, pl.col, label=label, article=article.number)
                    article.paragraphs.append(paragraph)
                else:
                    if article is None:
                        if version.kind == "amendment":
                            self.error("E117", pl.line, pl.col)
                        else:
                            self.error("E112", pl.line, pl.col, **self._what_where(data, "article"))
                        continue
                    provision = self.provision(kind, pl)
                    (paragraph.provisions if paragraph else article.provisions).append(provision)
            except _Invalid:
                continue
        if law is None:
            line = self.result.lines[0].line if self.result.lines else 1
            self.error("E110", line, 1)
            return None
        if not law.versions and not self.diagnostics:
            self.error("E116", header_line or 1, 1)
        law.closing_comments = list(self.result.closing_comments)
        self.check_language()
        return law

    def _what_where(self, data: str, where: str) -> dict[str, str]:
        pt = self.lang == "pt"
        what = {"article_decl": ("artigo", "article"), "replace_op": ("alteração", "replace operation"),
                "insert_op": ("acréscimo", "insert operation"), "repeal_op": ("revogação", "repeal"),
                "paragraph_numbered": ("parágrafo", "paragraph"), "paragraph_sole": ("parágrafo", "paragraph")
                }.get(data, ("disposição", "provision"))
        where_words = {"version": ("versão ('versão ... vigência ...')", "version ('version ... effective ...')"),
                       "amendment": ("emenda ('emenda ... vigência ...')", "amendment ('amendment ... effective ...')"),
                       "article": ("artigo ('art. 1')", "article ('art. 1')")}[where]
        return {"what": (what[0] if pt else what[1]).capitalize(), "where": where_words[0] if pt else where_words[1]}

    def check_language(self) -> None:
        """Every keyword must be in the file's language: mixed files would not round-trip."""
        for tok in self.result.keyword_tokens:
            lang = language_of(str(tok))
            if lang and lang != self.lang:
                pt, en = KEYWORDS[tok.type]
                other = pt if self.lang == "pt" else en
                if not other:  # e.g. English "the": Portuguese simply has no such word here
                    self.error_at(tok, "E126", word=str(tok))
                    continue
                self.error_at(tok, "E125", word=str(tok), other=other[0])

    # ---- structure ------------------------------------------------------------------
    def attach(self, node: Any, pl: ParsedLine) -> Any:
        node.pos = self.pos(pl.line, pl.col)
        node.comments = list(pl.leading_comments)
        node.trailing_comment = pl.trailing_comment
        return node

    def header(self, tree: Tree, pl: ParsedLine) -> Law:
        title = _unquote(tree.children[1])
        law = Law(title=title, language=self.lang, file=self.file)
        for item in tree.children[2:]:
            if not isinstance(item, Tree):
                continue
            value = item.children[1]
            if item.data == "municipality":
                law.municipality = _unquote(value)
            elif item.data == "state":
                law.state = str(value).upper()
            elif item.data == "ibge":
                law.ibge = str(self.integer(value))
        return self.attach(law, pl)

    def version(self, tree: Tree, pl: ParsedLine) -> Version:
        kind = "original" if tree.data == "version_decl" else "amendment"
        name = str(tree.children[1])
        title = next((_unquote(c) for c in tree.children if isinstance(c, Token) and c.type == "STRING"), None)
        eff = tree.children[-1]
        cycle = None
        if eff.data == "effective_date":
            effective = self.date(eff.children[1])
        else:
            cycle_tok = eff.children[2]
            cycle = self.integer(cycle_tok)
            if cycle not in vocab.CYCLE_START:
                self.error_at(cycle_tok, "E134", cycle=cycle)
                raise _Invalid
            effective = dt.date(*vocab.CYCLE_START[cycle])
        return self.attach(Version(name=name, title=title, kind=kind, effective=effective, cycle=cycle), pl)

    def art_number(self, ref: Tree) -> str:
        number = str(self.integer(ref.children[1]))
        suffix = [c for c in ref.children if isinstance(c, Tree) and c.data == "art_suffix"]
        if suffix:
            letter = str(suffix[0].children[0]).upper()
            return f"{number}-{letter}"
        return number

    def article(self, ref: Tree, rest: list[Any], pl: ParsedLine) -> Article:
        wording = next((_unquote(c) for c in rest if isinstance(c, Token) and c.type == "STRING"), None)
        return self.attach(Article(number=self.art_number(ref), wording=wording), pl)

    def paragraph(self, tree: Tree, pl: ParsedLine) -> Paragraph:
        wording = next((_unquote(c) for c in tree.children if isinstance(c, Token) and c.type == "STRING"), None)
        label = str(self.integer(tree.children[1])) if tree.data == "paragraph_numbered" else "sole"
        return self.attach(Paragraph(label=label, wording=wording), pl)

    def operation(self, tree: Tree, pl: ParsedLine, version: Version) -> tuple[Article | None, None]:
        refs = [c for c in tree.children if isinstance(c, Tree) and c.data == "art_ref"]
        if tree.data == "repeal_op":
            for i, ref in enumerate(refs):
                kw = ref.children[0]
                op = Operation(op="repeal", target=self.art_number(ref), pos=self.pos(kw.line, kw.column))
                if i == 0:
                    op.comments, op.trailing_comment = list(pl.leading_comments), pl.trailing_comment
                version.operations.append(op)
            return None, None
        wording = next((_unquote(c) for c in tree.children if isinstance(c, Token) and c.type == "STRING"), None)
        target = self.art_number(refs[0])
        article = Article(number=target, wording=wording, pos=self.pos(pl.line, pl.col))
        op = Operation(op="replace" if tree.data == "replace_op" else "insert", target=target, article=article,
                       after=self.art_number(refs[1]) if len(refs) > 1 else None)
        version.operations.append(self.attach(op, pl))
        return article, None

    # ---- provisions --------------------------------------------------------------------
    def provision(self, tree: Tree, pl: ParsedLine) -> Any:
        handler: Callable[[Tree], Any] = getattr(self, "p_" + tree.data)
        return self.attach(handler(tree), pl)

    def p_scale_named(self, t: Tree) -> Scale:
        scale = self.term(t.children[1], vocab.SCALES, ("escala", "scale"))
        return Scale(scale=scale, categories=list(vocab.SCALE_CATEGORIES[scale]))

    def p_scale_custom(self, t: Tree) -> Scale:
        return Scale(scale="custom", categories=[self.category(n) for n in _names(t)])

    def p_disqualified_excluded(self, t: Tree) -> Disqualified:
        return Disqualified(treatment="excluded")

    def p_disqualified_as(self, t: Tree) -> Disqualified:
        return Disqualified(treatment="as_category", category=self.category(t.children[2]))

    def share_node(self, tok: Token) -> str:
        if tok.type == "KW_FUNDS":
            return vocab.FUNDS
        if tok.type == "KW_TEAMS":
            return vocab.TEAMS
        return str(tok)

    def p_split(self, t: Tree) -> Split:
        items = [c for c in t.children if isinstance(c, Tree) and c.data == "share_item"]
        shares = []
        for item in items:
            node_tok, pct = item.children
            shares.append(Share(node=self.share_node(node_tok), percent=self.percent(pct),
                                pos=self.pos(node_tok.line, node_tok.column)))
        return Split(parent=self.share_node(t.children[1]), shares=shares)

    def p_pay_share(self, t: Tree) -> PayShare:
        return PayShare(share=str(t.children[2]), recipients=[self.cadre_name(n) for n in _names(t)])

    def p_allocate(self, t: Tree) -> Allocate:
        mode_tree = t.children[2]
        mode = {"by_transfer": "transfer", "equally": "equal", "by_score": "score",
                "by_category_weight": "category_weight", "by_category_share": "category_share"}[mode_tree.data]
        values = []
        for cv in (c for c in mode_tree.children if isinstance(c, Tree) and c.data == "category_value"):
            name_tok, val = cv.children
            if isinstance(val, Tree):
                value = self.percent(val)
                if mode == "category_weight":
                    # "peso ... bom 80%" reads naturally; a weight of 80% is the weight 80
                    pass
            else:
                value = self.number(val)
            values.append(CategoryValue(category=self.category(name_tok), value=value,
                                        pos=self.pos(name_tok.line, name_tok.column)))
        return Allocate(mode=mode, values=values)

    def p_minimum_category(self, t: Tree) -> MinimumCategory:
        return MinimumCategory(category=self.category(t.children[-1]))

    def p_minimum_score(self, t: Tree) -> MinimumScore:
        return MinimumScore(score=self.number(_tokens(t, "NUMBER")[0]))

    def p_team_floor(self, t: Tree) -> TeamFloor:
        cats = [self.category(n) for n in _names(t)]
        amount = t.children[-1]
        if amount.data == "floor_percent":
            return TeamFloor(categories=cats, percent_of_transfer=self.percent(amount.children[0]))
        per_month = len(_tokens(amount, "KW_MONTH")) > 0
        return TeamFloor(categories=cats, amount=self.money(amount.children[0]), per_month=per_month)

    def p_redirect(self, t: Tree) -> Redirect:
        lists = [c for c in t.children if isinstance(c, Tree) and c.data == "category_list"]
        pct = next(c for c in t.children if isinstance(c, Tree) and c.data == "percent")
        from_categories = [self.category(n) for n in _names(Tree("r", [lists[0]]))]
        return Redirect(percent=self.percent(pct), from_categories=from_categories,
                        to_categories=[self.category(n) for n in _names(Tree("r", [lists[1]]))])

    def p_divide_equally(self, t: Tree) -> DivideEqually:
        return DivideEqually()

    def p_divide_by_weight(self, t: Tree) -> DivideByWeight:
        weights = []
        for nv in (c for c in t.children if isinstance(c, Tree) and c.data == "name_value"):
            name_tok, val = nv.children
            weights.append(NameValue(name=self.cadre_name(name_tok), value=self.number(val),
                                     pos=self.pos(name_tok.line, name_tok.column)))
        return DivideByWeight(weights=weights)

    def p_earmark(self, t: Tree) -> Earmark:
        pct = next(c for c in t.children if isinstance(c, Tree) and c.data == "percent")
        return Earmark(percent=self.percent(pct), target=self.cadre_name(_tokens(t, "NAME")[0]))

    def p_fixed_amount(self, t: Tree) -> FixedAmount:
        per_month = len(_tokens(t, "KW_MONTH")) > 0
        return FixedAmount(amount=self.money(_tokens(t, "MONEY")[0]),
                           recipients=[self.cadre_name(n) for n in _names(t)], per_month=per_month)

    def p_equalize(self, t: Tree) -> Equalize:
        return Equalize()

    def p_pool_level(self, t: Tree) -> PoolLevel:
        return PoolLevel(group=self.cadre_name(_tokens(t, "NAME")[0]))

    def p_eligible(self, t: Tree) -> Eligible:
        return Eligible(members=[self.cadre_name(n) for n in _names(t)])

    def p_require(self, t: Tree) -> Require:
        r = t.children[1]
        if r.data == "minimum_service":
            return Require(condition="minimum_service", months=self.integer(r.children[0]))
        return Require(condition=r.data)

    def p_exclude_leave(self, t: Tree) -> ExcludeLeave:
        return ExcludeLeave(leave_kinds=[self.term(n, vocab.LEAVE_KINDS, ("tipo de afastamento", "leave kind"))
                                         for n in _names(t)])

    def p_waiting_period(self, t: Tree) -> WaitingPeriod:
        return WaitingPeriod(days=self.integer(_tokens(t, "NUMBER")[0]))

    def p_lose_after(self, t: Tree) -> LoseAfterAbsences:
        return LoseAfterAbsences(absences=self.integer(_tokens(t, "NUMBER")[0]))

    def p_pro_rata_days(self, t: Tree) -> ProRata:
        return ProRata(basis="days")

    def p_pro_rata_hours(self, t: Tree) -> ProRata:
        return ProRata(basis="hours")

    def p_person_cap(self, t: Tree) -> PersonCap:
        return PersonCap(amount=self.money(_tokens(t, "MONEY")[0]))

    def p_person_floor(self, t: Tree) -> PersonFloor:
        return PersonFloor(amount=self.money(_tokens(t, "MONEY")[0]))

    def p_remainder(self, t: Tree) -> Remainder:
        source_tok = t.children[2]
        source = self.term(source_tok, vocab.REMAINDER_SOURCES, ("origem de sobra", "remainder source"))
        dest = t.children[-1]
        if dest.data == "to_team":
            destination = "team"
        elif dest.data == "to_next_period":
            destination = "next_period"
        else:
            destination = str(dest.children[0])
        return Remainder(source=source, destination=destination)

    def p_frequency_named(self, t: Tree) -> Frequency:
        names = _tokens(t, "NAME")
        months = int(self.term(names[0], vocab.FREQUENCIES, ("periodicidade", "frequency")))
        return Frequency(months=months, in_month=self._in_month(names[1:], months))

    def p_frequency_every(self, t: Tree) -> Frequency:
        num = _tokens(t, "NUMBER")[0]
        months = self.integer(num)
        if months not in vocab.ALLOWED_PERIOD_MONTHS:
            allowed = ", ".join(str(m) for m in vocab.ALLOWED_PERIOD_MONTHS)
            self.error_at(num, "E124", text=str(num),
                          help=(f"valores possíveis: {allowed} (períodos que dividem o ano)" if self.lang == "pt"
                                else f"possible values: {allowed} (periods that divide the year)"))
            raise _Invalid
        return Frequency(months=months, in_month=self._in_month(_tokens(t, "NAME"), months))

    def _in_month(self, names: list[Token], months: int) -> int | None:
        if not names:
            return None
        month = int(self.term(names[0], vocab.MONTHS, ("mês", "month")))
        if months != 12:
            self.error_at(names[0], "E127", frequency=vocab.FREQUENCIES.spelling(str(months), self.lang))
            raise _Invalid
        return month

    def p_lag(self, t: Tree) -> Lag:
        return Lag(months=self.integer(_tokens(t, "NUMBER")[0]))

    def p_cadre_decl(self, t: Tree) -> CadreDecl:
        name_tok = t.children[1]
        if vocab.CADRES.lookup(str(name_tok)):
            self.error_at(name_tok, "E145", name=str(name_tok))
            raise _Invalid
        label = next((_unquote(c) for c in t.children if isinstance(c, Token) and c.type == "STRING"), None)
        return CadreDecl(name=str(name_tok), label=label, cbo=[str(n) for n in _tokens(t, "NUMBER")])

    def p_group_decl(self, t: Tree) -> GroupDecl:
        name_tok = t.children[1]
        if vocab.CADRES.lookup(str(name_tok)):
            # a group named like a built-in cadre would be silently read as that cadre elsewhere
            self.error_at(name_tok, "E145", name=str(name_tok))
            raise _Invalid
        return GroupDecl(name=str(t.children[1]), members=[self.cadre_name(n) for n in _names(t)])


def canonical_decimal(value: Decimal) -> Decimal:
    """One representation per number, so '12,50%' and '12,5%' give the same model."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _unquote(tok: Token) -> str:
    text = str(tok)
    if text.startswith("“"):
        return text[1:-1]
    return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")


def _tokens(tree: Tree, type_: str) -> list[Token]:
    return [t for t in tree.scan_values(lambda v: isinstance(v, Token) and v.type == type_)]


def _names(tree: Tree) -> list[Token]:
    """The names in the first name_list or category_list of a provision, in order."""
    for child in tree.children:
        if isinstance(child, Tree) and child.data in ("name_list", "category_list"):
            return [t for t in child.children if isinstance(t, Token) and t.type in ("NAME", "KW_DISQUALIFIED")]
    return []
