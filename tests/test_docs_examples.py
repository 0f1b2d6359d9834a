"""Every ```p4p example in the documentation is accepted by the tool, exactly as printed.

A block that starts with a law header (`lei` / `law`, after comments) is a whole law and must
compile as it is.  Any other ```p4p block is a piece of an article: it must compile inside a
minimal Portuguese or English law (whichever fits).  Examples of errors are tagged ```text, not
```p4p, so they are not checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from p4p_rules.load import compile_text
from p4p_rules.model import vocabulary as vocab
from p4p_rules.syntax.diagnostics import MESSAGES, LawError

DOCS = Path(__file__).resolve().parents[1] / "docs"
DOC_FILES = ("language.md", "tutorial.md")

SKELETONS = {
    "pt": ('lei "Exemplo"\n'
           "versão original vigência 01/01/2012\n"
           "art. 1:\n"
           "  escala quatro_níveis\n"
           "  repartir recursos em equipes 60%, gestão 40%\n"),
    "en": ('law "Example"\n'
           "version original effective 2012-01-01\n"
           "art. 1:\n"
           "  scale four_level\n"
           "  split funds into teams 60%, gestão 40%\n"),
}

_FENCE = re.compile(r"^```(\S*)\s*$")
_HEADER = re.compile(r"^\s*(lei|law)(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    doc: str
    line: int  # line of the opening fence
    text: str

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def is_whole_law(self) -> bool:
        for line in self.text.splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            return bool(_HEADER.match(stripped))
        return False


def p4p_blocks(doc: str) -> list[Block]:
    """The ```p4p fenced blocks of one document, with the line of each opening fence."""
    blocks: list[Block] = []
    lines = (DOCS / doc).read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        tag, start = m.group(1), i
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        assert i < len(lines), f"{doc}:{start + 1}: code block is never closed"
        i += 1
        if tag == "p4p":
            blocks.append(Block(doc, start + 1, "\n".join(body) + "\n"))
    return blocks


BLOCKS = [b for doc in DOC_FILES for b in p4p_blocks(doc)]


def test_docs_have_examples():
    for doc in DOC_FILES:
        assert any(b.doc == doc for b in BLOCKS), f"no ```p4p example found in docs/{doc}"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.name for b in BLOCKS])
def test_doc_example_compiles(block: Block):
    if block.is_whole_law:
        try:
            compile_text(block.text, "docs")
        except LawError as e:
            pytest.fail(f"docs/{block.name}: this whole-law example is rejected:\n{e.render()}")
        return
    failures = []
    for lang, skeleton in SKELETONS.items():
        text = skeleton + "".join(f"  {line}\n" if line.strip() else "\n" for line in block.text.splitlines())
        try:
            compile_text(text, "docs")
            return
        except LawError as e:
            failures.append(f"inside the {lang} skeleton:\n{e.render()}")
    pytest.fail(f"docs/{block.name}: this example is rejected\n\n" + "\n\n".join(failures))


def test_reference_lists_every_error_code():
    text = (DOCS / "language.md").read_text(encoding="utf-8")
    missing = [code for code in sorted(MESSAGES) if f"| {code} |" not in text]
    assert not missing, f"docs/language.md has no row for: {', '.join(missing)}"


@pytest.mark.parametrize("name", ["CADRES", "CATEGORIES", "SCALES", "FREQUENCIES", "MONTHS", "LEAVE_KINDS",
                                  "REMAINDER_SOURCES"])
def test_reference_lists_the_vocabulary(name: str):
    """The tables of built-in words follow p4p_rules/model/vocabulary.py."""
    text = (DOCS / "language.md").read_text(encoding="utf-8")
    vocabulary: vocab.Vocabulary = getattr(vocab, name)
    missing = [s for t in vocabulary.terms.values() for s in (*t.pt, *t.en) if f"`{s}`" not in text]
    assert not missing, f"docs/language.md does not list these {name.lower()}: {', '.join(missing)}"
