"""Quoted speech inside a passage, and who said it.

When sources quote the same statement, the reader wants the exact words each
source put between quotation marks, so a quote keeps exact article offsets.
Quotes often run over several sentences, and the segmenter cuts them into
several passages; so the quote state at a passage's start is worked out by
reading its paragraph from the beginning, and a quote still open at the end
of a passage counts as quoted to the passage end. A quote never runs past
its paragraph (a blank line, or a line break after the end of a sentence):
news style reopens a quote that continues in the next paragraph, and a
missing closing mark must not swallow the rest of the article.

Speakers come from the usual news patterns next to the quote
(``," Putin said``, ``," said Peskov``, ``," continued Vladimir Putin``,
``Peskov said: "``); "he" or "she" is resolved to the last person named as
speaking earlier in the article, and left unknown when no such name is near.
"""

from __future__ import annotations

import re

from newsdiff.engine.model import Quote

_OPENING = frozenset("“„«")
_CLOSING = frozenset("”»")
_STRAIGHT = '"'
_TWO_APOSTROPHES = "''"
"""A closing double quote as typewritten wire copy sends it (``"…family, '' the company said``)."""
_MARKS = re.compile("''|[\"“”„«»]")
_CONTEXT = 2000
"""How far (characters) to look around a passage for its quote state and speaker."""
_EARLIER_QUOTES = 8
"""Quotes before the passage, at most, whose speakers are worked out to carry one on: a paragraph of many
short quoted lines had every passage attribute all the quotes before it (2 minutes for 40,000 lines)."""
_CONTEXT_LINES = 100
"""How many line breaks to look past, at most, for a paragraph's edge: prose wrapped at any width reaches
``_CONTEXT`` first; a text of one-word lines would have each passage look at a thousand."""
_TRIM = " \t\r\n,;:"
"""Trimmed from the ends of the quoted words: the comma before ``" he said``."""

_VERBS = (
    r"said|says|say|told|tells|added|adds|continued|continues|warned|warns|stated|states|"
    r"insisted|insists|noted|notes|explained|explains|replied|replies|declared|declares|"
    r"claimed|claims|stressed|stresses|assured|assures|asked|asks|wrote|writes|tweeted|"
    r"threatened|threatens|argued|argues|announced|announces|emphasised|emphasized|"
    r"underlined|recalled|concluded|responded|remarked|admitted|acknowledged|suggested"
)
_TITLE_NAMES = r"Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Col|Lt|Sgt|St"
_TITLES = rf"(?:(?:{_TITLE_NAMES})\.?[ \t]+)"
_TITLE_WORD = re.compile(rf"(?:{_TITLE_NAMES})\.?")
_NAME = rf"{_TITLES}?[A-Z][\w’'\-]*(?:[ \t]+(?:{_TITLES}|[A-Z][\w’'\-]*))*"
_ADVERB = r"(?:(?:also|later|then|again|earlier|previously|further|reportedly|\w+ly)[ \t]+)"
"""One word allowed between a speaker and the verb: "Putin also said"."""
_PRONOUN = r"[Hh]e|[Ss]he"
_NAME_ENDS = r"(?=[ \t]*(?:[.,;:!?]|$))"
"""After "said": a name only if the clause ends there ("said Peskov."), not "said North Korea could"."""
_AFTER = re.compile(
    rf"[ \t,;:—–-]*(?:(?P<pron>{_PRONOUN})[ \t]+{_ADVERB}?(?:{_VERBS})\b"
    rf"|(?P<name>{_NAME})[ \t]+{_ADVERB}?(?:{_VERBS})\b"
    rf"|(?:{_VERBS})[ \t]+(?P<name2>{_NAME}){_NAME_ENDS})"
)
_BEFORE = re.compile(
    rf"(?:\b(?P<pron>{_PRONOUN})[ \t]+{_ADVERB}?(?:{_VERBS})\b"
    rf"|(?P<name>{_NAME})[ \t]+{_ADVERB}?(?:{_VERBS})\b"
    rf"|\b(?:{_VERBS})[ \t]+(?P<name2>{_NAME}){_NAME_ENDS})"
)
_SPEAKING = re.compile(
    rf"(?P<name>{_NAME})[ \t]+{_ADVERB}?(?:{_VERBS})\b|\b(?:{_VERBS})[ \t]+(?P<name2>{_NAME}){_NAME_ENDS}"
)
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "And",
        "As",
        "At",
        "But",
        "By",
        "For",
        "From",
        "He",
        "Her",
        "His",
        "However",
        "I",
        "If",
        "In",
        "It",
        "Its",
        "Meanwhile",
        "On",
        "Our",
        "She",
        "So",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "These",
        "They",
        "This",
        "Those",
        "We",
        "When",
        "While",
        "Yet",
        "You",
    ]
)
"""Capitalised words that start a sentence rather than a name."""
_SENTENCE_END = re.compile(r"[.!?][\"”’»)]*\s+")


def find_quotes(text: str, start: int, end: int) -> tuple[Quote, ...]:
    """The quoted speech inside ``text[start:end]``, with absolute offsets.

    Each quote is clipped to the passage: a quote opened in an earlier
    passage starts at the passage start, one that closes in a later passage
    ends at the passage end. The quote's text is what lies between the
    marks, without the trailing comma of ``," he said``. A quote with no
    attribution of its own continues the last attributed quote of its
    paragraph (``"...," Putin said. "And more."``), so it keeps that speaker.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if _MARKS.search(text, max(0, start - _CONTEXT), end + _CONTEXT) is None:
        return ()  # no quote mark near: finding the paragraph would cost a look along every short line
    low = _paragraph_start(text, start)
    high = _paragraph_end(text, end)
    quotes: list[Quote] = []
    speaker: tuple[str, bool] | None = None
    ranges = _quoted_ranges(text, low, high)
    earlier = sum(1 for _, q_close in ranges if q_close <= start)
    for q_open, q_close in ranges[max(0, earlier - _EARLIER_QUOTES) :]:
        if q_open >= end:
            break
        speaker = _speaker(text, low, high, q_open, q_close) or speaker
        lo, hi = max(q_open, start), min(q_close, end)
        while lo < hi and text[lo] in _TRIM:
            lo += 1
        while hi > lo and text[hi - 1] in _TRIM:
            hi -= 1
        if lo < hi:
            name, inferred = speaker if speaker is not None else (None, False)
            quotes.append(Quote(start=lo, end=hi, text=text[lo:hi], speaker=name, speaker_inferred=inferred))
    return tuple(quotes)


def _paragraph_start(text: str, start: int) -> int:
    """Where the paragraph holding ``start`` begins (bounded look-back)."""
    floor = max(0, start - _CONTEXT)
    position = start
    for _ in range(_CONTEXT_LINES):
        if position <= floor:
            return floor
        newline = text.rfind("\n", floor, position)
        if newline < 0:
            return floor
        if _ends_paragraph(text, newline):
            return newline + 1
        position = newline
    return position


def _paragraph_end(text: str, end: int) -> int:
    """Where the paragraph holding ``end`` ends (bounded look-ahead)."""
    ceiling = min(len(text), end + _CONTEXT)
    position = end
    for _ in range(_CONTEXT_LINES):
        if position >= ceiling:
            return ceiling
        newline = text.find("\n", position, ceiling)
        if newline < 0:
            return ceiling
        if _ends_paragraph(text, newline):
            return newline
        position = newline + 1
    return position


def _ends_paragraph(text: str, newline: int) -> bool:
    """A line break ends a paragraph after a blank line or a finished sentence.

    Looks back from the break without copying the text before it: a copy
    per line made a 5 MB article's quotes take 7 s.
    """
    last = newline - 1
    while last >= 0 and text[last] in " \t\r":
        last -= 1
    if last < 0 or text[last] == "\n":
        return True
    return text[last] in '.!?:”"»)…' or text[newline + 1 : newline + 2] in ("\n", "\r")


def _quoted_ranges(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """(first quoted index, index past the last) for each quote in ``text[low:high]``.

    Curly marks say which way they face, and so do two apostrophes, which
    close a quote in typewritten wire copy; a straight mark closes an open
    quote and otherwise opens one, unless it looks like a stray closing mark
    (after a word and before a space), which is ignored. A closing curly
    mark with no opening one means the quote began before the paragraph
    as read, so it runs from ``low``.
    """
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _MARKS.finditer(text, low, high):
        char, at = mark.group(), mark.start()
        if char in _OPENING:
            opened = at + 1
        elif char in _CLOSING:
            ranges.append((low if opened is None else opened, at))
            opened = None
        elif char == _TWO_APOSTROPHES:
            if opened is not None:  # closes an open quote; alone it is no quote mark
                ranges.append((opened, at))
                opened = None
        elif opened is not None:
            ranges.append((opened, at))
            opened = None
        elif not _looks_closing(text, at):
            opened = at + 1
    if opened is not None:
        ranges.append((opened, high))
    return [(lo, hi) for lo, hi in ranges if lo < hi]


def _looks_closing(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ".,;:!?)")


def _speaker(text: str, low: int, high: int, q_open: int, q_close: int) -> tuple[str, bool] | None:
    """Who said the quote ``text[q_open:q_close]``, from the words around it, and whether that is inferred."""
    after = _AFTER.match(text, min(q_close + 1, high), min(high, q_close + 1 + 80))
    if after is not None:
        return _resolve(text, after, q_open)
    sentence_start = low
    for found in _SENTENCE_END.finditer(text, low, max(low, q_open - 1)):
        sentence_start = found.end()
    candidates = [m for m in _BEFORE.finditer(text, sentence_start, max(sentence_start, q_open - 1)) if _named(m)]
    if candidates:
        return _resolve(text, candidates[-1], q_open)
    return None


def _named(match: re.Match[str]) -> bool:
    return match.group("pron") is not None or _clean_name(match.group("name") or match.group("name2")) is not None


def _resolve(text: str, match: re.Match[str], before: int) -> tuple[str, bool] | None:
    """The name a speaker match gives; a pronoun resolved to the last named speaker is inferred."""
    if match.group("pron") is None:
        name = _clean_name(match.group("name") or match.group("name2"))
        if name is not None:
            return name, False
    named = _last_named_speaker(text, before)
    return (named, True) if named is not None else None


def _last_named_speaker(text: str, before: int) -> str | None:
    """The last person named as speaking before ``before`` (bounded look-back)."""
    names = (
        _clean_name(m.group("name") or m.group("name2"))
        for m in _SPEAKING.finditer(text, max(0, before - _CONTEXT), before)
    )
    found = [name for name in names if name is not None]
    return found[-1] if found else None


def _clean_name(raw: str | None) -> str | None:
    """The name without sentence-starting words ("The", "But"); None if nothing is left."""
    if raw is None:
        return None
    words = raw.split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    if not words or _TITLE_WORD.fullmatch(words[-1]):
        return None  # "said Police Lt. Hastings in…" cut at the rank's full stop: no name
    return " ".join(words)
