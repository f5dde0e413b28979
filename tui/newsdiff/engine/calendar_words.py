"""The words of dates: month and weekday names and their usual news abbreviations.

Three readers need them: the page-furniture detector (a line of only a date
is a stamp), the statement evidence (a date is no statement word) and the
value reader (two dates of one event that differ). One list keeps them in
step: a month one of them knows, all of them know.
"""

from __future__ import annotations

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
"""Usual news abbreviations ("May" needs none). Some are also words or names ("Jan", "Mar"): readers decide by context."""
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | MONTH_ABBREVIATIONS
"""Every month word, with the month's number (1 to 12)."""

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
"""Full weekday names, with the weekday's number as ``date.weekday()`` gives it (Monday 0)."""
WEEKDAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

WHEN_WORDS = (
    *MONTHS,
    *WEEKDAYS,
    *WEEKDAY_ABBREVIATIONS,
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "ago",
    "am",
    "pm",
    "et",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "gmt",
    "bst",
    "utc",
    "ist",
    "cet",
    # a page's stamp and address: where and when it was put up, not what it says
    "updated",
    "posted",
    "published",
    "modified",
    "http",
    "https",
    "www",
    "com",
    "html",
    "htm",
)
"""Words that say when (or where on the web), never what: a sentence of only these and numbers states nothing."""
