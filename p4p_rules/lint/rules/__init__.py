"""Every rule of the catalogue, by family (importing this module registers them)."""

from p4p_rules.lint.rules import ambiguity, cadres, money, team_size, timing, versions  # noqa: F401
from p4p_rules.lint import suppress  # noqa: F401  (L rules: suppression comments)
