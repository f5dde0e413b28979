"""Split an article into passages: a headline, sentences and boilerplate lines.

News text is one paragraph per line, so a line break always ends a passage,
except inside a hard-wrapped paragraph (short lines of similar width that stop
mid-sentence), which is joined back. Inside a paragraph, a sentence ends at
``.``, ``!``, ``?`` or ``…`` (with any closing quotes) followed by a capital,
unless the word before is an abbreviation ("Mr.", "St. Petersburg", "U.S.")
or the quote is followed by its attribution (``...to Russia?" President Putin
said.``). A lower-case word after a full stop never starts a sentence: in news
copy that is a typo or an abbreviation, and splitting there would cut a claim
in two. Every span is exact and stripped of surrounding whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsdiff.engine.boilerplate import dateline_length, is_boilerplate
from newsdiff.engine.model import Article, Passage, PassageKind


@dataclass(frozen=True, slots=True)
class PassageSpan:
    """Where one passage lies in a text, before it becomes a ``Passage``."""

    kind: PassageKind
    start: int
    end: int
    content_start: int


_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
"""Sentence-final punctuation with its closing quotes or brackets, before a space."""

_OPENERS = "\"“‘'«([-–—"

_QUOTES = "\"”’'»"

_MARKUP = re.compile(r"(?:#{1,6}[ \t]+|>[ \t]*|[-*+•][ \t]+)")
"""Markdown heading, quote and bullet markers that open a line but are not text."""

_HEADING = re.compile(r"#{1,6}[ \t]+")

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "messrs",
        "mme",
        "mlle",
        "dr",
        "prof",
        "rev",
        "fr",
        "hon",
        "pres",
        "gov",
        "sen",
        "rep",
        "amb",
        "atty",
        "gen",
        "lt",
        "col",
        "maj",
        "brig",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "const",
        "supt",
        "det",
        "insp",
        "vs",
    ]
)
"""Abbreviations that are always followed by what they qualify ("Mr. Putin")."""

_NUMBER_SIGNS = frozenset(("no", "nos"))
"""Abbreviations of "number". Capitalised they are one ("No. 5", "Symphony No. IX") unless a
sentence opener follows; in lower case only before a figure, else the word "no" ("He said no.")."""

_ABBREVIATIONS = frozenset(
    [
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "etc",
        "approx",
        "dept",
        "est",
        "fig",
        "vol",
        "ch",
        "pt",
        "art",
        "sec",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
"""Abbreviations that may also end a sentence ("... in St. Petersburg" vs "... Corp.")."""

_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "if",
        "when",
        "while",
        "after",
        "before",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "as",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "now",
    ]
)
"""Words that make an ambiguous abbreviation ("U.S.", "Corp.") end its sentence."""

_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "told",
        "asked",
        "added",
        "continued",
        "stated",
        "explained",
        "noted",
        "warned",
        "wrote",
        "insisted",
        "replied",
        "answered",
        "argued",
        "claimed",
        "declared",
        "tweeted",
    ]
)

_ATTRIBUTION_CLAUSE = re.compile(r"[^.,;!?\"“”]*")

_MAX_ATTRIBUTION_WORDS = 6

_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
_SHORT_HEADLINE_WORDS = 12
_HEADLINE_MIN_WORDS = 3
_TITLE_CASE_SHARE = 0.6
_HEADLINE_CASE_SHARE = 0.85
"""Capitalised share that makes a paragraph a title-case headline for splitting: a sentence full
of names ("It happened in the U.S. In Canada, nothing.") reaches 0.6, never this."""
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "vs",
        "via",
    ]
)

_WRAP_MIN_CHARS = 40
_WRAP_MAX_CHARS = 100
_TERMINAL_CHARS = ".!?…:\"”’'»)"
_CONTINUING_CHARS = ",;-–—"
"""A line ending in one of these goes on in the next line."""

_DATELINE_PARAGRAPHS = 3
"""A dateline opens one of the first paragraphs (after a headline or byline)."""
MAX_SENTENCE_CHARS = 1000
"""Longest passage a sentence makes; a longer run without a full stop is cut (``_capped``)."""


def segment(article: Article) -> tuple[Passage, ...]:
    """Every passage of ``article`` in reading order, with exact spans."""
    text = article.text
    return tuple(
        Passage(
            id=f"{article.id}:{index}",
            article_id=article.id,
            index=index,
            start=span.start,
            end=span.end,
            text=text[span.start : span.end],
            kind=span.kind,
            content_start=span.content_start,
        )
        for index, span in enumerate(passage_spans(text, article.body_start))
    )


def passage_spans(text: str, body_start: int = 0) -> Iterator[PassageSpan]:
    """Lazily yield the passage spans of ``text[body_start:]`` in order.

    Lazy so that a loader can take the first passage for a title without
    segmenting a whole long article.
    """
    seen_content = False
    sentence_paragraphs = 0
    paragraphs = _paragraphs(text, body_start)
    pending = next(paragraphs, None)
    while pending is not None:
        start, end, furniture = pending
        pending = next(paragraphs, None)
        if furniture:
            yield PassageSpan(PassageKind.BOILERPLATE, start, end, start)
            continue
        heading = _HEADING.match(text, start, end) is not None
        marker = _MARKUP.match(text, start, end)
        if marker is not None and marker.end() < end:
            start = marker.end()
            while text[start].isspace():
                start += 1
        if not seen_content and pending is not None and _is_headline(text[start:end], heading):
            seen_content = True
            yield PassageSpan(PassageKind.HEADLINE, start, end, start)
            continue
        seen_content = True
        sentences = _sentence_bounds(text, start, end)
        if sentence_paragraphs < _DATELINE_PARAGRAPHS:
            first_start, first_end = sentences[0]
            content_start = first_start + dateline_length(text[first_start:first_end])
        else:
            content_start = start
        sentence_paragraphs += 1
        for sentence_start, sentence_end in sentences:
            yield PassageSpan(
                PassageKind.SENTENCE,
                sentence_start,
                sentence_end,
                max(content_start, sentence_start),
            )


def _paragraphs(text: str, body_start: int) -> Iterator[tuple[int, int, bool]]:
    """Stripped ``(start, end, is_boilerplate)`` paragraphs: lines, or joined wrapped blocks."""
    block: list[tuple[int, int, int]] = []
    for line_start, line_end in _line_bounds(text, body_start):
        line = text[line_start:line_end]
        stripped = line.strip()
        if stripped and not is_boilerplate(stripped):
            lead = len(line) - len(line.lstrip())
            block.append((line_start + lead, line_start + lead + len(stripped), len(line)))
            continue
        yield from _block_paragraphs(text, block)
        block = []
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield line_start + lead, line_start + lead + len(stripped), True
    yield from _block_paragraphs(text, block)


def _line_bounds(text: str, start: int) -> Iterator[tuple[int, int]]:
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        yield start, end
        start = end + 1


def _block_paragraphs(text: str, block: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, bool]]:
    if _is_wrapped(text, block):
        yield block[0][0], block[-1][1], False
        return
    for start, end, _width in block:
        yield start, end, False


def _is_wrapped(text: str, block: list[tuple[int, int, int]]) -> bool:
    """Whether consecutive lines are one hard-wrapped paragraph rather than paragraphs.

    Wrapped lines have a typewriter width and mostly stop mid-sentence; lines
    that are each a paragraph (like every seed article) are long or end in
    sentence punctuation. Two lines alone say too little: a headline over its
    standfirst ("Two million euro jewellery heist in central Paris" over
    "Thieves pulled off...") looks like a wrapped line, so two lines are one
    paragraph only when the second visibly goes on with the first's sentence
    (it opens in lower case, or the first ends in a comma or hyphen).
    """
    if len(block) < 2:
        return False
    inner = block[:-1]
    if not all(_WRAP_MIN_CHARS <= width <= _WRAP_MAX_CHARS for _s, _e, width in inner):
        return False
    open_ended = sum(1 for _start, end, _width in inner if text[end - 1] not in _TERMINAL_CHARS)
    if len(block) == 2:
        (first_end, second_start) = (block[0][1], block[1][0])
        return open_ended == 1 and (text[first_end - 1] in _CONTINUING_CHARS or text[second_start].islower())
    return open_ended * 2 >= len(inner)


def _is_headline(line: str, heading: bool) -> bool:
    """Whether an article's first line is a title rather than its first sentence.

    A title is short, has no final full stop and is Title Case or very short;
    a Markdown heading always is one.
    """
    if heading:
        return True
    words = line.split()
    if (
        len(line) > _HEADLINE_MAX_CHARS
        or not _HEADLINE_MIN_WORDS <= len(words) <= _HEADLINE_MAX_WORDS
        or line[-1] in ".,;:"
        or len(_sentence_bounds(line, 0, len(line))) > 1
    ):
        return False
    return _capitalised_share(words) >= _TITLE_CASE_SHARE or len(words) <= _SHORT_HEADLINE_WORDS


def _capitalised_share(words: list[str]) -> float:
    """The share of words that are not minor ("of", "the") starting with a capital (0 without such words)."""
    major = [w for w in words if w[0].isalpha() and w.lower() not in _MINOR_WORDS]
    return sum(1 for w in major if w[0].isupper()) / len(major) if major else 0.0


def _sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of the stripped paragraph ``text[start:end]`` (never empty)."""
    bounds: list[tuple[int, int]] = []
    current = start
    headline = None
    for match in _END.finditer(text, start, end):
        following = match.end()
        while following < end and text[following].isspace():
            following += 1
        if following >= end:
            break
        if headline is None:
            headline = _is_title_case_line(text[start:end])
        if _has_words(text, current, match.start()) and _ends_sentence(text, match, following, end, headline):
            bounds.append((current, match.end()))
            current = following
    bounds.append((current, end))
    return [piece for a, b in bounds for piece in _capped(text, a, b)]


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a letter or digit.

    Punctuation with nothing before it ("? Apple is…" on a scraped page, a
    leading "...") ends no sentence: alone it would be a passage, then a claim,
    with no statement in it.
    """
    return any(character.isalnum() for character in text[start:end])


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_SENTENCE_CHARS``, cut after a comma or at a space if it can.

    No news sentence comes near the limit (the longest of the corpus's 6,707
    is 420 characters); text without full stops (a pasted table, a run-on
    transcript, a line of noise) does, and every later stage compares
    sentences word by word, so one sentence of 200,000 characters took
    minutes and gigabytes. Each piece keeps its exact span.
    """
    half = MAX_SENTENCE_CHARS // 2
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start + half : start + MAX_SENTENCE_CHARS]
        comma = max(window.rfind(", "), window.rfind("; "))
        space = max(window.rfind(" "), window.rfind("\t"))
        if comma >= 0:
            cut = start + half + comma + 1
        elif space >= 0:
            cut = start + half + space
        else:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = cut
        while text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _is_title_case_line(paragraph: str) -> bool:
    """Whether a paragraph reads as a title-case headline ("Lohan Returns To L.A. For Court... Again").

    In a headline every word is capitalised, so a capital after "L.A." or
    "..." is no sign of a new sentence.
    """
    words = paragraph.split()
    return (
        _HEADLINE_MIN_WORDS <= len(words) <= _HEADLINE_MAX_WORDS and _capitalised_share(words) >= _HEADLINE_CASE_SHARE
    )


def _ends_sentence(text: str, match: re.Match[str], following: int, end: int, headline: bool) -> bool:
    """Whether the punctuation ``match`` ends a sentence, given what follows it.

    Inside a title-case ``headline`` an abbreviation or an ellipsis never ends one.
    """
    after = text[following : min(end, following + 120)]
    first = after.lstrip(_OPENERS)[:1]
    if not first or first.islower() or not first.isalnum():
        return False
    punctuation = match.group()
    closed_quote = punctuation[-1] in _QUOTES
    if punctuation == ".":
        word = _word_before(text, match.start())
        if _is_abbreviation(word, after, headline):
            return False
    if headline and punctuation.startswith(("...", "…")):
        return False
    return not (closed_quote and _is_attribution(after))


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip(_OPENERS)


def _is_abbreviation(word: str, after: str, headline: bool) -> bool:
    """Whether the full stop after ``word`` marks an abbreviation, not a sentence end.

    An ambiguous one ("U.S.", "L.A.", "Jr.") ends the sentence only before a
    sentence opener ("... by the U.S. The war went on."), never in a headline,
    where "For" and "The" are capitalised anyway ("Lohan Returns To L.A. For Court Date").
    """
    key = word.lower()
    if key in _TITLES:
        return True
    if key in _NUMBER_SIGNS and word[0].islower():
        return after.lstrip(_OPENERS)[:1].isdigit()
    initial = len(word) == 1 and word.isalpha()
    dotted = "." in word and any(char.isalpha() for char in word)
    if not (initial or dotted or key in _ABBREVIATIONS or key in _NUMBER_SIGNS):
        return False
    next_word = after.lstrip(_OPENERS).split(maxsplit=1)[0].strip(".,;:!?").lower()
    return headline or next_word not in _SENTENCE_STARTERS


def _is_attribution(after: str) -> bool:
    """Whether ``after`` opens with a speech tag ("President Putin said.")."""
    if after[0] in _OPENERS:
        return False
    clause = _ATTRIBUTION_CLAUSE.match(after)
    words = clause.group().split() if clause else []
    if not words or len(words) > _MAX_ATTRIBUTION_WORDS:
        return False
    verbs = [i for i, w in enumerate(words) if w.lower() in _SPEECH_VERBS]
    return bool(verbs) and (verbs[0] == 0 or verbs[-1] == len(words) - 1 or len(words) <= 4)
