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
from newsdiff.shown_text import ShownText

REACH_GLYPHS: dict[Reach | None, str] = {
    Reach.ALL: "●",
    Reach.SOME: "◐",
    Reach.ONE: "○",
    None: "·",
}
"""Gutter glyph per reach (``None`` is boilerplate): a shape for every colour."""

NOTE_GLYPH = "✎"
FLAG_GLYPH = "⚑"
"""Marks a claim whose sources disagree (a number, a date, a name, a quote's wording)."""
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
    all_current: Style
    some_current: Style
    one_current: Style
    boilerplate_current: Style
    all_bar: Style
    some_bar: Style
    one_bar: Style

    def reach(self, reach: Reach | None) -> Style:
        """The style of a passage with this reach (``None``: boilerplate)."""
        return _by_reach(reach, self.all, self.some, self.one, self.boilerplate)

    def current(self, reach: Reach | None) -> Style:
        """Laid over the current passage: a stronger tint of its reach colour.

        The gutter's cursor mark is per line, so when two passages share a
        line only this background says which one is current.
        """
        return _by_reach(reach, self.all_current, self.some_current, self.one_current, self.boilerplate_current)

    def bar(self, reach: Reach) -> Style:
        """A solid colour for a reach in coverage bars, strong enough to see on the panel."""
        return {Reach.ALL: self.all_bar, Reach.SOME: self.some_bar, Reach.ONE: self.one_bar}[reach]

    def glyph(self, reach: Reach | None) -> Text:
        """The reach glyph, styled, for gutters, bars and the legend."""
        return ShownText(REACH_GLYPHS[reach], style=self.reach(reach) + Style(bold=True))

    def legend(self) -> Text:
        """One line explaining every colour, built from the very styles in use."""
        legend = ShownText(no_wrap=True, overflow="ellipsis")
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
        legend.append("  ")
        legend.append(f"{FLAG_GLYPH} sources disagree", style=self.differs)
        return legend


def palette_for(dark: bool) -> Palette:
    """The palette for a dark or a light theme."""
    if dark:
        return Palette(
            all=Style(bgcolor="#1b3a63", color="#e6eefa"),
            some=Style(bgcolor="#5c4500", color="#fff4d6"),
            one=Style(color="#f29cf2", italic=True, underline=True),
            boilerplate=Style(dim=True, italic=True),
            differs=Style(bold=True, underline=True, color="#ffe28a"),
            match=Style(reverse=True),
            current_match=Style(reverse=True, bold=True, underline=True),
            cursor=Style(color="#ffb86c", bold=True),
            note=Style(color="#8be9fd", bold=True),
            headline=Style(bold=True),
            filtered_out=Style(dim=True),
            all_current=Style(bgcolor="#33609e", color="#ffffff"),
            some_current=Style(bgcolor="#7f6000", color="#ffffff"),
            one_current=Style(bgcolor="#5c2a58", color="#ffd6ff"),
            boilerplate_current=Style(bgcolor="#444444"),
            all_bar=Style(color="#5b9bf0"),
            some_bar=Style(color="#e0a800"),
            one_bar=Style(color="#f29cf2"),
        )
    return Palette(
        all=Style(bgcolor="#cde0f7", color="#0b2545"),
        some=Style(bgcolor="#f7dd94", color="#3d2c00"),
        one=Style(color="#9c1d98", italic=True, underline=True),
        boilerplate=Style(dim=True, italic=True),
        differs=Style(bold=True, underline=True, color="#7a3300"),
        match=Style(reverse=True),
        current_match=Style(reverse=True, bold=True, underline=True),
        cursor=Style(color="#a03f00", bold=True),
        note=Style(color="#005f87", bold=True),
        headline=Style(bold=True),
        filtered_out=Style(dim=True),
        all_current=Style(bgcolor="#94bdf0", color="#061a33"),
        some_current=Style(bgcolor="#eab941", color="#2b1f00"),
        one_current=Style(bgcolor="#efc0ec", color="#6e0f6b"),
        boilerplate_current=Style(bgcolor="#c4c4c4"),
        all_bar=Style(color="#1f5fae"),
        some_bar=Style(color="#8a6400"),
        one_bar=Style(color="#9c1d98"),
    )


def _by_reach(reach: Reach | None, all_: Style, some: Style, one: Style, boilerplate: Style) -> Style:
    """One of a palette's styles for each reach; ``None`` is boilerplate."""
    if reach is Reach.ALL:
        return all_
    if reach is Reach.SOME:
        return some
    if reach is Reach.ONE:
        return one
    return boilerplate
