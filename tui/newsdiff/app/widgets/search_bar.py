"""The search line opened with ``/``: enter searches, escape closes.

Closing keeps the matches marked, so ``n``/``N`` walk them from the reader;
an empty search clears them.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBar(Input):
    """An input docked under the reader; hidden until ``/`` is pressed."""

    BINDINGS = [Binding("escape", "close", "Close search", id="close_search")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search this article (enter: find, n/N: next/previous; empty: clear the marks)", id=id)

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next("Reader")
