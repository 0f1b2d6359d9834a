"""The law in force as the engine reads it: each provision kind found once, with its citation.

When a kind that can only hold once (frequency, allocation mode, division...) appears more than
once, the last one in article order holds — the later article prevails, as a later clause does in
law; `check` reports the duplication.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

from mypy_extensions import mypyc_attr

from p4p_rules.model import law as m
from p4p_rules.model import vocabulary as vocab


def citation(article: str, paragraph: str | None, language: str) -> str:
    if paragraph is None:
        return f"art. {article}"
    if paragraph == "sole":
        return f"art. {article}, " + ("parágrafo único" if language == "pt" else "sole paragraph")
    return f"art. {article}, § {paragraph}"


# init=False with an __init__ of its own, __reduce__, acyclic: see "Compiled classes" in engine/native.py
@mypyc_attr(acyclic=True)
@dataclass(init=False)
class Cited:
    """A provision and the article (and paragraph) it comes from."""

    provision: Any
    cite: str

    def __init__(self, provision: Any, cite: str) -> None:
        self.provision, self.cite = provision, cite

    def __reduce__(self) -> tuple:
        return (Cited, (self.provision, self.cite))


@dataclass(init=False)
class LawView:
    text: m.LawInForce
    language: str
    cited: list[Cited]
    _by_kind: dict[type, list[Cited]] = field(repr=False)
    _expanded: dict[tuple[str, ...], set[str]] = field(repr=False)
    _cadre_keys: dict[str, str] = field(repr=False)
    _memo: dict[str, Any] = field(repr=False)
    _destinations: dict[str, tuple[str | None, str | None]] = field(repr=False)

    def __init__(self, text: m.LawInForce, language: str) -> None:
        self.text, self.language, self.cited = text, language, []
        self._by_kind, self._expanded, self._cadre_keys, self._memo = {}, {}, {}, {}
        self._destinations = {}

    @classmethod
    def of(cls, text: m.LawInForce) -> "LawView":
        lang = text.law.language
        view = cls(text, lang)
        for article in text.articles:
            for para, p in article.all_provisions():
                view.cited.append(Cited(p, citation(article.number, para, lang)))
        return view

    # ---- lookups ---------------------------------------------------------------------
    def all(self, cls_: type) -> list[Cited]:
        found = self._by_kind.get(cls_)
        if found is None:  # looked up per person and period: worth remembering
            found = self._by_kind[cls_] = [c for c in self.cited if isinstance(c.provision, cls_)]
        return found

    def last(self, cls_: type) -> Cited | None:
        found = self.all(cls_)
        return found[-1] if found else None

    @property
    def version(self) -> str:
        return self.text.version

    # ---- groups and cadres -------------------------------------------------------------
    def expand(self, names: list[str]) -> set[str]:
        """Cadre ids named directly or through groups (groups may nest)."""
        key = tuple(names)
        if key not in self._expanded:
            self._expanded[key] = self._expand(names)
        return self._expanded[key]

    def _expand(self, names: list[str]) -> set[str]:
        return set(self.expand_ordered(names))

    def expand_ordered(self, names: list[str]) -> list[str]:
        """Cadre ids named directly or through groups (groups may nest), in the order the law lists them."""
        groups = {vocab.normalize(c.provision.name): c.provision for c in self.all(m.GroupDecl)}
        out: list[str] = []
        seen: set[str] = set()
        todo = list(reversed(names))  # depth first, in the law's order (a stack, not a nested function
        while todo:                   # that calls itself: that would be a reference cycle)
            name = todo.pop()
            key = vocab.normalize(name)
            if key in seen:
                continue
            seen.add(key)
            if key in groups:
                todo.extend(reversed(groups[key].members))
            else:
                cadre = vocab.CADRES.lookup(name) or key
                if cadre not in out:
                    out.append(cadre)
        return out

    def memo(self, key: str, compute: Callable[..., Any], *args: Any) -> Any:
        """A value derived from the law alone, `compute(*args)`, computed once per version (not per
        team and period)."""
        if key not in self._memo:
            self._memo[key] = compute(*args)
        return self._memo[key]

    def targeted(self) -> set[str]:
        """Cadres that an earmark or a fixed amount names (paid even if the eligible list leaves them out)."""
        if "targeted" not in self._memo:
            found: set[str] = set()
            for c in self.all(m.Earmark):
                found |= self.expand([c.provision.target])
            for c in self.all(m.FixedAmount):
                found |= self.expand(c.provision.recipients)
            self._memo["targeted"] = found
        return self._memo["targeted"]

    def cadre_key(self, cadre: str) -> str:
        """The key a roster cadre is compared with: built-in id, or the normalised custom name."""
        if cadre not in self._cadre_keys:
            self._cadre_keys[cadre] = vocab.CADRES.lookup(cadre) or vocab.normalize(cadre)
        return self._cadre_keys[cadre]

    # ---- category order ------------------------------------------------------------------
    def scale(self) -> list[str]:
        s = self.last(m.Scale)
        return list(s.provision.categories) if s else []

    def rank(self, category: str) -> int:
        """0 for the best category; worse categories have larger ranks; unknown ones rank last."""
        scale = self.scale()
        return scale.index(category) if category in scale else len(scale)

    # ---- remainders --------------------------------------------------------------------------
    def destination(self, source: str) -> tuple[str | None, str | None]:
        """Where money of a remainder source goes, and the article that says so (None if silent)."""
        found = self._destinations.get(source)
        if found is None:  # asked several times per team and period: read from the law once per source
            found = self._destinations[source] = self._destination(source)
        return found

    def _destination(self, source: str) -> tuple[str | None, str | None]:
        specific = [c for c in self.all(m.Remainder) if c.provision.source == source]
        catch_all = [c for c in self.all(m.Remainder) if c.provision.source == "all"]
        chosen = specific[-1] if specific else (catch_all[-1] if catch_all else None)
        if chosen is None:
            return None, None
        return chosen.provision.destination, chosen.cite


def percent(value: Any) -> Fraction:
    """A percentage of the law (an exact decimal) as the exact fraction it stands for."""
    exact = exact_decimal(value)
    return Fraction(exact.numerator, exact.denominator * 100)


def exact_decimal(value: Any) -> Fraction:
    """A number of the law (a Decimal, as the model keeps them) as an exact fraction."""
    # a Decimal converts exactly and several times faster than through its text; anything else
    # (a number in a test, say) goes through its text, as it always did
    return Fraction(value) if isinstance(value, (Decimal, int)) else Fraction(str(value))
