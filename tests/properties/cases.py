"""Generated engine cases for the properties: a law and a data folder, loaded once, run in memory.

Two sources, both reused from elsewhere in tests/ (nothing generated here is new):

- `tests.oracle.generate.cases()` — runnable laws written from provision templates (four-level
  scale, every provision kind but `cadre`) with small random rosters, scores, transfers, absences;
- "every provision": law models from `tests.strategies.laws()` (every provision kind, custom and
  five-level scales, cadre declarations, amendments) printed to text, with the lines their compile
  errors point at dropped (`repaired`), kept when the engine can apply them (shares and earmarks
  within 100 %), with a data folder from `tests.oracle.generate.datasets()`.

Together they cover every provision kind (test_generators.py).

Reading a data folder is the slow part (~0.3 s); the engine takes milliseconds. So a property
reads the files once and varies the loaded `Dataset` in memory — except the row-order property,
whose point is to read shuffled files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from p4p_rules.batch import law_names
from p4p_rules.data import Dataset, load_dataset
from p4p_rules.engine.period import LawCannotBeApplied
from p4p_rules.engine.run import RunResult, run
from p4p_rules.load import CompiledLaw, compile_file, compile_text, parse_law
from p4p_rules.model import law as m
from p4p_rules.printer import print_law
from p4p_rules.syntax.diagnostics import LawError
from tests import strategies
from tests.oracle import generate
from tests.oracle.generate import Case

ROOT = Path(__file__).resolve().parents[2]
M05_LAW, M05_DATA = ROOT / "laws" / "m05.p4p", ROOT / "laws" / "data" / "m05"
HAND_WORKED = sorted(p for p in (ROOT / "tests" / "engine" / "cases").iterdir() if (p / "law.p4p").is_file())


# ---- which laws can be run at all ----------------------------------------------------------------
def provisions(compiled: CompiledLaw) -> Iterator[m.Node]:
    """Every provision of every consolidated version of the law."""
    for text in compiled.texts:
        for article in text.articles:
            for _, p in article.all_provisions():
                yield p


def applicable(compiled: CompiledLaw) -> bool:
    """No version asks for more than the whole (shares or earmarks above 100 %): the engine refuses
    those with a message (exit 1), which is right but computes nothing to check."""
    for text in compiled.texts:
        earmarks = 0
        for article in text.articles:
            for _, p in article.all_provisions():
                if isinstance(p, m.Split) and sum(s.percent for s in p.shares) > 100:
                    return False
                if isinstance(p, m.Earmark):
                    earmarks += p.percent
        if earmarks > 100:
            return False
    return True


def _compiles(text: str) -> bool:
    try:
        return applicable(compile_text(text, "generated.p4p"))
    except LawError:
        return False


def _without_lines(law: m.Law, lines: set[int]) -> m.Law:
    """The law without the provisions and amendment operations that start on one of `lines`."""

    def keep(nodes: list) -> list:
        return [n for n in nodes if n.pos is None or n.pos.line not in lines]

    def article(a: m.Article) -> m.Article:
        return a.model_copy(update={"provisions": keep(a.provisions), "paragraphs": [
            para.model_copy(update={"provisions": keep(para.provisions)}) for para in a.paragraphs]})

    return law.model_copy(update={"versions": [v.model_copy(update={
        "articles": [article(a) for a in v.articles],
        "operations": [op.model_copy(update={"article": article(op.article) if op.article else None})
                       for op in keep(v.operations)]}) for v in law.versions]})


def repaired(text: str, rounds: int = 4) -> str | None:
    """The law without the provisions and amendment operations its compile errors point at (a
    category with no scale in force, a share or cadre nobody declared, an amendment of a missing
    article...), or None if that does not give a law the engine can run. Most laws drawn from
    `tests.strategies.laws()` name something undeclared somewhere; dropping just those lines keeps
    the rest of their provisions in play (custom scales, declared cadres, amendments)."""
    for _ in range(rounds):
        try:
            return text if applicable(compile_text(text, "generated.p4p")) else None
        except LawError as e:
            lines = {d.line for d in e.diagnostics}
        try:
            fixed = print_law(_without_lines(parse_law(text, "generated.p4p"), lines))
        except LawError:
            return None
        if fixed == text:
            return None
        text = fixed
    return None


every_provision_laws = strategies.laws().map(print_law).map(repaired).filter(lambda text: text is not None)


@st.composite
def every_provision_cases(draw) -> Case:
    first = draw(st.sampled_from(generate.FIRST_MONTHS))
    return Case(draw(every_provision_laws), draw(generate.datasets(first)))


oracle_cases = generate.cases().filter(lambda c: _compiles(c.law))

# Most examples from the oracle's templates (laws that do something sensible with the data), some
# from the provision soup (odd combinations: custom scales, declared cadres, amendments everywhere).
engine_cases = st.one_of(oracle_cases, oracle_cases, every_provision_cases())


# ---- laws rewritten to meet a property's preconditions ----------------------------------------------------
def rewrite_provisions(law_text: str, change) -> str | None:
    """The law with `change(provision)` applied to every provision of every version and amendment
    (None drops the provision); None when the result is not a law the engine can run."""

    def article(a: m.Article) -> m.Article:
        keep = lambda ps: [q for q in (change(p) for p in ps) if q is not None]  # noqa: E731
        return a.model_copy(update={"provisions": keep(a.provisions),
                                    "paragraphs": [para.model_copy(update={"provisions": keep(para.provisions)})
                                                   for para in a.paragraphs]})

    law = parse_law(law_text, "generated.p4p")
    versions = []
    for v in law.versions:
        ops = [op.model_copy(update={"article": article(op.article) if op.article else None}) for op in v.operations]
        versions.append(v.model_copy(update={"articles": [article(a) for a in v.articles], "operations": ops}))
    text = print_law(law.model_copy(update={"versions": versions}))
    return text if _compiles(text) else None


def rewritten(cases, change):
    """Cases whose laws are rewritten by `change` (see rewrite_provisions); those that no longer
    compile are left out."""
    return cases.map(lambda c: Case(rewrite_provisions(c.law, change) or "", c.files)).filter(lambda c: c.law)


# ---- loading and running --------------------------------------------------------------------------
@dataclass
class Loaded:
    """A case on disk, compiled and read: what `p4p-rules run` would see."""

    case: Case | None
    folder: Path
    law_path: Path
    compiled: CompiledLaw
    dataset: Dataset


def load(law_path: Path, folder: Path, case: Case | None = None) -> Loaded:
    compiled = compile_file(law_path)
    cadres, categories, cbo = law_names(compiled)
    dataset = load_dataset(folder, extra_cadres=cadres, language=compiled.law.language,
                           extra_categories=categories, extra_cbo=cbo)
    return Loaded(case, folder, law_path, compiled, dataset)


@contextmanager
def written(case: Case) -> Iterator[Loaded]:
    """The case written to a temporary folder and loaded (the folder lives while the block runs)."""
    with tempfile.TemporaryDirectory(prefix="p4p-prop-") as tmp:
        folder = Path(tmp)
        law = case.write(folder)
        yield load(law, folder, case)


# The generated transfers cover one to four months from Nov 2013 to May 2014; with a quarterly or
# annual law most of them would be pending (not yet paid) at the end of the data. Running up to
# December 2015 (`--to 2015-12`) closes every period of every frequency the generators write.
LATE_END = dt.date(2015, 12, 1)
ends = st.sampled_from([LATE_END, LATE_END, None])


def run_engine(compiled: CompiledLaw, dataset: Dataset, end: dt.date | None = None) -> RunResult | None:
    """The engine's result, or None when it refuses the law for these data (LawCannotBeApplied,
    a message for the user, exit 1). Anything else it raises is a failure of the property."""
    try:
        return run(compiled, dataset, None, end)
    except LawCannotBeApplied:
        return None


def with_tables(dataset: Dataset, **tables: pd.DataFrame) -> Dataset:
    """The same dataset with some tables replaced (Dataset is frozen)."""
    return dataclasses.replace(dataset, **tables)


# ---- comparing results -----------------------------------------------------------------------------
def rows(df: pd.DataFrame) -> list[tuple]:
    """A table as a sorted list of rows (every column, as text): compares content, not order."""
    return sorted(tuple("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row)
                  for row in df.itertuples(index=False, name=None))


def payments_by_key(result: RunResult) -> Counter:
    """Centavos per (period, staff_id, team_id, cadre): a person may have several rows in a period
    (two teams, or a team and a share paid to their cadre)."""
    out: Counter = Counter()
    p = result.payments
    for period, staff, team, cadre, amount in zip(p["period"], p["staff_id"], p["team_id"], p["cadre"], p["amount"],
                                                  strict=True):
        out[(str(period), str(staff), "" if team is None else str(team), str(cadre))] += int(amount)
    return out


def row_counts(result: RunResult) -> Counter:
    """How many payment rows each key of `payments_by_key` adds up."""
    out: Counter = Counter()
    p = result.payments
    for period, staff, team, cadre in zip(p["period"], p["staff_id"], p["team_id"], p["cadre"], strict=True):
        out[(str(period), str(staff), "" if team is None else str(team), str(cadre))] += 1
    return out
