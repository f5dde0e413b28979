"""Keys repaint only the lines they change: the screen must still be right.

To answer a key quickly the reader, the compare strip and the claims panel
repaint just the passages, rows and lines that changed (issue 6). A line
number off by the scroll offset leaves a stale cursor or highlight behind,
so after every key the screen is compared with one painted from scratch.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from newsdiff.app.widgets.painted_lines import PaintedLines

KEYS = [
    "pagedown",
    "j",
    "j",
    "k",
    "right_curly_bracket",
    "right_curly_bracket",
    "right_square_bracket",
    "left_curly_bracket",
    "left_square_bracket",
    "ctrl+d",
    "j",
    "k",
    "k",
    "k",
    "G",
    "k",
    "g",
    "j",
]


async def repainted_from_scratch(pilot: Pilot) -> str:
    """The screen with every line painted again, none taken from a Line API widget's kept lines."""
    for widget in pilot.app.screen.walk_children():
        if isinstance(widget, PaintedLines):
            widget._painted.clear()
        widget.refresh()
    await pilot.pause()
    return pilot.app.export_screenshot()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_key_leaves_the_screen_as_a_full_repaint_would(make_app, seeds_story, size) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            shown = app.export_screenshot()
            assert shown == await repainted_from_scratch(pilot), f"stale lines after {key!r}"
