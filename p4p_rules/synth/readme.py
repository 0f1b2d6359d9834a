"""The README.md written into the output folder: what was generated, how, and the file formats."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from p4p_rules.synth import tables
from p4p_rules.synth.write import brl

if TYPE_CHECKING:
    from p4p_rules.synth.generate import SynthSummary


def _month(d: dt.date, add: int = 0) -> str:
    y, m = divmod(d.month - 1 + add, 12)
    return f"{m + 1:02d}/{d.year + y}"


def readme_text(s: "SynthSummary", seed: int, first: dt.date, months: int, fmt: str, codes: list[str]) -> str:
    first_code, last_code = codes[0], codes[-1]
    transfer_rows = "\n".join(
        f"| `{cat}` | {pct}% | {brl(tables.FULL_VALUE_CENTAVOS * pct // 100)} |"
        for cat, pct in zip(tables.CATEGORIES, tables.PERCENT, strict=True))
    leave_rows = "\n".join(f"| `{kind}` | {chance:.1%} | {lo}–{hi} |" for kind, chance, lo, hi in tables.LEAVES)
    entries = [("laws/mNNNN.p4p", "one law per municipality (Portuguese .p4p)"),
               (f"data/mNNNN/roster.{fmt}", "staff postings"),
               (f"data/mNNNN/scores.{fmt}", "cycle-3 certification of each team"),
               (f"data/mNNNN/transfers.{fmt}", "federal transfer per team per month"),
               (f"data/mNNNN/absences.{fmt}", "leave and unjustified absences"),
               ("municipalities.csv", "index: code, name, state, IBGE code, teams, people, law design"),
               ("README.md", "this file")]
    layout = "\n".join(f"{path:<31}{what}" for path, what in entries)
    return f"""# Synthetic PMAQ laws and data

**Everything here is invented.** Municipalities, laws, people, scores and amounts were drawn by
`p4p-rules synth` from a seeded random generator; any resemblance to a real municipality, law or
person is a coincidence. The data has the national *shape* of PMAQ cycle 3 (see below), nothing
more.

| parameter | value |
|---|---|
| municipalities | {s.municipalities} (`{first_code}` … `{last_code}`) |
| seed | {seed} |
| months of transfers | {months}, from {_month(first)} to {_month(first, months - 1)} |
| data format | {fmt} |

Running the generator again with the same parameters rewrites the same bytes.

| what | count |
|---|---|
| teams | {s.teams:,} |
| people (distinct staff ids) | {s.people:,} |
| roster rows (postings) | {s.roster_rows:,} |
| score rows | {s.score_rows:,} |
| transfer rows | {s.transfer_rows:,} |
| absence rows | {s.absence_rows:,} |
| laws with an amendment | {s.laws_with_amendment:,} |
| files written | {s.files_written:,} |

## Layout

```text
{layout}
```

The data folder of a law is named like the law file's stem, which is what a batch run expects:

```sh
p4p-rules run laws/*.p4p --data data
p4p-rules run laws/{first_code}.p4p --data data/{first_code}
```

## Federal transfers

Each team receives, every month of the window, the 2013 federal full value for a basic team
(EAB), **R$ 8.500,00**, times a percentage set by its cycle-3 category. Only this component is
included (no oral-health, NASF or other transfers), and there are no municipality-total rows.

| category | percentage | monthly transfer (R$) |
|---|---|---|
{transfer_rows}

A disqualified team has a row with `0,00` every month.

## Scores

One row per team, cycle 3, five-level scale. The score is a municipality effect (mean 66, sd 8)
plus a team effect (sd 12), clipped to 3–100, with two decimals; the category is the score's
band — `ruim` below 40, `regular` 40–55, `bom` 55–70, `muito_bom` 70–85, `ótimo` 85 and above.
About {tables.DISQUALIFIED_SHARE:.0%} of the teams are `desclassificada`, with an empty score. The external evaluation
of a municipality's teams falls within three weeks, on weekdays, in the months before the first
transfer month (from October 2015, when cycle 3 began, if the window allows).

## People

- **Teams per municipality** are heavy-tailed: a log-normal body (most municipalities have 1–10
  teams) plus about 27 capitals per 5,570 municipalities with hundreds, scaled so that 5,570
  municipalities hold about {tables.NATIONAL_TEAMS:,} teams (cycle 3: 42,975 teams).
- **A team** has {tables.MIN_TEAM}–{tables.MAX_TEAM} posts: a physician, a nurse, a nursing technician
  (15%: a nursing assistant; 8%: a second one), 4–8 community health agents, in
  {tables.ORAL_HEALTH_SHARE:.0%} of teams a dentist with an oral-health technician or assistant, sometimes
  administrative or support staff, an endemic-disease
  agent or a NASF professional. A few teams (4%) hire one more member during the window.
- **Coordinators** (`coordenador`/`coordenadora`, no `team_id`): 1 + one per 40 teams (at most 12) in
  90% of the municipalities.
- **Turnover**: each holder may leave between three months before the evaluation and the end of
  the data (yearly chance: physicians 30%, nurses and dentists 12%, others 5–20%); a successor
  arrives 0–60 days later, or the post stays vacant (12%). Some who leave (5%) move to another
  team of the same municipality: the same `staff_id` on two postings that do not overlap.
- **Contracts and hours**: `efetivo`/`contratado`/`comissionado` by job; physicians sometimes
  20 h, dentists and NASF 20/30/40 h. In half of the municipalities 1–10% of the people did not
  sign the PMAQ participation contract (`signed_contract` = `não`).
- **Spelling**: 30% of the municipalities write the long forms of some cadres
  (`agente_comunitário_de_saúde`, `cirurgião_dentista`, `técnico_enfermagem`, `serviços_gerais`…);
  women get the feminine form where the vocabulary has one (`médica`, `enfermeira`, `coordenadora`).
  The CBO code is always one the vocabulary lists for the cadre.
- `staff_id` is a municipal matrícula, numbered in order of hiring within the municipality
  (text, not a number). Names are drawn from lists of Brazilian first names and surnames.

## Absences

Per posting present in the window (start within it, or up to 30 days before it):

| kind | chance | days |
|---|---|---|
{leave_rows}
| `falta_injustificada` | {tables.UNJUSTIFIED_SHARE:.1%} | 1–5 single weekdays |

Maternity leave is for women only; 40% of secondments (`cessão`) have no end date.

## Laws

Each law starts with a comment saying it is synthetic and summarising its design; it takes
effect (a date or `ciclo 3`) before the first transfer month. The features are drawn
independently from the variants the study recorded:

- **split** staff/management 70/30, 65/35, 60/40, 55/45, 50/50, 45/55, 40/60, 30/70, rarely
  0/100 (no bonus); sometimes the management share is split again (upkeep, training, an annual
  award, coordinators' percentage paid to `coordenador`), or a professionals' share is split
  between the teams and the coordinators;
- **allocation among teams** by category weight, by category share (with a remainder of failed
  teams), equally, by transfer or by score, on the five-level scale; disqualified teams excluded
  or treated as `ruim`; sometimes a minimum category or score, a floor for poor teams, or a
  redirection from the best teams to the worst;
- **division within a team** equally, by cadre weights, by group weights (higher / mid level),
  equal among clinical cadres with less for the others, with an earmark (dentist or community
  health agents), or a fixed monthly amount for community health agents; sometimes equalised
  across teams of the same category, mid-level staff pooled, a cap or a floor per person;
- **recipients**: clinical cadres always; community health agents, endemic agents,
  administrative/support staff and NASF professionals in some laws;
- **conditions**: posted at the evaluation (or in its month), active at payment, signed contract,
  minimum service, excluded kinds of leave (with a waiting period after return), loss after
  unjustified absences, pro-rata by days or hours;
- **remainders** to management, to the team, to the next period or to the municipal health fund
  — or, in about a fifth of the cases, nowhere (a loophole that `check` reports);
- **frequency** monthly, 2-monthly, quarterly, 4-monthly, semi-annual or annual (sometimes in
  December), with a lag of 0–3 months;
- **amendments** (about a quarter of the laws), in force from a month inside the window: a new
  frequency, a new split, a switch between paying by category and paying all teams equally, or a
  new condition (signed contract; posted at evaluation and still employed).

## File format

CSV as in the bundled example (`laws/data/m05`): UTF-8 without BOM, `;` separator, `\\n` line
ends, a header row, no quoting; decimal comma, amounts with a dot for thousands (`8.500,00`);
dates `dd/mm/yyyy`, months `mm/yyyy`; an empty cell is no value (an empty `end_date` means still
there at the end of the data; an empty `team_id` means outside the teams; an empty `score` means
disqualified). Parquet files have the same columns with native types (dates as date32, amounts as
decimal128(15, 2), `signed_contract` as bool).

| file | columns |
|---|---|
| roster | staff_id, name, team_id, cadre, cbo, start_date, end_date, contract_type, signed_contract, weekly_hours |
| scores | team_id, cycle, evaluation_date, score, category |
| transfers | month, team_id, amount |
| absences | staff_id, start_date, end_date, kind |
"""
