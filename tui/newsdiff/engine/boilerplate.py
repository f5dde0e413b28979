"""Recognise the page furniture and datelines that copy-pasted articles carry.

Text taken from news sites keeps lines that are not reporting at all: the
page's address, timestamps ("Updated: May 24, 2005, 3:23 PM ET", see
``timestamps``), bylines and photo credits (``bylines``), prompts ("SEE
ALSO:", "Advertisement", "Share this article", "Comments (12)"). They stay
passages so a reader still sees them (greyed), but are never a claim, a
title or compared: every outlet's furniture looks alike, so compared it
joined unrelated stories. A dateline ("JAKARTA -", "LONDON, June 20 (AP) —")
is part of the first sentence yet says nothing the other sources could
share, so its end is recorded separately.

Each rule is for a whole line and errs towards content: a sentence hidden
as furniture is a sentence a fact-checker never sees compared.
"""

from __future__ import annotations

import re

from newsdiff.engine.bylines import is_byline, is_credit
from newsdiff.engine.timestamps import is_timestamp_line

_WHOLE_LINES = frozenset(
    {
        "advertisement",
        "advertisements",
        "ap",
        "afp",
        "agence france-presse",
        "also read",
        "associated press",
        "back to top",
        "comment",
        "comments",
        "email",
        "email this",
        "e-mail",
        "for immediate release",
        "leave a comment",
        "more",
        "newsletter",
        "next",
        "post a comment",
        "previous",
        "print",
        "print this",
        "reuters",
        "the associated press",
        "tweet",
        "tweet this",
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
    r"(?:click here|tap here|sign up|subscribe to|follow us|like us on|join us on|share (?:this|on|via)"
    r"|(?:leave|post|add|view|read|show|see) (?:a |the |all )?comments?\b|tell us (?:in the comments|what you think)"
    r"|(?:here'?s|here is|see|view|watch|check out) (?:a |an |the |our |more )?"
    r"(?:slide ?show|(?:photo |video )?gallery|video|photos|pictures|images)\b"
    r"|copyright|©|\(c\) ?\d{4}|all rights reserved)",
    re.IGNORECASE,
)
"""Calls to action, media pointers and copyright notices; only short lines, so real sentences survive."""

_COMMENT_COUNT = re.compile(r"(?:comments?\s*[:(]?\s*\d+\)?|\d+\s+comments?)", re.IGNORECASE)
"""A comment counter: "Comments (12)", "12 comments"."""

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
"""A line that is only a web address (the page's own URL atop a saved article)."""

_ALPHANUMERIC = re.compile(r"[^\W_]")
"""A letter or digit (``str.isalnum``'s characters, found in C rather than a Python loop)."""

_JOINED = re.compile(r"\s*[·•|/]\s*")
"""What a site puts between furniture it shows on one line ("Advertisement · Scroll to continue")."""

_SHORT_LINE_WORDS = 15
_FURNITURE_MAX_WORDS = 30
"""Longest line any furniture rule but the teaser looks at (a timestamp or byline has fewer words)."""

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
    Furniture is short: past ``_FURNITURE_MAX_WORDS`` only a link teaser
    ("READ MORE: ...") is, which keeps the check cheap on long articles.
    """
    if _ALPHANUMERIC.search(line) is None or _TEASER.match(line):
        return True
    words = line.split()
    if len(words) > _FURNITURE_MAX_WORDS:
        return False
    key = " ".join(words).strip(_TRAILING).lower()
    if key in _WHOLE_LINES or key.strip("()") in _WHOLE_LINES:
        return True
    if _URL.fullmatch(line) or _COMMENT_COUNT.fullmatch(key):
        return True
    if is_timestamp_line(line) or is_byline(line) or is_credit(line):
        return True
    if _JOINED.search(key):
        parts = [part.strip(_TRAILING) for part in _JOINED.split(key)]
        if all(part in _WHOLE_LINES for part in parts if part):
            return True
    return len(words) <= _SHORT_LINE_WORDS and _SHORT_FURNITURE.match(key) is not None


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
