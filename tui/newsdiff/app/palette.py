"""Colours and glyphs that say how far a passage reaches.

Hue is never the only cue: every reach also has its own gutter glyph and
text style, so the reader works for colour-blind readers and on both dark
and light themes (each theme gets its own set of backgrounds).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from newsdiff.engine.model import Reach

REACH_GLYPHS: dict[Reach | None, str] = {
    Reach.ALL: "●",
    Reach.SOME: "◐",
    Reach.ONE: "○",
    None: "·",
}
"""Gutter glyph per reach (``None`` is boilerplate): a shape for every colour."""

NOTE_GLYPH = "✎"
CURSOR_GLYPH = "▶"


@dataclass(frozen=True)
class Palette:
    """Rich styles for every role text can have in the reader and panels."""

    all: Style
    some: Style
    one: Style
    boilerplate: Style
    differs: Style
    match: Style
    current_match: Style
    cursor: Style
    note: Style
    headline: Style
    filtered_out: Style

    def reach(self, reach: Reach | None) -> Style:
        """The style of a passage with this reach (``None``: boilerplate)."""
        if reach is Reach.ALL:
            return self.all
        if reach is Reach.SOME:
            return self.some
        if reach is Reach.ONE:
            return self.one
        return self.boilerplate

    def glyph(self, reach: Reach | None) -> Text:
        """The reach glyph, styled, for gutters, bars and the legend."""
        return Text(REACH_GLYPHS[reach], style=self.reach(reach) + Style(bold=True))

    def legend(self) -> Text:
        """One line explaining every colour, built from the very styles in use."""
        legend = Text(no_wrap=True, overflow="ellipsis")
        for reach, label in ((Reach.ALL, "all sources"), (Reach.SOME, "some"), (Reach.ONE, "only this one")):
            legend.append_text(self.glyph(reach))
            legend.append(" ")
            legend.append(label, style=self.reach(reach))
            legend.append("  ")
        legend.append("words differ", style=self.differs)
        legend.append("  ")
        legend.append("boilerplate", style=self.boilerplate)
        legend.append("  ")
        legend.append(f"{NOTE_GLYPH} note", style=self.note)
        return legend


def palette_for(dark: bool) -> Palette:
    """The palette for a dark or a light theme."""
    if dark:
        return Palette(
            all=Style(bgcolor="#1b3a63", color="#e6eefa"),
            some=Style(bgcolor="#5c4500", color="#fff4d6"),
            one=Style(color="#f29cf2", italic=True, underline=True),
            boilerplate=Style(dim=True, italic=True),
            differs=Style(bold=True, underline=True, color="#ffd866"),
            match=Style(reverse=True),
            current_match=Style(reverse=True, bold=True, underline=True),
            cursor=Style(color="#ffb86c", bold=True),
            note=Style(color="#8be9fd", bold=True),
            headline=Style(bold=True),
            filtered_out=Style(dim=True),
        )
    return Palette(
        all=Style(bgcolor="#cde0f7", color="#0b2545"),
        some=Style(bgcolor="#f7dd94", color="#3d2c00"),
        one=Style(color="#9c1d98", italic=True, underline=True),
        boilerplate=Style(dim=True, italic=True),
        differs=Style(bold=True, underline=True, color="#8a3b00"),
        match=Style(reverse=True),
        current_match=Style(reverse=True, bold=True, underline=True),
        cursor=Style(color="#b34700", bold=True),
        note=Style(color="#005f87", bold=True),
        headline=Style(bold=True),
        filtered_out=Style(dim=True),
    )
