"""Reading files: encodings, separators, and the two CSV tokenisers agreeing on regular files."""

from __future__ import annotations

import pandas as pd
import pytest

from p4p_rules.data.problems import Report
from p4p_rules.data.read import ROW, decode, sniff_separator, tokenise_exact, tokenise_fast
from tests.data_loading.helpers import INPUTS, M05

TEXT = "staff_id;name\n10001;João Conceição\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("cp1252"), TEXT.encode("latin-1"),
    TEXT.encode("utf-16"),
])
def test_decode(data: bytes) -> None:
    assert decode(data) == TEXT


def test_decode_never_fails() -> None:
    # 0x81 is undefined in cp1252 and invalid UTF-8: Latin-1 still gives text (and a problem later, if any)
    assert decode(b"staff_id;name\n1;Jo\x81o\n") == "staff_id;name\n1;Jo\x81o\n"
    assert decode("Lançamento – R$ 1.234,56 “ok”".encode("cp1252")) == "Lançamento – R$ 1.234,56 “ok”"


@pytest.mark.parametrize("text, sep", [
    ("a;b;c\n1,5;2;3\n", ";"), ("a,b,c\n\"1,5\",2,3\n", ","), ("a\tb\n1\t2\n", "\t"), ("a\n1\n", ";"),
    ("\r\na;b\n", ";"), ("a,b;c\n", ";"), ("a,b,c;d\n", ","),
])
def test_separator_comes_from_the_header_line(text: str, sep: str) -> None:
    assert sniff_separator(text) == sep


@pytest.mark.parametrize("name", INPUTS)
def test_both_tokenisers_agree_on_regular_files(name: str) -> None:
    text = (M05 / f"{name}.csv").read_text(encoding="utf-8")
    fast = tokenise_fast(text, ";")
    exact = tokenise_exact(text, ";", Report("x", "en"))
    assert fast is not None and exact is not None
    assert fast[0] == exact[0] and fast[1] == exact[1] == 1
    pd.testing.assert_frame_equal(fast[2].astype(object), exact[2].astype(object))
    assert fast[2][ROW].tolist() == list(range(2, len(text.splitlines()) + 1))


@pytest.mark.parametrize("text", [
    "a;b\n1;2;3\n",           # a row longer than the header
    'a;b\n"x\ny";2\n',        # a quoted line break
    "\n\na;b\n1;2\n",         # blank lines before the header
    "",
])
def test_irregular_files_go_to_the_exact_tokeniser(text: str) -> None:
    assert tokenise_fast(text, ";") is None


def test_exact_tokeniser_numbers_rows_by_their_first_line() -> None:
    header, header_row, body = tokenise_exact('\n\na;b\n"x\ny";2\n\n3;4\n', ";", Report("x", "en"))
    assert (header, header_row) == (["a", "b"], 3)
    assert body[ROW].tolist() == [4, 7]
    assert body[0].tolist() == ["x\ny", "3"]
