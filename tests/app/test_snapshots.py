"""SVG snapshots of the main screens at the smallest and a large terminal size.

They show the hand-made story of ``tests/handmade_story.py`` (not the live
pipeline), so a change in the engine's matching cannot break them; only a
change in how the app draws can. Regenerate the baselines after a deliberate
change with ``.venv/bin/pytest tests/app/test_snapshots.py --snapshot-update``
and look at them.
"""

from __future__ import annotations

import pytest
from handmade_story import handmade_story
from pile_texts import pile_articles
from textual.pilot import Pilot

from newsdiff.engine.stories import group_stories
from newsdiff.store import notes

SIZES = [(80, 24), (160, 45)]
SCREENS = {
    "main": ["j", "j"],
    "claim": ["j", "enter"],
    "compare": ["c"],
    "help": ["question_mark"],
    "note": ["j", "a", *"check the date", "enter", "a", "shift+tab", "enter"],
}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes are stamped with the time they are written: the note dialog lists it."""
    monkeypatch.setattr(notes, "now_iso", lambda: "2026-11-23T21:14:05+00:00")


async def settle(pilot: Pilot) -> None:
    """Let the first layout (and the compact switch) happen before any key."""
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, make_app, screen: str, size: tuple[int, int]) -> None:
    app = make_app(handmade_story())
    assert snap_compare(app, press=SCREENS[screen], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("screen", ["main", "compare"])
def test_light_theme(snap_compare, make_app, screen: str) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)

    app = make_app(handmade_story())
    assert snap_compare(app, press=SCREENS[screen], terminal_size=(160, 45), run_before=light)


def test_story_list(snap_compare, make_app) -> None:
    """A pile of three hand-written events (``tests/pile_texts.py``) opens on its story list."""
    app = make_app(pile=group_stories(pile_articles()[0]))
    assert snap_compare(app, terminal_size=(100, 24), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_while_matching(snap_compare, make_app, matching_gate, size: tuple[int, int]) -> None:
    """The articles of the hand-made story split and held before matching: readable, unpainted, nothing claimed."""
    started, _ = matching_gate

    async def split(pilot: Pilot) -> None:
        for _ in range(600):  # 30 s at most
            if pilot.app.main.split_story is not None:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.05)
        await settle(pilot)

    app = make_app(None, sources=list(handmade_story().articles), use_cache=False)
    assert snap_compare(app, press=["j", "j"], terminal_size=size, run_before=split)
    assert started.is_set()
