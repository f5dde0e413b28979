"""Split a sentence where it starts reporting another thing.

News sentences often pack two claims ("Putin did not rule out arming North
Korea, while warning South Korea that ..."), and another outlet may report
each in a sentence of its own. Matching the parts lets such a sentence join
both claims. A part starts after a semicolon, at a clause joined by
", while", ", but", ", and that", ", whereas", or after quoted speech closes
(``...," he told reporters in Hanoi``); a part too short to be a claim on its
own, or that only names the source ("the U.S. Geological Survey said"),
joins the next part (the last one joins the one before).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from newsdiff.engine.normalize import tokenize
from newsdiff.engine.stopwords import STOPWORDS

MIN_CLAUSE_WORDS = 3
"""Content words a part needs to stand alone as a claim."""

MAX_ATTRIBUTION_WORDS = 5
"""Content words of a part that only names a source: never a claim of its own."""

_ATTRIBUTION = re.compile(
    r"^\W*according\s+to\b|\b(?:said|says|told|reported|reports|added|stated|announced|quoted)\b", re.IGNORECASE
)

_BOUNDARY = re.compile(
    r";\s+"
    r"|,\s+"
    r"|\s+(?=(?:while|whereas|but|because|although|though|in\s+what|in\s+response|after)\b)"
    r"|(?<=[,.!?][”\"])\s+"  # after a closing quote
)


def clause_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (``offset`` + indices into ``text``) of the parts of ``text``.

    A text without a boundary, or whose parts are all too short, is one part.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    parts = [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]
    starts = [t.start for t in tokenize(text) if t.norm not in STOPWORDS]

    def content_words(start: int, end: int) -> int:
        """Content words starting inside the part: the text's words, counted by offset."""
        return bisect_left(starts, end) - bisect_left(starts, start)

    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in parts:
        start = start if pending is None else pending
        words = content_words(start, end)
        if words < MIN_CLAUSE_WORDS or (words <= MAX_ATTRIBUTION_WORDS and _ATTRIBUTION.search(text[start:end])):
            pending = start
        else:
            merged.append((start, end))
            pending = None
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], len(text))
        else:
            merged.append((pending, len(text)))
    return [(offset + a, offset + b) for a, b in merged]
