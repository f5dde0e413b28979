"""Two or three articles side by side, aligned on shared claims, scrolled as one.

One Line-API widget paints every column, so the columns cannot drift apart:
each aligned row is wrapped per column once per width and takes the height
of its tallest cell.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsdiff.app.alignment import Row
from newsdiff.app.palette import REACH_GLYPHS, Palette
from newsdiff.app.text_layout import printable, wrap_offsets
from newsdiff.engine.model import Passage, PassageKind, Story
from newsdiff.shown_text import ShownText

SEPARATOR = " │ "
"""Before a cell that shares a claim with a cell on its left in the row (and in the header)."""
LOOSE_SEPARATOR = " ┆ "
"""Before a cell that only fills the row: it reports something no cell on its left does."""
GLYPH = 2
"""Cells for a passage's reach glyph and a space, at the start of each cell."""


class CompareView(ScrollView, can_focus=True):
    """Aligned rows of passages from several articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", id="compare_down", show=False),
        Binding("up,k", "scroll_up", "Up", id="compare_up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="compare_page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="compare_page_up", show=False),
        Binding("g,home", "scroll_home", "Top", id="compare_top", show=False),
        Binding("G,end", "scroll_end", "Bottom", id="compare_bottom", show=False),
    ]

    def __init__(self, story: Story, rows: list[Row], palette: Palette, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.rows = rows
        self.palette = palette
        self._cells: list[list[list[tuple[int, int]]]] = []
        self._row_starts: list[int] = []
        self._linked = [self._links(row) for row in rows]
        self._width = 0
        self._cache: LRUCache[int, Strip] = LRUCache(512)

    @property
    def column_width(self) -> int:
        columns = max(len(self.rows[0]) if self.rows else 1, 1)
        total = self.scrollable_content_region.width - len(SEPARATOR) * (columns - 1)
        return max(total // columns, GLYPH + 4)

    def on_resize(self, event: Resize) -> None:
        self._relayout()

    def on_mount(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = self.column_width
        if width == self._width and self._cells:
            return
        self._width = width
        self._cells, self._row_starts = [], []
        line = 0
        for row in self.rows:
            cells = [self._wrap(p, width - GLYPH) if p is not None else [] for p in row]
            self._cells.append(cells)
            self._row_starts.append(line)
            line += max((len(c) for c in cells), default=0) + 1
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, line)
        self.refresh()

    # The reader jumps at once; the compare view, read beside it, does too.
    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def _links(self, row: Row) -> tuple[bool, ...]:
        """For each column after the first: does its cell share a claim with any cell on its left.

        With three columns the third is aligned on the first, so a filler
        in the middle must not make its match to the first look loose.
        """
        claims = [{c.id for c in self.story.claims_of(p.id)} if p is not None else set() for p in row]
        return tuple(bool(claims[column] & set().union(*claims[:column])) for column in range(1, len(claims)))

    def _wrap(self, passage: Passage, width: int) -> list[tuple[int, int]]:
        text = self.story.article(passage.article_id).text
        return wrap_offsets(text, passage.start, passage.end, width)

    def line_of_row(self, row_index: int) -> int:
        return self._row_starts[row_index] if row_index < len(self._row_starts) else 0

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._row_starts or index >= self.virtual_size.height:
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._paint(index, base)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def _paint(self, y: int, base: Style) -> Strip:
        row_index = bisect_right(self._row_starts, y) - 1
        line_in_row = y - self._row_starts[row_index]
        row, cells, linked = self.rows[row_index], self._cells[row_index], self._linked[row_index]
        line = ShownText(style=base, no_wrap=True, end="")
        for column, (passage, wrapped) in enumerate(zip(row, cells, strict=True)):
            if column:
                line.append(SEPARATOR if linked[column - 1] else LOOSE_SEPARATOR, style=Style(dim=True))
            cell = self._cell(passage, wrapped, line_in_row)
            cell.truncate(self._width, pad=True)
            line.append_text(cell)
        return Strip(line.render(self.app.console), line.cell_len)

    def _cell(self, passage: Passage | None, wrapped: list[tuple[int, int]], line_in_row: int) -> Text:
        if passage is None or line_in_row >= len(wrapped):
            return ShownText("")
        story, palette = self.story, self.palette
        reach = story.reach_of(passage.id)
        start, end = wrapped[line_in_row]
        glyph = REACH_GLYPHS[reach] + " " if line_in_row == 0 else "  "
        cell = ShownText(glyph, style=palette.reach(reach), end="")
        body = ShownText(
            printable(story.article(passage.article_id).text[start:end]), style=palette.reach(reach), end=""
        )
        if passage.kind is PassageKind.HEADLINE:
            body.stylize(palette.headline)
        for span in story.differs_in(passage.id):
            s, e = max(span.start, start) - start, min(span.end, end) - start
            if e > s:
                body.stylize(palette.differs, s, e)
        cell.append_text(body)
        return cell
