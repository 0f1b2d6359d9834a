"""Diagnostics: every error code the tool can produce, at the right place, in the law's language.

Each case is a minimal bad law with the code, line and column (1-based) worked out by counting
characters in the source (for an unknown or repeated name, the caret is on the name itself), and the message and "did you mean" help written out in full.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from p4p_rules.load import compile_file, compile_text, parse_law
from p4p_rules.syntax.diagnostics import MESSAGES, Diagnostic, LawError
from p4p_rules.syntax.parser import MAX_FILE_BYTES, MAX_LINE_CHARS


def diagnostics_of(text: str, file: str = "bad.p4p") -> list[Diagnostic]:
    try:
        compile_text(text, file)
    except LawError as e:
        return e.diagnostics
    pytest.fail("the law was accepted, but it has an error")


def find(diags: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} among {[(d.code, d.line, d.col, d.message) for d in diags]}"
    return found[0]


# A Portuguese law whose art. 1 holds one line (line 4), and the same in English.
PT = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n{}\n'
EN = 'law "T"\nversion original effective 2012-03-01\nart. 1:\n{}\n'

# Four articles (lines 3-10), then an amendment on line 11 with one operation on line 12.
PT_BASE = ('lei "T"\nversão original vigência 01/03/2012\n'
           'art. 1:\n  dividir igualmente\n'
           'art. 2:\n  pagamento mensal\n'
           'art. 3:\n  defasagem de 1 mês\n'
           'art. 3-A:\n  nota mínima 5\n')
EN_BASE = ('law "T"\nversion original effective 2012-03-01\n'
           'art. 1:\n  divide equally\n'
           'art. 2:\n  payment monthly\n'
           'art. 3:\n  lag 1 month\n'
           'art. 3-A:\n  minimum score 5\n')

# A scale on line 4; the line under test is line 5.
PT_SCALE = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  escala quatro_níveis\n{}\n'
EN_SCALE = 'law "T"\nversion original effective 2012-03-01\nart. 1:\n  scale four_level\n{}\n'


@dataclass(frozen=True)
class Err:
    id: str
    text: str
    code: str
    line: int
    col: int
    language: str
    message: str
    help: str | None = None
    only: bool = True       # the only diagnostic of the file


START_PT = ("o início de uma disposição (por exemplo 'art.', 'repartir', 'distribuir', 'dividir', "
            "'pagamento', 'exigir')")
START_EN = ("the start of a provision (for example 'art.', 'split', 'allocate', 'divide', 'payment', "
            "'require')")

CASES: list[Err] = [
    # ---- E100-E103: lines that cannot be read ------------------------------------------
    Err("E100-pt-typo", PT.format("  distriburi equipes igualmente"), "E100", 4, 3, "pt",
        f"não consegui ler esta linha: esperava {START_PT}, encontrei 'distriburi'", "você quis dizer 'distribuir'?"),
    Err("E100-en-typo", EN.format("  alocate teams equally"), "E100", 4, 3, "en",
        f"could not read this line: expected {START_EN}, found 'alocate'", "did you mean 'allocate'?"),
    Err("E100-pt-missing-colon", PT.format("  elegíveis médico"), "E100", 4, 13, "pt",
        "não consegui ler esta linha: esperava ':', encontrei 'médico'"),
    Err("E100-en-missing-colon", EN.format("  eligible physician"), "E100", 4, 12, "en",
        "could not read this line: expected ':', found 'physician'"),
    Err("E100-pt-number-expected", PT.format("  perde após faltas"), "E100", 4, 14, "pt",
        "não consegui ler esta linha: esperava um número, encontrei 'faltas'"),
    Err("E101-pt", PT.format("  dividir igualmente $"), "E101", 4, 22, "pt", "caractere inesperado '$'"),
    Err("E101-en", EN.format("  divide equally $"), "E101", 4, 18, "en", "unexpected character '$'"),
    Err("E102-pt", 'lei "T"\nversão original vigência 01/03/2012\nart. 1 "Os recursos:\n  dividir igualmente\n',
        "E102", 3, 8, "pt", "texto entre aspas sem aspas de fechamento"),
    Err("E102-en", 'law "T"\nversion original effective 2012-03-01\nart. 1 "The funds:\n  divide equally\n',
        "E102", 3, 8, "en", "quoted text has no closing quote"),
    Err("E103-pt", PT.format("  repartir recursos em equipes 60"), "E103", 4, 34, "pt",
        "a linha termina cedo demais: faltou '%'"),
    Err("E103-en", EN.format("  split funds into teams 60"), "E103", 4, 28, "en",
        "the line ends too early: expected '%'"),
    Err("E103-pt-money", PT.format("  teto R$ 10"), "E103", 4, 13, "pt",
        "a linha termina cedo demais: faltou 'por'"),
    # ---- E110-E118: structure ------------------------------------------------------------
    Err("E110-pt", "versão original vigência 01/03/2012\nart. 1:\n  dividir igualmente\n", "E110", 1, 1, "pt",
        "a lei precisa começar pelo cabeçalho 'lei \"...\"'"),
    Err("E110-en", "version original effective 2012-03-01\nart. 1:\n  divide equally\n", "E110", 1, 1, "en",
        "a law must start with its header 'law \"...\"'"),
    Err("E111-pt", 'lei "A"\nlei "B"\nversão original vigência 01/03/2012\nart. 1:\n  dividir igualmente\n',
        "E111", 2, 1, "pt", "cabeçalho repetido: a lei já foi declarada na linha 1"),
    Err("E111-en", 'law "A"\n\nlaw "B"\nversion original effective 2012-03-01\nart. 1:\n  divide equally\n',
        "E111", 3, 1, "en", "repeated header: the law was already declared on line 1"),
    Err("E112-article-before-version-pt", 'lei "T"\nart. 1:\n', "E112", 2, 1, "pt",
        "Artigo antes de qualquer versão ('versão ... vigência ...')"),
    Err("E112-article-before-version-en", 'law "T"\narticle 1:\n', "E112", 2, 1, "en",
        "Article before any version ('version ... effective ...')"),
    Err("E112-provision-before-article-pt", 'lei "T"\nversão original vigência 01/03/2012\n  dividir igualmente\n',
        "E112", 3, 3, "pt", "Disposição antes de qualquer artigo ('art. 1')"),
    Err("E112-provision-before-article-en", 'law "T"\nversion original effective 2012-03-01\n  divide equally\n',
        "E112", 3, 3, "en", "Provision before any article ('art. 1')"),
    Err("E112-paragraph-before-article-pt", 'lei "T"\nversão original vigência 01/03/2012\n§ 1:\n',
        "E112", 3, 1, "pt", "Parágrafo antes de qualquer artigo ('art. 1')"),
    Err("E112-replace-in-original-pt", PT.format("  dividir igualmente\naltera art. 1:"), "E112", 5, 1, "pt",
        "Alteração antes de qualquer emenda ('emenda ... vigência ...')"),
    Err("E112-repeal-in-original-en", EN.format("  divide equally\nrepeal art. 1"), "E112", 5, 1, "en",
        "Repeal before any amendment ('amendment ... effective ...')"),
    Err("E113-pt", 'lei "T"\nemenda e1 vigência 01/03/2012\naltera art. 1:\n  dividir igualmente\n', "E113", 2, 1,
        "pt", "a primeira versão deve ser a lei original ('versão'), não uma emenda"),
    Err("E113-en", 'law "T"\namendment e1 effective 2012-03-01\nreplace art. 1:\n  divide equally\n', "E113", 2, 1,
        "en", "the first version must be the original law ('version'), not an amendment"),
    Err("E114-pt", PT.format("  dividir igualmente\nart. 1:\n  pagamento mensal"), "E114", 5, 1, "pt",
        "o art. 1 aparece duas vezes nesta versão (primeira na linha 3)"),
    Err("E114-en", EN.format("  divide equally\nart. 1:\n  payment monthly"), "E114", 5, 1, "en",
        "art. 1 appears twice in this version (first on line 3)"),
    Err("E115-pt", PT.format("  dividir igualmente\nversão original vigência 01/03/2013\nart. 1:\n  dividir igualmente"),
        "E115", 5, 1, "pt", "o nome de versão 'original' já foi usado na linha 2"),
    Err("E115-en", EN.format("  divide equally\nversion original effective 2013-03-01\nart. 1:\n  divide equally"),
        "E115", 5, 1, "en", "version name 'original' is already used on line 2"),
    Err("E116-pt", 'lei "T"\n', "E116", 1, 1, "pt", "a lei não tem nenhuma versão"),
    Err("E116-en", '# no versions yet\nlaw "T"\n', "E116", 2, 1, "en", "the law has no version"),
    Err("E117-provision-pt", PT_BASE + "emenda e1 vigência 01/01/2013\n  dividir igualmente\n", "E117", 12, 3, "pt",
        "uma emenda só pode alterar, acrescentar ou revogar artigos; escreva 'altera art. N' antes"),
    Err("E117-article-en", EN_BASE + "amendment e1 effective 2013-01-01\nart. 4:\n", "E117", 12, 1, "en",
        "an amendment can only replace, insert or repeal articles; write 'replace art. N' first"),
    Err("E118-pt", PT.format("  § 1:\n    dividir igualmente\n  § 1:\n    pagamento mensal"), "E118", 6, 3, "pt",
        "o parágrafo 1 aparece duas vezes no art. 1"),
    Err("E118-en", EN.format("  § 2:\n    divide equally\n  § 2º:"), "E118", 6, 3, "en",
        "paragraph 2 appears twice in art. 1"),
    Err("E118-sole-pt", PT.format("  parágrafo único:\n    dividir igualmente\n  parágrafo único:"), "E118", 6, 3,
        "pt", "o parágrafo único aparece duas vezes no art. 1"),
    # ---- E120-E125: values ------------------------------------------------------------------
    Err("E120-pt", PT.format("  teto R$ 1.2345 por pessoa"), "E120", 4, 8, "pt",
        "valor em reais mal escrito: R$ 1.2345 (escreva como R$ 1.234,56)"),
    Err("E120-pt-english-format", PT.format("  teto R$ 1,234.56 por pessoa"), "E120", 4, 8, "pt",
        "valor em reais mal escrito: R$ 1,234.56 (escreva como R$ 1.234,56)"),
    Err("E120-en-portuguese-format", EN.format("  cap R$ 1.234,56 per person"), "E120", 4, 7, "en",
        "badly written amount: R$ 1.234,56 (write it as R$ 1,234.56)"),
    Err("E121-pt", PT.format("  defasagem de 2,5 meses"), "E121", 4, 16, "pt", "número mal escrito: 2,5"),
    Err("E121-en", EN.format("  lag 2.5 months"), "E121", 4, 7, "en", "badly written number: 2.5"),
    Err("E122-pt", 'lei "T"\nversão original vigência 31/02/2012\nart. 1:\n  dividir igualmente\n', "E122", 2, 26,
        "pt", "data inválida: 31/02/2012", only=False),
    Err("E122-en", 'law "T"\nversion original effective 2012-02-30\nart. 1:\n  divide equally\n', "E122", 2, 28,
        "en", "invalid date: 2012-02-30", only=False),
    Err("E123-month-pt", PT.format("  pagamento anual em dezenbro"), "E123", 4, 22, "pt",
        "valor desconhecido para mês: 'dezenbro'", "você quis dizer 'dezembro'?"),
    Err("E123-month-en", EN.format("  payment annual in decembre"), "E123", 4, 21, "en",
        "unknown month: 'decembre'", "did you mean 'december'?"),
    Err("E123-scale-en", EN.format("  scale six_level"), "E123", 4, 9, "en",
        "unknown scale: 'six_level'", "did you mean 'five_level'?"),
    Err("E124-percent-pt", PT.format("  repartir recursos em equipes 160%"), "E124", 4, 32, "pt",
        "valor fora do permitido: 160%"),
    Err("E124-period-pt", PT.format("  pagamento a cada 5 meses"), "E124", 4, 20, "pt", "valor fora do permitido: 5",
        "valores possíveis: 1, 2, 3, 4, 6, 12 (períodos que dividem o ano)"),
    Err("E124-period-en", EN.format("  payment every 5 months"), "E124", 4, 17, "en", "value out of range: 5",
        "possible values: 1, 2, 3, 4, 6, 12 (periods that divide the year)"),
    Err("E125-pt", PT.format("  sobra de tudo to equipe"), "E125", 4, 17, "pt",
        "a palavra-chave 'to' é inglesa, mas esta lei está em português; use 'para'"),
    Err("E125-en", EN.format("  divide igualmente"), "E125", 4, 10, "en",
        "keyword 'igualmente' is Portuguese, but this law is in English; use 'equally'"),
    # "the" (col 27 = 2 spaces + "exigir lotado no mês da " + 1) has no Portuguese counterpart
    Err("E126-pt", PT.format("  exigir lotado no mês da the avaliação"), "E126", 4, 27, "pt",
        "a palavra inglesa 'the' não existe nas leis em português; apague-a"),
    # "dezembro" starts at col 23 (2 + len("pagamento mensal em ") + 1); only annual payments name a month
    Err("E127-pt", PT.format("  pagamento mensal em dezembro"), "E127", 4, 23, "pt",
        "só o pagamento anual pode indicar o mês; mensal paga em vários meses"),
    Err("E127-en", EN.format("  payment quarterly in june"), "E127", 4, 24, "en",
        "only an annual payment can name its month; quarterly pays in several months"),
    # ---- E130-E134: amendments -----------------------------------------------------------------
    Err("E130-replace-pt", PT_BASE + "emenda e1 vigência 01/01/2013\naltera art. 4:\n  dividir igualmente\n",
        "E130", 12, 1, "pt", "o art. 4 não existe na versão 'original' que esta emenda altera"),
    Err("E130-replace-en", EN_BASE + "amendment e1 effective 2013-01-01\nreplace art. 4:\n  divide equally\n",
        "E130", 12, 1, "en", "art. 4 does not exist in version 'original', which this amendment amends"),
    Err("E130-replace-suggests-pt", PT_BASE + "emenda e1 vigência 01/01/2013\naltera art. 3-B:\n  dividir igualmente\n",
        "E130", 12, 1, "pt", "o art. 3-B não existe na versão 'original' que esta emenda altera",
        "você quis dizer 'art. 3-A'?"),
    Err("E130-repeal-suggests-pt", PT_BASE + "emenda e1 vigência 01/01/2013\nrevoga art. 22\n", "E130", 12, 8, "pt",
        "o art. 22 não existe na versão 'original' que esta emenda altera", "você quis dizer 'art. 2'?"),
    Err("E130-repeal-second-of-list-en", EN_BASE + "amendment e1 effective 2013-01-01\nrepeal art. 1, art. 9\n",
        "E130", 12, 16, "en", "art. 9 does not exist in version 'original', which this amendment amends"),
    Err("E130-insert-after-missing-pt",
        PT_BASE + "emenda e1 vigência 01/01/2013\nacrescenta art. 5 após art. 9:\n  dividir igualmente\n",
        "E130", 12, 1, "pt", "o art. 9 não existe na versão 'original' que esta emenda altera"),
    Err("E130-already-repealed-pt",
        PT_BASE + "emenda e1 vigência 01/01/2013\nrevoga art. 1\nemenda e2 vigência 01/01/2014\nrevoga art. 1\n",
        "E130", 14, 8, "pt", "o art. 1 não existe na versão 'e1' que esta emenda altera"),
    Err("E131-pt", PT_BASE + "emenda e1 vigência 01/01/2013\nacrescenta art. 2:\n  dividir igualmente\n",
        "E131", 12, 1, "pt", "o art. 2 já existe na versão 'original'; use 'altera' para mudar seu texto"),
    Err("E131-en", EN_BASE + "amendment e1 effective 2013-01-01\ninsert art. 3-A after art. 3:\n  divide equally\n",
        "E131", 12, 1, "en", "art. 3-A already exists in version 'original'; use 'replace' to change its text"),
    Err("E132-pt", PT_BASE + "emenda e1 vigência 01/03/2012\naltera art. 2:\n  pagamento trimestral\n",
        "E132", 11, 1, "pt", "duas versões entram em vigor na mesma data 01/03/2012 (a outra é 'original', linha 2)"),
    Err("E132-en", EN_BASE + "amendment e1 effective 2012-03-01\nreplace art. 2:\n  payment quarterly\n",
        "E132", 11, 1, "en", "two versions take effect on the same date 2012-03-01 (the other is 'original', line 2)"),
    Err("E132-two-amendments-pt",
        PT_BASE + "emenda e1 vigência 01/01/2013\nrevoga art. 1\nemenda e2 vigência 1/1/2013\nrevoga art. 2\n",
        "E132", 13, 1, "pt", "duas versões entram em vigor na mesma data 01/01/2013 (a outra é 'e1', linha 11)"),
    Err("E133-pt", PT_BASE + "emenda e1 vigência 01/01/2012\naltera art. 2:\n  pagamento trimestral\n",
        "E133", 11, 1, "pt",
        "a emenda 'e1' entra em vigor em 01/01/2012, antes da versão que ela altera ('original', 01/03/2012)"),
    Err("E133-en", EN_BASE + "amendment e1 effective 2012-02-29\nreplace art. 2:\n  payment quarterly\n",
        "E133", 11, 1, "en",
        "amendment 'e1' takes effect on 2012-02-29, before the version it amends ('original', 2012-03-01)"),
    Err("E133-before-previous-amendment-pt",
        PT_BASE + "emenda e1 vigência 01/01/2014\nrevoga art. 1\nemenda e2 vigência 01/06/2013\nrevoga art. 2\n",
        "E133", 13, 1, "pt",
        "a emenda 'e2' entra em vigor em 01/06/2013, antes da versão que ela altera ('e1', 01/01/2014)"),
    Err("E134-pt", PT_BASE + "emenda e1 vigência ciclo 4\naltera art. 2:\n  pagamento trimestral\n", "E134", 11, 26, "pt",
        "ciclo desconhecido: 4 (o PMAQ teve os ciclos 1, 2 e 3)", only=False),
    Err("E134-en", 'law "T"\nversion original effective cycle 0\nart. 1:\n  divide equally\n', "E134", 2, 34, "en",
        "unknown cycle: 0 (PMAQ had cycles 1, 2 and 3)", only=False),
    # ---- E140-E146: references ------------------------------------------------------------------
    Err("E140-pt", PT_SCALE.format("  dividir por peso: médico 3, enfermero 2"), "E140", 5, 31, "pt",
        "cargo ou grupo não definido: 'enfermero'", "você quis dizer 'enfermeiro'?"),
    Err("E140-en", EN_SCALE.format("  divide by weight: physician 3, nurze 2"), "E140", 5, 34, "en",
        "undefined cadre or group: 'nurze'", "did you mean 'nurse'?"),
    Err("E140-in-list-pt", PT_SCALE.format("  elegíveis: médico, enfermero"), "E140", 5, 22, "pt",
        "cargo ou grupo não definido: 'enfermero'", "você quis dizer 'enfermeiro'?"),
    Err("E141-pt", PT_SCALE.format("  distribuir equipes por parcela de categoria: muito_acima 50%, acimaa 50%"),
        "E141", 5, 65, "pt", "categoria não definida na escala em vigor: 'acimaa'", "você quis dizer 'acima_da_média'?"),
    Err("E141-en",
        EN_SCALE.format("  allocate teams by category share: well_above_average 50%, abov_average 50%"),
        "E141", 5, 61, "en", "category not defined in the scale in force: 'abov_average'",
        "did you mean 'above_average'?"),
    Err("E141-other-scale-pt", PT_SCALE.format("  categoria mínima ótimo"), "E141", 5, 20, "pt",
        "categoria não definida na escala em vigor: 'ótimo'"),
    Err("E142-pt", PT_SCALE.format("  repartir recursos em equipes 60%, gestão 40%\n  pagar parcela gestao2 para acs"),
        "E142", 6, 17, "pt", "parcela não definida: 'gestao2'", "você quis dizer 'gestão'?"),
    Err("E142-en", EN_SCALE.format("  split funds into teams 60%, gestão 40%\n  pay share mgmt to chw"),
        "E142", 6, 13, "en", "undefined share: 'mgmt'"),
    Err("E143-pt", PT_SCALE.format("  grupo g: médico\n  grupo g: enfermeiro"), "E143", 6, 3, "pt",
        "o grupo 'g' já foi definido na linha 5"),
    Err("E143-en", EN_SCALE.format("  group g: physician\n  group g: nurse"), "E143", 6, 3, "en",
        "group 'g' is already defined on line 5"),
    Err("E144-pt", PT_SCALE.format("  repartir recursos em equipes 60%, gestão 40%\n"
                                   "  repartir gestão em a1 50%, a2 50%\n  repartir gestão em b1 50%, b2 50%"),
        "E144", 7, 12, "pt", "a parcela 'gestão' já foi repartida na linha 6"),
    Err("E144-funds-pt", PT_SCALE.format("  repartir recursos em equipes 60%, gestão 40%\n"
                                         "  repartir recursos em equipes 50%, gestão 50%"),
        "E144", 6, 12, "pt", "a parcela 'recursos' já foi repartida na linha 5"),
    Err("E144-en", EN_SCALE.format("  split funds into teams 60%, gestão 40%\n  split funds into teams 50%, gestão 50%"),
        "E144", 6, 9, "en", "share 'funds' is already split on line 5"),
    Err("E145-pt", PT_SCALE.format("  cargo médico"), "E145", 5, 9, "pt",
        "'médico' já é o nome de um cargo conhecido; escolha outro nome"),
    Err("E145-en", EN_SCALE.format("  cadre nurse"), "E145", 5, 9, "en",
        "'nurse' is already the name of a known cadre; choose another name"),
    Err("E145-group-pt", PT_SCALE.format("  grupo enfermeira: enfermeiro, técnico_de_enfermagem"), "E145", 5, 9, "pt",
        "'enfermeira' já é o nome de um cargo conhecido; escolha outro nome"),
    Err("E145-group-en", EN_SCALE.format("  group doctor: physician, nurse"), "E145", 5, 9, "en",
        "'doctor' is already the name of a known cadre; choose another name"),
    Err("E147-pt", PT_SCALE.format("  repartir recursos em equipes 60%, gestão 40%\n  sobra de teto para gestao2"),
        "E147", 6, 22, "pt", "destino 'gestao2' não é uma parcela da lei", "você quis dizer 'gestão'?"),
    Err("E147-en", EN_SCALE.format("  split funds into teams 60%, management 40%\n  remainder of cap to managment"),
        "E147", 6, 23, "en", "destination 'managment' is not a share of the law", "did you mean 'management'?"),
    Err("E146-pt", PT.format("  categoria mínima mediano"), "E146", 4, 3, "pt",
        "nenhuma escala de categorias está em vigor; declare 'escala ...' antes de citar categorias"),
    Err("E146-en", EN.format("  floor for insufficient: 20% of transfer"), "E146", 4, 3, "en",
        "no category scale is in force; declare 'scale ...' before naming categories"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_error(case: Err) -> None:
    diags = diagnostics_of(case.text)
    d = find(diags, case.code)
    assert (d.line, d.col) == (case.line, case.col)
    assert d.language == case.language
    assert d.message == case.message
    assert d.help == case.help
    assert d.file == "bad.p4p"
    if case.only:
        assert [(x.code, x.line) for x in diags] == [(case.code, case.line)]


REACHABLE = {"E100", "E101", "E102", "E103", "E110", "E111", "E112", "E113", "E114", "E115", "E116", "E117",
             "E118", "E120", "E121", "E122", "E123", "E124", "E125", "E126", "E127", "E130", "E131", "E132", "E133", "E134",
             "E140", "E141", "E142", "E143", "E144", "E145", "E146", "E147", "E150", "E151", "E152",
             "E153", "E154", "E155"}
# E160 and E161 come from `show --at` / `--version`, not from a law's text: tested through the
# command line in tests/test_consolidate.py and tests/test_cli.py.
UNREACHABLE = {"E160", "E161"}


def test_every_reachable_code_has_a_case() -> None:
    assert set(MESSAGES) == REACHABLE | UNREACHABLE
    covered = {c.code for c in CASES} | {"E150", "E151", "E152"}   # the last three: tests below
    covered |= {"E153", "E154", "E155"}   # limits: tests/fuzz/test_limits.py
    assert covered == REACHABLE


# E126 exists only in Portuguese files: every Portuguese keyword has an English counterpart, not vice versa
@pytest.mark.parametrize("code", sorted(REACHABLE - {"E150", "E151", "E152", "E153", "E154", "E155", "E126"}))
def test_codes_with_a_portuguese_and_an_english_case(code: str) -> None:
    assert {c.language for c in CASES if c.code == code} == {"pt", "en"}


# ---- size limits and unreadable files --------------------------------------------------------------
def test_e152_line_too_long() -> None:
    text = 'lei "T"\nversão original vigência 01/03/2012\n# ' + "x" * (MAX_LINE_CHARS - 1) + "\n"
    d = find(diagnostics_of(text), "E152")
    assert (d.line, d.col) == (3, 1)
    assert d.message == f"linha longa demais: {MAX_LINE_CHARS + 1} caracteres (o máximo é {MAX_LINE_CHARS})"


def test_e152_line_too_long_in_an_english_law_is_reported_in_english() -> None:
    text = 'law "T"\nversion original effective 2012-03-01\n# ' + "x" * (MAX_LINE_CHARS - 1) + "\n"
    d = find(diagnostics_of(text), "E152")
    assert (d.line, d.col) == (3, 1)
    assert d.message == f"line too long: {MAX_LINE_CHARS + 1} characters (the limit is {MAX_LINE_CHARS})"


def test_a_line_at_the_limit_is_accepted() -> None:
    text = 'lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  dividir igualmente\n# ' + \
           "x" * (MAX_LINE_CHARS - 2) + "\n"
    compile_text(text)


def test_e150_file_too_large() -> None:
    lines = MAX_FILE_BYTES // 1000 + 1
    text = 'lei "T"\n' + ("# " + "x" * 997 + "\n") * lines     # 8 bytes, then lines of 1000 bytes
    size = 8 + 1000 * lines
    d = find(diagnostics_of(text), "E150")
    assert (d.line, d.col) == (1, 1)
    assert d.message == f"arquivo grande demais: {size} bytes (o máximo é {MAX_FILE_BYTES})"


def test_e150_reports_bytes_not_characters() -> None:
    # 'ã' is two bytes in UTF-8: the file has about a million characters but more than two million bytes
    body = "# " + "ã" * 998 + "\n"              # 2 + 1996 + 1 = 1999 bytes, 1001 characters
    lines = MAX_FILE_BYTES // 1999 + 1
    text = 'lei "T"\n' + body * lines
    size_in_bytes = 8 + 1999 * lines
    assert size_in_bytes > MAX_FILE_BYTES
    d = find(diagnostics_of(text), "E150")
    assert d.message == f"arquivo grande demais: {size_in_bytes} bytes (o máximo é {MAX_FILE_BYTES})"


def test_e151_file_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "nao_existe.p4p"
    with pytest.raises(LawError) as info:
        compile_file(missing)
    [d] = info.value.diagnostics
    assert (d.code, d.file, d.line, d.col) == ("E151", str(missing), 1, 1)
    assert d.message.startswith("não foi possível ler o arquivo: ")


# ---- several errors in one run ------------------------------------------------------------------------
MANY_ERRORS = """lei "T"
versão original vigência 01/03/2012
art. 1:
  distribuir equipes por nota 5
  dividir igualmente
  pagamento semanal
  sobra de tudo to equipe
art. 2 "sem fim:
  defasagem de 1,5 meses
  reservar 120% para dentista
emenda e1 vigência ciclo 2
  dividir igualmente
"""


def test_every_error_of_a_file_is_reported_in_one_run() -> None:
    diags = diagnostics_of(MANY_ERRORS)
    assert [(d.code, d.line, d.col) for d in diags] == [
        ("E100", 4, 31),    # a '5' after a complete statement
        ("E123", 6, 13),    # 'semanal' is no frequency
        ("E125", 7, 17),    # English 'to' in a Portuguese law
        ("E102", 8, 8),     # unclosed quote
        ("E121", 9, 16),    # 1,5 months
        ("E124", 10, 12),   # 120%
        ("E117", 12, 3),    # provision directly under an amendment
    ]
    assert all(d.language == "pt" for d in diags)
    rendered = LawError(diags, {"bad.p4p": MANY_ERRORS.splitlines()}).render()
    assert rendered.count("bad.p4p:") == 7


def test_reference_errors_of_every_version_are_reported() -> None:
    text = ('lei "T"\nversão original vigência 01/03/2012\nart. 1:\n  escala quatro_níveis\n'
            '  elegíveis: enfermero\n  categoria mínima ótimo\n'
            'emenda e1 vigência 01/01/2013\naltera art. 1:\n  escala quatro_níveis\n  pagar parcela x para acs\n')
    diags = diagnostics_of(text)
    assert [(d.code, d.line) for d in diags] == [("E140", 5), ("E141", 6), ("E142", 10)]


# ---- no parser jargon in messages ----------------------------------------------------------------------
# names of grammar terminals and lark internals; none of them is a word a council clerk knows
RAW = re.compile(r"\$END|__ANON|KW_|\bNAME\b|\bNUMBER\b|\bSTRING\b|\bMONEY\b|\bDATE\b|PERCENT_SIGN|\b_NL\b|\b_nl\b")

BROKEN_PT = [
    "  distribuir equipes por nota 5", "  repartir recursos", "  repartir recursos em", "  repartir recursos em equipes",
    "  repartir recursos em equipes 60", "  piso para bom:", "  piso para bom: R$ 10", "  pagar", "art.",
    'art. 1 "x" "y"', "  §", "  exigir", "  exigir lotado no", "  sobra de", "  sobra de teto para", "  : : :",
    "  60%", "  R$ 10", '  "texto"', "  escala", "  escala própria:", "  elegíveis médico",
    "  dividir por peso: médico", "  cargo x cbo", "  grupo g médico", "  defasagem 2", "  carência de 30 dias",
    "  perde após faltas", "  proporcional aos", "  teto por pessoa", "  pagamento", "  pagamento a cada meses",
    "lei", "versão", "emenda x", "altera", "revoga art. 1,", "acrescenta art. 2 após", "  parágrafo",
    "  redirecionar 10% de bom", "  igualar entre equipes", "  agrupar acs", "  excluir afastamento:",
    "  nota mínima", "  categoria mínima", "  dividir igualmente igualmente", "  teto R$ 10 por pessoa pessoa",
    "art. 1: dividir igualmente", "  pagamento mensal em", "  nota mínima 5 6", "revoga", "  distribuir equipes por",
]
BROKEN_EN = [
    "  allocate teams by score 5", "  split funds", "  split funds into teams", "  floor for good: R$ 10",
    "  require posted in", "  remainder of cap to", "  60%", 'art. 1 "x" "y"', "repeal art. 1,",
    "  payment every months", "  scale custom:", "  divide by weight: physician", "  the", "  eligible physician",
    "  lose after absences", 'law "x" municipality', 'law "x" state 12', 'law "x" ibge PB',
    "  equalize across teams of same", "  require posted in month of", "  divide equally equally",
    "  cap R$ 10 per person per", "  minimum score 5 6", "insert art. 2 after", "  pro-rata by",
]


def _messages(text: str) -> list[str]:
    try:
        parse_law(text, "bad.p4p")
    except LawError as e:
        return [f"{d.code}: {d.message}" + (f" / {d.help}" if d.help else "") for d in e.diagnostics]
    return []


@pytest.mark.parametrize("language,lines", [("pt", BROKEN_PT), ("en", BROKEN_EN)])
def test_no_parser_jargon_in_messages(language: str, lines: list[str]) -> None:
    template = PT if language == "pt" else EN
    offending = []
    for line in lines:
        messages = _messages(template.format(line))
        assert messages, f"{line!r} was accepted"
        offending += [(line, m) for m in messages if RAW.search(m)]
    assert offending == [], "messages with parser jargon:\n" + "\n".join(f"  {l!r}: {m}" for l, m in offending)


def test_found_token_at_end_of_line_is_in_words() -> None:
    d = find(diagnostics_of(PT.format("  distribuir equipes por nota 5")), "E100")
    assert d.message == "não consegui ler esta linha: esperava o fim da linha, encontrei '5'"
    d = find(diagnostics_of(EN.format("  allocate teams by score 5")), "E100")
    assert d.message == "could not read this line: expected the end of the line, found '5'"


# ---- the command line -------------------------------------------------------------------------------------
def _p4p(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _caret_col(rendered_lines: list[str], source_line: str) -> int:
    """The column the caret under `source_line` points to (1-based), in rendered output."""
    i = next(i for i, l in enumerate(rendered_lines) if l.endswith("| " + source_line))
    gutter = rendered_lines[i].index("| ") + 2
    return rendered_lines[i + 1].index("^") - gutter + 1


def test_cli_check_reports_position_source_line_and_caret(tmp_path: Path) -> None:
    path = tmp_path / "ruim.p4p"
    path.write_text(MANY_ERRORS, encoding="utf-8")
    result = _p4p("check", str(path), cwd=tmp_path)
    assert result.returncode == 2
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    lines = result.stderr.splitlines()
    assert f"{path}:4:31: E100" in result.stderr
    assert f"{path}:10:12: E124" in result.stderr
    assert _caret_col(lines, "  distribuir equipes por nota 5") == 31
    assert _caret_col(lines, "  sobra de tudo to equipe") == 17
    assert _caret_col(lines, "  reservar 120% para dentista") == 12
    assert "ajuda: você quis dizer 'anual'?" in result.stderr


def test_cli_check_of_a_reference_error_in_english(tmp_path: Path) -> None:
    path = tmp_path / "bad_en.p4p"
    path.write_text(EN_SCALE.format("  divide by weight: physician 3, nurze 2"), encoding="utf-8")
    result = _p4p("check", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path}:5:34: E140 error: undefined cadre or group: 'nurze'" in result.stderr
    assert _caret_col(result.stderr.splitlines(), "  divide by weight: physician 3, nurze 2") == 34
    assert "  help: did you mean 'nurse'?" in result.stderr


def test_cli_installed_script_reports_errors(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("p4p-rules")
    assert script.exists(), script
    path = tmp_path / "bad.p4p"
    path.write_text(PT.format("  pagamento anual em dezenbro"), encoding="utf-8")
    result = subprocess.run([str(script), "check", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"{path}:4:22: E123" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_check_of_good_and_missing_files(tmp_path: Path) -> None:
    good = tmp_path / "boa.p4p"
    good.write_text(PT.format("  dividir igualmente"), encoding="utf-8")
    result = _p4p("check", str(good), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert f"{good}: ok" in result.stdout
    result = _p4p("check", str(good), str(tmp_path / "missing.p4p"), cwd=tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / 'missing.p4p'}:1:1: E151" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("case_id", ["E111-pt", "E114-pt", "E115-en"])
def test_cli_structure_errors_are_diagnostics_not_crashes(tmp_path: Path, case_id: str) -> None:
    case = next(c for c in CASES if c.id == case_id)
    path = tmp_path / "bad.p4p"
    path.write_text(case.text, encoding="utf-8")
    result = _p4p("check", str(path), cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert result.returncode == 2
    assert f"{path}:{case.line}:{case.col}: {case.code}" in result.stderr
