"""The grammar: LALR and strict, keyword table in sync, shipped inside the wheel."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lark import Lark

from p4p_rules.syntax.grammar import grammar_text, lex_with_comments, line_parser
from p4p_rules.syntax.keywords import KEYWORDS

ROOT = Path(__file__).resolve().parents[1]


def test_parser_is_lalr_and_strict():
    parser = line_parser()
    assert parser.options.parser == "lalr"
    assert parser.options.strict is True
    # strict really rejects a grammar with a shift/reduce conflict: the check is live, not decorative
    with pytest.raises(Exception):
        Lark('start: a | a "x"\na: "y" | "y" "x"', parser="lalr", strict=True)


def test_grammar_file_is_the_packaged_grammar():
    assert grammar_text() == (ROOT / "grammar" / "p4p.lark").read_text(encoding="utf-8")


def _lex_one(text):
    toks = [t for t in lex_with_comments(text) if t.type != "_NL"]
    return toks


@pytest.mark.parametrize("terminal", sorted(KEYWORDS))
def test_every_keyword_spelling_lexes_to_its_terminal(terminal):
    pt, en = KEYWORDS[terminal]
    for spelling in pt + en:
        for variant in {spelling, spelling.upper(), spelling.capitalize()}:
            toks = _lex_one(variant)
            assert [t.type for t in toks] == [terminal], (variant, toks)


def test_grammar_keywords_are_exactly_the_table():
    text = grammar_text()
    in_grammar = set(re.findall(r"^(KW_\w+)\.3:", text, flags=re.M))
    assert in_grammar == set(KEYWORDS)
    for terminal, (pt, en) in KEYWORDS.items():
        pattern = re.search(rf"^{terminal}\.3: /(.*)/i$", text, flags=re.M).group(1)
        pattern = pattern.replace(r"(?![\w\-])", "").replace("(?:", "").replace(")", "").replace("\\", "")
        assert set(pattern.split("|")) == set(pt) | set(en), terminal


def test_keywords_are_whole_words():
    # 'leite' is a name, not the keyword 'lei' followed by 'te'
    assert [t.type for t in _lex_one("leite")] == ["NAME"]
    assert [t.type for t in _lex_one("para-raios")] == ["NAME"]
    assert [t.type for t in _lex_one("artigos_de_limpeza")] == ["NAME"]
    assert [t.type for t in _lex_one("art.3")] == ["KW_ART", "NUMBER"]


def test_non_editable_wheel_contains_and_loads_the_grammar(tmp_path):
    """Build a real wheel, unpack it away from the source tree and parse a law with it."""
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(wheel_dir), str(ROOT)], capture_output=True, text=True)
    if build.returncode != 0:  # no hatchling in this environment: build with isolation (needs the index)
        build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir),
                                str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(wheel_dir.glob("p4p_rules-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert "p4p_rules/grammar/p4p.lark" in zf.namelist()
        zf.extractall(tmp_path / "site")
    script = ("import p4p_rules.syntax.grammar as g, pathlib;"
              "assert 'site' in g.__file__, g.__file__;"
              "from p4p_rules.load import parse_law;"
              "law = parse_law('lei \"X\"\\nversão original vigência 01/01/2012\\nart. 1:\\n  pagamento mensal\\n');"
              "print(law.versions[0].articles[0].provisions[0].months)")
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "1"


@pytest.mark.parametrize("path", sorted((ROOT / "laws").glob("*.p4p")) + sorted((ROOT / "tests" / "data").glob("*.p4p")),
                         ids=lambda p: p.stem)
def test_fast_lexer_gives_exactly_the_grammar_lexers_tokens(path):
    from p4p_rules.syntax.grammar import lex_with_grammar_lexer
    text = path.read_text(encoding="utf-8")
    fast = [(t.type, t.value, t.line, t.column, t.end_column) for t in lex_with_comments(text)]
    reference = [(t.type, t.value, t.line, t.column, t.end_column) for t in lex_with_grammar_lexer(text)]
    assert fast == reference


def test_a_stray_dot_is_an_unexpected_character_but_art_dot_is_a_keyword():
    from lark.exceptions import UnexpectedCharacters
    assert [t.type for t in _lex_one("Art. 3")] == ["KW_ART", "NUMBER"]
    with pytest.raises(UnexpectedCharacters):
        lex_with_comments("gestão.")
    with pytest.raises(UnexpectedCharacters):
        lex_with_comments("art .")
