"""`diff` of a law with itself is zero — for generated laws and data, in its three forms.

Invariant: comparing a law with itself changes nothing — no article is reported added, changed,
reworded or repealed; with data, every person's old and new totals are equal (no gainer, no
loser), every total, cadre, team, category and fairness measure is equal on both sides, and the
attribution has no step. The three forms:

1. one file, one version against itself: `diff LAW --from-version V --to-version V --data DIR`;
2. two files with the same bytes: `diff LAW COPY --data DIR` (each file's last version);
3. a version against its own consolidated text as `show --version V` prints it (a stand-alone law
   with a single version, other layout, other positions, a comment at the top):
   `diff LAW SHOWN --from-version V --data DIR`.

Why it holds: the provision diff compares articles by meaning — positions, comments and layout
left out (`model.law.semantic`, docs/diff.md) — so equal meaning is no change; with data both
sides are the engine run on the same dataset with the same text forced on every period, and the
engine is deterministic (test_determinism), so every figure derived from the two runs is equal.

tests/diff/test_property.py checks form 1 on the corpus laws and synthetic municipalities; here
the laws come from the generators that cover every provision kind, and forms 2 and 3 are added.
The bug tests: a provision diff that compares layout (form 3 then shows changes), and an impact
diff that forgets to force the new side's text (form 1 then shows gainers and losers).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from p4p_rules.cli import app
from p4p_rules.diff import DiffRequest, diff
from tests.properties.cases import HAND_WORKED, engine_cases, load, written
from tests.properties.profiles import bounded


def nothing_changed(result) -> list[str]:
    """Everything a self-diff must show as unchanged; the complaints, empty when it is zero."""
    out = []
    if result.changes:
        out.append(f"articles reported: {[(c.number, c.status) for c in result.changes]}")
    im = result.impact
    if im is None:
        return out
    p = im.persons
    if len(p) and not ((p["change"] == 0).all() and (p["old"] == p["new"]).all()
                       and (p["in_old"] == p["in_new"]).all()):
        out.append(f"people changed: {p[p['change'] != 0][['staff_id', 'old', 'new']].to_dict('records')[:5]}")
    if im.counts.get("gainers") or im.counts.get("losers"):
        out.append(f"gainers/losers: {im.counts}")
    out += [f"total {key}: {old} -> {new}" for key, _, old, new in im.totals if old != new]
    out += [f"fairness {mm.key}: {mm.old} -> {mm.new}" for mm in im.fairness if mm.old != mm.new]
    for name in ("cadres", "teams", "categories"):
        table = getattr(im, name)
        if len(table) and not ((table["change"] == 0).all() and (table["gainers"] == 0).all()
                               and (table["losers"] == 0).all()):
            out.append(f"{name} changed")
    if result.attribution is not None and result.attribution.steps:
        out.append(f"attribution steps: {[s.label for s in result.attribution.steps]}")
    return out


def shown(law: Path, version: str, out: Path) -> Path:
    """`p4p-rules show LAW --version V`, written to `out`."""
    r = CliRunner().invoke(app, ["show", str(law), "--version", version])
    assert r.exit_code == 0, r.output
    out.write_text(r.stdout, encoding="utf-8")
    return out


@bounded(10)
@given(case=engine_cases, data=st.data())
def test_a_law_diffed_with_itself_changes_nothing(case, data):
    with written(case) as loaded:
        versions = [t.version for t in loaded.compiled.texts]
        version = data.draw(st.sampled_from(versions), label="version")
        dataset = loaded.dataset
        event("law with amendments" if len(versions) > 1 else "law with one version")
        # 1. one version against itself
        result = diff(DiffRequest(loaded.law_path, from_version=version, to_version=version, data=loaded.folder),
                      dataset)
        assert not nothing_changed(result), nothing_changed(result)
        # 2. a byte copy, each side's last version
        copy = loaded.folder / "copy.p4p"
        shutil.copyfile(loaded.law_path, copy)
        result = diff(DiffRequest(loaded.law_path, copy, data=loaded.folder), dataset)
        assert not nothing_changed(result), nothing_changed(result)
        # 3. the version against its own consolidated text
        text = shown(loaded.law_path, version, loaded.folder / "shown.p4p")
        result = diff(DiffRequest(loaded.law_path, text, from_version=version, data=loaded.folder), dataset)
        assert (result.old.version, result.new.version) == (version, version)
        assert not nothing_changed(result), nothing_changed(result)


# ---- the property catches a bug ----------------------------------------------------------------------------
AMENDED = next(f for f in HAND_WORKED if f.name == "quarterly_lag_amendment")


def test_catches_a_provision_diff_that_compares_layout(monkeypatch, tmp_path):
    import p4p_rules.diff.provisions as provisions

    loaded = load(AMENDED / "law.p4p", AMENDED)
    version = loaded.compiled.texts[0].version
    text = shown(loaded.law_path, version, tmp_path / "shown.p4p")
    request = DiffRequest(loaded.law_path, text, from_version=version)
    assert nothing_changed(diff(request)) == []
    monkeypatch.setattr(provisions, "semantic", lambda model: model.model_dump(mode="json"))  # positions included
    assert nothing_changed(diff(request)), "a layout-sensitive provision diff went unnoticed"


def test_catches_an_impact_diff_that_does_not_force_the_new_text(monkeypatch):
    import p4p_rules.diff.api as api
    from p4p_rules.engine.run import run

    loaded = load(AMENDED / "law.p4p", AMENDED)
    assert len(loaded.compiled.texts) > 1  # the amendment changes money from some period on
    version = loaded.compiled.texts[0].version
    request = DiffRequest(loaded.law_path, from_version=version, to_version=version, data=AMENDED, attribution=False)
    assert nothing_changed(diff(request, loaded.dataset)) == []
    real = api.run_forced
    calls = []

    def second_side_not_forced(compiled, text, dataset, start, end, inputs=None):
        calls.append(text.version)
        return (real(compiled, text, dataset, start, end, inputs) if len(calls) == 1
                else run(compiled, dataset, start, end))

    monkeypatch.setattr(api, "run_forced", second_side_not_forced)
    assert nothing_changed(diff(request, loaded.dataset)), "an unforced new side went unnoticed"
