"""The search line opened with ``/``: enter searches, escape closes.

Closing keeps the matches marked, so ``n``/``N`` walk them from the reader,
on through the other articles that have some; an empty search clears them.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from newsdiff.app.widgets.reader import find_matches
from newsdiff.engine.model import Story

ELSEWHERE_SHOWN = 3
"""How many other articles with matches the search's toast names (then "and N more")."""


def search_summary(story: Story, article_id: str, query: str, here: int) -> str:
    """ "4 matches · also in 2: Source 002 (3), 3: Source 004 (1)": this article's count, then the others'.

    A fact-checker searching for a figure or a name wants to know which
    sources carry it at all; the article numbers are the keys that open them.
    """
    counted = ((number, article, len(find_matches(article, query))) for number, article in enumerate(story.articles, 1))
    elsewhere = [(number, article.source, count) for number, article, count in counted if article.id != article_id and count]
    summary = f"{here} match{'es' if here != 1 else ''}" if here else "No match here"
    if not elsewhere:
        return summary
    shown = ", ".join(f"{number}: {source} ({count})" for number, source, count in elsewhere[:ELSEWHERE_SHOWN])
    more = len(elsewhere) - ELSEWHERE_SHOWN
    return f"{summary} · {'also ' if here else ''}in {shown}{f' and {more} more' if more > 0 else ''}"


class SearchBar(Input):
    """An input docked under the reader; hidden until ``/`` is pressed."""

    BINDINGS = [Binding("escape", "close", "Close search", id="close_search")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the story (enter: find, n/N: next/previous in this article; empty: clear the marks)", id=id)

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next("Reader")
