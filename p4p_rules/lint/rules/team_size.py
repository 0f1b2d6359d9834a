"""S: team size — a fixed amount per team divided per head."""

from __future__ import annotations

from typing import Iterator

from p4p_rules.lint.facts import VersionFacts
from p4p_rules.lint.finding import Finding
from p4p_rules.lint.registry import Rule, register
from p4p_rules.model import law as m

@register
class FixedAmountPerTeam(Rule):
    code = "S001"
    name = "fixed-amount-per-team"
    severity = "warning"
    summary = ("Each team gets an amount that does not depend on its size, divided per head without "
               "'equalize': members of larger teams get less for the same grade.")
    summary_pt = ("Cada equipe recebe um valor que não depende do seu tamanho, dividido por cabeça sem "
                  "'igualar': membros de equipes maiores recebem menos pela mesma nota.")

    def check_version(self, v: VersionFacts) -> Iterator[Finding]:
        if not v.pays_teams or v.last(m.Equalize) is not None:
            return
        division = v.last(m.DivideByWeight) or v.last(m.DivideEqually)
        if division is None and v.all(m.FixedAmount):
            return  # only fixed amounts per person: a larger team does not shrink anyone's part
        alloc = v.allocation()
        where = alloc.cite if alloc else v.t("a lei não diz; o motor reparte igualmente",
                                             "the law is silent; the engine allocates equally")
        at = division or alloc
        div_pt = f"dividido por cabeça ({division.cite})" if division else "dividido igualmente (a lei não diz)"
        div_en = f"divided per head ({division.cite})" if division else "divided equally (the law is silent)"
        node = at.provision if at else v.node
        yield v.finding(
            self, node,
            f"o valor de cada equipe não depende do número de membros ({where}) e é {div_pt}: membros de "
            "equipes maiores recebem menos pela mesma nota",
            f"each team's amount does not depend on how many members it has ({where}) and it is {div_en}: "
            "members of larger teams get less for the same grade",
            "acrescente 'igualar entre equipes da mesma categoria', para que cada membro de equipes da mesma "
            "categoria receba o mesmo valor",
            "add 'equalize across teams of the same category', so that members of teams of the same category "
            "receive the same amount",
            key=(self.code, getattr(node, "pos", None)))
