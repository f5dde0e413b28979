"""The reader: one article, each passage painted by how far it reaches.

Built on the Line API like Textual's ``Log``: the article is wrapped once per
width (``TextLayout``), each painted line is cached as a ``Strip``, and only
the lines whose look changes are refreshed. Scrolling never recomputes the
analysis; it only looks up which passage sits at the top of the viewport.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click, Resize
from textual.geometry import Size
from textual.strip import Strip

from newsdiff.app.filters import ReachFilter
from newsdiff.app.messages import AnalysisPending, PassageChanged, PassageClaimWanted
from newsdiff.app.palette import (
    CURSOR_GLYPH,
    NOTE_GLYPH,
    REACH_GLYPHS,
    Palette,
    palette_for,
)
from newsdiff.app.text_layout import TextLayout, printable, wrap_offsets
from newsdiff.app.widgets.painted_lines import PaintedLines
from newsdiff.engine.model import Article, Passage, PassageKind, Reach, Story
from newsdiff.shown_text import ShownText

GUTTER = 4
"""Cells before the text: cursor bar, reach glyph, note mark, a space."""


_BREAKS = re.compile(r"[\s\-\u2010-\u2015]+")
"""Spaces and dashes: "Kim Jong Un" is "Kim Jong-un" in another outlet's style."""
_APOSTROPHES = re.compile(r"['\u2018\u2019]")


def search_pattern(query: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for ``query`` that outlets' spelling styles do not defeat.

    A space or dash in the query matches any run of spaces and dashes, and
    a straight or curly apostrophe matches either; ``None`` for a query
    with nothing to find.
    """
    words = [word for word in _BREAKS.split(query) if word]
    if not words:
        return None
    pieces = (_APOSTROPHES.pattern.join(map(re.escape, _APOSTROPHES.split(word))) for word in words)
    return re.compile(_BREAKS.pattern.join(pieces), re.IGNORECASE)


def find_matches(article: Article, query: str) -> list[tuple[int, int]]:
    """Spans of ``query`` (see ``search_pattern``) in the article's text past its front matter."""
    pattern = search_pattern(query)
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(article.text, article.body_start)]


class Reader(PaintedLines, can_focus=True):
    """Shows one article with reach colours, word differences, notes and matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next passage", id="next_passage", show=False),
        Binding("up,k", "move(-1)", "Previous passage", id="previous_passage", show=False),
        Binding("space,pagedown", "page(1)", "Page down", id="page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="page_up", show=False),
        Binding("ctrl+d", "half_page(1)", "Half page down", id="half_page_down", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", id="half_page_up", show=False),
        Binding("g,home", "edge(0)", "Top", id="top", show=False),
        Binding("G,end", "edge(1)", "Bottom", id="bottom", show=False),
        Binding("enter", "open_claim", "Open claim", id="open_passage_claim"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cache_size=1024, id=id)
        self.story: Story | None = None
        self.analysed = False
        """Whether ``story`` is the finished analysis; before it, the text is shown unpainted (no claims yet)."""
        self.article: Article | None = None
        self.palette: Palette = palette_for(dark=True)
        self.reach_filter = ReachFilter.EVERYTHING
        self.noted: Collection[str] = frozenset()
        self._layout: TextLayout | None = None
        self._layout_width = 0
        self._cursor: int | None = None
        self._query = ""
        self._matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._current_match: int | None = None

    # -- what is shown -------------------------------------------------

    def show(self, story: Story, article_id: str, *, analysed: bool = True) -> None:
        """Read another article from the top; with ``analysed`` false, ``story`` is only split and shown unpainted."""
        self.story = story
        self.analysed = analysed
        self.article = story.article(article_id)
        self._cursor = None
        self._mark_matches()
        self._relayout(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)
        content = self._first_content_index()
        self._set_cursor(content, scroll=False)
        self._leave_hidden()

    def paint(self, story: Story) -> bool:
        """Paint the finished analysis over the unpainted article being read, where the reader is.

        The layout, the scroll and the cursor stay: the story's passages are
        the ones shown, at the same offsets. ``False`` (nothing changed) when
        the story does not hold the article being read as it is shown.
        """
        article = self.article
        if article is None or self._layout is None or not self._same_passages(story, article):
            return False
        self.story, self.analysed = story, True
        self.article = story.article(article.id)
        self._layout = TextLayout(self._layout.lines, story.passages_of(article.id))
        self._leave_hidden()
        self.restyle()
        self.screen.post_message(PassageChanged(self.passage))
        return True

    def _same_passages(self, story: Story, article: Article) -> bool:
        assert self._layout is not None
        if not any(a.id == article.id and a.text == article.text for a in story.articles):
            return False
        spans = [(p.id, p.start, p.end) for p in story.passages_of(article.id)]
        return spans == [(p.id, p.start, p.end) for p in self._layout.passages]

    def restyle(
        self,
        *,
        palette: Palette | None = None,
        reach_filter: ReachFilter | None = None,
        noted: Collection[str] | None = None,
    ) -> None:
        """Change how passages are painted; the layout stays."""
        if palette is not None:
            self.palette = palette
        if reach_filter is not None:
            self.reach_filter = reach_filter
            self._leave_hidden()
        if noted is not None:
            self.noted = noted
        self._painted.clear()
        self.refresh()

    def _leave_hidden(self) -> None:
        """Move the cursor off a passage the filter has just hidden: to the next it keeps, else the one before.

        Otherwise the strip and a new note would still be about a passage
        the reader can no longer pick out. Where the filter keeps nothing in
        this article the cursor stays.
        """
        if self._layout is None or self.story is None or self._cursor is None or self._kept(self._cursor):
            return
        count = len(self._layout.passages)
        after = (i for i in range(self._cursor + 1, count) if self._kept(i))
        before = (i for i in range(self._cursor - 1, -1, -1) if self._kept(i))
        index = next(after, None)
        if index is None:
            index = next(before, None)
        if index is not None:
            self._set_cursor(index)

    @property
    def passage(self) -> Passage | None:
        """The current passage: the cursor, or the top of the viewport after a scroll."""
        if self._layout is None or self._cursor is None:
            return None
        return self._layout.passages[self._cursor]

    @property
    def match_count(self) -> int:
        return len(self._matches)

    # -- layout --------------------------------------------------------

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 10)

    def _relayout(self, *, force: bool = False) -> None:
        if self.article is None or self.story is None:
            return
        width = self._text_width()
        if not force and width == self._layout_width:
            return
        article = self.article
        lines = wrap_offsets(article.text, article.body_start, len(article.text), width)
        self._layout = TextLayout(lines, self.story.passages_of(article.id))
        self._layout_width = width
        self._painted.clear()
        self.virtual_size = Size(width + GUTTER, len(lines))
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        """Re-wrap only when the width changed; keep the current passage in view."""
        if self._text_width() == self._layout_width:
            return
        cursor = self._cursor
        self._relayout()
        if cursor is not None:
            self._scroll_into_view(cursor, top=True)

    def _first_content_index(self) -> int | None:
        if self._layout is None or not self._layout.passages:
            return None
        passages = self._layout.passages
        return next((i for i, p in enumerate(passages) if p.is_content), 0)

    # -- cursor and scrolling -----------------------------------------

    def _set_cursor(self, index: int | None, *, scroll: bool = True) -> None:
        if self._layout is None:
            return
        previous = self._cursor
        # The cursor moves before the view scrolls, so following the viewport
        # finds it on screen instead of stopping at a passage in between.
        self._cursor = index
        if scroll and index is not None:
            self._scroll_into_view(index)
        if index == previous:
            return
        for changed in (previous, index):
            if changed is not None:
                self._refresh_passage(changed)
        # Straight to the screen, not bubbled up through the containers: each
        # hop is a turn of the event loop, time enough for the screen to paint
        # the moved cursor in one frame and the strip and claims in a second.
        self.screen.post_message(PassageChanged(self.passage))

    def _refresh_passage(self, index: int) -> None:
        assert self._layout is not None
        first, last = self._layout.first_line(index), self._layout.last_line(index)
        for y in range(first, last + 1):
            self._painted.discard(y)
        self.refresh_lines(first, last - first + 1)

    def _scroll_into_view(self, index: int, *, top: bool = False) -> None:
        """Scroll so passage ``index`` shows (at the top with ``top``).

        A passage already in view stays put. One that left the view does
        not come back just inside the edge, which would scroll (and repaint
        the whole reader) at every further step: the view jumps so the
        passage sits a third of the way down when it left by the bottom,
        two thirds when it left by the top, and the next steps move only
        the cursor over text already on screen.
        """
        assert self._layout is not None
        first, last = self._layout.first_line(index), self._layout.last_line(index)
        height = max(self.scrollable_content_region.height, 1)
        y = self.scroll_offset.y
        if top or last - first + 1 > height:
            target = first
        elif last >= y + height:
            target = max(first - height // 3, last - height + 1)
        elif first < y:
            target = max(first - 2 * height // 3, last - height + 1)
        else:
            return
        self.scroll_to(y=max(target, 0), animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._follow_viewport()

    def _follow_viewport(self) -> None:
        """Keep the cursor if it is still on screen, else move it to the top line."""
        if self._layout is None or not self._layout.passages:
            return
        top = round(self.scroll_y)
        bottom = top + max(self.scrollable_content_region.height, 1) - 1
        if self._cursor is not None:
            first, last = self._layout.first_line(self._cursor), self._layout.last_line(self._cursor)
            if last >= top and first <= bottom:
                return
        self._set_cursor(self._layout.passage_index_at_line(top), scroll=False)

    def move_to(self, passage_id: str) -> bool:
        """Put the cursor on a passage of this article; ``False`` if it is elsewhere."""
        if self._layout is None:
            return False
        for index, passage in enumerate(self._layout.passages):
            if passage.id == passage_id:
                self._set_cursor(index)
                return True
        return False

    def action_move(self, step: int) -> None:
        """Move to the next (or previous) passage, skipping those the filter hides.

        With a filter on, walking only what it keeps is the point of it: the
        hidden passages are dimmed, not gone. Where none is left in that
        direction the cursor stays.
        """
        if self.story is None:
            self.post_message(AnalysisPending())
            return
        if self._layout is None or not self._layout.passages:
            return
        if self._cursor is None:
            self._set_cursor(self._first_content_index())
            return
        last = len(self._layout.passages) - 1
        index = self._cursor + step
        while 0 <= index <= last and not self._kept(index):
            index += step
        if 0 <= index <= last:
            self._set_cursor(index)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)

    def action_half_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height // 2, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)

    def action_edge(self, bottom: int) -> None:
        if self._layout is None or not self._layout.passages:
            return
        self._set_cursor(len(self._layout.passages) - 1 if bottom else 0)

    def action_open_claim(self) -> None:
        """Open the claim of the current passage (the screen chooses which: ``PassageClaimWanted``)."""
        if self.story is None or not self.analysed:
            self.post_message(AnalysisPending())
            return
        self.post_message(PassageClaimWanted(self.passage))

    def jump_divergent(self, *, forward: bool) -> bool:
        """Move to the next (or previous) passage that diverges from the other sources.

        A passage diverges when only this source reports it or when it words
        a shared claim differently. Passages the filter hides are skipped.
        """
        if self._layout is None or self.story is None or not self.analysed or not self._layout.passages:
            return False
        story = self.story
        passages = self._layout.passages
        start = self._cursor if self._cursor is not None else -1
        order = range(start + 1, len(passages)) if forward else range(start - 1, -1, -1)
        for index in order:
            if not self._kept(index):
                continue
            if story.reach_of(passages[index].id) is Reach.ONE or story.differs_in(passages[index].id):
                self._set_cursor(index)
                return True
        return False

    def _kept(self, index: int) -> bool:
        """Whether the filter keeps the passage at ``index`` (boilerplate only when it keeps everything).

        Before the analysis is done no passage has a reach yet, so the filter keeps them all.
        """
        assert self._layout is not None and self.story is not None
        if not self.analysed:
            return True
        reach = self.story.reach_of(self._layout.passages[index].id)
        if reach is None:
            return self.reach_filter is ReachFilter.EVERYTHING
        return self.reach_filter.keeps(reach)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None or not self._layout.lines:
            return
        line = offset.y + self.scroll_offset.y
        if line < len(self._layout):
            self._set_cursor(self._layout.passage_index_at_line(line), scroll=False)

    # -- search ----------------------------------------------------------

    def search(self, query: str) -> int:
        """Highlight every match of ``query`` (case-insensitive) and go to the first; return how many.

        The query stays: an article opened next shows its own matches, so
        a reader told "also in 3" can press 3 and walk them with ``n``.
        """
        self._query = query
        self._mark_matches()
        if self._matches:
            self.next_match(forward=True)
        return len(self._matches)

    def _mark_matches(self) -> None:
        self._matches = find_matches(self.article, self._query) if self.article is not None else []
        self._match_starts = [start for start, _ in self._matches]
        self._current_match = None
        self.restyle()

    @property
    def search_query(self) -> str:
        """What the last search looked for ("" when there is none)."""
        return self._query

    def would_wrap(self, *, forward: bool) -> bool:
        """Whether the next match that way is past this article's last match (or before its first)."""
        return not 0 <= self._next_match_index(forward) < len(self._matches)

    def _next_match_index(self, forward: bool) -> int:
        """Where ``next_match`` goes, before wrapping around: after the current match, or after the cursor."""
        if self._current_match is None:
            here = self.passage.start if self.passage is not None else 0
            index = bisect_left(self._match_starts, here)
            return index if forward else index - 1
        return self._current_match + (1 if forward else -1)

    def next_match(self, *, forward: bool) -> int | None:
        """Go to the next (or previous) match after the current one, wrapping around; its number."""
        if not self._matches or self._layout is None:
            return None
        index = self._next_match_index(forward) % len(self._matches)
        self._current_match = index
        start, _ = self._matches[index]
        passage_index = self._layout.passage_index_at(start)
        self._painted.clear()
        self.refresh()
        line = self._layout.line_of_offset(start)
        height = max(self.scrollable_content_region.height, 1)
        if not self.scroll_offset.y <= line < self.scroll_offset.y + height:
            self.scroll_to(y=max(line - height // 3, 0), animate=False, immediate=True)
        if passage_index is not None:
            self._set_cursor(passage_index, scroll=False)
        return index + 1

    # -- painting ----------------------------------------------------------

    def line_count(self) -> int:
        return len(self._layout) if self._layout is not None else 0

    def paint_line(self, y: int, base: Style) -> Strip:
        assert self._layout is not None and self.article is not None and self.story is not None
        story, palette = self.story, self.palette
        start, end = self._layout.lines[y]
        text = ShownText(printable(self.article.text[start:end]), style=base, no_wrap=True, end="")
        gutter = [" "] * GUTTER
        gutter_styles: list[Style | None] = [None] * GUTTER
        for index in self._layout.passages_on_line(y):
            passage = self._layout.passages[index]
            if index == self._cursor:
                gutter[0], gutter_styles[0] = CURSOR_GLYPH, palette.cursor
            if not self.analysed:
                continue  # no claims yet: the text as it is, only the cursor
            reach = story.reach_of(passage.id)
            if start <= passage.start < max(end, start + 1) and gutter[1] == " ":
                if story.comparable:
                    # With one article every passage would be "only this one".
                    gutter[1], gutter_styles[1] = REACH_GLYPHS[reach], palette.reach(reach)
                if passage.id in self.noted:
                    gutter[2], gutter_styles[2] = NOTE_GLYPH, palette.note
            self._paint_passage(text, passage, reach, start, end, current=index == self._cursor)
        for match_index in range(bisect_left(self._match_starts, start - 200), len(self._matches)):
            m_start, m_end = self._matches[match_index]
            if m_start >= end:
                break
            if m_end > start:
                style = palette.current_match if match_index == self._current_match else palette.match
                text.stylize(style, max(m_start, start) - start, min(m_end, end) - start)
        line = ShownText(style=base, no_wrap=True, end="")
        for glyph, gutter_style in zip(gutter, gutter_styles, strict=True):
            line.append(glyph, style=gutter_style)
        line.append_text(text)
        return Strip(line.render(self.app.console), line.cell_len)

    def _paint_passage(
        self, text: Text, passage: Passage, reach: Reach | None, start: int, end: int, *, current: bool
    ) -> None:
        assert self.story is not None
        palette = self.palette
        lo, hi = max(passage.start, start) - start, min(passage.end, end) - start
        if hi <= lo:
            return
        if reach is not None and not self.reach_filter.keeps(reach):
            text.stylize(palette.filtered_out + (palette.current(reach) if current else Style()), lo, hi)
            return
        if reach is Reach.ONE and not self.story.comparable:
            # With one article every claim is "only this one": a colour that says nothing.
            base, highlight = Style(), palette.current(None)
        else:
            base, highlight = palette.reach(reach), palette.current(reach)
        text.stylize(base + highlight if current else base, lo, hi)
        if passage.kind is PassageKind.HEADLINE:
            text.stylize(palette.headline, lo, hi)
        for span in self.story.differs_in(passage.id):
            s, e = max(span.start, start) - start, min(span.end, end) - start
            if e > s:
                text.stylize(palette.differs, s, e)
