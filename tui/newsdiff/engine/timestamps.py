"""Recognise a line that is only a page's timestamp ("Updated: May 24, 2005, 3:23 PM ET").

News pages print when a story was posted or updated on a line of its own,
and every outlet's line looks alike: compared as claims, the timestamps of
unrelated stories matched each other ("Updated 9:06 AM" with "PUBLISHED:
16:05 GMT, 9 June 2013") and one became an article's title. A line is a
timestamp when it holds a date or a clock time and nothing else but the
words around one (month and day names, "am", time zones, "Updated",
"Posted", "Published"...) and, at most, the place, agency or notice a page
prints beside it ("INDONESIA, July 2, 2013", "AFP, Tuesday 2 Jul 2013",
"Washington D.C., Jul 13, 2009 (CNA)", "FOR IMMEDIATE RELEASE July 13, 2009").
A line with any other lower-case word ("Seacom operations fully restored:
4 November 2011") is news, so a headline or sentence that mentions a date
is never taken for one.
"""

from __future__ import annotations

import re

from newsdiff.engine.calendar_words import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

_MONTHS = frozenset(MONTHS)
_DAYS = frozenset(WEEKDAYS) | frozenset(WEEKDAY_ABBREVIATIONS)
_CLOCK_WORDS = frozenset(["am", "pm", "a.m", "p.m", "hrs", "hr", "h", "gmt", "utc", "z"])
_TIME_ZONES = frozenset(
    [
        "et",
        "ct",
        "mt",
        "pt",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "akst",
        "akdt",
        "hst",
        "bst",
        "ist",
        "cet",
        "cest",
        "eet",
        "eest",
        "wet",
        "west",
        "msk",
        "aest",
        "aedt",
        "acst",
        "awst",
        "nzst",
        "nzdt",
        "jst",
        "kst",
        "hkt",
        "sgt",
        "pht",
        "wib",
    ]
)
_LABELS = frozenset(
    [
        "updated",
        "update",
        "posted",
        "published",
        "publish",
        "released",
        "release",
        "edited",
        "last",
        "first",
        "date",
        "time",
        "on",
        "at",
        "of",
        "and",
        "local",
        "uk",
        "created",
        "found",
        "modified",
    ]
)
"""Words a page puts around its timestamps ("Last updated at", "First Posted:", "Date Published:")."""

AGENCIES = frozenset(
    [
        "ap",
        "afp",
        "reuters",
        "upi",
        "cna",
        "pti",
        "ians",
        "xinhua",
        "dpa",
        "efe",
        "ansa",
        "bernama",
        "yonhap",
        "kyodo",
        "tass",
        "ria",
        "novosti",
        "associated",
        "press",
        "agence",
        "france-presse",
        "france",
        "presse",
        "bloomberg",
    ]
)
"""News agencies (lower case, one word each) that a timestamp or byline line may name."""

_TOKEN = re.compile(
    r"""
    (?P<date>\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})(?!\d)                                     # 11/27/2005, 2007-11-12
    | (?P<clock>\d{1,2}[:.][0-5]\d(?:[:.][0-5]\d)?(?:\s?[ap]\.?m\.?|[ap](?![a-z]))?)(?![\d.:]) # 3:41, 08.23, 5:03p
    | (?P<number>\d+(?:st|nd|rd|th)?)(?![a-z])                                           # 24, 24th
    | (?P<word>[^\W\d_]+(?:[.'’&-][^\W\d_]+)*\.?)                                         # a word, "a.m.", "D.C."
    """,
    re.VERBOSE | re.IGNORECASE,
)

_MAX_WORDS = 24
_MAX_CHARS = 160
_DIGIT = re.compile(r"\d")
_MAX_OTHER_WORDS = 4
_MAX_PLACE_WORDS = 2
"""Capitalised words a place that opens the line before its comma may have ("New York, June 5")."""
_MAX_ABBREVIATION_LETTERS = 5
"""An abbreviated state or title beside a dateline ("Calif.", "D.C.")."""


def is_timestamp_line(line: str) -> bool:
    """Whether ``line`` (stripped) is a timestamp, with at most its place, agency or notice.

    It needs a date ("11/27/2005", or a month or weekday with a number) or a
    clock time; every other word must be a date word, a label, a time zone,
    an agency, in capitals, in brackets, an abbreviation ("Calif.") or part
    of the place before the first comma, and there are at most four such
    other words.
    """
    if len(line) > _MAX_CHARS or _DIGIT.search(line) is None:
        return False
    comma = line.find(",")
    place_end = comma if comma > 0 and len(_TOKEN.findall(line, 0, comma)) <= _MAX_PLACE_WORDS else 0
    dated = named = numbered = False
    others = 0
    for count, token in enumerate(_TOKEN.finditer(line)):
        if count == _MAX_WORDS:
            return False
        if token.group("date") or token.group("clock"):
            dated = True
        elif token.group("number"):
            numbered = True
        else:
            word = token.group("word")
            key = word.lower().rstrip(".")
            if key in _MONTHS or key in _DAYS:
                named = True
            elif key not in _CLOCK_WORDS and key not in _TIME_ZONES and key not in _LABELS:
                if not _beside_a_timestamp(word, key, token.start(), line, place_end):
                    return False
                others += 1
    return others <= _MAX_OTHER_WORDS and (dated or (named and numbered))


def _beside_a_timestamp(word: str, key: str, position: int, line: str, place_end: int) -> bool:
    """Whether a word that is no date word may stand beside a timestamp on its line."""
    if key in AGENCIES:
        return True
    if position < place_end:
        return word[0].isupper()
    if line.count("(", 0, position) > line.count(")", 0, position):
        return True
    letters = [char for char in word if char.isalpha()]
    if len(letters) >= 2 and all(char.isupper() for char in letters):
        return True
    return word[0].isupper() and word.endswith(".") and len(letters) <= _MAX_ABBREVIATION_LETTERS
