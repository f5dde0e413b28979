"""Progress reports come from inside every long loop of the analysis, so a front end can cancel it there."""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest

from newsdiff.engine import cluster, story
from newsdiff.engine.load import article_from_text
from newsdiff.engine.pacing import REPORT_EVERY, paced
from newsdiff.engine.similarity import Matcher


class _Cancelled(Exception):
    pass


def long_story_texts(sentences: int) -> list[str]:
    """Two articles of ``sentences`` distinct sentences each, half of them shared."""
    first = [
        f"Officials in district {n} reported {n * 7} new cases on day {n % 9} of the outbreak."
        for n in range(sentences)
    ]
    second = [
        line if n % 2 else f"Clinic {n} in the capital treated {n * 3} patients by week {n % 5}."
        for n, line in enumerate(first)
    ]
    return ["\n".join(first) + "\n", "\n".join(second) + "\n"]


def test_paced_reports_every_so_many_items_and_yields_them_all() -> None:
    shares: list[float] = []
    items = list(range(3 * REPORT_EVERY + 1))
    assert list(paced(items, shares.append, 0.5, 1.0)) == items
    assert shares == [0.5 + 0.5 * n * REPORT_EVERY / len(items) for n in range(4)]


def test_no_loop_of_the_analysis_runs_long_without_a_progress_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work done between two reports (sentences split, texts profiled, claims built) stays within a few hundred items."""
    work = {"work": 0}

    def counted(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            work["work"] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(story, "_with_quotes", counted(story._with_quotes))
    monkeypatch.setattr(story, "_claim", counted(story._claim))
    monkeypatch.setattr(cluster, "_distinct_parts", counted(cluster._distinct_parts))
    monkeypatch.setattr(Matcher, "profile", counted(Matcher.profile))
    seen: list[int] = []
    articles = [article_from_text(text, article_id=f"a{n}") for n, text in enumerate(long_story_texts(1500))]
    story.analyze(articles, progress=lambda message, share: seen.append(work["work"]))
    gaps = [later - earlier for earlier, later in pairwise(seen)]
    assert work["work"] > 10 * REPORT_EVERY
    assert max(gaps) <= 3 * REPORT_EVERY


def test_a_progress_report_that_raises_stops_the_analysis() -> None:
    calls: list[float] = []

    def cancel_at_the_fifth(message: str, share: float) -> None:
        calls.append(share)
        if len(calls) == 5:
            raise _Cancelled

    articles = [article_from_text(text, article_id=f"a{n}") for n, text in enumerate(long_story_texts(300))]
    with pytest.raises(_Cancelled):
        story.analyze(articles, progress=cancel_at_the_fifth)
    assert len(calls) == 5
