"""Control characters shown as visible symbols, for text that leaves the app.

An article (or its file name) may hold an escape sequence: ``ESC[31m`` turns
a terminal red, and worse ones move the cursor or retitle the window. The
app paints article text through it (``app.text_layout.printable``),
``report`` writes to the terminal, and the Markdown, HTML and CSV exports
end up in one (``cat``, ``less -R``), so every text they show goes through
``visible_controls`` first. Each control character becomes one visible character ("␛" for
ESC), so a text keeps its length and every offset into it stays valid.
JSON needs none of this: its encoder escapes control characters itself.

The bidirectional embeddings, overrides and isolates (U+202A to U+202E,
U+2066 to U+2069) are shown too, as "�" (U+FFFD): they are invisible and
make a browser or a bidi-aware terminal show the text after them in another
order than it has, so one U+202E in an article can make an HTML export
show words the article does not say ("Trojan Source", Boucher and
Anderson 2021). The marks U+200E and U+200F stay: right-to-left text uses
them, and they only set the direction of neutral characters near them.
"""

from __future__ import annotations

_KEPT = frozenset("\t\n\r")
"""Line structure, which Markdown, CSV rows and terminals need as it is."""

_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd"),
}
"""C0 controls as their Unicode control pictures (U+2400 block), DEL as ␡, C1 controls and bidi controls as �."""


def visible_controls(text: str) -> str:
    """``text`` with every control character but tab and line breaks, and every bidi control, as one visible symbol."""
    return text.translate(_VISIBLE)
