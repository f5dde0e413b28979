"""The one gate between outside text and a terminal, a widget or the clipboard.

File names, article text, titles, sources, URLs, notes, snapshot metadata
and config values come from outside the program and may hold escape
sequences (``ESC]52;c;…BEL`` puts text on the clipboard, ``ESC]0;…BEL``
retitles the window) or bidi controls. ``safe`` makes every control
character and bidi control a visible symbol, one character for one
(``control_chars``), and returns a ``SafeText``: a ``str`` that says it has
been through the gate. Rich and Textual take any ``str``, so a type alone
cannot keep raw text from them; instead every way the front ends have to
show text gates what it is given (``newsdiff.shown_text.ShownText``,
``app.shown``, the app's ``notify`` and ``copy_to_clipboard``, ``cli._say``),
and ``tests/test_gate_hygiene.py`` holds the front ends to those ways, so a
new screen or message cannot forget the gate. Gating twice changes nothing.

A carriage return that does not end a line becomes ``␍`` here: on a terminal
it moves the cursor back and lets the text after it overwrite what came
before ("newsdiff: warning: …" turned into anything).
"""

from __future__ import annotations

import re

from newsdiff.engine.control_chars import visible_controls, visible_controls_in_line

_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


class SafeText(str):
    """Text that has been through ``safe`` or ``safe_line``: no control character, no bidi control.

    A ``str`` subclass, so it goes wherever text goes; joining or formatting
    it gives a plain ``str`` again, which has to pass the gate once more.
    """

    __slots__ = ()


def safe(text: str) -> SafeText:
    """``text`` for a terminal, a widget or the clipboard: every control and bidi control a visible symbol.

    Tabs and line breaks stay (a note, a passage over lines, a citation of a
    claim); a lone carriage return does not. Same length as ``text``.
    """
    if isinstance(text, SafeText):
        return text
    return SafeText(_LONE_CARRIAGE_RETURN.sub("\u240d", visible_controls(text)))


def safe_line(text: str) -> SafeText:
    """``text`` for one line (a progress line, a title, a warning): tabs and line breaks shown as symbols too."""
    return SafeText(visible_controls_in_line(text))
