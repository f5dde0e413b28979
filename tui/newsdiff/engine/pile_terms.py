"""The words that tell which event an article reports, for sorting a pile into stories.

Two articles report one event when they share its distinctive words: the
people and places named, the numbers, the rare nouns. Page furniture must
not count: a web page's address line, its "Updated 09/14/2013 01:03 PM"
stamp, a byline or a "Share this article" line says nothing about the event,
yet repeats across every page of one site and would pull one outlet's stories
together. So lines that are furniture are skipped, the headline counts more
(it names the event), and names and numbers count more than common words
(two earthquakes share "magnitude" and "quake"; only the place and the
strength tell them apart).
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsdiff.engine.boilerplate import is_boilerplate
from newsdiff.engine.model import Article
from newsdiff.engine.normalize import normalize_word
from newsdiff.engine.stopwords import STOPWORDS

HEADLINE_WEIGHT = 2.0
"""How much a word of the headline counts against one of the body."""
NAME_WEIGHT = 3.0
"""How much a capitalised word inside a sentence (a name) or a number counts against a common word."""

_ADDRESS = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_STAMP_START = re.compile(
    r"(?:updated|posted|published|last (?:updated|modified)|by|photo|image|credit|source|filed under|tags?"
    r"|comments?|email|print)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
"""Numbers and runs of letters: a bag of words needs no spans, so "Jong-un" is two words and "Putin's" is "Putin"."""
_SENTENCE_END = re.compile(r"[.!?:\"“]")
_DATE_WORD_LIST = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec st nd rd th at am pm a m p gmt bst est edt pst pdt cet utc ist
updated posted published
"""
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
"""Words of a line that is only a date or time stamp ("Wednesday, 05 January 2011", "August 17, 2011 6:11 PM")."""
_STAMP_WORD = re.compile(r"[^\W\d_]+|\d+")
_STAMP_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 25


def pile_terms(article: Article) -> dict[str, float]:
    """Weighted counts of the article's content words (stemmed), furniture left out.

    Words of the headline are weighted ``HEADLINE_WEIGHT``; numbers, and names
    (a capital inside a sentence of the body: a headline capitalises every
    word), ``NAME_WEIGHT``; the two multiply.
    """
    terms: defaultdict[str, float] = defaultdict(float)
    for number, line in enumerate(content_lines(article)):
        headline = number == 0 and _is_headline(line)
        line_weight = HEADLINE_WEIGHT if headline else 1.0
        previous_end = 0
        for match in _WORD.finditer(line):
            word = match.group()
            sentence_start = previous_end == 0 or _SENTENCE_END.search(line, previous_end, match.start()) is not None
            previous_end = match.end()
            norm = normalize_word(word)
            number_like = norm[:1].isdigit()
            if norm in STOPWORDS or (len(norm) < 2 and not number_like):
                continue
            named = number_like or (word[:1].isupper() and not sentence_start and not headline)
            terms[norm] += line_weight * (NAME_WEIGHT if named else 1.0)
    return dict(terms)


def content_lines(article: Article) -> list[str]:
    """The article's lines that are not furniture (address, stamp, byline, "Share this"), stripped."""
    lines = []
    for raw in article.text[article.body_start :].splitlines():
        line = raw.strip()
        if line and not is_furniture_line(line):
            lines.append(line)
    return lines


def is_furniture_line(line: str) -> bool:
    """A web address alone, a date, a dated stamp or byline, or a line ``boilerplate`` knows as furniture."""
    if _ADDRESS.fullmatch(line) or is_boilerplate(line):
        return True
    words = len(line.split())
    if words > _STAMP_MAX_WORDS:
        return False
    if _STAMP_START.match(line) is not None or _CLOCK.search(line) is not None:
        return True
    return all(word.isdigit() or word.lower() in _DATE_WORDS for word in _STAMP_WORD.findall(line))


def headline_of(article: Article) -> str:
    """The article's headline for a list of stories: its title unless that is an address, else its first line."""
    if article.title and not _ADDRESS.match(article.title):
        return article.title
    lines = content_lines(article)
    return lines[0] if lines else article.title


def _is_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS
