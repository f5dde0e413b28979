"""The gate for Textual's own text: border titles, labels and text fields.

``Content`` made from a plain ``str`` keeps its characters as they are, and
Textual writes them to the terminal; a ``str`` given to a border title or a
``Static`` is parsed as markup besides. The app makes its ``Content`` here,
from text gated to one line (``engine.safe_text.safe_line``): a border title
or a status line has no room for a line break. A text field shows its value
as it is too, so the app's fields are ``ShownInput``. Rich text is made with
``newsdiff.shown_text.ShownText``; toasts and the clipboard are gated by the
app itself (``NewsdiffApp.notify``, ``NewsdiffApp.copy_to_clipboard``).
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape
from textual.widgets import Input

from newsdiff.engine.safe_text import safe_line


def shown_content(text: str) -> Content:
    """``text`` as Textual ``Content`` on one line: never markup, every control and bidi control a visible symbol."""
    return Content(safe_line(text))


def shown_command(text: str) -> str:
    """``text`` for a title in the command palette, which Textual parses as markup: gated, its markup escaped."""
    return escape(safe_line(text))


class ShownInput(Input):
    """A text field whose value is always gated: a note loaded to edit, a source name, or text pasted in.

    Its control characters become the symbols the reader sees, so what is
    saved is what was shown (same length: the cursor stays where it was).
    """

    def validate_value(self, value: str) -> str:
        return safe_line(value)
