"""Numbers and dates as a passage gives them, and when two of them are about the same thing.

A ⚑ on a number or a date tells a fact-checker "the sources disagree about
this fact", so a value is compared only with a value that is clearly about
the same thing; everything else stays a word difference for the reader.

Numbers: two numbers count the same thing when they have the same unit (the
content word right after the number, or none) and the same word around
them: the content word just before ("depth of 1.2 miles" / "depth of 12
miles"), or the content word after the unit when one side has nothing
before ("up to 768 GB of flash storage" / "storage up to 512 GB Flash
storage"; with no unit, the word after the number: "In 1969, he was
indicted"). Two different words just before veto it: "shot three co-workers"
and "killed two co-workers" count different people. A unit that says by
itself what is counted ("24 dead", "1 dead") needs nothing more. On ECB+ web text this
keeps "injuring at least five people" against "injuring at least 50 people"
and drops "scored 23 points" against "Those 10 points tied", "a 36-year-old
Australian climber" against "a 32-year-old British climber", the numbers of
a web address, of a timestamp ("Last updated 13:26") and a day of a date.

Two counts of the same thing in different places are two counts: "killed
170,000 people in the province" and "killed 230,000 people across Asia"
give the toll of one province and of a whole ocean's shores (``where``).

Sums of money ("$2.6 million", "€2m", "US$999") are counted in their
currency, which is their unit whatever word follows. Two sums in one
currency count the same thing when they price the same item (the
"15-inch" of "the 15-inch will sell for $1499" and "The 15-inch MacBook Pro
starts off at $1,799"), when the same word comes just before both and no
different word right after them, or when each is the only sum of a headline: the story's sum ("Thieves in $2.6
million smash-and-grab raid" and "Paris thieves nab $2.5 million worth of
jewellery"). In a sentence the only sum may be a part of another ("$281
million of the purchase price will be in cash" against "AMD shelled out
$334 million for the acquisition").

Dates: a named month with its day and year ("May 2, 2013", "2 May 2013") or
a weekday, keyed by the word it dates (the nearest content word before it,
or after it when the date opens the sentence). Two dates of the same word
disagree when month, day or year differ, or a weekday differs from the other
source's weekday or from the weekday of its full date. A date that dates
only a publication stamp ("Published: July 29, 2004", "Updated Friday") or
nothing at all is never compared: outlets publish on different days.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsdiff.engine.calendar_words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from newsdiff.engine.model import Passage, PassageKind
from newsdiff.engine.normalize import Token, normalize_word
from newsdiff.engine.stopwords import STOPWORDS

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_SHORT_SCALE = re.compile(r"(\d+(?:[.,]\d+)*)(m|mn|bn)\b")
"""A sum with its scale glued on, as headlines write it: "2.6m", "€2m", "$1.5bn" (the tokenizer splits "2.6m")."""
_SHORT_SCALES = {"m": 1e6, "mn": 1e6, "bn": 1e9}
_CURRENCY_SIGN = re.compile(r"([$€£¥])\s*$")
"""A currency sign right before a number ("$2.6", "US$999", "€ 2"): what the sum is counted in."""
_CURRENCY_REACH = 4
"""Characters before a number looked at for its currency sign (and a country's letters: "US$", "NZ$")."""
_SIGNS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
_CURRENCY_WORDS = frozenset({"dollar", "euro", "yen", "yuan"})
"""Norms of currency names after a number ("2 million euros"); "pounds" may weigh, so only "£" makes a sum of them."""
_WHERE_LEADS = frozenset({"in", "across", "around", "throughout"})
"""Words after a count that say where it was counted ("170,000 people in the province")."""
_PLACE_WORDS = frozenset(
    normalize_word(word)
    for word in ("province", "country", "region", "district", "state", "city", "county", "town", "village", "area")
)
"""Nouns of places; a capitalised word after a place word leads ("across Asia") names a place too."""
_ITEM = re.compile(r"\d+(?:\.\d+)?-[^\W\d_]+")
"""A number that names an item in a compound: "15-inch", "4-door"; a sum prices the nearest one in its clause."""
_BOUGHT = re.compile(r"\s+for\s+(?:(?:a|an|the)\s+)?(?:[^\W\d_]+\s+)?(" + _ITEM.pattern + ")", re.IGNORECASE)
"""A sum's item named right after it: "$1,099 for the base 13-inch version"."""
_SHARE = re.compile(r"\s+of\s+(?:the|its|their|his|her|this|that)\b", re.IGNORECASE)
"""What follows a sum that is a share of another: "$281 million of the purchase price"."""
_CLAUSE_END = re.compile(r"[,;:]\s")
_AROUND = 3
"""Words looked at on each side of a number (or a date) for the word that says what it is about."""
_UNIT_REACH = 2
"""Words after a number looked at for its unit ("19 cents", "5 hours of battery")."""
_FRACTION = re.compile(r"(?:(\d+)(?:[ -]|(?=[½¼¾⅓⅔⅛])))?(?:(\d+)[/⁄](\d+)(?![\d/])|([½¼¾⅓⅔⅛]))")
"""A fraction as news writes it: "1/2", "2-1/2", "2 1/2", "2½"."""
_CLOCK = re.compile(r"(?:(\d{1,2}):(\d{2})(?!\d)|([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|BST|CET|EST|EDT)\b))")
"""A time of day: "4:30", "02:41", or four digits before a time zone ("0241 GMT")."""
_CONVERSION = re.compile(r"\s*\(\s*[$€£¥]?\s*")
"""What lies between a number and another that restates it in brackets: "10 kilometers (6 miles)", "€2m ($2.6m)"."""

_MEASURES = frozenset(
    normalize_word(word)
    for word in (
        *("miles", "mi", "kilometres", "kilometers", "km", "metres", "meters", "feet", "foot", "ft", "inches"),
        *("yards", "pounds", "lb", "lbs", "kilograms", "kilos", "kg", "grams", "tons", "tonnes", "ounces", "oz"),
        *("gallons", "litres", "liters", "acres", "hectares", "degrees", "fahrenheit", "celsius", "mph", "kph"),
    )
)
"""Units a bracket converts a measure into ("10 kilometers (6 miles)"); a sum converts by its currency sign."""

HEDGES = frozenset({"least", "near", "almost", "around", "approxim", "rough", "estim"})
"""Norms of words that hedge a number ("at least five people"): they say nothing of what it counts."""
_TOLL_UNITS = frozenset({"dead", "kill", "injur", "wound", "hurt", "die"})
"""Units that say by themselves what is counted: "24 dead" and "1 dead" are one death toll, whatever precedes them."""
_AGE_WORDS = frozenset({"old"})
"""Words skipped after the unit: "36-year-old Australian climber" is about the climber, not "old"."""
_STAMP_WORDS = frozenset(
    {"updat", "publish", "post", "modifi", "creat", "file", "edit", "date", "last", "am", "pm", "edt", "est", "bst"}
)
"""Norms of the words of a publication stamp: a value beside them dates the page, not the event."""
_STAMP_REACH = 6
"""Words before a date looked at for a stamp word ("posted in Hit and Run Accidents on Friday, September 20")."""

_SPEECH_VERBS = frozenset({"said", "says", "told", "announced", "added", "stated", "confirmed", "reported"})
_DATE_LEADS = frozenset({"on", "late", "early", "last", "night", "morning", "afternoon", "evening"})
"""Words between a date and what it dates ("charged late Friday", "fire on Friday night")."""
_POSSESSIVE = re.compile("['’]s$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_AMBIGUOUS_DATE_WORDS = frozenset({"may", "march"})
"""Month names that are also common words: read as months only when capitalised mid-sentence."""


@dataclass(frozen=True, slots=True)
class Number:
    """A number as one passage gives it, with the words that say what it counts."""

    value: float
    shown: str
    passage_id: str
    unit: str | None
    """The content word right after the number (norm): "cent" in "19 cents"."""
    before: str | None
    """The nearest content word before it: "rose" in "rose by 19 cents"."""
    after: str | None
    """The first content word after the unit (or after the number when it has none): "kill" in "30
    people were killed", "indict" in "In 1969, he was indicted"."""
    where: str | None = None
    """The place it was counted in (norm), when a place follows it: "provinc" in "170,000 people in the
    province", "asia" in "230,000 people across Asia"."""
    currency: str | None = None
    """For a sum of money, its currency ("dollar" for "$2.6 million" and "US$999")."""
    item: str | None = None
    """For a sum, the item it prices: the number-word compound nearest before it in its clause ("15-inch"), or
    after it when none is before."""
    sole: bool = False
    """For a sum in a headline, whether it is the only sum in its currency that the headline gives."""
    share: bool = False
    """For a sum, whether it is a share of another ("$281 million of the purchase price")."""


@dataclass(frozen=True, slots=True)
class Date:
    """A date as one passage gives it: any of year, month, day and weekday, and the word it dates."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    topic: str
    """The word it dates (norm): "crash" in "the crash on May 2"."""
    shown: str
    passage_id: str


def same_quantity(a: Number, b: Number) -> bool:
    """Whether two numbers count the same thing (see the module docstring)."""
    if a.where and b.where and a.where != b.where:
        return False
    if a.currency or b.currency:
        return a.currency == b.currency and _same_sum(a, b)
    if a.unit != b.unit:
        return False
    if a.unit in _TOLL_UNITS:
        return True
    if a.before and b.before:
        return a.before == b.before
    return a.after is not None and a.after == b.after


def _same_sum(a: Number, b: Number) -> bool:
    """Whether two sums in one currency price the same thing: one item, each its headline's only sum, or one word
    before and no different word after ("AMD's $334 million deal" is not "AMD's $281 million stake"), neither a
    share of another sum ("AMD said $281 million of the purchase price will be in cash")."""
    if a.item and b.item:
        return a.item == b.item
    if a.sole and b.sole:
        return True
    if a.share or b.share:
        return False
    return a.before is not None and a.before == b.before and (a.unit is None or b.unit is None or a.unit == b.unit)


def dates_disagree(a: Date, b: Date) -> bool:
    """Whether two dates of the same word name different days (or months, or years) for it."""
    if any(
        x is not None and y is not None and x != y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    ):
        return True
    weekday_a, weekday_b = _weekday_of(a), _weekday_of(b)
    return weekday_a is not None and weekday_b is not None and weekday_a != weekday_b


def _weekday_of(date: Date) -> int | None:
    """The weekday the date gives, or the one its full date falls on."""
    if date.weekday is not None:
        return date.weekday
    if date.year is None or date.month is None or date.day is None:
        return None
    try:
        return datetime.date(date.year, date.month, date.day).weekday()
    except ValueError:
        return None


def numbers(passage: Passage, tokens: Sequence[Token]) -> list[Number]:
    """The numbers of a passage that say how many or how much: not parts of dates, addresses or stamps."""
    skip = _date_token_indices(tokens)
    found: list[Number] = []
    previous_end: int | None = None
    for i, token in enumerate(tokens):
        if not token.is_number or i in skip or (i > 0 and tokens[i - 1].is_number) or _in_address(passage, token):
            continue
        value, last = _number_at(passage, tokens, i)
        if value is None:
            continue
        if last + 1 < len(tokens) and tokens[last + 1].norm in SCALES:
            value *= SCALES[tokens[last + 1].norm]
            last += 1
        sign = _CURRENCY_SIGN.search(
            passage.text, max(0, token.start - passage.start - _CURRENCY_REACH), token.start - passage.start
        )
        sign_at = passage.start + sign.start() if sign else token.start
        unit_at = next(
            (j for j in range(last + 1, min(len(tokens), last + 1 + _UNIT_REACH)) if _is_context(tokens[j])), None
        )
        before = next(
            (
                t
                for t in reversed(tokens[max(0, i - _AROUND) : i])
                if _says_what(t) and t.norm not in HEDGES and t.end <= sign_at - (sign_at < token.start)
            ),
            None,
        )
        if before is not None and before.norm in _STAMP_WORDS:
            continue
        rest_at = unit_at + 1 if unit_at is not None else last + 1 + _UNIT_REACH
        rest = tokens[rest_at : rest_at + _AROUND]
        after = next((t for t in rest if _is_context(t) and t.norm not in _AGE_WORDS), None)
        unit = tokens[unit_at] if unit_at is not None else None
        if previous_end is not None and _restates(passage, previous_end, token, unit):
            continue
        currency = _SIGNS[sign.group(1)] if sign else unit.norm if unit and unit.norm in _CURRENCY_WORDS else None
        if sign:
            first, end = token, tokens[last].end
            first_start = sign_at
        else:
            first, end = (token, unit.end) if unit else (before or token, tokens[last].end)
            first_start = first.start
        previous_end = max(end, tokens[last].end)
        shown = _raw(passage, first_start, previous_end)
        found.append(
            Number(
                value,
                shown,
                passage.id,
                unit.norm if unit else None,
                before.norm if before else None,
                after.norm if after else None,
                where=_where(tokens, unit_at + 1 if unit_at is not None else last + 1),
                currency=currency,
                item=_item(passage, token.start, end) if currency else None,
                share=bool(currency and _SHARE.match(passage.text, tokens[last].end - passage.start)),
            )
        )
    if passage.kind is not PassageKind.HEADLINE:
        return found
    sums = Counter(n.currency for n in found if n.currency)
    return [dataclasses.replace(n, sole=True) if n.currency and sums[n.currency] == 1 else n for n in found]


def _where(tokens: Sequence[Token], index: int) -> str | None:
    """The place a count was counted in, when the words right after it name one ("in the province", "across Asia")."""
    if index >= len(tokens) or tokens[index].text.lower() not in _WHERE_LEADS:
        return None
    place = next((t for t in tokens[index + 1 : index + 1 + _AROUND] if _is_context(t)), None)
    if place is None or not (place.norm in _PLACE_WORDS or place.is_capitalized):
        return None
    return place.norm


def _item(passage: Passage, start: int, end: int) -> str | None:
    """The item a sum prices: the number-word compound that "for" leads to right after it ("$1,799 for a 15-inch
    version"), else the nearest before it in its clause ("the 15-inch will sell for $1499"), else the first after it.
    """
    text, offset = passage.text, passage.start
    ends = [m.end() for m in _CLAUSE_END.finditer(text)]
    clause_start = max((e for e in ends if e <= start - offset), default=0)
    clause_end = min((e for e in ends if e > end - offset), default=len(text))
    bought = _BOUGHT.match(text, end - offset, clause_end)
    if bought is not None:
        return bought.group(1).lower()
    before = [m.group().lower() for m in _ITEM.finditer(text, clause_start, start - offset)]
    if before:
        return before[-1]
    after = _ITEM.search(text, end - offset, clause_end)
    return after.group().lower() if after else None


def _restates(passage: Passage, previous_end: int, token: Token, unit: Token | None) -> bool:
    """Whether a number only converts the one before it, in brackets right after it, to another unit or currency.

    "a depth of 10 kilometers (6 miles)" and "10 kilometres (6.2 miles)" agree
    on the depth; their conversions, rounded differently, are no dispute.
    The number before the bracket still stands for the quantity, so "10
    kilometers (6 miles)" against "12 kilometers (7.5 miles)" is still flagged.
    Only a measure or a sum converts: "killed 30 people (12 children)" counts
    a part of them, which can be disputed in its own right.
    """
    between = _CONVERSION.fullmatch(passage.text, previous_end - passage.start, token.start - passage.start)
    return between is not None and (
        between.group().rstrip()[-1:] != "(" or (unit is not None and unit.norm in _MEASURES)
    )


def _raw(passage: Passage, start: int, end: int) -> str:
    return passage.text[start - passage.start : end - passage.start]


def _in_address(passage: Passage, token: Token) -> bool:
    """Whether a number is part of a web address or a path ("…/2012/09/10/…", "article-1.1313430"), or garbled.

    A number glued to U+FFFD ("4\ufffd months", a "½" lost in decoding) has
    no value one can read either.
    """
    text, offset = passage.text, token.start - passage.start
    start = text.rfind(" ", 0, offset) + 1
    end = text.find(" ", offset)
    chunk = text[start : end if end >= 0 else len(text)]
    if "\ufffd" in chunk:
        return True
    return (
        "://" in chunk or "www." in chunk or chunk.count("/") >= 2 or ("/" in chunk and any(c.isalpha() for c in chunk))
    )


def _number_at(passage: Passage, tokens: Sequence[Token], i: int) -> tuple[float | None, int]:
    """The value of the number that starts at token ``i`` and the index of its last token.

    The tokenizer splits "2-1/2" and "2 1/2" into three numbers and reads
    "2½" as a word it cannot parse, so a fraction is read from the text:
    otherwise "a 2-1/2 year sentence" would be "2" and agree with "2 years".
    A time of day is read in hours, so "02:41 GMT" is "0241 GMT", "4:00
    p.m." is "4 p.m." and "4:30 p.m." differs from "3:30 p.m.".
    """
    token = tokens[i]
    short = _SHORT_SCALE.match(passage.text, token.start - passage.start)
    if short is not None:
        end = passage.start + short.end()
        last = max(j for j in range(i, len(tokens)) if tokens[j].start < end)
        return float(short.group(1).replace(",", "")) * _SHORT_SCALES[short.group(2)], last
    clock = _CLOCK.match(passage.text, token.start - passage.start)
    if clock is not None:
        hours, minutes = clock.group(1) or clock.group(3), clock.group(2) or clock.group(4)
        return int(hours) + int(minutes) / 60, i + 1 if clock.group(1) else i
    fraction = _FRACTION.match(passage.text, token.start - passage.start)
    if fraction is not None:
        whole, numerator, denominator, glyph = fraction.groups()
        part = unicodedata.numeric(glyph) if glyph else int(numerator) / int(denominator) if int(denominator) else None
        if part is not None:
            end = passage.start + fraction.end()
            last = max(j for j in range(i, len(tokens)) if tokens[j].start < end)
            return (int(whole) if whole else 0) + part, last
    try:
        return float(token.norm), i
    except ValueError:
        return None, i


def _says_what(token: Token) -> bool:
    """Whether a word before a number can say what it is: a content word, a day too ("Saturday at 4:30 p.m.")."""
    return not token.is_number and token.norm not in STOPWORDS and token.norm not in SCALES


def _is_context(token: Token) -> bool:
    return not token.is_number and token.norm not in STOPWORDS and token.norm not in SCALES and not is_date_name(token)


def dates(passage: Passage, tokens: Sequence[Token]) -> list[Date]:
    """The dates of a passage that date something: a month (with its day and year) or a weekday.

    Only capitalised names count, "May" and "March" only past the first
    word, where a capital marks a name rather than a sentence start. A
    weekday next to a month ("Tuesday, July 27, 2004") is part of that date.
    A weekday that dates a statement ("said Wednesday") is left out:
    outlets report one event on different days.
    """
    found: list[Date] = []
    used: set[int] = set()
    for first, last, year, month, day, weekday in _date_spans(tokens):
        if any(j in used for j in range(first, last + 1)):
            continue
        used.update(range(first, last + 1))
        if weekday is not None and month is None and _when_said(tokens, first):
            continue
        before = next((t for t in reversed(tokens[max(0, first - _AROUND) : first]) if _dates_it(t)), None)
        after = None if before else next((t for t in tokens[last + 1 : last + 1 + _AROUND] if _dates_it(t)), None)
        context = before or after
        stamped = any(t.norm in _STAMP_WORDS for t in tokens[max(0, first - _STAMP_REACH) : first])
        if context is None or stamped or context.norm in _STAMP_WORDS:
            continue
        start = before.start if before else tokens[first].start
        end = after.end if after else _word_end(passage, tokens[last].end)
        found.append(Date(year, month, day, weekday, context.norm, _raw(passage, start, end), passage.id))
    return found


_Span = tuple[int, int, int | None, int | None, int | None, int | None]
"""A written date: first and last token index, year, month, day, weekday."""


def _date_spans(tokens: Sequence[Token]) -> list[_Span]:
    """Each date written in the tokens, longest first where two start at one word."""
    spans: list[_Span] = []
    for i, token in enumerate(tokens):
        if not token.is_capitalized:
            continue
        name = _bare(token)
        if name in _AMBIGUOUS_DATE_WORDS and i == 0:
            continue
        if name in MONTHS:
            first = last = i
            day = _day(tokens, i - 1)
            if day is not None:
                first = i - 1
            elif (day := _day(tokens, i + 1)) is not None:
                last = i + 1
            if name in MONTH_ABBREVIATIONS and day is None:
                continue
            year = _year(tokens, last + 1)
            last += year is not None
            weekday = None
            lead = next((j for j in range(first - 1, max(-1, first - 3), -1) if _bare(tokens[j]) in WEEKDAYS), None)
            if lead is not None:
                first, weekday = lead, WEEKDAYS[_bare(tokens[lead])]
            spans.append((first, last, year, MONTHS[name], day, weekday))
        elif name in WEEKDAYS:
            spans.append((i, i, None, None, None, WEEKDAYS[name]))
    spans.sort(key=lambda span: (span[0], -span[1]))
    return spans


def _day(tokens: Sequence[Token], index: int) -> int | None:
    if not 0 <= index < len(tokens):
        return None
    match = _ORDINAL.match(tokens[index].text)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _year(tokens: Sequence[Token], index: int) -> int | None:
    if not 0 <= index < len(tokens):
        return None
    text = tokens[index].text
    return int(text) if len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2200 else None


def _date_token_indices(tokens: Sequence[Token]) -> set[int]:
    """Indices of the tokens that belong to a date: its numbers are days and years, not counts."""
    return {j for first, last, *_ in _date_spans(tokens) for j in range(first, last + 1)}


def _word_end(passage: Passage, end: int) -> int:
    """Where the written word holding ``end`` ends: a date quoted as "in November" must not drop "-end"."""
    text, start = passage.text, passage.start
    stop = end - start
    while stop < len(text) and (text[stop].isalnum() or text[stop] in "-–"):
        stop += 1
    return start + stop


def _dates_it(token: Token) -> bool:
    """Whether a word near a date can be what it dates: a content word that is no number or date itself."""
    return _is_context(token) and token.text.lower() not in _DATE_LEADS


def is_date_name(token: Token) -> bool:
    """A month or weekday name: compared as a date, never as a name, a spelling or a unit."""
    name = _bare(token)
    return name in MONTHS or name in WEEKDAYS


def _bare(token: Token) -> str:
    """A word as a date name would be written: lower case, no abbreviation dot or possessive ("Thursday's")."""
    return _POSSESSIVE.sub("", token.text.lower()).rstrip(".")


def _when_said(tokens: Sequence[Token], index: int) -> bool:
    """Whether the weekday at ``index`` dates a statement ("said Wednesday", "told reporters on Monday")."""
    before = [t.text.lower() for t in tokens[max(0, index - 3) : index]]
    while before and before[-1] in _DATE_LEADS:
        before.pop()
    return any(word in _SPEECH_VERBS for word in before[-2:])
