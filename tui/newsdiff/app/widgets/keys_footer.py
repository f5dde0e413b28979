"""The footer of the main screen, fitted to the window's width.

At 160 columns every key the reader uses most has room in the footer. At 80
the moving keys (next claim, next divergence, open the claim) pushed the
actions a reader looks for (search, compare, note, save, quit) off its edge.
In a narrow window the footer leaves the moving keys out: they stay one
``?`` away in help, and every action keeps its place in the footer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Footer

MOVING_ACTIONS = frozenset({"open_claim", "jump(1)", "step_claim(1)"})
"""Actions the narrow footer leaves to help: moving through the story, not acting on it."""


class KeysFooter(Footer):
    """A footer that, when ``narrow``, shows only the keys that act (the moving keys are in help)."""

    narrow = reactive(False, recompose=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if self.narrow and getattr(widget, "action", None) in MOVING_ACTIONS:
                continue
            yield widget
