"""Reach colours stay readable on both the dark and the light theme (WCAG contrast)."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.style import Style
from textual.theme import BUILTIN_THEMES

from newsdiff.app.palette import FLAG_GLYPH, NOTE_GLYPH, REACH_GLYPHS, palette_for
from newsdiff.engine.model import Reach

TEXT = 4.5
"""WCAG AA for body text."""
GRAPHIC = 3.0
"""WCAG AA for shapes such as the coverage bars."""


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Color, second: Color) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def theme_colours(name: str) -> tuple[Style, Color]:
    """The reader's base style (text on background) and the panels' surface."""
    colours = BUILTIN_THEMES[name].to_color_system().generate()
    base = Style(color=colours["foreground"], bgcolor=colours["background"])
    return base, Color.parse(colours["surface"])


def ratio(style: Style) -> float:
    assert style.color is not None and style.bgcolor is not None
    return contrast(style.color, style.bgcolor)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_every_passage_style_is_readable(theme: str) -> None:
    base, surface = theme_colours(theme)
    palette = palette_for(BUILTIN_THEMES[theme].dark)
    for reach in (Reach.ALL, Reach.SOME, Reach.ONE, None):
        for painted in (base + palette.reach(reach), base + palette.reach(reach) + palette.current(reach)):
            assert ratio(painted) >= TEXT, (reach, painted)
            assert ratio(painted + palette.differs) >= TEXT, (reach, "differs", painted)
    for role in (palette.cursor, palette.note, palette.differs):
        assert ratio(base + role) >= TEXT, role
    for reach in (Reach.ALL, Reach.SOME, Reach.ONE):
        assert palette.bar(reach).color is not None
        assert contrast(palette.bar(reach).color, surface) >= GRAPHIC, reach


@pytest.mark.parametrize("dark", [True, False])
def test_the_current_passage_stands_out_from_its_reach(dark: bool) -> None:
    palette = palette_for(dark)
    for reach in (Reach.ALL, Reach.SOME, Reach.ONE, None):
        current = palette.current(reach).bgcolor
        assert current is not None and current != palette.reach(reach).bgcolor


@pytest.mark.parametrize("dark", [True, False])
def test_the_legend_explains_every_mark_the_app_draws(dark: bool) -> None:
    legend = palette_for(dark).legend().plain
    for glyph in (*(REACH_GLYPHS[reach] for reach in Reach), NOTE_GLYPH, FLAG_GLYPH):
        assert glyph in legend
