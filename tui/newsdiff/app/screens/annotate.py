"""The note dialog: a line of text and an optional check / agree / dispute mark."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from newsdiff.store.notes import MARKS, Mark, Note


@dataclass(frozen=True)
class Annotation:
    """What the reader wrote: the note and its mark (``None``: no mark)."""

    text: str
    mark: Mark | None


def earlier_notes(notes: tuple[Note, ...]) -> Text:
    """The notes already on the target, oldest first, as plain text."""
    listing = Text(end="")
    for note in notes:
        if listing:
            listing.append("\n")
        listing.append(f"[{note.mark}] " if note.mark else "• ", style=Style(bold=True))
        listing.append(note.text)
    return listing


class MarkChoice(RadioButton):
    """A mark to choose, filled only when chosen.

    Textual's radio buttons show the same dot on or off, told apart by
    colour alone; here the chosen one also has a shape of its own.
    """

    def __init__(self, label: str, *, value: bool = False, id: str | None = None) -> None:
        super().__init__(label, value=value, id=id)
        self.BUTTON_INNER = self._inner()

    def watch_value(self) -> None:
        self.BUTTON_INNER = self._inner()
        super().watch_value()

    def _inner(self) -> str:
        return "●" if self.value else " "


class AnnotateScreen(ModalScreen[Annotation | None]):
    """Asks for a note on the current passage or claim; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_note")]

    def __init__(self, target_label: str, excerpt: str, notes: tuple[Note, ...]) -> None:
        super().__init__()
        self.target_label = target_label
        self.excerpt = excerpt
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-dialog") as dialog:
            dialog.border_title = Content(f"Note on {self.target_label}")
            yield Static(Text(self.excerpt, style=Style(italic=True)), id="annotate-excerpt")
            if self.notes:
                yield Static(earlier_notes(self.notes), id="annotate-earlier")
            yield Input(placeholder="Your note (enter saves)", id="annotate-text")
            with RadioSet(id="annotate-mark"):
                yield MarkChoice("no mark", value=True, id="mark-none")
                for mark in MARKS:
                    yield MarkChoice(mark, id=f"mark-{mark}")
            with Horizontal(id="annotate-buttons"):
                yield Button("Save", variant="primary", id="annotate-save")
                yield Button("Cancel", id="annotate-cancel")

    def on_mount(self) -> None:
        self.query_one("#annotate-text", Input).focus()

    def _result(self) -> Annotation | None:
        text = self.query_one("#annotate-text", Input).value.strip()
        pressed = self.query_one("#annotate-mark", RadioSet).pressed_button
        mark_name = (pressed.id or "mark-none").removeprefix("mark-") if pressed is not None else "none"
        mark: Mark | None = next((m for m in MARKS if m == mark_name), None)
        if not text and mark is None:
            return None
        return Annotation(text, mark)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self._result())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self._result() if event.button.id == "annotate-save" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
