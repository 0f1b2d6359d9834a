#!/usr/bin/env python3
"""Write a municipality's example data (roster, scores, transfers, absences) from its spec.

Each bundled data set `laws/data/mNN/` has a spec in `specs/mNN.py` (a dict of `Spec`'s fields):
its teams and their categories, and the cases built in on purpose (who leaves when, who moves, who
is on leave, ...), fixed by hand. Chance only picks names, founding and hiring dates, evaluation
days, scores within their band and holidays. Deterministic: a `random.Random(spec.seed)` drawn in
a fixed order, no sets, standard library only, so running it again rewrites byte-identical files
(M5's spec gives the same bytes as the M5-only generator this one replaced).

    python laws/data/make_data.py                # rewrites every laws/data/mNN/*.csv
    python laws/data/make_data.py m04            # rewrites laws/data/m04/*.csv
    python laws/data/make_data.py m04 OUT_DIR    # writes them somewhere else (the tests compare)
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import random
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
D = dt.date
DATA_END = D(2017, 12, 31)  # the rosters were exported in January 2018
FULL_VALUE = Decimal("8500.00")  # federal full value per basic team (EAB) per month, 2013

# Percentage of the full value transferred per month, by category (m05/README.md, "Transfers").
PERCENT = {
    "insatisfatório": 0, "mediano": 20, "acima_da_média": 60, "muito_acima_da_média": 100,
    "ruim": 0, "regular": 20, "bom": 60, "muito_bom": 80, "ótimo": 100,
    "desclassificada": 0,
}
# Score band of each category, [low, high) on 0–100 (m05/README.md, "Scores").
BANDS = {
    "insatisfatório": (0, 40), "mediano": (40, 60), "acima_da_média": (60, 80),
    "muito_acima_da_média": (80, 100),
    "ruim": (0, 40), "regular": (40, 55), "bom": (55, 70), "muito_bom": (70, 85), "ótimo": (85, 100),
}
# The national PMAQ calendar, the same for every municipality. Per cycle: external-evaluation
# window, certification date, months of transfers (first, last).
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
    "nut": ("nutricionista", "nutricionista", "223710", "contratado", 0.9),
    "ass": ("assistente_social", "assistente_social", "251605", "contratado", 0.9),
    "coo": ("coordenador", "coordenadora", "131210", "comissionado", 0.5),
    # A cadre of M17's own law ("cadre unit_manager"), spelt as the law spells it: the built-in
    # vocabulary has no unit manager. CBO 131210, gerente de serviços de saúde.
    "ger": ("unit_manager", "unit_manager", "131210", "comissionado", 0.6),
}

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



@dataclass
class Spec:
    """What a municipality's data holds; everything chance does not decide."""

    name: str      # the folder under laws/data
    seed: int
    # team id, slots ("med enf tec acs*6 dent tsb"), category in cycles 1, 2, 3 (None: not in PMAQ)
    teams: list[tuple[str, str, tuple[str | None, str | None, str | None]]]
    # who leaves a slot and when the next holder starts:
    # (team, slot) -> [(last day, successor's first day or None for a post left vacant)]
    changes: dict[tuple[str, str], list[tuple[dt.date, dt.date | None]]] = field(default_factory=dict)
    # one person holding two slots: ((team, slot, holder index), (team, slot, holder index))
    movers: list[tuple[tuple[str, str, int], tuple[str, str, int]]] = field(default_factory=list)
    # attributes of a slot's first holder ((team, slot)) or of any holder ((team, slot, i)) that
    # differ from the usual ones: woman, signed, hours, start (first holder only), contract
    slot_attrs: dict[tuple, dict] = field(default_factory=dict)
    # staff outside every team: (role, woman?, contract, start[, end])
    outside: list[tuple] = field(default_factory=list)
    # absences fixed by hand: (team or "" for outside staff, slot or outside index, holder index,
    # start, end, kind)
    absences: list[tuple] = field(default_factory=list)
    vacationers: int = 0  # people drawn at random to get one or two 30-day férias
    first_id: int = 10230  # matrículas start after this number


def load_spec(name: str) -> Spec:
    path = HERE / "specs" / f"{name}.py"
    module_spec = importlib.util.spec_from_file_location(f"p4p_example_spec_{name}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return Spec(**module.SPEC)


def spec_names() -> list[str]:
    return sorted(p.stem for p in (HERE / "specs").glob("m*.py"))


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
    def __init__(self, spec: Spec):
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.people: list[dict] = []       # in creation order
        self.postings: list[dict] = []     # in roster order
        self.holders: dict[tuple[str, str], list[dict]] = {}
        self.outside: list[dict] = []      # postings outside the teams, in spec order
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

    def attrs(self, team: str, slot: str, i: int) -> dict:
        own = self.spec.slot_attrs.get((team, slot, i), {})
        return {**(self.spec.slot_attrs.get((team, slot), {}) if i == 0 else {}), **own}

    def roster(self) -> None:
        movers = {to: frm for frm, to in self.spec.movers}
        moving: dict[tuple[str, str, int], dict] = {}
        for team, slots, _ in self.spec.teams:
            founded = D(self.rng.randint(2002, 2009), self.rng.choice([2, 3, 4, 8, 9]), 1)
            for token in slots.split():
                role, _, count = token.partition("*")
                for n in range(1, int(count or 1) + 1):
                    slot = f"{role}{n}"
                    changes = self.spec.changes.get((team, slot), [])
                    start = self.attrs(team, slot, 0).get("start") or self.baseline_start(role, founded)
                    holders = []
                    for i in range(len(changes) + 1):
                        attrs = self.attrs(team, slot, i)
                        end = changes[i][0] if i < len(changes) else None
                        if (team, slot, i) in movers:
                            assert movers[(team, slot, i)] in moving, "a mover's first slot comes first in the spec"
                            person = moving[movers[(team, slot, i)]]
                        else:
                            person = self.person(role, attrs.get("woman"))
                        moving[(team, slot, i)] = person
                        kw = {k: attrs[k] for k in ("signed", "hours", "contract") if k in attrs}
                        holders.append(self.posting(person, team, start, end, **kw))
                        if i < len(changes):
                            start = changes[i][1]
                            if start is None:  # the post is left vacant
                                break
                    self.holders[(team, slot)] = holders
        for role, woman, contract, start, *end in self.spec.outside:
            row = self.posting(self.person(role, woman), "", start, end[0] if end else None, contract=contract)
            self.outside.append(row)

    def assign_ids(self) -> None:
        """Matrículas grow with the hiring date, with gaps (other municipal staff in between)."""
        first_day = {}
        for row in self.postings:
            key = id(row["person"])
            first_day[key] = min(first_day.get(key, row["start_date"]), row["start_date"])
        order = sorted(range(len(self.people)), key=lambda i: (first_day[id(self.people[i])], i))
        number = self.spec.first_id
        for i in order:
            number += self.rng.randint(1, 37)
            self.people[i]["staff_id"] = str(number)

    def scores(self) -> list[list[str]]:
        rows = []
        for cycle, window in CYCLES.items():
            for team, _, categories in self.spec.teams:
                category = categories[cycle - 1]
                if category is None:
                    continue
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
                for team, _, categories in self.spec.teams:
                    if categories[cycle - 1] is None:
                        continue
                    amount = FULL_VALUE * PERCENT[categories[cycle - 1]] / 100
                    rows.append([f"{m:02d}/{y}", team, fmt_money(amount)])
        return rows

    def holder(self, team: str, slot, i: int) -> dict:
        return self.outside[slot]["person"] if team == "" else self.holders[(team, slot)][i]["person"]

    def absences(self) -> list[list[str]]:
        spans: list[tuple[dict, dt.date, dt.date, str]] = []
        fixed_people = []
        for team, slot, i, start, end, kind in self.spec.absences:
            person = self.holder(team, slot, i)
            fixed_people.append(id(person))
            spans.append((person, start, end, kind))
        movers = [id(self.holder(*frm)) for frm, _ in self.spec.movers]
        # Férias for people with no story of their own, still in post at the end of the data.
        candidates = [r for r in self.postings
                      if r["team_id"] and r["end_date"] is None and r["start_date"] <= D(2012, 12, 31)
                      and id(r["person"]) not in fixed_people and id(r["person"]) not in movers]
        for row in self.rng.sample(candidates, self.spec.vacationers):
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


def generate(spec: Spec, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    g = Generator(spec)
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


def main(argv: list[str]) -> None:
    if len(argv) > 2:
        sys.exit("usage: make_data.py [mNN [OUT_DIR]]")
    for name in argv[:1] or spec_names():
        generate(load_spec(name), Path(argv[1]) if len(argv) > 1 else HERE / name)


if __name__ == "__main__":
    main(sys.argv[1:])
