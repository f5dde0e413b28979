"""Recognise the page furniture and datelines that copy-pasted articles carry.

Text taken from news sites keeps lines that are not reporting at all ("SEE
ALSO:", "Advertisement", "Share this article"). They stay passages so a reader
still sees them (greyed), but must never be matched as claims. A dateline
("JAKARTA -", "LONDON, June 20 (AP) —") is part of the first sentence yet says
nothing the other sources could share, so its end is recorded separately.
"""

from __future__ import annotations

import re

_WHOLE_LINES = frozenset(
    {
        "advertisement",
        "advertisements",
        "also read",
        "continue reading",
        "continue reading below",
        "listen to this article",
        "more on this story",
        "read also",
        "read more",
        "recommended",
        "related",
        "related articles",
        "related content",
        "related coverage",
        "related stories",
        "scroll to continue",
        "scroll to continue with content",
        "see also",
        "share",
        "share this",
        "share this article",
        "share this story",
        "skip advertisement",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "subscribe",
        "top stories",
    }
)
"""Lines that are furniture when they are the whole line (case and end punctuation aside)."""

_TEASER = re.compile(
    r"(?:see also|read more|read also|also read|related|watch|listen|more)\s*:",
    re.IGNORECASE,
)
"""A link teaser such as "READ MORE: Putin visits Pyongyang": the whole line is a link."""

_SHORT_FURNITURE = re.compile(
    r"(?:click here|tap here|sign up|subscribe to|follow us|share (?:this|on)"
    r"|copyright|©|\(c\) ?\d{4}|all rights reserved)",
    re.IGNORECASE,
)
"""Calls to action and copyright notices; only short lines, so real sentences survive."""

_JOINED = re.compile(r"\s*[·•|/]\s*")
"""What a site puts between furniture it shows on one line ("Advertisement · Scroll to continue")."""

_SHORT_LINE_WORDS = 15

_TRAILING = " \t.:;!…>»→|-–—"

_DATELINE = re.compile(
    r"""
    (?:
        [A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+)*        # JAKARTA, NEW YORK, ST. LOUIS
        (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)? # , Calif.  , June
        (?:[ ]\d{1,2})?                                 # 20
        (?:[ ]?\([A-Za-z][A-Za-z .&/-]{0,30}\))?         # (Reuters), (AP)
      |
        [A-Z][a-z]+(?:[ ][A-Z][a-z]+)?                  # Kyiv, Ukraine (AP)
        (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?
        (?:[ ]\d{1,2})?
        [ ]?\([A-Za-z][A-Za-z .&/-]{0,30}\)
    )
    [ ]*(?:-{1,2}|–|—)[ ]+
    """,
    re.VERBOSE,
)
"""A dateline: a place in capitals (or any place plus an agency) and a dash."""


def is_boilerplate(line: str) -> bool:
    """Whether a whole line (already stripped) is page furniture, not reporting.

    A line without a letter or digit ("***", "---") is a separator: furniture too.
    """
    if not any(char.isalnum() for char in line):
        return True
    key = " ".join(line.split()).strip(_TRAILING).lower()
    if key in _WHOLE_LINES or _TEASER.match(line):
        return True
    parts = [part.strip(_TRAILING) for part in _JOINED.split(key)]
    if len(parts) > 1 and all(part in _WHOLE_LINES for part in parts if part):
        return True
    return len(key.split()) <= _SHORT_LINE_WORDS and _SHORT_FURNITURE.match(key) is not None


def dateline_length(sentence: str) -> int:
    """Characters of the dateline that opens ``sentence`` (0 if there is none).

    A dateline needs at least three letters of place name, so that "US - China
    talks" is not read as one, and real content after it.
    """
    match = _DATELINE.match(sentence)
    if match is None or match.end() >= len(sentence):
        return 0
    place = match.group(0)
    if sum(char.isalpha() for char in place.split("(")[0]) < 3:
        return 0
    return match.end()
