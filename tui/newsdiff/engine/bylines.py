"""Recognise bylines and photo credits: who wrote or photographed, not what happened.

"By John Smith", "John Smith, Staff Writer", "By JANE DOE | Associated Press"
and "(Photo: Getty Images)" are printed on many pages of one story, and two
outlets' bylines ("By Jane Doe, Reuters" and "By John Roe, Reuters") look
alike to a matcher. A byline is "By" and a name or two, then at most an
outlet, a role or a timestamp; a credit opens with "Photo", "Image" and the
like, or is an agency's photo credit ("AP Photo/Jae C. Hong"). "By acquiring
EYP, HP will..." and "By March 2013 the company had..." go on with words a
byline never holds, so they stay sentences.
"""

from __future__ import annotations

import re

from newsdiff.engine.timestamps import AGENCIES, is_timestamp_line

_NAME_WORD = r"(?:[A-Z][\w'’-]*\.?|(?:de|da|del|della|di|du|van|von|der|den|la|le|al|bin|ibn|st\.))"
_NAMES = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}"
_BY = re.compile(
    rf"(?i:(?:written|posted|reported|story|words|text|compiled|edited)[ \t]+)?(?i:by)[ \t]+"
    rf"{_NAMES}(?:[ \t]*(?:,|and|&)[ \t]*{_NAMES})*"
)
""""By" (or "Written by", any case) and one or more capitalised names."""

_POSTED_IN = re.compile(
    r"(?i:on[ \t]+behalf[ \t]+of|(?:posted|written)[ \t]+by|by)[ \t]+[A-Z].*?"
    r"\b(?i:posted|filed)[ \t]+(?i:in|under)[ \t].*[ \t](?i:on)[ \t]+(?P<when>.+?)\.?"
)
"""A blog's byline with its category and date ("On behalf of X posted in Accidents on Friday, September 20, 2013.")."""

_NAMED_ROLE = re.compile(rf"{_NAMES}(?:[ \t]*(?:,|and|&)[ \t]*{_NAMES})*[ \t]*[,|/–—-][ \t]*(?P<tail>.+)")

_ROLE_WORDS = frozenset(
    [
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "contributors",
        "columnist",
        "columnists",
        "producer",
        "producers",
        "photographer",
        "photographers",
        "journalist",
        "journalists",
    ]
)
"""The nouns of a byline's role ("Senior Staff Writer", "Chief Political Correspondent")."""

_TAIL_CONNECTORS = frozenset(["for", "the", "of", "in", "at", "and", "on"])

_MAX_TAIL_WORDS = 12
_MAX_ROLE_WORDS = 5
"""A byline without "By" is names and a short role ("Jane Doe, Senior Staff Writer"), never a clause."""
_MAX_CREDIT_WORDS = 16

_CREDIT = re.compile(
    r"\(?[ \t]*(?:photo(?:graph)?s?|images?|pictures?|pic|credit|photo[ \t]+credit|image[ \t]+credit|"
    r"illustration|graphic|caption|source[ \t]+image)[ \t]*(?::|/|\bby\b|\bcredit\b|\bcourtesy\b)",
    re.IGNORECASE,
)
"""A credit's opening: "Photo:", "(Image: ...", "Photograph by", "Photo credit"."""

_AGENCY_CREDIT = re.compile(
    r"\(?[ \t]*(?:AP|AFP|Reuters|EPA|PA|Getty(?:[ \t]+Images)?|Shutterstock|Bloomberg|Xinhua|Corbis|Alamy)"
    r"(?:[ \t]+(?:Photos?|Images?|Pictures?))?[ \t]*(?:/|:|\)?$)",
    re.IGNORECASE,
)
"""An agency's credit: "AP Photo/Jae C. Hong", "Getty Images/AFP", "(Reuters)"."""

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w:./-]*")


def is_byline(line: str) -> bool:
    """Whether the stripped ``line`` names only its writers, their role, outlet or time."""
    posted = _POSTED_IN.fullmatch(line)
    if posted is not None:
        return is_timestamp_line(posted.group("when"))
    match = _BY.match(line)
    if match is not None:
        return _is_byline_tail(line[match.end() :], role_needed=False)
    named = _NAMED_ROLE.fullmatch(line)
    return named is not None and _is_byline_tail(named.group("tail"), role_needed=True)


def is_credit(line: str) -> bool:
    """Whether the stripped ``line`` is a photo or image credit."""
    if len(line.split()) > _MAX_CREDIT_WORDS:
        return False
    return _CREDIT.match(line) is not None or _AGENCY_CREDIT.match(line) is not None


def _is_byline_tail(tail: str, *, role_needed: bool) -> bool:
    """What may follow the names: nothing, an outlet, a role, a timestamp ("| Updated 3:41 PM")."""
    tail = tail.strip(" \t,|/–—-:")
    if not tail:
        return not role_needed
    if not role_needed and is_timestamp_line(tail):
        return True
    words = _WORD.findall(tail)
    if not words or len(words) > _MAX_TAIL_WORDS:
        return False
    keys = [w.lower().rstrip(".") for w in words]
    if role_needed and (len(words) > _MAX_ROLE_WORDS or not any(k in _ROLE_WORDS or k in AGENCIES for k in keys)):
        return False
    for word, key in zip(words, keys, strict=True):
        if not (word[0].isupper() or word[0].isdigit() or key in _ROLE_WORDS or key in _TAIL_CONNECTORS):
            return is_timestamp_line(tail[tail.find(word) :])
    return True
