"""Wrapping with offsets, and the look-ups the reader does while scrolling."""

from __future__ import annotations

from rich.cells import cell_len

from newsdiff.app.alignment import align
from newsdiff.app.text_layout import TextLayout, printable, wrap_offsets
from newsdiff.engine.model import Passage

TEXT = "First sentence is here. Second one follows it.\nA new paragraph starts with a verylongwordthatcannotfit."


def test_lines_cover_the_text_in_order_and_fit_the_width() -> None:
    lines = wrap_offsets(TEXT, 0, len(TEXT), 12)
    assert lines[0][0] == 0
    assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:]))
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


def test_alignment_puts_shared_claims_on_one_row(seeds_story) -> None:
    ids = [a.id for a in seeds_story.articles]
    rows = align(seeds_story, ids)
    for column, article_id in enumerate(ids):
        placed = [row[column] for row in rows if row[column] is not None]
        assert placed == list(seeds_story.passages_of(article_id))
    for row in rows:
        present = [p for p in row if p is not None]
        if len(present) > 1:
            anchor = {c.id for c in seeds_story.claims_of(present[0].id)}
            assert all(anchor & {c.id for c in seeds_story.claims_of(p.id)} for p in present[1:])
