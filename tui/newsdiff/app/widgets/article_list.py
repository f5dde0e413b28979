"""The articles panel: one row per article with how much of it others report."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsdiff.app.messages import ArticleChosen
from newsdiff.app.palette import Palette
from newsdiff.app.shown import shown_content
from newsdiff.engine.model import Article, Coverage, Reach, Story
from newsdiff.shown_text import ShownText

BAR_WIDTH = 10


def coverage_bar(coverage: Coverage, palette: Palette) -> Text:
    """A bar of all / some / only-this-source shares, a different glyph for each."""
    cells = [round(coverage.all_share * BAR_WIDTH), round(coverage.some_share * BAR_WIDTH)]
    cells.append(max(BAR_WIDTH - sum(cells), 0))
    bar = ShownText(no_wrap=True, end="")
    for count, glyph, reach in zip(cells, "█▓░", (Reach.ALL, Reach.SOME, Reach.ONE), strict=True):
        bar.append(glyph * count, style=palette.bar(reach))
    bar.append(
        f" {coverage.all_share:.0%}·{coverage.some_share:.0%}·{coverage.unique_share:.0%}",
        style=Style(dim=True),
    )
    return bar


def article_prompt(
    number: int, article: Article, coverage: Coverage | None, palette: Palette, *, compact: bool, count: int = 9
) -> Text | Group:
    """The row of one article: number, source, coverage, title (all as plain text).

    Every row is numbered, right-aligned for the story's ``count`` articles:
    keys ``1``…``9`` read the first nine, and the palette (``Read 12: …``)
    any of them, so the number is how a reader names an article past nine too.

    A compact row (number, source, coverage) fits on one line, for the strip
    the panel becomes on small terminals; the reader's title line names the
    article. A full row puts the coverage and the title under the source,
    indented, with a long title wrapping at that indent so the rows stay
    easy to tell apart.
    """
    head = ShownText(no_wrap=True, overflow="ellipsis", end="" if compact else "\n")
    key = f"{number:>{len(str(count))}} "
    head.append(key, style=Style(bold=True, dim=True))
    head.append(article.source, style=Style(bold=True))
    if compact:
        if coverage is not None:
            head.append("  ")
            head.append_text(coverage_bar(coverage, palette))
        return head
    indent = (0, 0, 0, len(key))  # coverage and title start under the source, past the number
    below: list[Padding] = []
    if coverage is not None:
        below.append(Padding(coverage_bar(coverage, palette), indent))
    if article.title:
        below.append(Padding(ShownText(article.title, style=Style(italic=True), end=""), indent))
    return Group(head, *below)


class ArticleList(OptionList):
    """Every article of the story; enter or a click opens one in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="articles_down", show=False),
        Binding("k", "cursor_up", "Up", id="articles_up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = shown_content("Articles")
        self._ids: list[str] = []

    def show_story(self, story: Story, palette: Palette, *, compact: bool = False) -> None:
        highlighted = self.highlighted
        self._ids = [a.id for a in story.articles]
        self.border_title = shown_content(
            f"Articles ({len(self._ids)})"
        )  # the compact strip shows two or three of them
        coverage = {c.article_id: c for c in story.coverage} if story.comparable else {}
        self.set_options(
            Option(article_prompt(n, a, coverage.get(a.id), palette, compact=compact, count=len(self._ids)), id=a.id)
            for n, a in enumerate(story.articles, start=1)
        )
        self.highlighted = highlighted

    def mark_current(self, article_id: str) -> None:
        """Highlight the article being read (without re-opening it)."""
        if article_id in self._ids:
            self.highlighted = self._ids.index(article_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleChosen(event.option.id))
