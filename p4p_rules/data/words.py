"""Words of the domain as they appear in data files — cadres (by name or CBO code), categories,
absence kinds — mapped to canonical ids, with 'did you mean' suggestions."""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping

import pandas as pd

from p4p_rules.data.cells import on_text
from p4p_rules.model.vocabulary import CADRES, CATEGORIES, LEAVE_KINDS, Term, Vocabulary, normalize

UNJUSTIFIED = "unjustified"
# An unjustified absence is not a leave kind (the law's vocabulary has no word for it), but laws
# count such absences ("loses the bonus after N unjustified absences"), so data files carry them.
ABSENCE_KINDS = Vocabulary([
    *LEAVE_KINDS.terms.values(),
    Term(UNJUSTIFIED, ("falta_injustificada", "falta", "faltas", "falta_não_justificada"),
         ("unjustified", "unjustified_absence")),
])


class Words:
    """A closed vocabulary plus the names a law declares (custom cadres or categories), kept as spelt."""

    def __init__(self, vocabulary: Vocabulary, extra: Iterable[str] = (), open: bool = False):
        self.vocabulary = vocabulary
        # open: any other name is accepted as spelt, to be checked later against the law it
        # belongs to (national files serve thousands of laws, each with its own custom names)
        self.open = open
        self.extra = {normalize(e): e for e in extra}
        self._spellings: dict[str, str] | None = None  # made on the first suggestion (a national run
        # makes these words once per law, and suggests only where a name is wrong)

    def lookup(self, name: str) -> str | None:
        return self.vocabulary.lookup(name) or self.extra.get(normalize(name)) or (name if self.open else None)

    def suggest(self, name: str) -> str | None:
        spellings = self._spellings
        if spellings is None:
            # suggestions come from both languages: a file in Portuguese may go with English messages
            # (the first spelling of a normalised form wins: 'ótimo' is suggested, not its variant 'otimo')
            spellings = self._spellings = {}
            for term in self.vocabulary.terms.values():
                for spelling in (*term.pt, *term.en):
                    spellings.setdefault(normalize(spelling), spelling)
            spellings.update(self.extra)
        match = difflib.get_close_matches(normalize(name), list(spellings), n=1, cutoff=0.6)
        return spellings[match[0]] if match else None

    def ids(self, text: pd.Series) -> pd.Series:
        """Canonical id of each cell (None where missing or unknown); each distinct spelling looked up once."""
        return on_text(text, self._ids_of_distinct)

    def _ids_of_distinct(self, text: pd.Series) -> pd.Series:
        known = {v: self.lookup(v) for v in text.dropna().unique()}
        ids = text.map(known).astype(object)
        return ids.where(ids.notna(), None)


def cadre_words(extra_cadres: Iterable[str] = (), open: bool = False) -> Words:
    return Words(CADRES, extra_cadres, open)


def category_words(extra_categories: Iterable[str] = (), open: bool = False) -> Words:
    return Words(CATEGORIES, extra_categories, open)


def absence_words() -> Words:
    return Words(ABSENCE_KINDS)


def cbo_cadres(extra_cbo: Mapping[str, str]) -> dict[str, str]:
    """CBO code -> cadre id, from the vocabulary and the codes a law declares for its own cadres."""
    codes = {code: t.id for t in CADRES.terms.values() for code in t.cbo}
    codes.update(extra_cbo)
    return codes


def cbo_codes_of(cadre: str, extra_cbo: Mapping[str, str]) -> list[str]:
    term = CADRES.terms.get(cadre)
    return list(term.cbo if term else ()) + [c for c, name in extra_cbo.items() if name == cadre]
