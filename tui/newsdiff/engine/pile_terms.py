"""The words that tell which event an article reports, for sorting a pile into stories.

Two articles report one event when they share its distinctive words: the
people and places named, the numbers, the rare nouns. Page furniture must
not count: a web page's address line, its "Updated 09/14/2013 01:03 PM"
stamp, a byline or a "Share this article" line says nothing about the event,
yet repeats across every page of one site and would pull one outlet's stories
together. So lines that are furniture (``boilerplate.is_boilerplate``, the
same detector that keeps them out of claims) are skipped, the headline counts more
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
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
"""Numbers and runs of letters: a bag of words needs no spans, so "Jong-un" is two words and "Putin's" is "Putin"."""
_SENTENCE_END = re.compile(r"[.!?:\"“]")
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
        if line and not is_boilerplate(line):
            lines.append(line)
    return lines


def headline_of(article: Article) -> str:
    """The article's headline for a list of stories: its title unless that is an address, else its first line."""
    if article.title and not _ADDRESS.match(article.title):
        return article.title
    lines = content_lines(article)
    return lines[0] if lines else article.title


def _is_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS
