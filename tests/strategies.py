"""Hypothesis strategies that generate law models covering every provision kind and amendment operation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab

# Names that are valid identifiers in both languages and are not keywords.
SHARE_NAMES = ["gestão", "infraestrutura", "capacitação", "prêmio_anual", "coordenação", "manutenção", "apoio_institucional"]
CUSTOM_CADRES = ["motorista", "vigia", "farmacêutico_x"]
GROUPS = ["nível_superior", "nível_médio", "clínicos"]
CUSTOM_CATEGORIES = ["ouro", "prata", "bronze"]

cadres = st.sampled_from(sorted(vocab.CADRES.terms) + CUSTOM_CADRES + GROUPS)
builtin_categories = st.sampled_from(vocab.FOUR_LEVEL + vocab.FIVE_LEVEL + [vocab.DISQUALIFIED])
categories = st.one_of(builtin_categories, st.sampled_from(CUSTOM_CATEGORIES))
percents = st.one_of(st.integers(0, 100).map(Decimal),
                     st.integers(1, 9999).map(lambda n: (Decimal(n) / 100)).filter(lambda d: d <= 100)
                     ).map(lambda d: d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())
numbers = st.one_of(st.integers(0, 500).map(lambda n: Decimal(n)),
                    st.integers(1, 999).map(lambda n: (Decimal(n) / 10).normalize()))
numbers = numbers.map(lambda d: d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())
money = st.integers(0, 10_000_000)
comments = st.lists(st.sampled_from(["# nota", "# comentário com acentuação", "# see art. 2", "#"]), max_size=2)


def distinct(strategy, min_size=1, max_size=4):
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=True)


provisions = st.one_of(
    st.sampled_from(["four-level", "five-level"]).map(
        lambda s: m.Scale(scale=s, categories=list(vocab.SCALE_CATEGORIES[s]))),
    distinct(st.sampled_from(CUSTOM_CATEGORIES)).map(lambda cs: m.Scale(scale="custom", categories=cs)),
    st.just(m.Disqualified(treatment="excluded")),
    categories.map(lambda c: m.Disqualified(treatment="as_category", category=c)),
    st.builds(lambda parent, shares: m.Split(parent=parent, shares=[m.Share(node=n, percent=p) for n, p in shares]),
              st.sampled_from([vocab.FUNDS] + SHARE_NAMES),
              distinct(st.tuples(st.sampled_from([vocab.TEAMS] + SHARE_NAMES), percents), 1, 4)
              .filter(lambda xs: len({n for n, _ in xs}) == len(xs))),
    st.builds(lambda s, r: m.PayShare(share=s, recipients=r), st.sampled_from(SHARE_NAMES), distinct(cadres)),
    st.sampled_from(vocab.ALLOWED_PERIOD_MONTHS).map(lambda n: m.Frequency(months=n)),
    st.integers(1, 12).map(lambda month: m.Frequency(months=12, in_month=month)),
    st.integers(0, 36).map(lambda n: m.Lag(months=n)),
    st.sampled_from(["transfer", "equal", "score"]).map(lambda mode: m.Allocate(mode=mode)),
    st.builds(lambda mode, vals: m.Allocate(mode=mode, values=[m.CategoryValue(category=c, value=v) for c, v in vals]),
              st.just("category_weight"), distinct(st.tuples(categories, numbers))
              .filter(lambda xs: len({c for c, _ in xs}) == len(xs))),
    st.builds(lambda vals: m.Allocate(mode="category_share", values=[m.CategoryValue(category=c, value=v) for c, v in vals]),
              distinct(st.tuples(categories, percents)).filter(lambda xs: len({c for c, _ in xs}) == len(xs))),
    categories.map(lambda c: m.MinimumCategory(category=c)),
    numbers.map(lambda n: m.MinimumScore(score=n)),
    st.builds(lambda cs, p: m.TeamFloor(categories=cs, percent_of_transfer=p), distinct(categories), percents),
    st.builds(lambda cs, a, pm: m.TeamFloor(categories=cs, amount=a, per_month=pm), distinct(categories), money,
              st.booleans()),
    st.builds(lambda p, a, b: m.Redirect(percent=p, from_categories=a, to_categories=b), percents,
              distinct(categories), distinct(categories)),
    st.just(m.DivideEqually()),
    distinct(st.tuples(cadres, numbers)).filter(lambda xs: len({c for c, _ in xs}) == len(xs)).map(
        lambda ws: m.DivideByWeight(weights=[m.NameValue(name=c, value=v) for c, v in ws])),
    st.builds(lambda p, c: m.Earmark(percent=p, target=c), percents, cadres),
    st.builds(lambda a, r, pm: m.FixedAmount(amount=a, recipients=r, per_month=pm), money, distinct(cadres),
              st.booleans()),
    st.just(m.Equalize()),
    cadres.map(lambda g: m.PoolLevel(group=g)),
    distinct(cadres).map(lambda ms: m.Eligible(members=ms)),
    st.sampled_from(["posted_at_evaluation", "posted_in_evaluation_month", "active_at_payment", "signed_contract"])
    .map(lambda c: m.Require(condition=c)),
    st.integers(0, 120).map(lambda n: m.Require(condition="minimum_service", months=n)),
    distinct(st.sampled_from(sorted(vocab.LEAVE_KINDS.terms))).map(lambda ks: m.ExcludeLeave(leave_kinds=ks)),
    st.integers(0, 365).map(lambda n: m.WaitingPeriod(days=n)),
    st.integers(0, 60).map(lambda n: m.LoseAfterAbsences(absences=n)),
    st.sampled_from(["days", "hours"]).map(lambda b: m.ProRata(basis=b)),
    money.map(lambda a: m.PersonCap(amount=a)),
    money.map(lambda a: m.PersonFloor(amount=a)),
    st.builds(lambda s, d: m.Remainder(source=s, destination=d), st.sampled_from(sorted(vocab.REMAINDER_SOURCES.terms)),
              st.sampled_from(["team", "next_period"] + SHARE_NAMES)),
    st.builds(lambda n, label, cbo: m.CadreDecl(name=n, label=label, cbo=cbo), st.sampled_from(CUSTOM_CADRES),
              st.none() | st.sampled_from(["Motorista da UBS", 'Vigia "noturno"', "Farmacêutico"]),
              st.lists(st.integers(100000, 999999).map(str), max_size=2)),
    st.builds(lambda g, ms: m.GroupDecl(name=g, members=ms), st.sampled_from(GROUPS), distinct(cadres)),
)


def with_comments(node_strategy):
    return st.builds(lambda n, cs, tc: n.model_copy(update={"comments": cs, "trailing_comment": tc}),
                     node_strategy, comments, st.none() | st.just("# fim"))


wordings = st.none() | st.sampled_from(["Fica instituído o incentivo.", "Os recursos \"PMAQ\" serão repartidos.",
                                        "§ único: redação com acentos — ç, ã, é"])


@st.composite
def articles(draw, number: str):
    paragraphs = []
    for i, label in enumerate(draw(st.lists(st.sampled_from(["1", "2", "3", "sole"]), max_size=2, unique=True))):
        paragraphs.append(m.Paragraph(label=label, wording=draw(wordings),
                                      provisions=draw(st.lists(with_comments(provisions), max_size=2))))
    return m.Article(number=number, wording=draw(wordings), comments=draw(comments),
                     provisions=draw(st.lists(with_comments(provisions), min_size=0, max_size=4)),
                     paragraphs=paragraphs)


ARTICLE_NUMBERS = ["1", "2", "3", "3-A", "4", "5", "10"]


@st.composite
def laws(draw):
    language = draw(st.sampled_from(["pt", "en"]))
    n_articles = draw(st.integers(1, 4))
    numbers = ARTICLE_NUMBERS[:n_articles]
    start = draw(st.dates(dt.date(2010, 1, 1), dt.date(2012, 12, 31)))
    original = m.Version(name="original", title=draw(st.none() | st.just("Lei nº 1/2012")), kind="original",
                         effective=start, articles=[draw(articles(n)) for n in numbers], comments=draw(comments))
    versions = [original]
    for k in range(draw(st.integers(0, 2))):
        ops = []
        for _ in range(draw(st.integers(1, 3))):
            op = draw(st.sampled_from(["replace", "insert", "repeal"]))
            target = draw(st.sampled_from(ARTICLE_NUMBERS))
            if op == "repeal":
                ops.append(m.Operation(op="repeal", target=target))
            else:
                after = draw(st.none() | st.sampled_from(numbers)) if op == "insert" else None
                ops.append(m.Operation(op=op, target=target, after=after, article=draw(articles(target))))
        cycle = draw(st.none() | st.sampled_from([2, 3]))
        effective = dt.date(*vocab.CYCLE_START[cycle]) if cycle else start + dt.timedelta(days=400 * (k + 1))
        versions.append(m.Version(name=f"emenda_{k + 1}", kind="amendment", effective=effective, cycle=cycle,
                                  operations=ops))
    return m.Law(title=draw(st.sampled_from(["Lei Municipal nº 1.234/2012", "Law 7/2011"])),
                 municipality=draw(st.none() | st.sampled_from(["M4", "São José"])),
                 state=draw(st.none() | st.sampled_from(["PB", "PE"])),
                 ibge=draw(st.none() | st.integers(1000000, 5399999).map(str)),
                 language=language, versions=versions, comments=draw(comments),
                 closing_comments=draw(st.lists(st.just("# fim da lei"), max_size=1)))
