"""Running one or many laws over their data: what `p4p-rules run` does, apart from printing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from p4p_rules.data import DataError, load_dataset
from p4p_rules.engine.period import LawCannotBeApplied
from p4p_rules.engine.run import RunResult, run
from p4p_rules.load import CompiledLaw, compile_file
from p4p_rules.model import law as m
from p4p_rules.output import OutputError, write_tables
from p4p_rules.provenance import run_inputs
from p4p_rules.syntax.diagnostics import LawError


@dataclass
class Outcome:
    law: Path
    result: RunResult | None = None
    error: str | None = None
    exit_code: int = 0
    written: list[Path] | None = None
    municipality: str | None = None   # IBGE code, in a batch over national files
    columns: dict[str, dict[str, list]] | None = None   # its payments, ledger and periods (national batch)
    pending_months: list | None = None


def law_names(compiled: CompiledLaw) -> tuple[list[str], list[str], dict[str, str]]:
    """Cadres, categories and CBO codes that the law itself declares (accepted in the data as spelt)."""
    cadres, categories, cbo = [], [], {}
    for text in compiled.texts:
        for article in text.articles:
            for _, p in article.all_provisions():
                if isinstance(p, m.CadreDecl):
                    cadres.append(p.name)
                    for code in p.cbo:
                        cbo[code] = p.name
                elif isinstance(p, m.Scale) and p.scale == "custom":
                    categories.extend(p.categories)
    return cadres, categories, cbo


def run_one(law_path: Path, data_dir: Path, out_dir: Path | None, fmt: str,
            start: dt.date | None, end: dt.date | None) -> Outcome:
    """Compile, load, compute and (if out_dir) write; every failure becomes a message and exit code."""
    outcome = Outcome(law_path)
    try:
        compiled = compile_file(law_path)
    except LawError as e:
        outcome.error, outcome.exit_code = e.render(), 2
        return outcome
    cadres, categories, cbo = law_names(compiled)
    try:
        dataset = load_dataset(data_dir, extra_cadres=cadres, language=compiled.law.language,
                               extra_categories=categories, extra_cbo=cbo)
    except DataError as e:
        outcome.error, outcome.exit_code = e.render(), 2
        return outcome
    try:
        result = run(compiled, dataset, start, end)
    except LawCannotBeApplied as e:
        outcome.error, outcome.exit_code = f"{law_path}: {e}", 1
        return outcome
    outcome.result = result
    if out_dir is not None:
        inputs = run_inputs([(law_path, compiled.law.ibge)], dataset.sources, start, end)
        try:
            outcome.written = write_tables({"payments": result.payments, "ledger": result.ledger,
                                            "periods": result.periods}, out_dir, fmt, inputs)
        except OutputError as e:
            outcome.error, outcome.exit_code = e.render(compiled.law.language), 2
    return outcome
