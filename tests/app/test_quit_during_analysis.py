"""Quitting while the real engine matches a long story ends its analysis at the next report inside the loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from newsdiff.analysis import run_analysis
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article


def long_story() -> list[Article]:
    """Two articles of 2,000 sentences each, half shared: a few seconds of matching."""
    first = [
        f"Officials in district {n} reported {n * 7} new cases on day {n % 9} of the outbreak." for n in range(2000)
    ]
    second = [
        line if n % 2 else f"Clinic {n} in the capital treated {n * 3} patients by week {n % 5}."
        for n, line in enumerate(first)
    ]
    return [article_from_text("\n".join(lines) + "\n", article_id=f"a{n}") for n, lines in enumerate((first, second))]


async def test_q_during_matching_stops_the_engine_in_its_loop(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    matching = threading.Event()
    ended = threading.Event()
    outcome: list[str] = []

    def watched_analysis(sources, *, progress, **options):
        def report(message: str, share: float) -> None:
            if message == "Matching passages" and share > 0.25:
                matching.set()
            progress(message, share)

        try:
            run_analysis(sources, progress=report, **options)
        except BaseException as error:
            outcome.append(type(error).__name__)
            raise
        else:
            outcome.append("finished")
        finally:
            ended.set()

    monkeypatch.setattr("newsdiff.app.app.run_analysis", watched_analysis)
    app = make_app(None, sources=long_story(), use_cache=False)
    async with app.run_test(size=(120, 35)) as pilot:
        assert await asyncio.to_thread(matching.wait, 60.0)
        await pilot.press("q")
    assert await asyncio.to_thread(ended.wait, 30.0)
    assert outcome == ["_AnalysisCancelled"]
    assert app.story is None
