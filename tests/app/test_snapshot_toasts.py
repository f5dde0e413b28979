"""A snapshot saves the reader's view, never the notifications shown over it.

``run_test`` leaves toasts out unless asked (``notifications=True``), so
these tests ask: the other snapshot tests cannot see a toast in the SVG.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from waiting import until


def _screen_text(snapshot: Path) -> str:
    """The words of a snapshot's screen.svg, with the SVG's entities and no-break spaces undone."""
    svg = (snapshot / "screen.svg").read_text(encoding="utf-8")
    # Rich names the SVG's classes after a hash of every segment's style metadata (mouse actions, offsets),
    # which can differ between two pictures that show the same thing.
    return re.sub(r"terminal-\d+", "terminal", html.unescape(svg)).replace("\xa0", " ")


def saved(app) -> bool:  # type: ignore[no-untyped-def]
    """Whether the app's toast says a snapshot was saved (the last step of saving one, after a refresh)."""
    return any(str(n.message).startswith("Snapshot saved to") for n in app._notifications)


async def test_a_note_toast_is_not_saved_in_the_snapshot(make_app, seeds_story, tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    app = make_app(seeds_story, snapshots_dir=folder)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a", *"check the date", "enter")
        await until(pilot, lambda: any(n.message == "Note saved." for n in app._notifications), "the note's toast")
        await pilot.press("s")
        await until(pilot, lambda: saved(app), "the snapshot")
        [snapshot] = list(folder.iterdir())
    assert "Note saved" not in _screen_text(snapshot)


async def test_a_second_snapshot_does_not_show_the_first_ones_toast(make_app, seeds_story, tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    app = make_app(seeds_story, snapshots_dir=folder)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await until(pilot, lambda: saved(app), "the first snapshot")
        [first] = list(folder.iterdir())
        await pilot.press("s")
        await until(pilot, lambda: saved(app), "the second snapshot")
        [second] = [p for p in folder.iterdir() if p != first]
        messages = [str(n.message) for n in app._notifications]
        assert f"Snapshot saved to {second}" in messages
    # Nothing changed on screen between the two: the second picture is the first one again.
    assert _screen_text(second) == _screen_text(first)
    assert seeds_story.articles[0].source in _screen_text(second)
