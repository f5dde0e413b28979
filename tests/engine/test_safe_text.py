"""The gate: outside text comes out with every control and bidi control visible, one character for one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.control_chars import BIDI_CONTROLS, C1_CONTROLS
from newsdiff.engine.safe_text import SafeText, safe, safe_line

_UNSAFE = {*range(0x20), *C1_CONTROLS, *BIDI_CONTROLS}


def test_an_osc_52_clipboard_write_is_shown_not_run() -> None:
    assert safe("b\x1b]52;c;cm0gLXJmIH4K\x07.txt") == "b␛]52;c;cm0gLXJmIH4K␇.txt"


def test_line_breaks_and_tabs_stay_but_a_lone_carriage_return_is_shown() -> None:
    assert safe("one\r\ntwo\tthree\rfake") == "one\r\ntwo\tthree␍fake"


def test_on_one_line_every_line_break_is_shown() -> None:
    assert safe_line("a\nb\r\nc") == "a␊b␍␊c"


def test_gated_text_says_so_and_gating_again_changes_nothing() -> None:
    once = safe("x\x9b31m")
    assert isinstance(once, SafeText)
    assert safe(once) is once
    assert safe_line(once) == once


@given(st.text())
def test_nothing_unsafe_is_left_and_every_offset_holds(text: str) -> None:
    shown, in_line = safe(text), safe_line(text)
    assert len(shown) == len(in_line) == len(text)
    assert {ord(char) for char in shown} & _UNSAFE <= {ord(char) for char in "\t\n\r"}
    assert all(shown[n + 1 : n + 2] == "\n" for n, char in enumerate(shown) if char == "\r")
    assert not {ord(char) for char in in_line} & _UNSAFE
