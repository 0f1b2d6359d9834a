"""Synthetic PMAQ laws and data at national scale: `synthesize(municipalities, seed, out)`.

Writes, for each municipality, a law (`out/laws/mNNNN.p4p`) and its data
(`out/data/mNNNN/{roster,scores,transfers,absences}.csv|parquet`), the layout that
`p4p-rules run out/laws/*.p4p --data out/data` expects, plus `out/README.md` and
`out/municipalities.csv`.  Deterministic for a given seed.
"""

from p4p_rules.synth.generate import SynthSummary, synthesize

__all__ = ["synthesize", "SynthSummary"]
