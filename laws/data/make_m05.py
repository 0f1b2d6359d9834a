#!/usr/bin/env python3
"""Write the example data of municipality M5 (roster, scores, transfers, absences).

Deterministic: a `random.Random(5)` drawn in a fixed order, no sets, standard library only, so
running it again rewrites byte-identical files. The deliberate cases that `m05/README.md` lists
(a team without a dentist, a person who moves team, INSS leave, ...) are fixed below by hand;
chance only picks names, founding and hiring dates, evaluation days, scores within their band and
holidays.

    python laws/data/make_m05.py            # writes laws/data/m05/*.csv
    python laws/data/make_m05.py OUT_DIR    # writes them somewhere else (the tests compare)
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

D = dt.date
DATA_END = D(2017, 12, 31)  # the roster was exported in January 2018
FULL_VALUE = Decimal("8500.00")  # federal full value per basic team (EAB) per month, 2013

# Percentage of the full value transferred per month, by category (README, "Transfers").
PERCENT = {
    "insatisfatório": 0, "mediano": 20, "acima_da_média": 60, "muito_acima_da_média": 100,
    "ruim": 0, "regular": 20, "bom": 60, "muito_bom": 80, "ótimo": 100,
    "desclassificada": 0,
}
# Score band of each category, [low, high) on 0–100 (README, "Scores").
BANDS = {
    "insatisfatório": (0, 40), "mediano": (40, 60), "acima_da_média": (60, 80),
    "muito_acima_da_média": (80, 100),
    "ruim": (0, 40), "regular": (40, 55), "bom": (55, 70), "muito_bom": (70, 85), "ótimo": (85, 100),
}
# Per cycle: external-evaluation window, certification date, months of transfers (first, last).
CYCLES = {
    1: {"evaluation": (D(2012, 6, 4), D(2012, 7, 27)), "certified": D(2012, 9, 28),
        "months": ((2012, 10), (2013, 3))},
    2: {"evaluation": (D(2013, 11, 11), D(2014, 2, 28)), "certified": D(2014, 5, 30),
        "months": ((2014, 6), (2015, 9))},
    3: {"evaluation": (D(2016, 10, 17), D(2017, 2, 24)), "certified": D(2017, 3, 31),
        "months": ((2017, 4), (2017, 12))},
}

# role: (cadre for a man, cadre for a woman, CBO, usual contract, share of women)
ROLES = {
    "med": ("médico", "médica", "225142", "contratado", 0.5),
    "enf": ("enfermeiro", "enfermeira", "223565", "efetivo", 0.85),
    "tec": ("técnico_de_enfermagem", "técnico_de_enfermagem", "322245", "efetivo", 0.85),
    "aux": ("auxiliar_de_enfermagem", "auxiliar_de_enfermagem", "322250", "efetivo", 0.85),
    "acs": ("acs", "acs", "515105", "efetivo", 0.8),
    "ace": ("ace", "ace", "515140", "efetivo", 0.3),
    "dent": ("dentista", "dentista", "223293", "efetivo", 0.6),
    "tsb": ("técnico_de_saúde_bucal", "técnico_de_saúde_bucal", "322425", "efetivo", 0.9),
    "asb": ("auxiliar_de_saúde_bucal", "auxiliar_de_saúde_bucal", "322430", "efetivo", 0.9),
    "adm": ("administrativo", "administrativo", "411010", "efetivo", 0.7),
    "rec": ("recepcionista", "recepcionista", "422105", "efetivo", 0.8),
    "apo": ("apoio", "apoio", "514320", "contratado", 0.6),
    "psi": ("psicólogo", "psicólogo", "251510", "contratado", 0.8),
    "fis": ("fisioterapeuta", "fisioterapeuta", "223605", "contratado", 0.6),
    "coo": ("coordenador", "coordenadora", "131210", "comissionado", 0.5),
}

# team, slots, category in cycles 1, 2, 3
TEAMS = [
    ("ESF-01", "med enf tec acs*6 dent tsb rec", ("mediano", "acima_da_média", "ótimo")),
    ("ESF-02", "med enf tec acs*5 dent asb psi", ("acima_da_média", "acima_da_média", "bom")),
    ("ESF-03", "med enf tec acs*5 ace dent tsb", ("mediano", "mediano", "regular")),
    ("ESF-04", "med enf tec acs*8 dent tsb adm apo",
     ("acima_da_média", "muito_acima_da_média", "muito_bom")),
    ("ESF-05", "med enf tec acs*6 dent tsb fis", ("muito_acima_da_média", "acima_da_média", "bom")),
    ("ESF-06", "med enf tec acs*5 dent asb", ("mediano", "acima_da_média", "bom")),
    ("ESF-07", "med enf tec acs*6", ("insatisfatório", "mediano", "regular")),
    ("ESF-08", "med enf aux acs*6 dent tsb adm apo",
     ("muito_acima_da_média", "acima_da_média", "regular")),
    ("ESF-09", "med enf tec acs*4 dent tsb", ("acima_da_média", "desclassificada", "bom")),
    ("ESF-10", "med enf tec acs*7 dent tsb", ("mediano", "mediano", "ruim")),
    ("ESF-11", "med enf tec acs*5", ("acima_da_média", "muito_acima_da_média", "muito_bom")),
    ("ESF-12", "med enf tec acs*6 dent tsb apo", ("mediano", "acima_da_média", "ótimo")),
]

# Who leaves a slot and when the next holder starts: (team, slot) -> [(last day, successor's first day)].
CHANGES = {
    ("ESF-10", "enf1"): [(D(2012, 11, 15), D(2013, 2, 1))],   # left during cycle-1 payments; successor hired after evaluation
    ("ESF-07", "med1"): [(D(2013, 6, 28), D(2013, 8, 1))],    # ordinary physician turnover
    ("ESF-06", "acs4"): [(D(2014, 7, 31), D(2014, 9, 1))],    # successor hired after the cycle-2 evaluation
    ("ESF-02", "enf1"): [(D(2015, 2, 28), D(2015, 3, 16))],   # the nurse moves to ESF-08 (MOVER)
    ("ESF-08", "enf1"): [(D(2015, 2, 28), D(2015, 3, 1))],    # retires; the mover takes her place
    ("ESF-03", "med1"): [(D(2015, 3, 31), D(2015, 5, 4))],    # left during cycle-2 payments; successor hired after evaluation
    ("ESF-09", "med1"): [(D(2016, 2, 29), D(2016, 4, 1))],    # ordinary physician turnover
    ("ESF-12", "med1"): [(D(2017, 9, 30), D(2017, 10, 16))],  # left during cycle-3 payments; successor hired after evaluation
}
# The holder of ESF-02/enf1 (first) is the same person as the second holder of ESF-08/enf1.
MOVER = (("ESF-02", "enf1", 0), ("ESF-08", "enf1", 1))

# Attributes of a slot's first holder that differ from the usual ones.
SLOT_ATTRS = {
    ("ESF-04", "enf1"): {"woman": True},                         # goes on maternity leave
    ("ESF-01", "acs5"): {"signed": "não"},
    ("ESF-06", "med1"): {"signed": "não"},
    ("ESF-12", "dent1"): {"hours": 20},
    ("ESF-01", "rec1"): {"hours": 30},
    ("ESF-02", "psi1"): {"hours": 30, "start": D(2013, 7, 1)},   # NASF, attached to ESF-02
    ("ESF-05", "fis1"): {"hours": 20, "start": D(2013, 9, 2)},   # NASF, attached to ESF-05
}

# Municipal coordination, outside every team: (role, woman?, contract, start)
COORDINATORS = [
    ("coo", True, "comissionado", D(2013, 1, 2)),    # primary-care coordinator of the new administration
    ("coo", False, "efetivo", D(2010, 3, 1)),        # oral-health coordinator, a career dentist
]

# Absences fixed by hand: (team, slot, holder index, start, end, kind)
ABSENCES = [
    ("ESF-04", "enf1", 0, D(2014, 8, 5), D(2015, 1, 31), "licença_maternidade"),
    ("ESF-05", "acs3", 0, D(2015, 3, 10), D(2015, 8, 20), "inss"),
    ("ESF-10", "tec1", 0, D(2015, 4, 13), D(2015, 4, 13), "falta_injustificada"),
    ("ESF-10", "tec1", 0, D(2015, 4, 14), D(2015, 4, 14), "falta_injustificada"),
    ("ESF-10", "tec1", 0, D(2015, 6, 22), D(2015, 6, 22), "falta_injustificada"),
    ("ESF-10", "tec1", 0, D(2015, 8, 3), D(2015, 8, 3), "falta_injustificada"),
    ("ESF-10", "tec1", 0, D(2017, 10, 16), D(2017, 10, 17), "falta_injustificada"),
    ("ESF-12", "acs2", 0, D(2017, 6, 1), D(2017, 11, 30), "sem_vencimentos"),
    ("ESF-09", "enf1", 0, D(2017, 5, 2), D(2017, 12, 31), "cessão"),
]
VACATIONERS = 14  # people drawn at random to get one or two 30-day férias

WOMEN = [
    "Maria José", "Antônia", "Francisca", "Ana Lúcia", "Luciana", "Conceição", "Márcia", "Cláudia",
    "Patrícia", "Fátima", "Aparecida", "Débora", "Tânia", "Letícia", "Mônica", "Sônia", "Cássia",
    "Flávia", "Bárbara", "Jéssica", "Lívia", "Rosângela", "Simone", "Adriana", "Juliana",
    "Fernanda", "Raquel", "Josefa", "Irene", "Célia", "Vânia", "Elaine", "Gláucia", "Lúcia",
    "Natália", "Priscila", "Valéria", "Rita de Cássia", "Maria das Graças", "Ângela", "Érica",
    "Sílvia", "Kátia", "Nádia", "Joana", "Beatriz", "Camila", "Tatiane", "Regina", "Marlene",
]
MEN = [
    "José", "João", "Antônio", "Francisco", "Luís", "Sebastião", "Márcio", "Cícero", "Fábio",
    "Sérgio", "Vinícius", "Júlio", "Rômulo", "Benedito", "Inácio", "Marcos", "Rogério", "Célio",
    "André", "Otávio", "Lúcio", "Moisés", "Emanuel", "Tiago", "Gustavo", "Raimundo", "Severino",
    "Edson", "Flávio", "Cláudio", "Paulo", "Ronaldo", "Jônatas", "Ítalo", "Álvaro", "César",
]
SURNAMES = [
    "Silva", "Santos", "Oliveira", "Souza", "Araújo", "Conceição", "Gonçalves", "Patrício",
    "Brandão", "Magalhães", "Guimarães", "Simões", "Assunção", "Falcão", "Romão", "Galvão",
    "Damião", "Lopes", "Rocha", "Ribeiro", "Barbosa", "Nóbrega", "Cândido", "Peçanha", "Sá",
    "Bastos", "Alcântara", "Mendonça", "Estêvão", "Lima", "Pereira", "Ferreira", "Alves", "Gomes",
    "Carvalho", "Melo", "Cavalcanti", "Albuquerque", "Nascimento", "Jesus", "Fonseca", "Tavares",
    "Aragão", "Brás", "Antunes", "Leão", "Monção", "Queiroz", "Xavier", "Frazão",
]
# Surnames that usually carry a particle ("Maria da Conceição", "José de Souza").
LINKS = {
    "Silva": "da", "Santos": "dos", "Conceição": "da", "Assunção": "da", "Nóbrega": "da",
    "Rocha": "da", "Fonseca": "da", "Souza": "de", "Oliveira": "de", "Araújo": "de", "Melo": "de",
    "Jesus": "de", "Sá": "de", "Albuquerque": "de", "Nascimento": "do", "Carvalho": "de",
}


def fmt_date(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def fmt_money(x: Decimal) -> str:
    """8500 -> '8.500,00', as a Brazilian spreadsheet writes it."""
    whole, cents = f"{x:,.2f}".split(".")
    return whole.replace(",", ".") + "," + cents


def fmt_score(x: Decimal) -> str:
    return f"{x:.2f}".replace(".", ",")


def random_day(rng: random.Random, first: dt.date, last: dt.date, weekdays: bool = False) -> dt.date:
    while True:
        d = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        holidays = (d.month == 12 and d.day >= 20) or (d.month == 1 and d.day <= 6)
        if not weekdays or (d.weekday() < 5 and not holidays):
            return d


def months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (y, m) = [], first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: list[dict] = []       # in creation order
        self.postings: list[dict] = []     # in roster order
        self.holders: dict[tuple[str, str], list[dict]] = {}
        self.used_names: list[str] = []

    def person(self, role: str, woman: bool | None = None) -> dict:
        if woman is None:
            woman = self.rng.random() < ROLES[role][4]
        while True:
            first = self.rng.choice(WOMEN if woman else MEN)
            s1, s2 = self.rng.sample(SURNAMES, 2)
            plain = f"{first} {s1} {s2}"  # no homonyms, not even up to a particle
            if s1 in LINKS and self.rng.random() < 0.5:
                s1 = f"{LINKS[s1]} {s1}"
            name = f"{first} {s1} {s2}"
            if plain not in self.used_names:
                break
        self.used_names.append(plain)
        p = {"name": name, "woman": woman, "role": role, "staff_id": None}
        self.people.append(p)
        return p

    def posting(self, person: dict, team: str, start: dt.date, end: dt.date | None,
                contract: str | None = None, signed: str = "sim", hours: int = 40) -> dict:
        man, woman, cbo, usual, _ = ROLES[person["role"]]
        row = {"person": person, "team_id": team, "cadre": woman if person["woman"] else man,
               "cbo": cbo, "start_date": start, "end_date": end,
               "contract_type": contract or usual, "signed_contract": signed, "weekly_hours": hours}
        self.postings.append(row)
        return row

    def baseline_start(self, role: str, founded: dt.date) -> dt.date:
        """First day of the person holding a slot when PMAQ began (Nov 2011)."""
        if role == "med":  # physicians turn over: recent contracts
            return random_day(self.rng, max(founded, D(2009, 1, 5)), D(2011, 9, 30), weekdays=True)
        if self.rng.random() < 0.55:  # a founding member of the team
            return founded
        return random_day(self.rng, founded, D(2011, 6, 30), weekdays=True)

    def roster(self) -> None:
        mover_person = None
        for team, slots, _ in TEAMS:
            founded = D(self.rng.randint(2002, 2009), self.rng.choice([2, 3, 4, 8, 9]), 1)
            for token in slots.split():
                role, _, count = token.partition("*")
                for n in range(1, int(count or 1) + 1):
                    slot = f"{role}{n}"
                    attrs = SLOT_ATTRS.get((team, slot), {})
                    changes = CHANGES.get((team, slot), [])
                    start = attrs.get("start") or self.baseline_start(role, founded)
                    holders = []
                    for i in range(len(changes) + 1):
                        end = changes[i][0] if i < len(changes) else None
                        if (team, slot, i) == MOVER[1]:
                            person = mover_person
                        else:
                            person = self.person(role, attrs.get("woman") if i == 0 else None)
                        if (team, slot, i) == MOVER[0]:
                            mover_person = person
                        kw = {k: attrs[k] for k in ("signed", "hours") if k in attrs} if i == 0 else {}
                        holders.append(self.posting(person, team, start, end, **kw))
                        if i < len(changes):
                            start = changes[i][1]
                    self.holders[(team, slot)] = holders
        for role, woman, contract, start in COORDINATORS:
            self.posting(self.person(role, woman), "", start, None, contract=contract)

    def assign_ids(self) -> None:
        """Matrículas grow with the hiring date, with gaps (other municipal staff in between)."""
        first_day = {}
        for row in self.postings:
            key = id(row["person"])
            first_day[key] = min(first_day.get(key, row["start_date"]), row["start_date"])
        order = sorted(range(len(self.people)), key=lambda i: (first_day[id(self.people[i])], i))
        number = 10230
        for i in order:
            number += self.rng.randint(1, 37)
            self.people[i]["staff_id"] = str(number)

    def scores(self) -> list[list[str]]:
        rows = []
        for cycle, window in CYCLES.items():
            for team, _, categories in TEAMS:
                category = categories[cycle - 1]
                day = random_day(self.rng, *window["evaluation"], weekdays=True)
                if category == "desclassificada":
                    score = ""
                else:
                    low, high = BANDS[category]
                    low = max(low, 22)  # nobody scored near zero: the floor of the lowest band is not drawn
                    cents = self.rng.randint(low * 100, high * 100 - 1)
                    score = fmt_score(Decimal(cents) / 100)
                rows.append([team, str(cycle), fmt_date(day), score, category])
        return rows

    def transfers(self) -> list[list[str]]:
        rows = []
        for cycle, window in CYCLES.items():
            for y, m in months(*window["months"]):
                for team, _, categories in TEAMS:
                    amount = FULL_VALUE * PERCENT[categories[cycle - 1]] / 100
                    rows.append([f"{m:02d}/{y}", team, fmt_money(amount)])
        return rows

    def absences(self) -> list[list[str]]:
        spans: list[tuple[dict, dt.date, dt.date, str]] = []
        fixed_people = []
        for team, slot, i, start, end, kind in ABSENCES:
            person = self.holders[(team, slot)][i]["person"]
            fixed_people.append(id(person))
            spans.append((person, start, end, kind))
        mover = self.holders[MOVER[0][:2]][MOVER[0][2]]["person"]
        # Férias for people with no story of their own, still in post at the end of the data.
        candidates = [r for r in self.postings
                      if r["team_id"] and r["end_date"] is None and r["start_date"] <= D(2012, 12, 31)
                      and id(r["person"]) not in fixed_people and r["person"] is not mover]
        for row in self.rng.sample(candidates, VACATIONERS):
            years = sorted(self.rng.sample([2013, 2014, 2015, 2016, 2017], self.rng.choice([1, 2])))
            for year in years:
                start = random_day(self.rng, D(year, 1, 7), D(year, 11, 30), weekdays=True)
                spans.append((row["person"], start, start + dt.timedelta(days=29), "férias"))
        spans.sort(key=lambda s: (s[1], s[0]["staff_id"]))
        return [[p["staff_id"], fmt_date(a), fmt_date(b), kind] for p, a, b, kind in spans]


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    g = Generator(random.Random(5))
    g.roster()
    g.assign_ids()
    roster = [[r["person"]["staff_id"], r["person"]["name"], r["team_id"], r["cadre"], r["cbo"],
               fmt_date(r["start_date"]), fmt_date(r["end_date"]), r["contract_type"],
               r["signed_contract"], str(r["weekly_hours"])] for r in g.postings]
    write(out / "roster.csv", ["staff_id", "name", "team_id", "cadre", "cbo", "start_date", "end_date",
                               "contract_type", "signed_contract", "weekly_hours"], roster)
    write(out / "scores.csv", ["team_id", "cycle", "evaluation_date", "score", "category"], g.scores())
    write(out / "transfers.csv", ["month", "team_id", "amount"], g.transfers())
    write(out / "absences.csv", ["staff_id", "start_date", "end_date", "kind"], g.absences())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "m05")
