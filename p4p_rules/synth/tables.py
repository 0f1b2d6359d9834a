"""The national synthetic tables — municipalities, teams, roster, scores, transfers, absences —
built with whole-array numpy operations (no Python loop over people or rows).

Dates are int64 day numbers (days since 1970-01-01, numpy's datetime64[D]); NAT marks a missing
date.  Every table carries `muni`, the municipality's index, and is sorted by it: the writer cuts
each table into one file per municipality by position.  Tables are plain dicts of equal-length
numpy arrays (text as object arrays that share their few distinct strings): a pandas frame would
copy every text cell into its string dtype.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from p4p_rules.synth import names
from p4p_rules.synth.roles import (ACE, ACS, ADM, APO, ASB, AUX, CONTRACTS, COO, DENT, ENF, MED, NASF, REC, ROLES, TEC,
                                   TSB)

NAT = np.iinfo(np.int64).min        # a missing date
DAY0 = np.datetime64("1970-01-01", "D")

# The national shape (domain.md, "Scale"): 5,570 municipalities and about 43,000 teams.
NATIONAL_MUNICIPALITIES = 5570
NATIONAL_TEAMS = 43_000
CAPITALS = 27                       # a few municipalities with hundreds of teams
MIN_TEAM, MAX_TEAM = 8, 15          # members of a team (slots; turnover may leave one vacant for a while)
ORAL_HEALTH_SHARE = 0.42            # teams with a dentist and an oral-health technician or assistant

# Federal transfer: the 2013 full value per basic team (EAB) per month, times a percentage by category.
FULL_VALUE_CENTAVOS = 850_000
CATEGORIES = ("ótimo", "muito_bom", "bom", "regular", "ruim", "desclassificada")
PERCENT = (100, 80, 60, 40, 20, 0)
DISQUALIFIED = 5
# Score band of each category on 0–100, [low, high): the same convention as the bundled M5 data.
BAND_LOW = (85, 70, 55, 40, 0)
DISQUALIFIED_SHARE = 0.03

CYCLE_3_START = np.datetime64("2015-10-01", "D")
ESF_EARLIEST = np.datetime64("1998-01-01", "D")  # the oldest start date on a roster

# Absences: (kind as spelt in the data, chance per posting in the window, shortest and longest days)
LEAVES = (
    ("férias", 0.020, 30, 30),
    ("inss", 0.012, 15, 180),
    ("licença_maternidade", 0.015, 120, 180),   # women only
    ("sem_vencimentos", 0.004, 30, 180),
    ("cessão", 0.003, 60, 365),
    ("suspensão", 0.002, 1, 30),
)
UNJUSTIFIED = "falta_injustificada"
UNJUSTIFIED_SHARE = 0.015          # postings with 1–5 single-day unjustified absences


@dataclass(frozen=True)
class Window:
    first_month: np.datetime64      # datetime64[M]
    months: int

    @property
    def start(self) -> int:         # first day, as a day number
        return _day(self.first_month.astype("datetime64[D]"))

    @property
    def end(self) -> int:           # last day of the last month
        return _day((self.first_month + self.months).astype("datetime64[D]")) - 1

    def month_starts(self) -> np.ndarray:
        return _days((self.first_month + np.arange(self.months)).astype("datetime64[D]"))


Table = dict[str, np.ndarray]


@dataclass
class National:
    munis: pd.DataFrame   # muni, name, uf, ibge, teams, people, style, nonsigners
    roster: Table         # muni, staff_id, name, team_id, cadre, cbo, start, end, contract, signed, hours, woman
    scores: Table         # muni, team_id, evaluation, score_centi (-1 if none), category
    transfers: Table      # muni, month, team_id, amount (centavos)
    absences: Table       # muni, staff_id, start, end, kind


def _days(d) -> np.ndarray:
    """Dates as day numbers (days since DAY0)."""
    return (np.asarray(d, dtype="datetime64[D]") - DAY0).astype(np.int64)


def _day(d) -> int:
    """One date as a day number."""
    return int(_days(d))


def _uniform_days(rng: np.random.Generator, lo, hi) -> np.ndarray:
    """A whole day uniformly in [lo, hi] (arrays or scalars; hi >= lo)."""
    lo, hi = np.asarray(lo, np.int64), np.asarray(hi, np.int64)
    size = np.broadcast(lo, hi).shape
    return lo + np.floor(rng.random(size) * (hi - lo + 1)).astype(np.int64)


def _weekday(days: np.ndarray) -> np.ndarray:
    """0 = Monday … 6 = Sunday (1970-01-01 was a Thursday)."""
    return (days + 3) % 7


def _pick(rng: np.random.Generator, cumulative: np.ndarray) -> np.ndarray:
    """Row-wise categorical draw: `cumulative` holds each row's cumulative probabilities."""
    u = rng.random(len(cumulative))
    return (u[:, None] >= cumulative[:, :-1]).sum(axis=1)


def _group_rank(groups: np.ndarray) -> np.ndarray:
    """Position of each element within its run of equal values (groups sorted)."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, np.int64)
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    lengths = np.diff(np.r_[starts, n])
    return np.arange(n) - np.repeat(starts, lengths)


# ---- municipalities and teams --------------------------------------------------------------------
def teams_per_municipality(n: int, rng: np.random.Generator) -> np.ndarray:
    """A heavy-tailed number of teams per municipality: a log-normal body (most have 1–10 teams) and
    ~27 capitals per 5,570 drawn from a log-normal around 260, scaled so that the total is about
    43,000 × n / 5,570."""
    weights = rng.lognormal(np.log(3.4), 1.0, n)
    k = int(round(n * CAPITALS / NATIONAL_MUNICIPALITIES))
    big = rng.choice(n, size=k, replace=False) if k else np.zeros(0, np.int64)
    weights[big] = rng.lognormal(np.log(260.0), 0.75, k)
    target = n * NATIONAL_TEAMS / NATIONAL_MUNICIPALITIES
    lo, hi = 0.0, 4.0 * target / weights.sum() + 1.0
    for _ in range(60):  # bisection on one scale factor: whole-array sums, no per-municipality loop
        mid = (lo + hi) / 2
        if np.maximum(1, np.rint(weights * mid)).sum() < target:
            lo = mid
        else:
            hi = mid
    return np.maximum(1, np.rint(weights * hi)).astype(np.int64)


def municipalities(n: int, rng: np.random.Generator) -> pd.DataFrame:
    teams = teams_per_municipality(n, rng)
    counts = np.array([c for _, _, c in names.STATES], dtype=float)
    uf = rng.choice(len(names.STATES), size=n, p=counts / counts.sum())
    heads = rng.integers(0, len(names.PLACE_HEADS), n)
    tails = rng.integers(0, len(names.PLACE_TAILS), n)
    style = rng.random(n) < 0.3                      # HR spells cadres the long way
    nonsigners = np.where(rng.random(n) < 0.5, rng.uniform(0.01, 0.10, n), 0.005)
    # IBGE code: two digits of the state, then a number unique within the state (synthetic)
    order = np.lexsort((np.arange(n), uf))
    rank = np.empty(n, np.int64)
    rank[order] = _group_rank(uf[order])
    state_code = np.array([c for _, c, _ in names.STATES])[uf]
    ibge = state_code * 100_000 + (rank * 10 + 7) % 100_000
    head = np.array(names.PLACE_HEADS, dtype=object)[heads]
    tail = np.array(names.PLACE_TAILS, dtype=object)[tails]
    name = np.where(tail == "", head, head + " " + tail)
    return pd.DataFrame({
        "muni": np.arange(n), "name": name, "uf": np.array([s for s, _, _ in names.STATES], dtype=object)[uf],
        "ibge": ibge, "teams": teams, "style": style, "nonsigners": nonsigners,
    })


def team_composition(t: int, rng: np.random.Generator) -> np.ndarray:
    """Slots per role for each team (t × roles): physician, nurse, a nursing technician (or
    assistant), 4–8 community health agents, often a dentist and an oral-health technician or
    assistant, sometimes administrative or support staff, an endemic agent or a NASF professional;
    8–15 in all."""
    c = np.zeros((t, len(ROLES)), np.int64)
    c[:, MED] = 1
    c[:, ENF] = 1
    aux = rng.random(t) < 0.15
    extra_tech = rng.random(t) < 0.08
    c[:, TEC] = ~aux + (extra_tech & ~aux)
    c[:, AUX] = aux + (extra_tech & aux)
    c[:, ACS] = rng.choice([4, 5, 6, 7, 8], size=t, p=[0.45, 0.30, 0.13, 0.08, 0.04])
    c[:, ACE] = rng.random(t) < 0.06
    oral = rng.random(t) < ORAL_HEALTH_SHARE
    tsb = rng.random(t) < 0.45
    both = oral & (rng.random(t) < 0.08)
    c[:, DENT] = oral
    c[:, TSB] = (oral & tsb) + (both & ~tsb)
    c[:, ASB] = (oral & ~tsb) + (both & tsb)
    admin = rng.random(t) < 0.18
    receptionist = rng.random(t) < 0.4
    c[:, ADM] = admin & ~receptionist
    c[:, REC] = admin & receptionist
    c[:, APO] = rng.random(t) < 0.12
    nasf = rng.random(t) < 0.06
    which = rng.integers(0, len(NASF), t)
    rows = np.flatnonzero(nasf)
    c[rows, np.array(NASF)[which[rows]]] = 1
    size = c.sum(axis=1)
    c[:, ACS] += np.maximum(0, MIN_TEAM - size)
    size = c.sum(axis=1)
    c[:, ACS] -= np.minimum(np.maximum(0, size - MAX_TEAM), c[:, ACS] - 4)
    return c


# ---- the roster -----------------------------------------------------------------------------------
def _evaluation_window(w: Window) -> tuple[int, int]:
    """Cycle-3 external evaluations: in the months before the first transfer month."""
    lo = max(_day(CYCLE_3_START), w.start - 183)
    hi = w.start - 31
    if hi - lo < 40:
        lo, hi = w.start - 120, w.start - 15
    return lo, hi


@dataclass
class Teams:
    muni: np.ndarray          # municipality of each team
    local: np.ndarray         # 0-based number within its municipality
    ids: np.ndarray           # ESF-01 …
    evaluation: np.ndarray    # day of the external evaluation
    size: np.ndarray          # posts (before expansion hires)
    composition: np.ndarray   # posts per role


def _teams(munis: pd.DataFrame, rng: np.random.Generator, w: Window) -> Teams:
    n_teams = munis["teams"].to_numpy()
    n, t = len(n_teams), int(n_teams.sum())
    team_muni = np.repeat(np.arange(n), n_teams)
    team_local = _group_rank(team_muni)
    # evaluation day of each team: a municipality's teams are visited within three weeks, on weekdays
    ev_lo, ev_hi = _evaluation_window(w)
    base = _uniform_days(rng, np.full(n, ev_lo), np.full(n, max(ev_lo, ev_hi - 20)))
    evaluation = np.minimum(base[team_muni] + rng.integers(0, 21, t), ev_hi)
    wd = _weekday(evaluation)
    evaluation = evaluation - np.where(wd == 5, 1, np.where(wd == 6, 2, 0))
    comp = team_composition(t, rng)
    return Teams(team_muni, team_local, _team_ids(team_muni, team_local, n_teams), evaluation, comp.sum(axis=1),
                 comp)


def _postings(teams: Teams, n_teams: np.ndarray, rng: np.random.Generator, w: Window) -> Table:
    """Every posting: the holders of each team post over time (turnover), moves between teams and
    the coordinators outside the teams.  `person` numbers the people (a mover has two postings)."""
    t = len(teams.muni)
    n = len(n_teams)
    size, comp = teams.size, teams.composition
    # expansion: a few teams hire one more member during the window
    grows = (rng.random(t) < 0.04) & (size < MAX_TEAM)
    grow_role = np.where(rng.random(t) < 0.7, ACS, TEC)
    flat = comp.ravel()
    grown = np.flatnonzero(grows)
    slot_team = np.r_[np.repeat(np.repeat(np.arange(t), len(ROLES)), flat), grown]
    slot_role = np.r_[np.repeat(np.tile(np.arange(len(ROLES)), t), flat), grow_role[grown]]
    first_slot = np.r_[0, np.cumsum(size)[:-1]]
    base_slots = len(slot_team) - len(grown)
    slot_order = np.r_[np.arange(base_slots) - first_slot[slot_team[:base_slots]], size[grown]]
    s = len(slot_team)
    hired_in_window = np.arange(s) >= base_slots

    turnover = np.array([r.turnover for r in ROLES])[slot_role]
    tenure = np.array([r.tenure_years for r in ROLES])[slot_role] * 365.25
    ev = teams.evaluation[slot_team]
    start0 = ev - 30 - np.floor(rng.exponential(1.0, s) * tenure).astype(np.int64)
    start0 = np.maximum(start0, _day(ESF_EARLIEST))
    start0 = np.where(hired_in_window, _uniform_days(rng, w.start, w.end - 15), start0)
    del tenure, hired_in_window

    # turnover: each holder may leave (uniformly in time from three months before the evaluation to
    # the end of the data); the successor arrives 0–60 days later, unless the post stays vacant
    def leave(start: np.ndarray, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lo = np.maximum(start + 30, ev - 90)
        span = np.maximum(0, w.end - lo)
        leaves = alive & (rng.random(s) < 1 - np.exp(-turnover * span / 365.25)) & (lo <= w.end)
        when = lo + np.floor(rng.random(s) * (span + 1)).astype(np.int64)
        succ = when + 1 + rng.integers(0, 61, s)
        followed = leaves & (rng.random(s) >= 0.12) & (succ <= w.end)
        return np.where(leaves, when, NAT), np.where(followed, succ, NAT), followed

    end0, start1, has1 = leave(start0, np.ones(s, bool))
    end1, start2, has2 = leave(start1, has1)

    # team postings: (slot, level); every holder is a new person
    p_slot = np.r_[np.arange(s), np.flatnonzero(has1), np.flatnonzero(has2)]
    p_level = np.r_[np.zeros(s, np.int64), np.ones(has1.sum(), np.int64), np.full(has2.sum(), 2)]
    p_start = np.r_[start0, start1[has1], start2[has2]]
    p_end = np.r_[end0, end1[has1], np.full(has2.sum(), NAT)]
    del start0, start1, start2, end0, end1  # (ev and turnover stay: `leave` above reads them)
    p_team = slot_team[p_slot]
    p_role = slot_role[p_slot]
    p_order = slot_order[p_slot] * 3 + p_level
    del p_slot, p_level, slot_team, slot_role, slot_order
    n_team_postings = len(p_team)

    # movers: some who leave a post reappear in another team of the same municipality
    muni_of = teams.muni[p_team]
    leavers = np.flatnonzero((p_end != NAT) & (n_teams[muni_of] >= 2) & (rng.random(n_team_postings) < 0.05))
    l_muni = muni_of[leavers]
    shift = 1 + np.floor(rng.random(len(leavers)) * (n_teams[l_muni] - 1)).astype(np.int64)
    target = (teams.local[p_team[leavers]] + shift) % n_teams[l_muni] + np.r_[0, np.cumsum(n_teams)[:-1]][l_muni]
    m_start = p_end[leavers] + 1 + rng.integers(0, 20, len(leavers))
    ok = (m_start <= w.end) & (size[target] < MAX_TEAM)
    leavers, target, m_start = leavers[ok], target[ok], m_start[ok]
    movers = len(leavers)

    # coordinators: outside every team, a few per municipality (more in big ones); some change
    n_coord = np.where(rng.random(n) < 0.9, np.minimum(1 + n_teams // 40, 12), 0)
    c_muni = np.repeat(np.arange(n), n_coord)
    nc = len(c_muni)
    c_start = w.start - rng.integers(30, 6 * 365, nc)
    c_leaves = rng.random(nc) < 0.15
    c_end = np.where(c_leaves, _uniform_days(rng, w.start, w.end - 1), NAT)
    c_next = np.where(c_leaves, c_end + 1 + rng.integers(0, 31, nc), NAT)
    c_follow = c_leaves & (c_next <= w.end)
    nf = int(c_follow.sum())
    coord_rank = _group_rank(c_muni)

    team = np.r_[p_team, target, np.full(nc + nf, -1)]
    return {
        "muni": np.r_[muni_of, muni_of[leavers], c_muni, c_muni[c_follow]],
        "team": team,
        "local": np.where(team >= 0, teams.local[np.maximum(team, 0)], 1 << 40),   # coordinators last
        "order": np.r_[p_order, 10_000 + np.arange(movers), coord_rank * 2, coord_rank[c_follow] * 2 + 1],
        "role": np.r_[p_role, p_role[leavers], np.full(nc + nf, COO)],
        "start": np.r_[p_start, m_start, c_start, c_next[c_follow]],
        "end": np.r_[p_end, np.full(movers, NAT), c_end, np.full(nf, NAT)],
        "person": np.r_[np.arange(n_team_postings), leavers, n_team_postings + np.arange(nc + nf)],
    }


def _people(postings: Table, munis: pd.DataFrame, rng: np.random.Generator) -> Table:
    """One row per person: sex, contract, weekly hours, signed contract, name and matrícula."""
    n = len(munis)
    person = postings["person"]
    persons = int(person.max()) + 1
    role = np.empty(persons, np.int64)
    role[person] = postings["role"]
    muni = np.empty(persons, np.int64)
    muni[person] = postings["muni"]
    first_start = np.full(persons, np.iinfo(np.int64).max)
    np.minimum.at(first_start, person, postings["start"])

    woman = rng.random(persons) < np.array([r.women for r in ROLES])[role]
    contract = _pick(rng, np.cumsum(np.array([r.contracts for r in ROLES]), axis=1)[role])
    hours_opts = np.zeros((len(ROLES), 3), np.int64)
    hours_cum = np.ones((len(ROLES), 3))
    for i, r in enumerate(ROLES):
        for j, (h, _) in enumerate(r.hours):
            hours_opts[i, j] = h
        hours_cum[i, :len(r.hours)] = np.cumsum([p for _, p in r.hours])
    hours = hours_opts[role, _pick(rng, hours_cum[role])]
    signed = rng.random(persons) >= munis["nonsigners"].to_numpy()[muni]

    # names: a first name by sex and two different surnames
    women = np.array([f + " " for f in names.WOMEN], dtype=object)
    men = np.array([f + " " for f in names.MEN], dtype=object)
    first = np.where(woman, women[rng.integers(0, len(women), persons)], men[rng.integers(0, len(men), persons)])
    sur1 = rng.integers(0, len(names.SURNAMES), persons)
    sur2 = (sur1 + rng.integers(1, len(names.SURNAMES), persons)) % len(names.SURNAMES)   # never "Silva Silva"
    surnames = np.array([a + " " + b for a in names.SURNAMES for b in names.SURNAMES], dtype=object)
    name = first + surnames[sur1 * len(names.SURNAMES) + sur2]
    del first

    # matrícula: within a municipality, numbered in order of first hire, with small random gaps
    order = np.lexsort((np.arange(persons), first_start, muni))
    gaps = rng.integers(1, 5, persons)[order]
    cum = np.cumsum(gaps)
    sorted_muni = muni[order]
    rank_start = np.r_[0, np.flatnonzero(np.diff(sorted_muni)) + 1]
    offset = np.repeat(cum[rank_start] - gaps[rank_start], np.diff(np.r_[rank_start, persons]))
    base = rng.integers(10_000, 20_000, n)
    staff = np.empty(persons, np.int64)
    staff[order] = base[sorted_muni] + cum - offset
    return {"woman": woman, "contract": contract, "hours": hours, "signed": signed, "name": name, "staff": staff,
            "muni": muni}


def build(n: int, rng: np.random.Generator, w: Window) -> National:
    munis = municipalities(n, rng)
    n_teams = munis["teams"].to_numpy()
    teams = _teams(munis, rng, w)
    postings = _postings(teams, n_teams, rng, w)
    people = _people(postings, munis, rng)
    munis["people"] = np.bincount(people["muni"], minlength=n)

    # spelling of the cadre: by role, sex and the municipality's style
    spell = np.empty((len(ROLES), 2, 2), dtype=object)
    for i, r in enumerate(ROLES):
        spell[i, 0, 0], spell[i, 1, 0] = r.cadre, r.cadre_f
        spell[i, 0, 1] = r.alt
        spell[i, 1, 1] = r.cadre_f if r.alt == r.cadre else r.alt
    style = munis["style"].to_numpy()

    sort = np.lexsort((postings["order"], postings["local"], postings["muni"]))
    person = postings["person"][sort]
    role = postings["role"][sort]
    team = postings["team"][sort]
    muni = postings["muni"][sort]
    start, end = postings["start"][sort], postings["end"][sort]
    del postings, sort
    woman = people["woman"][person]
    roster = {
        "muni": muni,
        "staff_id": people["staff"][person],
        "name": people["name"][person],
        "team_id": np.where(team >= 0, teams.ids[np.maximum(team, 0)], np.array(None, dtype=object)),
        "cadre": spell[role, woman.astype(np.int64), style[muni].astype(np.int64)],
        "cbo": np.array([r.cbo for r in ROLES], dtype=object)[role],
        "start": start,
        "end": end,
        "contract": np.array(CONTRACTS, dtype=object)[people["contract"][person]],
        "signed": people["signed"][person],
        "hours": people["hours"][person],
        "woman": woman,
    }
    del people
    scores, category = _scores(rng, teams.muni, teams.ids, teams.evaluation, n)
    transfers = _transfers(teams.muni, teams.ids, category, w)
    absences = _absences(rng, roster, w)
    return National(munis, roster, scores, transfers, absences)


def _team_ids(team_muni: np.ndarray, team_local: np.ndarray, n_teams: np.ndarray) -> np.ndarray:
    """ESF-01 … ESF-12; three digits in a municipality with a hundred teams or more."""
    width = np.maximum(2, np.floor(np.log10(n_teams)).astype(np.int64) + 1)[team_muni]
    number = (team_local + 1).astype(str)
    out = np.empty(len(team_muni), dtype=object)
    for wdt in np.unique(width):   # at most four widths
        sel = width == wdt
        out[sel] = np.char.add("ESF-", np.char.zfill(number[sel], int(wdt))).astype(object)
    return out


def _scores(rng: np.random.Generator, team_muni: np.ndarray, team_ids: np.ndarray, evaluation: np.ndarray,
            n: int) -> tuple[Table, np.ndarray]:
    """Cycle-3 scores: a municipality effect plus a team effect, clipped to 3–100, two decimals; the
    category follows the score band; ~3% of teams disqualified (no score)."""
    t = len(team_muni)
    muni_mean = rng.normal(66.0, 8.0, n)
    score = np.clip(rng.normal(muni_mean[team_muni], 12.0), 3.0, 100.0)
    centi = np.rint(score * 100).astype(np.int64)
    category = (centi[:, None] < np.array(BAND_LOW)[None, :] * 100).sum(axis=1)   # 0 = ótimo … 4 = ruim
    disq = rng.random(t) < DISQUALIFIED_SHARE
    category = np.where(disq, DISQUALIFIED, category)
    centi = np.where(disq, -1, centi)
    table = {
        "muni": team_muni, "team_id": team_ids, "evaluation": evaluation, "score_centi": centi,
        "category": np.array(CATEGORIES, dtype=object)[category],
    }
    return table, category


def _transfers(team_muni: np.ndarray, team_ids: np.ndarray, category: np.ndarray, w: Window) -> Table:
    """One row per team per month: R$ 8.500,00 × the category's percentage (0 for a disqualified team)."""
    t, m = len(team_muni), w.months
    amount = FULL_VALUE_CENTAVOS * np.array(PERCENT, dtype=np.int64)[category] // 100
    team = np.tile(np.arange(t), m)
    month = np.repeat(np.arange(m), t)
    order = np.lexsort((team, month, team_muni[team]))   # by municipality, then month, then team
    team, month = team[order], month[order]
    return {"muni": team_muni[team], "month": w.month_starts()[month], "team_id": team_ids[team],
            "amount": amount[team]}


def _absences(rng: np.random.Generator, roster: Table, w: Window) -> Table:
    """Leave and unjustified absences of postings that overlap the window (a few per cent of them)."""
    start, end = roster["start"], roster["end"]
    end_or_last = np.where(end == NAT, w.end, np.minimum(end, w.end))
    active = np.flatnonzero((start <= w.end) & (end_or_last >= w.start))
    a_lo = np.maximum(start[active], w.start - 30)
    a_hi = end_or_last[active]
    woman = roster["woman"][active]
    frames = []
    n = len(active)
    for kind, chance, shortest, longest in LEAVES:
        pick = rng.random(n) < chance
        first = _uniform_days(rng, a_lo, a_hi)
        length = rng.integers(shortest, longest + 1, n)
        if kind == "licença_maternidade":
            pick &= woman
            length = np.where(rng.random(n) < 0.5, 120, 180)
        last = first + length - 1
        open_ended = rng.random(n) < 0.4
        if kind == "cessão":   # some secondments have no end in sight
            last = np.where(open_ended, NAT, last)
        sel = np.flatnonzero(pick)
        frames.append((active[sel], first[sel], last[sel], np.full(len(sel), kind, dtype=object)))
    # unjustified absences: 1–5 single weekdays
    who = np.flatnonzero(rng.random(n) < UNJUSTIFIED_SHARE)
    count = rng.integers(1, 6, len(who))
    rep = np.repeat(who, count)
    day = _uniform_days(rng, a_lo[rep], a_hi[rep])
    wd = _weekday(day)
    day = day - np.where(wd == 5, 1, np.where(wd == 6, 2, 0))
    day = np.maximum(day, a_lo[rep])
    frames.append((active[rep], day, day, np.full(len(rep), UNJUSTIFIED, dtype=object)))
    pos, first, last, kinds = (np.concatenate(parts) for parts in zip(*frames, strict=True))
    kind_code = np.unique(kinds, return_inverse=True)[1]
    # by municipality, start, person and kind; the same day twice for one person counts once
    order = np.lexsort((kind_code, roster["staff_id"][pos], first, roster["muni"][pos]))
    pos, first, last, kinds, kind_code = pos[order], first[order], last[order], kinds[order], kind_code[order]
    repeated = np.r_[False, (pos[1:] == pos[:-1]) & (first[1:] == first[:-1]) & (kind_code[1:] == kind_code[:-1])]
    keep = ~repeated
    return {"muni": roster["muni"][pos][keep], "staff_id": roster["staff_id"][pos][keep], "start": first[keep],
            "end": last[keep], "kind": kinds[keep]}
