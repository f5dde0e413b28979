"""Control characters made visible one for one, line structure kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.control_chars import visible_controls


def test_escape_bell_nul_del_and_c1_become_visible_symbols() -> None:
    assert visible_controls("a\x1b[31mb\x07\x00\x7f\x9b") == "a␛[31mb␇␀␡\ufffd"


def test_bidi_overrides_embeddings_and_isolates_become_visible_and_marks_stay() -> None:
    shown = visible_controls("price \u202e001$\u202c, \u2067x\u2069 \u200fok\u200e")
    assert shown == "price \ufffd001$\ufffd, \ufffdx\ufffd \u200fok\u200e"


def test_tabs_and_line_breaks_stay() -> None:
    assert visible_controls("a\tb\r\nc\n") == "a\tb\r\nc\n"


@given(st.text())
def test_length_and_every_other_character_are_kept(text: str) -> None:
    shown = visible_controls(text)
    assert len(shown) == len(text)
    assert all(s == t for s, t in zip(shown, text, strict=True) if t.isprintable() or t in "\t\r\n")
