"""The rename dialog: give the article being read its outlet's name.

A name like "Source 000" cannot be cited. The dialog asks for the outlet's
name, refuses one another article of the story already has (flags and
exports name articles by source, so two under one name could not be told
apart), and an emptied field gives the article its own name back.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from newsdiff.app.shown import ShownInput, shown_content
from newsdiff.shown_text import ShownText
from newsdiff.store.source_names import MAX_NAME_CHARS, clean_name


class RenameScreen(ModalScreen[str | None]):
    """Asks for an article's outlet name; dismissed with the name ("" to forget it) or ``None`` (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel_rename")]

    def __init__(self, current: str, title: str, taken: Collection[str]) -> None:
        """``taken`` are the names it may not take: other articles', shown, own or kept (``NewsdiffApp.names_taken``)."""
        super().__init__()
        self.current = current
        self.title_line = title
        self.taken = {name.casefold() for name in taken}

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-dialog") as dialog:
            dialog.border_title = shown_content(f"Name the source of {self.current}")
            dialog.border_subtitle = shown_content("enter keeps it · empty: its own name · esc cancels")
            yield Static(ShownText(self.title_line, style=Style(italic=True)), id="rename-title")
            yield ShownInput(value=self.current, max_length=MAX_NAME_CHARS, id="rename-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_name(event.value)
        if name.casefold() in self.taken:
            self.notify(f"Another article is already named {name}: choose another name.", timeout=4)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
