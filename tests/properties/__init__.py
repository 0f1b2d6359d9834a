"""Invariant property tests (issue 6, item 1): laws, rosters, scores and transfers from strategies."""
