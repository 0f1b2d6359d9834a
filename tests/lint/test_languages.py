"""Messages follow the law's language; the same law in PT and EN gives the same findings at the same places."""

from __future__ import annotations

from tests.lint.helpers import lint

PT = '''lei "Lei nº 9/2013" município "Vila Exemplo" uf PB
versão original "Lei nº 9/2013" vigência 01/04/2013
art. 1:
  repartir recursos em equipes 50%, gestão 45%
art. 2:
  escala quatro_níveis
  distribuir equipes por peso de categoria: muito_acima_da_média 50, acima_da_média 75, mediano 50
art. 3:
  elegíveis: médico, enfermeiro, dentista
  reservar 20% para dentista
  dividir por peso: médico 3, enfermeiro 2
  exigir contrato assinado
  teto R$ 2.000,00 por pessoa
  pagamento mensal
  defasagem de 3 meses
'''

EN = '''law "Law No. 9/2013" municipality "Vila Exemplo" state PB
version original "Law No. 9/2013" effective 2013-04-01
art. 1:
  split funds into teams 50%, gestão 45%
art. 2:
  scale four_level
  allocate teams by category weight: well_above_average 50, above_average 75, below_average 50
art. 3:
  eligible: physician, nurse, dentist
  earmark 20% for dentist
  divide by weight: physician 3, nurse 2
  require signed contract
  cap R$ 2,000.00 per person
  payment monthly
  lag 3 months
'''


def test_same_findings_same_places_in_both_languages():
    pt_found = [(f.code, f.line) for f in lint(PT, file="pt.p4p")]   # (columns differ: the keywords do)
    en_found = [(f.code, f.line) for f in lint(EN, file="en.p4p")]
    assert pt_found == en_found
    assert {"M002", "M003", "M004", "M006", "M007", "C001", "C003", "T001", "T002", "S001"} <= {c for c, _ in pt_found}


def test_messages_and_help_in_the_law_language():
    for f in lint(PT, file="pt.p4p"):
        assert f.language == "pt"
        assert not any(w in f.message for w in (" the ", " and ", "remainder of")), f.message
    for f in lint(EN, file="en.p4p"):
        assert f.language == "en"
        assert not any(w in f.message for w in (" não ", " para ", "sobra de")), f.message
    c001_pt = next(f for f in lint(PT, ["C001"]))
    c001_en = next(f for f in lint(EN, ["C001"]))
    assert c001_pt.help.startswith("diga o que acontece com a reserva")
    assert c001_en.help.startswith("say what happens to the earmark")
    assert "R$ 2.000,00" in next(f for f in lint(PT, ["M003"]) if "teto" in f.message).message
    assert "R$ 2,000.00" in next(f for f in lint(EN, ["M003"]) if "cap" in f.message).message
