"""Words with their exact spans and a normalised form for comparing them.

Two outlets rarely spell a claim the same way: curly or straight quotes,
"Kim Jong-un" or "Kim Jong Un", "defence" or "defense", "Putin's" or
"Putin", "weapons" or "weapon". ``tokenize`` keeps each word's exact span
(for highlights) and gives it a ``norm`` in which those differences vanish:
accents and case folded, possessives and contractions reduced, hyphenated
words split into their parts, British spellings made American, small number
words written as digits, and the result stemmed (Snowball English).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from newsdiff.engine.spelling import americanize
from newsdiff.engine.stopwords import STOPWORDS

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # dotted acronyms: U.S., e.g.
    r"|\d+(?:[.,]\d+)*(?![^\W_])"  # numbers: 1998, 2.5, 1,000
    r"|[^\W_]+(?:['’][^\W_]+)*"  # words, with inner apostrophes: Putin's, doesn't
)
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_NEGATED_BASES = {"ca": "can", "wo": "will", "sha": "shall"}
_UPPER_ACRONYMS = {"us": "usa", "uk": "uk"}
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
}
_stemmer = snowballstemmer.stemmer("english")
"""Snowball English; snowballstemmer hands it to PyStemmer's C implementation (a
dependency) when that is installed, the same algorithm about ten times faster —
stemming was half of analysing the seed story."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its exact text and span, and the form used to compare it."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.norm[:1].isdigit()

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """The comparison form of one word (no spaces, hyphens or apostrophes inside)."""
    folded = _fold(word)
    if folded in _NUMBER_WORDS:
        return _NUMBER_WORDS[folded]
    if folded[:1].isdigit():
        return folded.replace(",", "")
    stem: str = _stemmer.stemWord(americanize(folded))
    return stem


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split ``text`` into words; spans are ``offset`` plus indices into ``text``.

    The pipeline reads each passage several times (matching, clauses,
    wording differences, summary), so the words of a text are worked out
    once and cached; another ``offset`` only shifts the spans.
    """
    tokens = _tokens(text)
    if offset == 0:
        return tokens
    return tuple(Token(t.text, t.norm, t.start + offset, t.end + offset) for t in tokens)


def content_norms(text: str) -> tuple[str, ...]:
    """The norms of ``text`` that are not stopwords, in reading order."""
    return tuple(t.norm for t in _tokens(text) if t.norm not in STOPWORDS)


def forget_tokens_when_full() -> None:
    """Empty the cache of texts' words (``tokenize``) if it is full, for a caller that has read what it needs.

    The clustering profiles each text once, then compares only profiles.
    When a story's texts fit in the cache, the later stages read its
    passages' words from it (emptied, real-200 re-tokenized them in 0.1 s,
    2.5 % of its analysis). When they do not, the cache holds the last
    ``TOKENS_CACHED`` texts profiled, mostly clauses and parts the later
    stages never read, and is as large as it gets (24 MB with 1,000
    articles) just before the clustering's own largest tables are made.
    """
    if _tokens.cache_info().currsize >= TOKENS_CACHED:
        _tokens.cache_clear()


TOKENS_CACHED = 16384
"""Texts whose words ``tokenize`` keeps."""


@lru_cache(maxsize=TOKENS_CACHED)
def _tokens(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start = match.start()
        word = match.group()
        tokens.extend(Token(part, norm, start + a, start + b) for part, a, b, norm in _word_parts(word))
    return tuple(tokens)


@lru_cache(maxsize=65536)
def _word_parts(word: str) -> tuple[tuple[str, int, int, str], ...]:
    """The tokens of one matched word as (text, start, end, norm), the span relative to the word.

    Cached: a story repeats its words many times. The text is the cached
    string too, so the tokens of every occurrence of a word share one
    string (``_tokens`` keeps thousands of texts' tokens; with a string per
    occurrence, their texts were about half of its memory).
    """
    return tuple((word[a:b], a, b, norm) for a, b, norm in _word_spans(word))


def _word_spans(word: str) -> tuple[tuple[int, int, str], ...]:
    """The tokens of one matched word as (start, end, norm) relative to the word."""
    plain = word.replace("’", "'")
    lower = plain.lower()
    if lower.endswith("n't") and len(lower) > 3:
        base = lower[:-3]
        cut = len(word) - 3
        return ((0, cut, normalize_word(_NEGATED_BASES.get(base, base))), (cut, len(word), "not"))
    if "." in plain and not plain[0].isdigit():
        letters = lower.replace(".", "")
        return ((0, len(word), _UPPER_ACRONYMS.get(letters, letters)),)
    if word.isupper() and lower in _UPPER_ACRONYMS:
        return ((0, len(word), _UPPER_ACRONYMS[lower]),)
    for clitic in _CLITICS:
        if lower.endswith(clitic) and len(lower) > len(clitic):
            lower = lower[: -len(clitic)]
            break
    return ((0, len(word), normalize_word(lower.replace("'", ""))),)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
