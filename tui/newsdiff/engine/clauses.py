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

MAX_SPEAKER_WORDS = 8
"""Content words of a part that names a source, for ``attribution_spans``.

More than ``MAX_ATTRIBUTION_WORDS``: a speaker's description with names and
a day ("producers Craig Zadan and Neil Meron announced on Tuesday", seven)
is still no statement, though it is long enough to stand as a clause."""

MAX_WORDS_AFTER_VERB = 3
"""Content words after the attribution word in a part that only names a source:
"said Dmitry Peskov", "told reporters in Hanoi"; "announced a definitive
agreement to acquire SeaMicro" (four) states the news itself."""

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


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the parts of ``text`` that only say who speaks ("..., producers X and Y announced").

    A part here is cut at every boundary of ``clause_spans`` (no merging).
    It names a source when it follows another part (``, producers X and Y
    announced`` after the news, ``," he said`` after a quote) or opens with
    "according to", has an attribution word ("said", "announced") and at
    most ``MAX_SPEAKER_WORDS`` content words, no more than ``MAX_WORDS_AFTER_VERB``
    of them after that word. The first part of a sentence
    is its statement ("Police said the driver was arrested"), not a source.
    Two reports that share only such a part share a speaker, not a statement.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    for n, (start, end) in enumerate(pairwise(cuts)):
        part = text[start:end]
        match = _ATTRIBUTION.search(part)
        if match is None or (n == 0 and "according" not in match.group().lower()):
            continue
        after = sum(1 for t in tokenize(part[match.end() :]) if t.norm not in STOPWORDS)
        words = sum(1 for t in tokenize(part) if t.norm not in STOPWORDS)
        if words <= MAX_SPEAKER_WORDS and ("according" in match.group().lower() or after <= MAX_WORDS_AFTER_VERB):
            spans.append((start, end))
    return spans
