"""The note dialog: write a note with an optional check / agree / dispute mark, or change one.

The notes already on the passage or claim are listed above the text box:
choosing one loads it for editing, and only then is there a Delete button,
so removing a note always takes two deliberate steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from newsdiff.app.shown import ShownInput, shown_content
from newsdiff.shown_text import ShownText
from newsdiff.store.notes import MARKS, Mark, Note

EARLIER_HINT = "enter on a note edits or deletes it"


@dataclass(frozen=True)
class Annotation:
    """What the reader asked for: a new note, a changed one (``note_id``), or a deletion."""

    text: str
    mark: Mark | None
    note_id: str | None = None
    """The note being changed; ``None`` for a new note."""
    delete: bool = False


def note_line(note: Note) -> Text:
    """``[dispute] check the date  23 Nov 21:14`` as plain text (never markup)."""
    line = ShownText(end="")
    line.append(f"[{note.mark}] " if note.mark else "• ", style=Style(bold=True))
    line.append(note.text)
    written = note.updated or note.created
    if written:
        line.append(f"  {minute(written)}", style=Style(dim=True))
    return line


def minute(iso_time: str) -> str:
    """``2026-11-23 21:14`` from a note's ISO 8601 time: the seconds and offset only clutter a list."""
    return iso_time[:16].replace("T", " ")


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


class MarkSet(RadioSet):
    """The note's mark: arrows move, space picks, and ``enter`` picks and saves, as ``enter`` does in the text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "pick_and_save", "Save the note", show=False)]

    class Picked(Message):
        """The reader picked a mark with ``enter``: the note is done."""

    def action_pick_and_save(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Picked())


class AnnotateScreen(ModalScreen[Annotation | None]):
    """Asks for a note on the current passage or claim, or edits one already there; escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_note"),
        Binding("ctrl+r", "delete_note", "Delete note", id="delete_note"),
    ]

    def __init__(self, target_label: str, excerpt: str, notes: tuple[Note, ...], delete_key: str) -> None:
        """``delete_key`` is the key the reader has for ``delete_note``, for the hints."""
        super().__init__()
        self.delete_key = delete_key
        self.target_label = target_label
        self.excerpt = excerpt
        self.notes = notes
        self.editing: Note | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-dialog") as dialog:
            dialog.border_title = shown_content(f"Note on {self.target_label}")
            yield Static(ShownText(self.excerpt, style=Style(italic=True)), id="annotate-excerpt")
            if self.notes:
                earlier = OptionList(*(Option(note_line(n), id=n.id) for n in self.notes), id="annotate-earlier")
                earlier.border_title = shown_content(
                    f"{len(self.notes)} note{'s' if len(self.notes) != 1 else ''} here"
                )
                earlier.border_subtitle = shown_content(EARLIER_HINT)
                yield earlier
            yield ShownInput(placeholder="Your note (enter saves)", select_on_focus=False, id="annotate-text")
            with MarkSet(id="annotate-mark"):
                yield MarkChoice("no mark", value=True, id="mark-none")
                for mark in MARKS:
                    yield MarkChoice(mark, id=f"mark-{mark}")
            with Horizontal(id="annotate-buttons"):
                yield Button("Delete", variant="error", id="annotate-delete")
                yield Button("Save", variant="primary", id="annotate-save")
                yield Button("Cancel", id="annotate-cancel")

    def on_mount(self) -> None:
        self.query_one("#annotate-delete", Button).display = False
        self.query_one("#annotate-text", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete exists only while a note is loaded for editing."""
        if action == "delete_note":
            return self.editing is not None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = next(n for n in self.notes if n.id == event.option.id)
        self.editing = note
        text = self.query_one("#annotate-text", Input)
        text.value = note.text
        text.cursor_position = len(note.text)
        self.query_one(f"#mark-{note.mark or 'none'}", MarkChoice).value = True
        self.query_one("#annotate-delete", Button).display = True
        self.query_one("#annotate-dialog").border_subtitle = shown_content(
            f"editing the note of {minute(note.created)} · {self.delete_key} deletes"
        )
        self.refresh_bindings()
        text.focus()

    def _result(self) -> Annotation | None:
        text = self.query_one("#annotate-text", Input).value.strip()
        pressed = self.query_one("#annotate-mark", RadioSet).pressed_button
        mark_name = (pressed.id or "mark-none").removeprefix("mark-") if pressed is not None else "none"
        mark: Mark | None = next((m for m in MARKS if m == mark_name), None)
        if not text and mark is None:
            return None
        note_id = self.editing.id if self.editing is not None else None
        return Annotation(text, mark, note_id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_mark_set_picked(self, event: MarkSet.Picked) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "annotate-delete":
            self.action_delete_note()
        elif event.button.id == "annotate-save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        """Close with the note; an emptied note being edited stays open, since saving it would lose it."""
        result = self._result()
        if result is None and self.editing is not None:
            self.notify(f"An empty note is not saved: Delete ({self.delete_key}) removes it.", timeout=3)
            return
        self.dismiss(result)

    def action_delete_note(self) -> None:
        if self.editing is not None:
            self.dismiss(Annotation(self.editing.text, self.editing.mark, self.editing.id, delete=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
