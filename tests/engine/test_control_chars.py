"""Control characters made visible one for one, line structure kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.control_chars import visible_controls, visible_controls_in_line


def test_escape_bell_nul_del_and_c1_become_visible_symbols() -> None:
    assert visible_controls("a\x1b[31mb\x07\x00\x7f\x9b") == "a␛[31mb␇␀␡\ufffd"


def test_bidi_overrides_embeddings_isolates_and_marks_become_visible() -> None:
    shown = visible_controls("price \u202e001$\u202c, \u2067x\u2069 \u200fok\u200e \u061c")
    assert shown == "price \ufffd001$\ufffd, \ufffdx\ufffd \ufffdok\ufffd \ufffd"


def test_tabs_and_line_breaks_stay() -> None:
    assert visible_controls("a\tb\r\nc\n") == "a\tb\r\nc\n"


def test_on_one_line_tabs_and_line_breaks_show_too() -> None:
    assert visible_controls_in_line("a\tb\r\nc\x1b") == "a\u2409b\u240d\u240ac\u241b"


@given(st.text())
def test_length_and_every_other_character_are_kept(text: str) -> None:
    shown = visible_controls(text)
    assert len(shown) == len(text)
    assert all(s == t for s, t in zip(shown, text, strict=True) if t.isprintable() or t in "\t\r\n")
