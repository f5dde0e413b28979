"""Wrapping with offsets, and the look-ups the reader does while scrolling."""

from __future__ import annotations

from itertools import pairwise

from rich.cells import cell_len

from newsdiff.app.text_layout import TextLayout, printable, wrap_offsets
from newsdiff.engine.model import Passage

TEXT = "First sentence is here. Second one follows it.\nA new paragraph starts with a verylongwordthatcannotfit."


def test_lines_cover_the_text_in_order_and_fit_the_width() -> None:
    lines = wrap_offsets(TEXT, 0, len(TEXT), 12)
    assert lines[0][0] == 0
    assert all(a[1] <= b[0] for a, b in pairwise(lines))
    for start, end in lines:
        assert cell_len(TEXT[start:end].rstrip()) <= 12
    words = "".join(TEXT[s:e] for s, e in lines).split()
    assert "".join(words) == "".join(TEXT.split())


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    lines = wrap_offsets(TEXT, 0, len(TEXT), 80)
    assert len(lines) == 3
    assert lines[1][0] == lines[1][1] == TEXT.index("\n")


def test_printable_keeps_offsets() -> None:
    raw = "a\tb\x1bc\r\n"
    assert len(printable(raw)) == len(raw)
    assert "\x1b" not in printable(raw) and "\t" not in printable(raw)


def test_printable_shows_c1_and_bidi_controls_which_rich_would_pass_to_the_terminal() -> None:
    assert printable("a\x9b31mb \u202eevil\u202c") == "a\ufffd31mb \ufffdevil\ufffd"


def test_layout_maps_lines_and_passages_both_ways() -> None:
    first = Passage("x:0", "x", 0, 0, 23, TEXT[0:23])
    second = Passage("x:1", "x", 1, 24, 46, TEXT[24:46])
    layout = TextLayout(wrap_offsets(TEXT, 0, len(TEXT), 12), (first, second))
    assert layout.first_line(0) == 0
    shared_line = layout.first_line(1)
    start, end = layout.lines[shared_line]
    assert start <= second.start < end
    assert list(layout.passages_on_line(shared_line)) == [0, 1]
    assert layout.passage_index_at_line(shared_line) == 0
    assert layout.passage_index_at_line(shared_line + 1) == 1
    assert layout.last_line(1) >= shared_line == layout.last_line(0)
    assert list(layout.passages_on_line(0)) == [0]


def test_lines_fit_the_width_as_painted_with_tabs_controls_and_bidi_characters() -> None:
    # Each of these takes no cell in the file and one on the screen.
    text = "word\u202e\u202c " * 6 + "tab\there\tand\tthere " * 2 + "c1\x85\x9b\x9c end"
    for width in (12, 20):
        lines = wrap_offsets(text, 0, len(text), width)
        assert all(cell_len(printable(text[start:end]).rstrip()) <= width for start, end in lines)
        assert "".join(text[start:end] for start, end in lines) == text
