"""`p4p-rules diff`: an amendment's effect on the text, on each person's money, and why (see docs/diff.md)."""

from p4p_rules.diff.api import Attribution, DiffRequest, DiffResult, cycle_window, diff, run_forced
from p4p_rules.diff.impact import Impact, Side, compare, side_from_books
from p4p_rules.diff.measures import gini, ratio, top_share
from p4p_rules.diff.provisions import ArticleChange, provision_diff
from p4p_rules.diff.versions import DiffError, choose, forced

__all__ = ["diff", "DiffRequest", "DiffResult", "DiffError", "Attribution", "Impact", "Side", "ArticleChange",
           "provision_diff", "choose", "forced", "run_forced", "compare", "side_from_books", "cycle_window",
           "gini", "top_share", "ratio"]
