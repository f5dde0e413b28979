"""Split a sentence where it starts reporting another thing.

News sentences often pack two claims ("Putin did not rule out arming North
Korea, while warning South Korea that ..."), and another outlet may report
each in a sentence of its own. Matching the parts lets such a sentence join
both claims. A part starts after a semicolon, at a clause joined by
", while", ", but", ", and that", ", whereas", or after quoted speech closes
(``...," he told reporters in Hanoi``); a part too short to be a claim on its
own joins the next part (the last one joins the one before).
"""

from __future__ import annotations

import re

from newsdiff.engine.normalize import tokenize
from newsdiff.engine.stopwords import STOPWORDS

MIN_CLAUSE_WORDS = 4
"""Content words a part needs to stand alone as a claim."""

_BOUNDARY = re.compile(
    r";\s+"
    r"|,\s+(?=(?:while|whereas|but|and\s+that|although|though)\b)"
    r"|(?<=[,.!?][”\"])\s+"  # after a closing quote
)


def clause_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (``offset`` + indices into ``text``) of the parts of ``text``.

    A text without a boundary, or whose parts are all too short, is one part.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    parts = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in parts:
        start = start if pending is None else pending
        if _content_words(text[start:end]) < MIN_CLAUSE_WORDS:
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


def _content_words(text: str) -> int:
    return sum(1 for t in tokenize(text) if t.norm not in STOPWORDS)
