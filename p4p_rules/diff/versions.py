"""Which two consolidated texts a diff compares, and how one text is forced for every period.

Choosing the versions:
- one law file: `--from-version A --to-version B`; with only B, A is the version just before B;
  with only A, B is the version just after A; with neither, the last version and the one before it
  (the latest amendment);
- two law files OLD NEW: OLD's `--from-version` (default: its last version) against NEW's
  `--to-version` (default: its last version).

Forcing a version: `forced(compiled, text)` is a `CompiledLaw` whose only text is `text` with its
effective date moved to `date.min` and no end, so `at(any date)` returns it — every period of a run,
however early its payment date, is computed by that text (its frequency and lag included).  The
text itself (articles, version name) is unchanged.
"""

from __future__ import annotations

import datetime as dt

from p4p_rules.load import CompiledLaw
from p4p_rules.model.law import LawInForce


class DiffError(Exception):
    """A problem of the user's request (unknown version, bad range...): exit code 2 unless said."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def forced(compiled: CompiledLaw, text: LawInForce) -> CompiledLaw:
    """A law that applies `text` on every date."""
    always = text.model_copy(update={"effective": dt.date.min, "until": None})
    return CompiledLaw(compiled.law, [always])


def _known(compiled: CompiledLaw) -> str:
    return ", ".join(t.version for t in compiled.texts)


def _named(compiled: CompiledLaw, name: str, file: str) -> LawInForce:
    found = compiled.version(name)
    if found is None:
        raise DiffError(f"{file}: no version named '{name}' (versions: {_known(compiled)})")
    return found


def choose(old: CompiledLaw, new: CompiledLaw | None, from_version: str | None, to_version: str | None,
           old_file: str = "OLD", new_file: str = "NEW") -> tuple[LawInForce, LawInForce]:
    """The (old, new) consolidated texts to compare, following the rules in the module docstring."""
    if new is not None:
        a = _named(old, from_version, old_file) if from_version else old.texts[-1]
        b = _named(new, to_version, new_file) if to_version else new.texts[-1]
        return a, b
    texts = old.texts
    if from_version and to_version:
        return _named(old, from_version, old_file), _named(old, to_version, old_file)
    if to_version:
        b = _named(old, to_version, old_file)
        i = texts.index(b)
        if i == 0:
            raise DiffError(f"{old_file}: '{b.version}' is the first version; give --from-version too "
                            f"(versions: {_known(old)})")
        return texts[i - 1], b
    if from_version:
        a = _named(old, from_version, old_file)
        i = texts.index(a)
        if i == len(texts) - 1:
            raise DiffError(f"{old_file}: '{a.version}' is the last version; give --to-version too "
                            f"(versions: {_known(old)})")
        return a, texts[i + 1]
    if len(texts) < 2:
        raise DiffError(f"{old_file}: the law has one version only ('{texts[0].version}'); give a second law "
                        f"file to compare with")
    return texts[-2], texts[-1]
