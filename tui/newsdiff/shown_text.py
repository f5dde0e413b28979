"""Rich text that only ever holds gated characters, for ``report``, the CLI and the app.

Rich passes ESC, BEL and C1 controls to the terminal as they are (it drops
only a few cursor controls), so any outside text inside a ``rich.text.Text``
can run an escape sequence. ``ShownText`` is a ``Text`` that puts whatever
``str`` it is made from or given through the gate (``engine.safe_text``),
and re-gates another ``Text`` appended to it. Front ends build their text
with it instead of ``Text`` (``tests/test_gate_hygiene.py`` holds them to
it), so a new screen or section of the report cannot forget the gate.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from newsdiff.engine.safe_text import safe


class ShownText(Text):
    """A ``rich.text.Text`` whose every character has been through ``engine.safe_text.safe``."""

    def __init__(self, text: str = "", style: str | Style = "", **options: object) -> None:
        super().__init__(safe(text), style, **options)  # type: ignore[arg-type]

    def append(self, text: Text | str, style: str | Style | None = None) -> ShownText:
        super().append(safe(text) if isinstance(text, str) else _gated(text), style)
        return self

    def append_text(self, text: Text) -> ShownText:
        super().append_text(_gated(text))
        return self


def _gated(text: Text) -> Text:
    """``text`` itself if it is a ``ShownText``, else a copy with its characters gated (same length, same spans)."""
    if isinstance(text, ShownText):
        return text
    copy = text.copy()
    copy.plain = safe(copy.plain)
    return copy
