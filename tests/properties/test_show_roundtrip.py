"""parse → show → parse is the identity, through the real `p4p-rules show`.

Invariant, for every law text L that compiles (laws from `tests.strategies.laws()`, which cover
every provision kind and amendment operation, and the oracle's runnable laws):

1. `show L` prints the whole law; parsing it gives the same law as parsing L (by meaning:
   `model.law.semantic`, without positions and comments), and `show` of that text prints the very
   same text (one step reaches the canonical form);
2. for every version V: `show L --version V` prints the consolidated law in force from V (the
   "texto compilado") as a stand-alone law; it compiles to exactly one version, named V, with V's
   effective date, articles (by meaning) and header; showing it again reaches a fixed point;
3. `show L --version V --format json` is the consolidated model itself: read back as a
   `LawInForce`, it equals what compiling L gives for V.

Why it holds: the printer writes every field of the model in the grammar's canonical layout
(p4p_rules/printer.py), and the builder reads back exactly those fields; consolidation applies
amendments to article lists and its output is again a list of articles, which the printer writes
as a law with one version. tests/test_roundtrip.py covers model → print → parse of whole laws;
this covers the command users run, consolidated texts and the JSON form.

The bug test makes the printer drop decimals (12,5 % printed as 12 %).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from p4p_rules.load import compile_text, parse_law
from p4p_rules.model.law import LawInForce, semantic
from tests.properties.cases import every_provision_laws
from tests.oracle.generate import laws as oracle_laws
from tests.properties.profiles import bounded


def show(tmp_path, text: str, *args: str) -> str:
    from p4p_rules.cli import app

    path = tmp_path / "law.p4p"
    path.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(app, ["show", str(path), *args])
    assert r.exit_code == 0, r.output
    return r.stdout


def roundtrip_problems(tmp_path, text: str) -> list[str]:
    out = []
    compiled = compile_text(text, "law.p4p")
    law = compiled.law
    # 1. the whole law
    whole = show(tmp_path, text)
    if semantic(parse_law(whole, "law.p4p")) != semantic(law):
        out.append("show LAW does not parse back to the same law")
    elif show(tmp_path, whole) != whole:
        out.append("show LAW is not a fixed point")
    # 2. and 3. every version
    for t in compiled.texts:
        shown = show(tmp_path, text, "--version", t.version)
        again = compile_text(shown, "shown.p4p")
        if len(again.texts) != 1:
            out.append(f"{t.version}: the shown text has {len(again.texts)} versions")
            continue
        [only] = again.texts
        if (only.version, only.effective) != (t.version, t.effective):
            out.append(f"{t.version}: shown as {only.version} from {only.effective}, not from {t.effective}")
        if [semantic(a) for a in only.articles] != [semantic(a) for a in t.articles]:
            out.append(f"{t.version}: the articles of the shown text differ")
        if (again.law.title, again.law.municipality, again.law.state, again.law.ibge, again.law.language) != \
                (law.title, law.municipality, law.state, law.ibge, law.language):
            out.append(f"{t.version}: the header of the shown text differs")
        if show(tmp_path, show(tmp_path, shown, "--version", t.version), "--version", t.version) != \
                show(tmp_path, shown, "--version", t.version):
            out.append(f"{t.version}: show --version is not a fixed point")
        as_json = LawInForce.model_validate_json(show(tmp_path, text, "--version", t.version, "--format", "json"))
        if semantic(as_json) != semantic(t):
            out.append(f"{t.version}: show --format json is not the consolidated model")
    return out


@bounded(30)
@given(text=st.one_of(every_provision_laws, oracle_laws()))
def test_parse_show_parse_is_the_identity(tmp_path_factory, text):
    tmp = tmp_path_factory.mktemp("show")
    problems = roundtrip_problems(tmp, text)
    assert not problems, "\n".join(problems) + "\n--- law\n" + text


# ---- the property catches a bug ----------------------------------------------------------------------------
LAW = """lei "Lei de teste"
versão original vigência 01/01/2013
art. 1:
  repartir recursos em equipes 87,5%, gestão 12,5%
art. 2:
  dividir igualmente
"""


def test_catches_a_printer_that_drops_decimals(monkeypatch, tmp_path):
    import p4p_rules.printer as printer

    assert roundtrip_problems(tmp_path, LAW) == []
    real = printer.fmt_decimal
    monkeypatch.setattr(printer, "fmt_decimal", lambda value, language: real(value.to_integral_value(), language))
    problems = roundtrip_problems(tmp_path, LAW)
    assert any("parse back" in p for p in problems) and any("articles" in p for p in problems), problems
