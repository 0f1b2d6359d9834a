"""Hypothesis strategies for small random laws (law text from provision templates) and small random
data folders (2–4 teams, 2–6 people, 1–4 months of transfers, random absences)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

CATEGORIES = ["muito_acima_da_média", "acima_da_média", "mediano", "insatisfatório"]
CADRES = ["médico", "enfermeiro", "acs", "dentista", "técnico_de_enfermagem", "coordenador"]
DESTINATIONS = [None, "gestão", "fundo_municipal_de_saúde", "equipe", "próximo período"]
SOURCES = ["inelegíveis", "reserva", "proporcionalidade", "teto", "reprovadas", "tudo"]


@dataclass
class Case:
    law: str
    files: dict[str, str]

    def write(self, folder: Path) -> Path:
        (folder / "law.p4p").write_text(self.law, encoding="utf-8")
        for name, text in self.files.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        return folder / "law.p4p"

    def __repr__(self) -> str:  # shown by hypothesis on a failure: the whole case, readable
        parts = ["--- law.p4p", self.law]
        for name, text in self.files.items():
            parts += [f"--- {name}.csv", text]
        return "\n".join(parts)


def money(centavos: int) -> str:
    reais, cents = divmod(centavos, 100)
    return f"R$ {reais},{cents:02d}"


@st.composite
def laws(draw) -> str:
    lines = ['lei "Lei gerada"', "versão original vigência 01/01/2012", "art. 1:"]
    # -- §3 tree of shares
    tree = draw(st.sampled_from(["none", "teams_gestao", "nested", "pay_share"]))
    if tree == "teams_gestao":
        t = draw(st.integers(10, 100))
        g = draw(st.integers(0, 100 - t))
        lines.append(f"  repartir recursos em equipes {t}%, gestão {g}%" if g else f"  repartir recursos em equipes {t}%")
    elif tree == "nested":
        t = draw(st.integers(10, 90))
        lines.append(f"  repartir recursos em equipes {t}%, gestão {100 - t}%")
        a = draw(st.integers(0, 100))
        b = draw(st.integers(0, 100 - a))
        lines.append(f"  repartir gestão em infraestrutura {a}%, capacitação {b}%")
    elif tree == "pay_share":
        t = draw(st.integers(10, 90))
        c = draw(st.integers(1, 100 - t))
        lines.append(f"  repartir recursos em equipes {t}%, coordenação {c}%, gestão {100 - t - c}%")
        lines.append(f"  pagar parcela coordenação para {draw(st.sampled_from(['coordenador', 'acs', 'enfermeiro']))}")
    lines.append("  escala quatro_níveis")
    # -- §4 teams
    disq = draw(st.sampled_from(["", "desclassificadas excluídas", "desclassificadas como insatisfatório",
                                 "desclassificadas como mediano"]))
    if disq:
        lines.append("  " + disq)
    mode = draw(st.sampled_from(["", "igualmente", "por repasse", "por nota", "weight", "share"]))
    if mode == "weight":
        cats = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=4, unique=True))
        vals = ", ".join(f"{c} {draw(st.integers(0, 100))}" for c in cats)
        lines.append(f"  distribuir equipes por peso de categoria: {vals}")
    elif mode == "share":
        cats = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=4, unique=True))
        vals = ", ".join(f"{c} {draw(st.integers(0, 100))}%" for c in cats)
        lines.append(f"  distribuir equipes por parcela de categoria: {vals}")
    elif mode:
        lines.append(f"  distribuir equipes {mode}")
    if draw(st.booleans()):
        lines.append(f"  categoria mínima {draw(st.sampled_from(CATEGORIES[1:]))}")
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"  nota mínima {draw(st.integers(20, 70))}")
    floor = draw(st.sampled_from(["", "percent", "amount", "per_month"]))
    if floor:
        cat = draw(st.sampled_from(CATEGORIES[2:]))
        if floor == "percent":
            lines.append(f"  piso para {cat}: {draw(st.integers(1, 50))}% do repasse")
        else:
            tail = " por mês" if floor == "per_month" else ""
            lines.append(f"  piso para {cat}: {money(draw(st.integers(1, 300_00)))} por equipe{tail}")
    if draw(st.integers(0, 2)) == 0:
        frm = draw(st.sampled_from(CATEGORIES[:2]))
        to = draw(st.sampled_from(CATEGORIES[2:]))
        lines.append(f"  redirecionar {draw(st.integers(1, 50))}% de {frm} para {to}")
    # -- §5/§6 people
    lines.append("art. 2:")
    if draw(st.booleans()):
        lines.append("  elegíveis: " + ", ".join(draw(st.lists(st.sampled_from(CADRES[:5]), min_size=1,
                                                                   max_size=5, unique=True))))
    division = draw(st.sampled_from(["", "igualmente", "peso"]))
    if division == "igualmente":
        lines.append("  dividir igualmente")
    elif division == "peso":
        cadres = draw(st.lists(st.sampled_from(CADRES[:5] + ["nível_médio"]), min_size=1, max_size=4, unique=True))
        lines.append("  dividir por peso: " + ", ".join(f"{c} {draw(st.integers(0, 5))}" for c in cadres))
    if draw(st.integers(0, 2)) == 0:
        lines.append(f"  reservar {draw(st.integers(1, 40))}% para {draw(st.sampled_from(['dentista', 'acs']))}")
    if draw(st.integers(0, 2)) == 0:
        tail = " por mês" if draw(st.booleans()) else ""
        lines.append(f"  pagar {money(draw(st.integers(1, 500_00)))} por pessoa para acs{tail}")
    if draw(st.integers(0, 2)) == 0:
        lines.append("  igualar entre equipes da mesma categoria")
    if division == "peso" or draw(st.integers(0, 3)) == 0:
        lines.append("  grupo nível_médio: técnico_de_enfermagem, acs")
        if draw(st.integers(0, 2)) == 0:
            lines.append("  agrupar nível_médio entre equipes da mesma categoria")
    lines.append("art. 3:")
    conditions = draw(st.lists(st.sampled_from([
        "exigir lotado na avaliação", "exigir lotado no mês da avaliação", "exigir ativo no pagamento",
        "exigir contrato assinado", "exigir 6 meses de serviço", "perde após 2 faltas injustificadas",
        "leave", "proporcional aos dias", "proporcional às horas"]), max_size=4, unique=True))
    for c in conditions:
        if c == "leave":
            lines.append("  excluir afastamento: inss")
            if draw(st.booleans()):
                lines.append(f"  carência de {draw(st.integers(1, 40))} dias após retorno")
        else:
            lines.append("  " + c)
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"  piso {money(draw(st.integers(1, 300_00)))} por pessoa")
    if draw(st.integers(0, 2)) == 0:
        lines.append(f"  teto {money(draw(st.integers(1, 1500_00)))} por pessoa")
    for source in draw(st.lists(st.sampled_from(SOURCES), max_size=4, unique=True)):
        lines.append(f"  sobra de {source} para {draw(st.sampled_from(DESTINATIONS[1:]))}")
    lines.append("  dividir igualmente" if lines[-1] == "art. 3:" else "")
    lines = [line for line in lines if line]
    # -- §1 frequency and lag
    lines.append("art. 4:")
    lines.append("  pagamento " + draw(st.sampled_from(["mensal", "mensal", "bimestral", "trimestral",
                                                        "anual em março"])))
    lines.append(f"  defasagem de {draw(st.integers(0, 2))} meses")
    if draw(st.integers(0, 3)) == 0:
        when = draw(st.dates(dt.date(2013, 11, 1), dt.date(2014, 7, 1)))
        lines.append(f"emenda e1 vigência {when:%d/%m/%Y}")
        lines.append("altera art. 4:")
        lines.append("  pagamento " + draw(st.sampled_from(["mensal", "bimestral", "trimestral"])))
    return "\n".join(lines) + "\n"


def d(date: dt.date | None) -> str:
    return "" if date is None else date.strftime("%d/%m/%Y")


@st.composite
def datasets(draw, first: tuple[int, int] = (2014, 1)) -> dict[str, str]:
    n_teams = draw(st.integers(2, 4))
    teams = [f"ESF-{i + 1:02d}" for i in range(n_teams)]
    # -- roster: 2-6 people; one may move between teams; a coordinator may have no team
    roster = ["staff_id;name;team_id;cadre;start_date;end_date;contract_type;signed_contract;weekly_hours"]
    people = []
    for i in range(draw(st.integers(2, 6))):
        staff_id = f"{10001 + draw(st.integers(0, 5)) * 100 + i}"
        cadre = draw(st.sampled_from(CADRES))
        team = "" if cadre == "coordenador" and draw(st.booleans()) else draw(st.sampled_from(teams))
        start = draw(st.dates(dt.date(2012, 1, 1), dt.date(2014, 3, 15)))
        end = draw(st.none() | st.dates(start, dt.date(2014, 6, 30)))
        signed = draw(st.sampled_from(["sim", "sim", "não"]))
        hours = draw(st.sampled_from([40, 40, 30, 20, 44]))
        rows = [(team, start, end)]
        if end is not None and end < dt.date(2014, 5, 1) and team and draw(st.booleans()):
            rows.append((draw(st.sampled_from(teams)), end + dt.timedelta(days=1), None))
        for team_id, s, e in rows:
            roster.append(f"{staff_id};Pessoa {i};{team_id};{cadre};{d(s)};{d(e)};efetivo;{signed};{hours}")
        people.append((staff_id, start))
    # every team has someone, so that the roster knows it
    for k, team in enumerate(teams):
        roster.append(f"{20001 + k};Membro {k};{team};{draw(st.sampled_from(CADRES[:5]))};01/01/2010;;efetivo;sim;40")
        people.append((f"{20001 + k}", dt.date(2010, 1, 1)))
    # -- scores: a cycle-2 row for every team (dated up to Feb 2014), sometimes a cycle-1 row too
    scores = ["team_id;cycle;evaluation_date;score;category"]
    for team in teams:
        for cycle, lo, hi in ((1, dt.date(2012, 6, 1), dt.date(2012, 7, 31)), (2, dt.date(2013, 11, 1), dt.date(2014, 2, 28))):
            if cycle == 1 and draw(st.booleans()):
                continue
            category = draw(st.sampled_from(CATEGORIES + ["desclassificada"]))
            score = "" if category == "desclassificada" else f"{draw(st.integers(0, 10000)) / 100:.2f}".replace(".", ",")
            scores.append(f"{team};{cycle};{d(draw(st.dates(lo, hi)))};{score};{category}")
    # -- transfers: 1-4 months from Nov 2013 - Feb 2014; team rows or municipality rows
    n_months = draw(st.integers(1, 4))
    municipal = draw(st.integers(0, 5)) == 0
    transfers = ["month;team_id;amount"]
    y, mth = first
    for _ in range(n_months):
        if municipal:
            transfers.append(f"{mth:02d}/{y};;{money(draw(st.integers(0, 5000_00)))[3:]}")
        else:
            for team in teams:
                if draw(st.integers(0, 5)) > 0:
                    transfers.append(f"{mth:02d}/{y};{team};{money(draw(st.integers(0, 5000_00)))[3:]}")
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    # -- absences: inss, férias, unjustified; at most two per person, not overlapping
    absences = ["staff_id;start_date;end_date;kind"]
    for staff_id, start in people:
        if draw(st.integers(0, 2)) > 0:
            continue
        a_start = draw(st.dates(max(start, dt.date(2013, 10, 1)), dt.date(2014, 4, 30)))
        kind = draw(st.sampled_from(["inss", "férias", "falta_injustificada", "licença_saúde"]))
        length = 0 if kind == "falta_injustificada" else draw(st.integers(0, 60))
        a_end = None if kind == "inss" and draw(st.integers(0, 3)) == 0 else a_start + dt.timedelta(days=length)
        absences.append(f"{staff_id};{d(a_start)};{d(a_end)};{kind}")
        if a_end is not None and draw(st.booleans()):
            b_start = a_end + dt.timedelta(days=draw(st.integers(1, 20)))
            absences.append(f"{staff_id};{d(b_start)};{d(b_start + dt.timedelta(days=draw(st.integers(0, 2))))};"
                            "falta_injustificada")
    return {"roster": "\n".join(roster) + "\n", "scores": "\n".join(scores) + "\n",
            "transfers": "\n".join(transfers) + "\n", "absences": "\n".join(absences) + "\n"}


FIRST_MONTHS = [(2013, 11), (2013, 12), (2014, 1), (2014, 1), (2014, 2)]


@st.composite
def cases(draw) -> Case:
    """A law and a data folder."""
    first = draw(st.sampled_from(FIRST_MONTHS))
    return Case(draw(laws()), draw(datasets(first)))
