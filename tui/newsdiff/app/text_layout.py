"""Wrapping an article once per width into lines that know their offsets.

The reader never re-wraps while scrolling: it wraps the whole article when
the width changes, keeps each line's ``[start, end)`` offsets into
``Article.text``, and answers "which passage is on line y" and "which line
shows passage p" with ``bisect``. This keeps a scroll step a look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

from newsdiff.engine.model import Passage
from newsdiff.engine.safe_text import SafeText, safe

_TOKEN = re.compile(r"\s*\S+\s*|\s+")


def printable(text: str) -> SafeText:
    """Text safe to paint, with the same length so offsets still hold.

    Tabs and carriage returns become one space, other control characters
    and bidi controls a visible symbol (the gate, ``engine.safe_text``): Rich
    passes C1 controls such as U+009B (a one-character escape sequence in
    some terminals) to the terminal as they are. The text is never parsed
    as markup (callers wrap it in ``rich.text.Text``).
    """
    return safe(text.replace("\t", " ").replace("\r", " "))


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Break ``text[start:end]`` into lines at most ``width`` cells wide.

    Lines break at newlines and between words; a word wider than the line
    is cut. A blank line separates paragraphs so prose stays readable.
    Every line is a ``(start, end)`` pair of offsets into ``text``. Widths
    are those of the text as painted (``printable``): a tab, a control or a
    bidi character takes no cell in the file but one on the screen. The two
    have the same length, so offsets into one are offsets into the other.
    """
    width = max(width, 1)
    shown = printable(text[start:end])
    lines: list[tuple[int, int]] = []
    paragraph_start = 0
    while paragraph_start <= len(shown):
        newline = shown.find("\n", paragraph_start)
        paragraph_end = len(shown) if newline == -1 else newline
        paragraph = _wrap_paragraph(shown, paragraph_start, paragraph_end, width)
        if paragraph:
            lines.extend(paragraph)
            lines.append((paragraph_end, paragraph_end))
        if newline == -1:
            break
        paragraph_start = newline + 1
    if lines:
        lines.pop()
    return [(start + a, start + b) for a, b in lines] or [(start, start)]


def _wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    if not text[start:end].strip():
        return []
    lines: list[tuple[int, int]] = []
    line_start = start
    line_width = 0
    # Painted text is printable (controls are symbols), so plain ASCII is one cell a character: counting
    # characters gives the same widths as Rich's cell_len, several times faster on a panel of thousands of rows.
    measure = len if text[start:end].isascii() else cell_len
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        word_width = measure(word.rstrip())
        if line_width and line_width + word_width > width:
            lines.append((line_start, token.start()))
            line_start, line_width = token.start(), 0
        if word_width > width:
            line_start, line_width = _cut_long_word(text, token.start(), token.end(), width, lines)
            continue
        line_width += measure(word)
    if line_start < end:
        lines.append((line_start, end))
    return lines


def _cut_long_word(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """Cut a word wider than the line into full lines; return the open tail."""
    piece_start, piece_width = start, 0
    for offset in range(start, end):
        char_width = cell_len(text[offset])
        if piece_width + char_width > width:
            lines.append((piece_start, offset))
            piece_start, piece_width = offset, 0
        piece_width += char_width
    return piece_start, piece_width


@dataclass
class TextLayout:
    """An article wrapped at one width, with the look-ups a scroll needs."""

    lines: list[tuple[int, int]]
    passages: Sequence[Passage]
    line_starts: list[int] = field(init=False)
    passage_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.line_starts = [start for start, _ in self.lines]
        self.passage_starts = [p.start for p in self.passages]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of_offset(self, offset: int) -> int:
        """The line that shows the character at ``offset``."""
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def first_line(self, index: int) -> int:
        return self.line_of_offset(self.passages[index].start)

    def last_line(self, index: int) -> int:
        passage = self.passages[index]
        return self.line_of_offset(max(passage.end - 1, passage.start))

    def passage_index_at(self, offset: int) -> int | None:
        """The passage containing ``offset``, else the next one, else the last."""
        if not self.passages:
            return None
        index = bisect_right(self.passage_starts, offset) - 1
        if index >= 0 and self.passages[index].end > offset:
            return index
        return min(index + 1, len(self.passages) - 1)

    def passage_index_at_line(self, y: int) -> int | None:
        """The passage shown on line ``y`` (the one the line starts in)."""
        if not self.lines:
            return None
        start, _ = self.lines[min(max(y, 0), len(self.lines) - 1)]
        return self.passage_index_at(start)

    def passages_on_line(self, y: int) -> range:
        """Indices of the passages that overlap line ``y``."""
        start, end = self.lines[y]
        first = bisect_right(self.passage_starts, start) - 1
        if first < 0 or self.passages[first].end <= start:
            first += 1
        last = bisect_left(self.passage_starts, max(end, start + 1))
        return range(first, max(first, last))
