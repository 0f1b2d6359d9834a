"""The law as pydantic models: law, versions, articles and every kind of provision.

Every node keeps its source position so that diagnostics and payments can cite it.
Names of built-in things (cadres, categories, scales, months...) are stored as canonical
ids (see vocabulary.py), so a law written with Portuguese or English keywords gives the
same model.  Percentages are exact decimals; money is integer centavos.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field


class Pos(BaseModel):
    """Where a node starts in its source file (1-based line and column)."""

    model_config = ConfigDict(frozen=True)
    file: str
    line: int
    col: int


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pos: Pos | None = None
    comments: list[str] = Field(default_factory=list, description="comment lines before this node")
    trailing_comment: str | None = None


# ---- 1. scale and disqualified teams ---------------------------------------------
class Scale(Node):
    kind: Literal["scale"] = "scale"
    scale: Literal["four-level", "five-level", "custom"]
    categories: list[str] = Field(description="best first")


class Disqualified(Node):
    kind: Literal["disqualified"] = "disqualified"
    treatment: Literal["excluded", "as_category"]
    category: str | None = None


# ---- 2. the tree of shares ----------------------------------------------------------
class Share(Node):
    node: str
    percent: Decimal


class Split(Node):
    kind: Literal["split"] = "split"
    parent: str
    shares: list[Share]


class PayShare(Node):
    kind: Literal["pay_share"] = "pay_share"
    share: str
    recipients: list[str]


# ---- 3. frequency ------------------------------------------------------------------
class Frequency(Node):
    kind: Literal["frequency"] = "frequency"
    months: int = Field(description="length of a payment period in months (1, 2, 3, 4, 6 or 12)")
    in_month: int | None = Field(default=None, description="calendar month of payment, for annual payments")


class Lag(Node):
    kind: Literal["lag"] = "lag"
    months: int


# ---- 4. team allocation ----------------------------------------------------------
class CategoryValue(Node):
    category: str
    value: Decimal


class Allocate(Node):
    kind: Literal["allocate"] = "allocate"
    mode: Literal["transfer", "equal", "score", "category_weight", "category_share"]
    values: list[CategoryValue] = Field(default_factory=list)


class MinimumCategory(Node):
    kind: Literal["minimum_category"] = "minimum_category"
    category: str


class MinimumScore(Node):
    kind: Literal["minimum_score"] = "minimum_score"
    score: Decimal


class TeamFloor(Node):
    kind: Literal["team_floor"] = "team_floor"
    categories: list[str]
    percent_of_transfer: Decimal | None = None
    amount: int | None = Field(default=None, description="centavos per team per period (or per month)")
    per_month: bool = False


class Redirect(Node):
    kind: Literal["redirect"] = "redirect"
    percent: Decimal
    from_categories: list[str]
    to_categories: list[str]


# ---- 5. division within a team ---------------------------------------------------
class DivideEqually(Node):
    kind: Literal["divide_equally"] = "divide_equally"


class NameValue(Node):
    name: str
    value: Decimal


class DivideByWeight(Node):
    kind: Literal["divide_by_weight"] = "divide_by_weight"
    weights: list[NameValue]


class Earmark(Node):
    kind: Literal["earmark"] = "earmark"
    percent: Decimal
    target: str


class FixedAmount(Node):
    kind: Literal["fixed_amount"] = "fixed_amount"
    amount: int = Field(description="centavos per person per period (or per month)")
    recipients: list[str]
    per_month: bool = False


class Equalize(Node):
    kind: Literal["equalize"] = "equalize"


class PoolLevel(Node):
    kind: Literal["pool_level"] = "pool_level"
    group: str


# ---- 6. eligibility -----------------------------------------------------------------
class Eligible(Node):
    kind: Literal["eligible"] = "eligible"
    members: list[str]


class Require(Node):
    kind: Literal["require"] = "require"
    condition: Literal["posted_at_evaluation", "posted_in_evaluation_month", "active_at_payment",
                       "signed_contract", "minimum_service"]
    months: int | None = None


class ExcludeLeave(Node):
    kind: Literal["exclude_leave"] = "exclude_leave"
    leave_kinds: list[str]


class WaitingPeriod(Node):
    kind: Literal["waiting_period"] = "waiting_period"
    days: int


class LoseAfterAbsences(Node):
    kind: Literal["lose_after_absences"] = "lose_after_absences"
    absences: int


class ProRata(Node):
    kind: Literal["pro_rata"] = "pro_rata"
    basis: Literal["days", "hours"]


# ---- 7. caps and floors per person --------------------------------------------------
class PersonCap(Node):
    kind: Literal["person_cap"] = "person_cap"
    amount: int


class PersonFloor(Node):
    kind: Literal["person_floor"] = "person_floor"
    amount: int


# ---- 8. remainders --------------------------------------------------------------------
class Remainder(Node):
    kind: Literal["remainder"] = "remainder"
    source: Literal["ineligible", "earmark", "pro_rata", "cap", "failed_teams", "all"]
    destination: str = Field(description="'team', 'next_period', or a named destination")


# ---- definitions ------------------------------------------------------------------------
class CadreDecl(Node):
    kind: Literal["cadre"] = "cadre"
    name: str
    label: str | None = None
    cbo: list[str] = Field(default_factory=list)


class GroupDecl(Node):
    kind: Literal["group"] = "group"
    name: str
    members: list[str]


Provision = Annotated[
    Union[Scale, Disqualified, Split, PayShare, Frequency, Lag, Allocate, MinimumCategory, MinimumScore,
          TeamFloor, Redirect, DivideEqually, DivideByWeight, Earmark, FixedAmount, Equalize, PoolLevel,
          Eligible, Require, ExcludeLeave, WaitingPeriod, LoseAfterAbsences, ProRata, PersonCap,
          PersonFloor, Remainder, CadreDecl, GroupDecl],
    Field(discriminator="kind"),
]
PROVISION_KINDS: tuple[str, ...] = (
    "scale", "disqualified", "split", "pay_share", "frequency", "lag", "allocate", "minimum_category",
    "minimum_score", "team_floor", "redirect", "divide_equally", "divide_by_weight", "earmark",
    "fixed_amount", "equalize", "pool_level", "eligible", "require", "exclude_leave", "waiting_period",
    "lose_after_absences", "pro_rata", "person_cap", "person_floor", "remainder", "cadre", "group")


# ---- structure ------------------------------------------------------------------------------
class Paragraph(Node):
    label: str = Field(description="'1', '2', ... or 'sole' (parágrafo único)")
    wording: str | None = None
    provisions: list[Provision] = Field(default_factory=list)


class Article(Node):
    number: str = Field(description="'3', '3-A' ...")
    wording: str | None = None
    provisions: list[Provision] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)

    def all_provisions(self) -> list[tuple[str | None, Any]]:
        """(paragraph label or None, provision) for the caput and every paragraph, in order."""
        out: list[tuple[str | None, Any]] = [(None, p) for p in self.provisions]
        for para in self.paragraphs:
            out.extend((para.label, p) for p in para.provisions)
        return out


class Operation(Node):
    op: Literal["replace", "insert", "repeal"]
    target: str
    after: str | None = None
    article: Article | None = None


class Version(Node):
    name: str
    title: str | None = None
    kind: Literal["original", "amendment"]
    effective: dt.date
    cycle: int | None = None
    articles: list[Article] = Field(default_factory=list, description="full text (original versions)")
    operations: list[Operation] = Field(default_factory=list, description="amendments only")


class Law(Node):
    title: str
    municipality: str | None = None
    state: str | None = None
    ibge: str | None = None
    language: Literal["pt", "en"]
    file: str | None = Field(default=None, description="file the law was read from")
    versions: list[Version] = Field(default_factory=list)
    closing_comments: list[str] = Field(default_factory=list)


class LawInForce(BaseModel):
    """A consolidated law: the text in force from one version on (the 'texto compilado')."""

    model_config = ConfigDict(extra="forbid")
    law: Law = Field(description="header, with versions holding only this consolidated version")
    version: str
    title: str | None = Field(default=None, description="title of the law that made this version")
    effective: dt.date
    until: dt.date | None = Field(default=None, description="the day before the next version takes effect")
    articles: list[Article]
    repealed: list[str] = Field(default_factory=list, description="articles repealed so far")
    # article number -> name of the version whose text this article has
    article_source: dict[str, str] = Field(default_factory=dict)


_LAYOUT_KEYS = {"pos", "comments", "trailing_comment", "closing_comments", "language", "file"}


def semantic(model: BaseModel) -> Any:
    """The model without layout (positions, comments, file language): what a law *means*."""

    def strip(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k not in _LAYOUT_KEYS}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v

    return strip(model.model_dump(mode="json"))
