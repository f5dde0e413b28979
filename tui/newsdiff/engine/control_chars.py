"""Control characters shown as visible symbols, for text that leaves the app.

An article (or its file name) may hold an escape sequence: ``ESC[31m`` turns
a terminal red, and worse ones move the cursor or retitle the window. The
app's own widgets never pass one through, but ``report`` writes to the
terminal and the Markdown, HTML and CSV exports end up in one (``cat``,
``less -R``), so every text they show goes through ``visible_controls``
first. Each control character becomes one visible character ("␛" for
ESC), so a text keeps its length and every offset into it stays valid.
JSON needs none of this: its encoder escapes control characters itself.
"""

from __future__ import annotations

_KEPT = frozenset("\t\n\r")
"""Line structure, which Markdown, CSV rows and terminals need as it is."""

_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
}
"""C0 controls as their Unicode control pictures (U+2400 block), DEL as ␡, C1 controls as �."""


def visible_controls(text: str) -> str:
    """``text`` with every control character but tab and line breaks as a visible symbol of one character."""
    return text.translate(_VISIBLE)
