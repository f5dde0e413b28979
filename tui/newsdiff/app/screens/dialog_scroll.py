"""Reader keys in a dialog that can be taller than the screen (a claim of many sources, the help).

The dialog is a ``VerticalScroll``: focused, it already scrolls with the
arrow, page, home and end keys. These bindings add the reader's own
``j`` / ``k`` / ``g`` / ``G``, so the keys a reader has learned keep working
wherever there is more to read.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen


def scroll_bindings(prefix: str) -> list[Binding]:
    """``j`` ``k`` ``g`` ``G`` for a dialog, with binding ids ``<prefix>_down`` and so on (rebindable)."""
    return [
        Binding("j", "scroll_dialog('down')", "Down", id=f"{prefix}_down", show=False),
        Binding("k", "scroll_dialog('up')", "Up", id=f"{prefix}_up", show=False),
        Binding("g", "scroll_dialog('top')", "Top", id=f"{prefix}_top", show=False),
        Binding("G", "scroll_dialog('bottom')", "Bottom", id=f"{prefix}_bottom", show=False),
    ]


def scroll_dialog(screen: Screen[Any], dialog_id: str, where: str) -> None:
    """Scroll the screen's dialog down or up a line, or to its top or bottom, at once."""
    dialog = screen.query_one(f"#{dialog_id}", VerticalScroll)
    if where == "down":
        dialog.scroll_down(animate=False)
    elif where == "up":
        dialog.scroll_up(animate=False)
    elif where == "top":
        dialog.scroll_home(animate=False)
    else:
        dialog.scroll_end(animate=False)
