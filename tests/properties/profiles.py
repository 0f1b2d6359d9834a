"""Hypothesis settings for the property suite: a bounded, reproducible `ci` profile (the default) and a
`long` one (HYPOTHESIS_PROFILE=long) for hunting."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture]

# ci: the same examples on every run and every machine (derandomize), nothing read from or written to
# a local example database, so a failure in CI is a failure on a laptop too. No shrinking: an
# example costs ~0.3 s (reading its data folder), and shrinking one can take minutes; the failing
# case is printed whole (law and files) and replays with the `long` profile, which shrinks.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
                          suppress_health_check=_QUIET)
# long: new random examples each time, failures remembered in .hypothesis/ and replayed first.
settings.register_profile("long", derandomize=False, deadline=None, print_blob=True,
                          suppress_health_check=_QUIET)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    PROFILE = "ci"
LONG_FACTOR = 20  # the long profile runs this many times the ci examples


def bounded(examples: int) -> settings:
    """Settings for one property: `examples` under ci (chosen so the suite stays under a minute),
    LONG_FACTOR times more under long."""
    return settings(settings.get_profile(PROFILE),
                    max_examples=examples * (LONG_FACTOR if PROFILE == "long" else 1))
