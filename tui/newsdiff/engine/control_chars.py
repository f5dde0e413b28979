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
Anderson 2021). The marks U+200E, U+200F and U+061C go the same way: they
are invisible too, and they move neutral characters (digits' signs,
brackets, punctuation) to the other side, enough to make "1-2" read
"2-1". Right-to-left text reads correctly without them, since every
letter carries its own direction.

``visible_controls_in_line`` also shows tab and line breaks, for text that
must stay on one line (a file name on a progress line: a carriage return
in it would let the name overwrite the line it is printed on).
"""

from __future__ import annotations

_KEPT = frozenset("\t\n\r")
"""Line structure, which Markdown, CSV rows and terminals need as it is."""

BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
"""Embeddings, overrides, isolates and the direction marks (code points)."""
C1_CONTROLS = (0x7F, *range(0x80, 0xA0))
"""DEL and the C1 controls (code points); 0x9B alone is a CSI to many terminals."""

_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT},
    **dict.fromkeys(C1_CONTROLS, "\ufffd"),
    0x7F: "\u2421",
    **dict.fromkeys(BIDI_CONTROLS, "\ufffd"),
}
"""C0 controls as their Unicode control pictures (U+2400 block), DEL as ␡, C1 controls and bidi controls as �."""

_VISIBLE_IN_LINE = {**_VISIBLE, **{ord(char): chr(0x2400 + ord(char)) for char in _KEPT}}
"""Tab, line feed and carriage return as their pictures too (␉ ␊ ␍)."""


def visible_controls(text: str) -> str:
    """``text`` with every control character but tab and line breaks, and every bidi control, as one visible symbol."""
    return text.translate(_VISIBLE)


def visible_controls_in_line(text: str) -> str:
    """``text`` with every control character, tab and line breaks included, and every bidi control, as one symbol."""
    return text.translate(_VISIBLE_IN_LINE)
