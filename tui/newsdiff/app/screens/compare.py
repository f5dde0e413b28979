"""Compare mode: the current article beside one or two others, aligned on claims."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsdiff.app.alignment import align
from newsdiff.app.palette import Palette
from newsdiff.app.widgets.compare_view import LOOSE_SEPARATOR, SEPARATOR, CompareView
from newsdiff.engine.model import Story
from newsdiff.shown_text import ShownText

MAX_COMPARED = 3
MIN_COLUMN_WIDTH = 40
"""Narrowest column worth reading: about six words a line, as a newspaper column."""


def columns_for(width: int) -> int:
    """How many articles fit side by side in ``width`` cells (two at least, to compare)."""
    return min(max(width // MIN_COLUMN_WIDTH, 2), MAX_COMPARED)


def ranked_partners(story: Story, article_id: str) -> list[str]:
    """The other articles, those sharing the most claims with ``article_id`` first.

    In a story of fifty outlets the next articles in file order are as
    likely as any to share nothing with this one; the reader opens compare
    mode to see how others tell the same things, so the closest come first
    (story order between equals) and ``x`` walks on to the less related.
    """
    shared = Counter(other for claim in story.claims if article_id in claim.article_ids for other in claim.article_ids)
    others = [a.id for a in story.articles if a.id != article_id]
    return sorted(others, key=lambda other: -shared[other])


class CompareScreen(Screen[None]):
    """Side-by-side columns scrolled together; ``x`` swaps in other articles.

    Only opened for a story of two articles or more (the main screen checks).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "app.pop_screen", "Close", id="close_compare"),
        Binding("x", "cycle_partners", "Other articles", id="cycle_partners"),
        Binding("minus", "columns(-1)", "Fewer", id="fewer_columns"),
        Binding("plus,equals_sign", "columns(1)", "More", id="more_columns"),
    ]

    def __init__(self, story: Story, article_id: str, palette: Palette, passage_id: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.article_id = article_id
        self.palette = palette
        self.passage_id = passage_id
        self.partners = ranked_partners(story, article_id)
        self.partner_shift = 0
        self._shown_ids: list[str] = []
        self.chosen_count: int | None = None
        """Other articles shown, once the reader has chosen with ``-`` / ``+``; until then the width decides."""

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header")
        yield CompareView(self.story, [], self.palette, id="compare-view")
        yield Static(self._legend(), id="compare-legend")
        yield Footer()

    def _legend(self) -> Text:
        """What the separators mean, then the reach colours."""
        legend = ShownText(no_wrap=True, overflow="ellipsis", end="")
        legend.append(SEPARATOR.strip(), style=Style(bold=True))
        legend.append(" same claim  ")
        legend.append(LOOSE_SEPARATOR.strip(), style=Style(bold=True))
        legend.append(" side by side only  ")
        legend.append_text(self.palette.legend())
        return legend

    async def on_mount(self) -> None:
        await self._rebuild()

    @property
    def count(self) -> int:
        """How many other articles are shown beside this one."""
        return self.chosen_count if self.chosen_count is not None else columns_for(self.app.size.width) - 1

    @property
    def article_ids(self) -> list[str]:
        shown = min(self.count, len(self.partners))
        partners = (self.partners[(self.partner_shift + n) % len(self.partners)] for n in range(shown))
        return [self.article_id, *partners]

    async def _rebuild(self) -> None:
        ids = self._shown_ids = self.article_ids
        await self.query_one(CompareView).remove()
        view = CompareView(self.story, align(self.story, ids), self.palette, id="compare-view")
        await self.mount(view, after=self.query_one("#compare-header"))
        view.focus()
        self.call_after_refresh(self._fit_header)
        self.call_after_refresh(self._show_passage)

    def _show_passage(self) -> None:
        """Start at the row of the passage the reader was on, not at the top."""
        view = self.query_one(CompareView)
        row = next((n for n, row in enumerate(view.rows) if row[0] is not None and row[0].id == self.passage_id), None)
        if row is not None:
            view.scroll_to(y=view.line_of_row(row), animate=False, immediate=True)

    async def on_resize(self) -> None:
        if self.article_ids != self._shown_ids:
            await self._rebuild()
        else:
            self._fit_header()

    def _fit_header(self) -> None:
        """Place each source name over its column."""
        view = self.query_one(CompareView)
        width = view.column_width
        ids = self.article_ids
        header = ShownText(no_wrap=True, end="")
        for number, article_id in enumerate(ids):
            if number:
                header.append(SEPARATOR, style=Style(dim=True))
            name = ShownText(self.story.article(article_id).source, style=Style(bold=True))
            name.truncate(width, overflow="ellipsis", pad=True)
            header.append_text(name)
        self.query_one("#compare-header", Static).update(header)

    async def action_cycle_partners(self) -> None:
        self.partner_shift += 1
        await self._rebuild()

    async def action_columns(self, change: int) -> None:
        self.chosen_count = min(max(self.count + change, 1), MAX_COMPARED - 1)
        await self._rebuild()
