"""The search line opened with ``/``: enter searches, escape closes.

Closing keeps the matches marked, so ``n``/``N`` walk them from the reader,
on through the other articles that have some; an empty search clears them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from newsdiff.app.shown import ShownInput
from newsdiff.app.widgets.reader import find_matches
from newsdiff.engine.model import Story

ELSEWHERE_SHOWN = 3
"""How many other articles with matches the search's toast names (then "and N more")."""


def search_summary(story: Story, article_id: str, query: str, here: int) -> str:
    """ "4 matches here · also 3 in Source 002 (article 2), 1 in Source 004 (article 3)".

    A fact-checker searching for a figure or a name wants to know which
    sources carry it at all; the article numbers are how to open them.
    """
    counted = ((number, article, len(find_matches(article, query))) for number, article in enumerate(story.articles, 1))
    elsewhere = [
        (number, article.source, count) for number, article, count in counted if article.id != article_id and count
    ]
    if not here and not elsewhere:
        return "No match in any article"
    summary = f"{here} match{'es' if here != 1 else ''} here" if here else "No match here"
    if not elsewhere:
        return f"{summary}, none in the other articles"
    shown = ", ".join(
        f"{count} in {source} (article {number})" for number, source, count in elsewhere[:ELSEWHERE_SHOWN]
    )
    more = len(elsewhere) - ELSEWHERE_SHOWN
    return f"{summary} · {'also ' if here else ''}{shown}{f' and {more} more articles' if more > 0 else ''}"


class SearchBar(ShownInput):
    """An input docked under the reader; hidden until ``/`` is pressed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close search", id="close_search")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Search the story (enter: find, n/N: next/previous in this article; empty: clear the marks)",
            id=id,
        )

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next("Reader")
