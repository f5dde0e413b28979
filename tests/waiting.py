"""Waiting in app tests for what a worker or a timer brings to the screen, by the clock.

The analysis runs in a thread worker, and the note store reloads on a
timer: on a loaded machine (CI, or the whole suite beside benchmarks) both
come late. A fixed number of ``pilot.pause()`` calls waits as long as the
event loop is quick, so it failed under load where the app was right; these
wait for a stated number of seconds instead, and fail saying what never came.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

from newsdiff.app.widgets.analysis_status import AnalysisStatus

PATIENCE_SECONDS = 60.0
"""Long enough for the seed story on a loaded 2-core machine; a wait that fails took that long in vain."""
POLL_SECONDS = 0.05


async def until(pilot: Pilot, ready: Callable[[], bool], what: str, seconds: float = PATIENCE_SECONDS) -> None:
    """Let the app run until ``ready()`` holds; fail after ``seconds`` naming ``what`` never happened."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:.0f} s in vain for {what}")
        await pilot.pause(POLL_SECONDS)


async def until_analysed(pilot: Pilot, before: object = None) -> None:
    """Let the analysis worker finish: a story other than ``before`` is shown and the status line is gone."""
    app = pilot.app

    def shown() -> bool:
        story = app.story  # type: ignore[attr-defined]
        return story is not None and story is not before and not app.main.query_one(AnalysisStatus).display  # type: ignore[attr-defined]

    await until(pilot, shown, "the analysed story on the screen")
