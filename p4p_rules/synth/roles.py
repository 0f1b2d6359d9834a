"""The jobs of a synthetic roster: how each is spelt in the data, its CBO code, and the chances
that shape who holds it (women, contract, weekly hours, turnover, years in the job)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    cadre: str                      # spelling for a man, or the generic form
    cadre_f: str                    # spelling for a woman (the vocabulary's feminine form, if any)
    alt: str                        # spelling in municipalities whose HR system uses the long forms
    cbo: str                        # always one of the codes the vocabulary lists for the cadre
    women: float                    # share of women
    contracts: tuple[float, float, float]  # efetivo, contratado, comissionado
    hours: tuple[tuple[int, float], ...]   # weekly hours and their chances
    turnover: float                 # chance per year that the holder leaves the post
    tenure_years: float             # mean years in the post before the evaluation


FULL = ((40, 1.0),)
ROLES: tuple[Role, ...] = (
    Role("med", "médico", "médica", "médico", "225142", 0.50, (0.30, 0.65, 0.05), ((40, 0.85), (20, 0.15)), 0.30, 2.5),
    Role("enf", "enfermeiro", "enfermeira", "enfermeiro", "223565", 0.85, (0.70, 0.30, 0.0), FULL, 0.12, 6.0),
    Role("tec", "técnico_de_enfermagem", "técnico_de_enfermagem", "técnico_enfermagem", "322245", 0.85,
         (0.75, 0.25, 0.0), FULL, 0.07, 7.0),
    Role("aux", "auxiliar_de_enfermagem", "auxiliar_de_enfermagem", "auxiliar_enfermagem", "322250", 0.85,
         (0.80, 0.20, 0.0), FULL, 0.05, 9.0),
    Role("acs", "acs", "acs", "agente_comunitário_de_saúde", "515105", 0.80, (0.85, 0.15, 0.0), FULL, 0.06, 8.0),
    Role("ace", "ace", "ace", "agente_de_endemias", "515140", 0.30, (0.80, 0.20, 0.0), FULL, 0.06, 7.0),
    Role("dent", "dentista", "dentista", "cirurgião_dentista", "223293", 0.60, (0.70, 0.30, 0.0),
         ((40, 0.70), (30, 0.10), (20, 0.20)), 0.12, 6.0),
    Role("tsb", "técnico_de_saúde_bucal", "técnico_de_saúde_bucal", "tsb", "322425", 0.90, (0.70, 0.30, 0.0),
         FULL, 0.07, 6.0),
    Role("asb", "auxiliar_de_saúde_bucal", "auxiliar_de_saúde_bucal", "asb", "322430", 0.90, (0.70, 0.30, 0.0),
         FULL, 0.07, 6.0),
    Role("adm", "administrativo", "administrativo", "auxiliar_administrativo", "411010", 0.70, (0.60, 0.35, 0.05),
         ((40, 0.80), (30, 0.20)), 0.10, 5.0),
    Role("rec", "recepcionista", "recepcionista", "recepcionista", "422105", 0.80, (0.50, 0.50, 0.0),
         ((40, 0.60), (30, 0.40)), 0.15, 4.0),
    Role("apo", "apoio", "apoio", "serviços_gerais", "514320", 0.60, (0.30, 0.70, 0.0), ((40, 0.80), (30, 0.20)),
         0.15, 4.0),
    Role("psi", "psicólogo", "psicólogo", "psicólogo", "251510", 0.80, (0.30, 0.70, 0.0),
         ((40, 0.30), (30, 0.40), (20, 0.30)), 0.20, 3.0),
    Role("fis", "fisioterapeuta", "fisioterapeuta", "fisioterapeuta", "223605", 0.60, (0.30, 0.70, 0.0),
         ((40, 0.30), (30, 0.40), (20, 0.30)), 0.20, 3.0),
    Role("nut", "nutricionista", "nutricionista", "nutricionista", "223710", 0.90, (0.30, 0.70, 0.0),
         ((40, 0.30), (30, 0.40), (20, 0.30)), 0.20, 3.0),
    Role("ass", "assistente_social", "assistente_social", "assistente_social", "251605", 0.90, (0.40, 0.60, 0.0),
         ((40, 0.30), (30, 0.40), (20, 0.30)), 0.20, 3.0),
    Role("coo", "coordenador", "coordenadora", "coordenador", "131210", 0.60, (0.30, 0.0, 0.70), FULL, 0.15, 3.0),
)
MED, ENF, TEC, AUX, ACS, ACE, DENT, TSB, ASB, ADM, REC, APO, PSI, FIS, NUT, ASS, COO = range(len(ROLES))
NASF = (PSI, FIS, NUT, ASS)
CONTRACTS = ("efetivo", "contratado", "comissionado")
