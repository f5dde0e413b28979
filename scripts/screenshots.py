"""Regenerate screenshots/*.svg: the app's main screens on the seed story.

Run from the project root::

    .venv/bin/python scripts/screenshots.py

Each screen is captured at 80x24 and 160x45 with the user folders pointed at
a temporary directory, so personal notes and config never leak into them.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = ((80, 24), (160, 45))
DARK, LIGHT = "textual-dark", "textual-light"
SCREENS = {
    "main": (("j", "j", "j", "j", "j"), DARK),
    "main-light": (("j", "j", "j", "j", "j"), LIGHT),
    "claim": (("j", "enter"), DARK),
    "compare": (("j", "j", "j", "j", "j", "c"), DARK),
    "help": (("question_mark",), DARK),
    "search": (("slash", *"korea", "enter"), DARK),
}
"""Screen name: the keys that lead to it and the theme it is shown in."""


async def capture(story: object, keys: tuple[str, ...], theme: str, size: tuple[int, int]) -> str:
    from newsdiff.app.app import NewsdiffApp

    app = NewsdiffApp(story=story)  # type: ignore[arg-type]
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        return app.export_screenshot(title=f"newsdiff — {size[0]}x{size[1]}")


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        from newsdiff.atomic import write_text_atomic
        from newsdiff.engine.story import analyze

        story = analyze([ROOT / "seeds"])
        folder = ROOT / "screenshots"
        folder.mkdir(exist_ok=True)
        for screen, (keys, theme) in SCREENS.items():
            for size in SIZES:
                path = folder / f"{screen}-{size[0]}x{size[1]}.svg"
                write_text_atomic(path, asyncio.run(capture(story, keys, theme, size)))
                print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
