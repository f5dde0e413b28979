"""What a sentence states, apart from who says it, whom it names and when.

Two reports of one event share names, dates and speakers with many sentences
that state different things: "'We are thrilled...,' producers Craig Zadan
and Neil Meron said" and "... will return to host, producers Craig Zadan and
Neil Meron announced" share five words, all of them the speakers. And in a
pile of unrelated stories, generic lines share the one word they have
("So what do you think?" and "Think about this, though."). A claim joins
statements, so ``Evidence`` counts the words two texts share by kind:

- statement words: content words that are not names, numbers, dates or
  times, and not in a part that only names a source
  (``clauses.attribution_spans``) or in a web address;
- names: capitalised words inside a sentence (not its first word, and not in
  a headline written in title case or capitals, where case says nothing),
  outside attribution parts;
- figures: numbers, dates and times included: a shared date is specific
  ("sentenced November 8" and "to be sentenced Nov. 8"), but with no
  statement word beside it is only a timestamp.

``similarity.Matcher`` asks for enough of it (``says_enough``) before two
texts can be one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdiff.engine.calendar_words import WHEN_WORDS
from newsdiff.engine.clauses import attribution_spans
from newsdiff.engine.normalize import Token, normalize_word, tokenize
from newsdiff.engine.stopwords import STOPWORDS

MIN_STATEMENT_WORDS = 2
"""Statement words two texts must share to be one claim on their own."""
MIN_SPECIFIC_WORDS = 1
"""With one shared statement word, the shared names or figures that make up for the second."""
MIN_PARAPHRASE_NAMES = 2
"""With sentence vectors, the shared names or figures that let a pair with no shared statement word be judged."""
TITLE_CASE_SHARE = 0.6
"""Share of capitalised content words above which a text is a headline: its case tells no names."""

_TIME_WORDS = frozenset(normalize_word(w) for w in WHEN_WORDS)
"""Words of dates, times and page addresses (normalised): when, not what."""
_ATTRIBUTION_WORDS = frozenset(
    normalize_word(w) for w in ["announced", "added", "stated", "reported", "noted", "quoted"]
)
"""Reporting verbs that ``stopwords`` leaves as content words."""
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
"""A web address: where a page lives, not what it says (two pages of one site share most of theirs)."""
_SENTENCE_OPENING = re.compile(r"[.!?:;\"“”‘(\[—–]\s*$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of one text by kind (normalised forms)."""

    statement: frozenset[str]
    names: frozenset[str]
    figures: frozenset[str]

    @staticmethod
    def of(text: str) -> Evidence:
        """Sort the content words of ``text`` into statement words, names and figures."""
        tokens = tokenize(text)
        quiet = attribution_spans(text) + [m.span() for m in _ADDRESS.finditer(text)]
        words = [t for t in tokens if t.norm not in STOPWORDS and not t.is_number]
        headline = len(words) >= 3 and sum(t.is_capitalized for t in words) > TITLE_CASE_SHARE * len(words)
        statement: set[str] = set()
        names: set[str] = set()
        figures: set[str] = set()
        for n, token in enumerate(tokens):
            if token.norm in STOPWORDS or token.norm in _TIME_WORDS or token.norm in _ATTRIBUTION_WORDS:
                continue
            if any(a <= token.start < b for a, b in quiet):
                continue
            if token.is_number or token.norm[:1].isdigit():
                figures.add(token.norm)
            elif token.is_capitalized and not headline and not _opens_sentence(text, tokens, n):
                names.add(token.norm)
            else:
                statement.add(token.norm)
        return Evidence(frozenset(statement - names), frozenset(names), frozenset(figures))


def says_enough(a: Evidence, b: Evidence, *, vectors: bool = False) -> bool:
    """Whether two texts share enough of what they state to be one claim.

    Two shared statement words, or one and a shared name or figure ("five
    villages" in one district and "four villages" in it: one fact,
    disputed). A word that one text uses as a name and the other not (a
    headline's "Colts") counts as a name. One name or speaker alone never
    does: that makes two statements about one person, not one claim.

    With sentence ``vectors`` the statements may match in other words
    ("had not requested direct military involvement from North Korea in the
    conflict in Ukraine" and "no need to use North Korean soldiers for the
    war in Ukraine" share no statement word): there, ``MIN_PARAPHRASE_NAMES``
    shared names or figures outside any attribution let the encoder judge.
    """
    shared = a.statement & b.statement
    if len(shared) >= MIN_STATEMENT_WORDS:
        return True
    names = (a.names & b.names) | (a.statement & b.names) | (a.names & b.statement)
    specific = len(names) + len(a.figures & b.figures)
    if vectors and specific >= MIN_PARAPHRASE_NAMES:
        return True
    return len(shared) >= 1 and specific >= MIN_SPECIFIC_WORDS


def _opens_sentence(text: str, tokens: tuple[Token, ...], n: int) -> bool:
    """Whether token ``n`` starts the text or a sentence or quote inside it (capitalised anyway)."""
    if n == 0:
        return True
    return bool(_SENTENCE_OPENING.search(text[tokens[n - 1].end : tokens[n].start]))
