"""The payment engine: a law in force applied to rosters, scores and transfers, to the centavo."""

from p4p_rules.engine.native import use_fresh_build

# the compiled build of the hot modules, when `make native` made one from the current sources
use_fresh_build(__path__)
