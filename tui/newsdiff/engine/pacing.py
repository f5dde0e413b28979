"""Progress reports from inside the engine's long loops, which is where a front end can cancel.

A front end runs the analysis in a thread it cannot stop from outside;
the analysis stops when the progress callback raises (the app's does once
the reader has quit). So every loop over passages or texts reports now and
then, not just each stage: a 2-million-character article has 60,000 texts
to match, and a report per stage kept the app from quitting for minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")

REPORT_EVERY = 200
"""Items between two reports. On a 2-million-character article (machine shared, load 18 on 2 cores) the
longest time between two reports was 0.8 s (splitting the article, one call) and 0.5 s elsewhere; the seed story
still gets only a handful of reports."""

ShareReport = Callable[[float], None]
"""Called with the share of the work done (0..1); may raise to stop the work."""


def paced(items: Sequence[Item], report: ShareReport, start: float, end: float) -> Iterator[Item]:
    """The items, reporting the share from ``start`` to ``end`` before every ``REPORT_EVERY``-th one."""
    count = max(1, len(items))
    for number, item in enumerate(items):
        if number % REPORT_EVERY == 0:
            report(start + (end - start) * number / count)
        yield item


def ignore_share(_share: float) -> None:
    """A report nobody listens to: the engine's own callers without a front end."""
