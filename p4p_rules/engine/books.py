"""The books of one payment period: payments, ledger lines, and where every remainder goes.

Every centavo that enters a period (transfers and carry-over) leaves it as a payment row or a
ledger line (a named destination, a carry-over, or `undistributed`): `check_conservation`
proves it after each period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from mypy_extensions import mypyc_attr

from p4p_rules.engine.schedule import Period

if TYPE_CHECKING:  # period.py imports this module: its TeamState is named here for the checker only
    from p4p_rules.engine.period import TeamState

UNDISTRIBUTED = "undistributed"
CARRY_OVER = "carry_over"


# init=False with an __init__ of its own, __reduce__, acyclic: see "Compiled classes" in engine/native.py
@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Payment:
    staff_id: str
    name: str
    team_id: str | None
    cadre: str
    amount: int
    status: str                      # "paid" or "ineligible:<reason>"
    factor: Fraction | int
    articles: list[str]
    category: str | None
    nominal: int                     # the part before conditions and pro-rata
    unit_amount: int                 # the money of the team (or group of teams) it was divided from

    def __init__(self, staff_id: str, name: str, team_id: str | None, cadre: str, amount: int, status: str,
                 factor: Fraction | int, articles: list[str], category: str | None = None, nominal: int = 0,
                 unit_amount: int = 0) -> None:
        self.staff_id, self.name, self.team_id, self.cadre = staff_id, name, team_id, cadre
        self.amount, self.status, self.factor, self.articles = amount, status, factor, articles
        self.category, self.nominal, self.unit_amount = category, nominal, unit_amount

    def __reduce__(self) -> tuple:
        return (Payment, (self.staff_id, self.name, self.team_id, self.cadre, self.amount, self.status, self.factor,
                          self.articles, self.category, self.nominal, self.unit_amount))


@mypyc_attr(acyclic=True)
@dataclass(init=False)
class LedgerLine:
    destination: str
    source: str                      # what the money is: a share, or a kind of remainder
    amount: int
    articles: list[str]
    team_id: str | None

    def __init__(self, destination: str, source: str, amount: int, articles: list[str],
                 team_id: str | None = None) -> None:
        self.destination, self.source, self.amount, self.articles, self.team_id = (destination, source, amount,
                                                                                   articles, team_id)

    def __reduce__(self) -> tuple:
        return (LedgerLine, (self.destination, self.source, self.amount, self.articles, self.team_id))


@mypyc_attr(native_class=False)  # mypyc compiles no subclass of AssertionError otherwise
class ConservationError(AssertionError):
    """Money was lost or created: a bug in the engine, never a user error."""


@mypyc_attr(native_class=False)  # a plain class even when compiled: tests replace check_conservation
@dataclass
class Books:
    period: Period
    version: str | None
    pool: int
    carry_in: int
    payments: list[Payment] = field(default_factory=list)
    ledger: list[LedgerLine] = field(default_factory=list)
    # for explanations: the amount reaching each node of the share tree, and each team's allocation
    nodes: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    teams: dict[str, TeamState] = field(default_factory=dict)

    def book(self, destination: str, source: str, amount: int, articles: list[str],
             team_id: str | None = None) -> None:
        if amount:
            self.ledger.append(LedgerLine(destination, source, amount, [a for a in articles if a], team_id))

    def carry_out(self) -> int:
        return sum(line.amount for line in self.ledger if line.destination == CARRY_OVER)

    def check_conservation(self) -> None:
        paid = sum(p.amount for p in self.payments)
        booked = sum(line.amount for line in self.ledger)
        if paid + booked != self.pool:
            raise ConservationError(f"period {self.period.label}: paid {paid} + booked {booked} != pool {self.pool}")
        if any(p.amount < 0 for p in self.payments) or any(line.amount < 0 for line in self.ledger):
            raise ConservationError(f"period {self.period.label}: negative amount")
