"""Compare mode: the current article beside one or two others, aligned on claims."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsdiff.app.alignment import align
from newsdiff.app.palette import Palette
from newsdiff.app.widgets.compare_view import SEPARATOR, CompareView
from newsdiff.engine.model import Story

MAX_COMPARED = 3


def partners_after(story: Story, article_id: str, offset: int, count: int) -> list[str]:
    """The articles compared with ``article_id``: the next ones in story order, shifted by ``offset``."""
    others = [a.id for a in story.articles if a.id != article_id]
    if not others:
        return []
    count = min(count, len(others))
    return [others[(offset + n) % len(others)] for n in range(count)]


class CompareScreen(Screen[None]):
    """Side-by-side columns scrolled together; ``x`` swaps in other articles."""

    BINDINGS = [
        Binding("escape,c", "app.pop_screen", "Close compare", id="close_compare"),
        Binding("x", "cycle_partners", "Other articles", id="cycle_partners"),
        Binding("minus", "columns(-1)", "Fewer", id="fewer_columns"),
        Binding("plus,equals_sign", "columns(1)", "More", id="more_columns"),
    ]

    def __init__(self, story: Story, article_id: str, palette: Palette) -> None:
        super().__init__()
        self.story = story
        self.article_id = article_id
        self.palette = palette
        self.partner_shift = 0
        self.count = MAX_COMPARED - 1

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header")
        yield CompareView(self.story, [], self.palette, id="compare-view")
        yield Footer()

    async def on_mount(self) -> None:
        await self._rebuild()

    @property
    def article_ids(self) -> list[str]:
        return [self.article_id, *partners_after(self.story, self.article_id, self.partner_shift, self.count)]

    async def _rebuild(self) -> None:
        ids = self.article_ids
        await self.query_one(CompareView).remove()
        view = CompareView(self.story, align(self.story, ids), self.palette, id="compare-view")
        await self.mount(view, after=self.query_one("#compare-header"))
        view.focus()
        self.call_after_refresh(self._fit_header)

    def on_resize(self) -> None:
        self._fit_header()

    def _fit_header(self) -> None:
        """Place each source name over its column."""
        view = self.query_one(CompareView)
        width = view.column_width
        ids = self.article_ids
        header = Text(no_wrap=True, end="")
        if len(ids) == 1:
            header.append("Nothing to compare: this story has one article.", style=Style(italic=True))
            ids = []
        for number, article_id in enumerate(ids):
            if number:
                header.append(SEPARATOR, style=Style(dim=True))
            name = Text(self.story.article(article_id).source, style=Style(bold=True))
            name.truncate(width, overflow="ellipsis", pad=True)
            header.append_text(name)
        self.query_one("#compare-header", Static).update(header)

    async def action_cycle_partners(self) -> None:
        self.partner_shift += 1
        await self._rebuild()

    async def action_columns(self, change: int) -> None:
        self.count = min(max(self.count + change, 1), MAX_COMPARED - 1)
        await self._rebuild()
