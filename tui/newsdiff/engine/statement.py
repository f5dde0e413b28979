"""What a sentence states, apart from who says it, whom it names and when.

Two reports of one event share names, dates and speakers with many sentences
that state different things: "'We are thrilled...,' producers Craig Zadan
and Neil Meron said" and "... will return to host, producers Craig Zadan and
Neil Meron announced" share five words, all of them the speakers. And in a
pile of unrelated stories, generic lines share the one word they have
("So what do you think?" and "Think about this, though."). A claim joins
statements, so ``Evidence`` counts the words two texts share by kind:

- statement words: content words that are not names, numbers, dates or
  times, nor words that hedge a number ("at least 25", "nearly 200":
  ``values.HEDGES``), and not in a part that only names a source
  (``clauses.attribution_spans``) or in a web address;
- names: capitalised words inside a sentence (not its first word, and not in
  a headline written in title case or capitals, where case says nothing),
  outside attribution parts;
- figures: numbers, dates and times included: a shared date is specific
  ("sentenced November 8" and "to be sentenced Nov. 8"), but with no
  statement word beside it is only a timestamp.

``similarity.Matcher`` asks for enough of it (``says_enough``) before two
texts can be one claim, and for no contrast between them (``contrasts``):
two sentences about different variants of one thing ("Like the new
MacBook Air, they tout USB 3.0 ports." and "Apple today launch its new
MacBook Pro line.") report two facts, each about its own thing, however
much else they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsdiff.engine.calendar_words import WHEN_WORDS
from newsdiff.engine.clauses import attribution_spans, clause_spans
from newsdiff.engine.normalize import Token, normalize_word, tokenize
from newsdiff.engine.sets import compact_set
from newsdiff.engine.stopwords import STOPWORDS
from newsdiff.engine.values import HEDGES

MIN_STATEMENT_WORDS = 2
"""Statement words two texts must share to be one claim on their own."""
MIN_SPECIFIC_WORDS = 1
"""With one shared statement word, the shared names or figures that make up for the second."""
MIN_PARAPHRASE_NAMES = 2
"""With sentence vectors, the shared names or figures that let a pair with no shared statement word be judged."""
SHORTENED_PREFIX = 4
"""Letters two names must share at the start (all of the shorter one's, if fewer) to be one name shortened."""
TITLE_CASE_SHARE = 0.6
"""Share of capitalised content words above which a text is a headline: its case tells no names."""
NAME_SPELLING_RATIO = 80.0
"""rapidfuzz ratio (0-100) from which two names are one name spelled two ways ("Khalid", "Khaled"), or inflected
("Korea", "Korean"): no contrast (the name flag, ``diff.SPELLING_RATIO``, shows such a pair)."""

_TIME_WORDS = frozenset(normalize_word(w) for w in WHEN_WORDS)
"""Words of dates, times and page addresses (normalised): when, not what."""
_ATTRIBUTION_WORDS = frozenset(
    normalize_word(w) for w in ["announced", "added", "stated", "reported", "noted", "quoted"]
)
"""Reporting verbs that ``stopwords`` leaves as content words."""
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
"""A web address: where a page lives, not what it says (two pages of one site share most of theirs)."""
_POSSESSIVE = re.compile("['’]s?$")
_SENTENCE_OPENING = re.compile(r"[.!?:;\"“”‘(\[—–]\s*$")


Variant = tuple[str, str, str]
"""A variant name: the word before it, the name, and the name as written in lower case (``Evidence.variants``)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of one text by kind (normalised forms)."""

    statement: frozenset[str]
    names: frozenset[str]
    figures: frozenset[str]
    variants: frozenset[Variant]
    """The names its first clause (what it is about) gives as a variant of a longer name: (the word before, the
    name, the name as written in lower case). "Like the new MacBook Air, they…" gives ("macbook", "air",
    "air"); "Though the 11-inch Air still starts at US$999, …" gives ("inch", "air", "air")."""

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
        content: list[tuple[Token, bool, bool]] = []
        """Each content word, whether it is a name, and whether a name after it may name a variant of it (a name,
        or the word of a number-word compound: "13-inch MacBook Pro", "the 11-inch Air")."""
        for n, token in enumerate(tokens):
            if token.norm in STOPWORDS or token.norm in _TIME_WORDS or token.norm in _ATTRIBUTION_WORDS:
                continue
            if any(a <= token.start < b for a, b in quiet) or _hedges_number(tokens, n):
                continue
            named = False
            if token.is_number or token.norm[:1].isdigit():
                figures.add(token.norm)
            elif token.is_capitalized and not headline and not _opens_sentence(text, tokens, n):
                names.add(token.norm)
                named = True
            else:
                statement.add(token.norm)
            content.append((token, named, named or _designates(text, tokens, n)))
        subject_end = clause_spans(text)[0][1] if text.strip() else 0
        variants = {
            (content[n - 1][0].norm, token.norm, token.text.lower())
            for n, (token, named, _) in enumerate(content)
            if named and n > 0 and token.start < subject_end and content[n - 1][2]
            if _compound(text, content[n - 1][0], token)
        }
        return Evidence(compact_set(statement - names), compact_set(names), compact_set(figures), compact_set(variants))

    def leaning_on(self, variants: frozenset[Variant]) -> Evidence:
        """This evidence with the variant names of the sentence it leans on (``leaning``): what it is about."""
        return replace(self, variants=compact_set(self.variants | variants)) if variants - self.variants else self

    @property
    def words(self) -> frozenset[str]:
        """Every word it counts, of any kind."""
        return self.statement | self.names | self.figures


def says_enough(a: Evidence, b: Evidence, *, vectors: bool = False) -> bool:
    """Whether two texts share enough of what they state to be one claim.

    Two shared statement words, or one and a shared name or figure ("five
    villages" in one district and "four villages" in it: one fact,
    disputed). A word that one text uses as a name and the other not (a
    headline's "Colts") counts as a name. One name or speaker alone never
    does: that makes two statements about one person, not one claim. Nor
    is anything enough when the two are about different variants of one
    thing (``contrasts``).

    With sentence ``vectors`` the statements may match in other words
    ("had not requested direct military involvement from North Korea in the
    conflict in Ukraine" and "no need to use North Korean soldiers for the
    war in Ukraine" share no statement word): there, ``MIN_PARAPHRASE_NAMES``
    shared names or figures outside any attribution let the encoder judge.
    """
    if contrasts(a, b):
        return False
    shared = a.statement & b.statement
    if len(shared) >= MIN_STATEMENT_WORDS:
        return True
    names = (a.names & b.names) | (a.statement & b.names) | (a.names & b.statement)
    specific = len(names) + len(a.figures & b.figures)
    if vectors and specific >= MIN_PARAPHRASE_NAMES:
        return True
    return len(shared) >= 1 and specific >= MIN_SPECIFIC_WORDS


def contrasts(a: Evidence, b: Evidence) -> bool:
    """Whether two texts are about different variants of one thing: then they report two facts.

    In the first clause of each (what it is about), the same name (or
    number-word compound: "13-inch") followed by a different name, neither
    of which the other text writes: "Like the new MacBook Air, they tout
    USB 3.0 ports" and "Apple today launch its new MacBook Pro line", "the
    11-inch Air" and "The 13-inch MacBook Pro". Sentences of one shape
    about two machines share most of their words and say two things; a
    claim that joins them is false, and a ⚑ on its numbers ("5 hours" of
    the one, "seven hours" of the other) is a false alarm. Only a variant
    after the shared name counts: before it, the names are a person's first
    names ("Brian Dalton" and "Bryant Dalton" is one man, named two ways, a
    dispute to show) or a place's ("North Korea", "South Korea"). A name in a
    later clause is a detail ("…, an arc of volcanoes encircling the
    Pacific Basin" and "… the Pacific Ocean": one fact). One name written
    two ways is no contrast: spelled alike (``NAME_SPELLING_RATIO``,
    "Khalid" and "Khaled"), one beginning the other ("GT650M" and "GT
    650M", "Philly" and "Philadelphia"), or one abbreviating the other ("Mt"
    and "Mount"). Headlines in title case name nothing here.
    """
    if not a.variants or not b.variants:
        return False
    after: dict[str, set[tuple[str, str]]] = {}
    for word, name, form in b.variants:
        after.setdefault(word, set()).add((name, form))
    words_a, words_b = a.words, b.words
    for word, name, form in a.variants:
        for other, other_form in after.get(word, ()):
            if name == other or name in words_b or other in words_a or _written_alike(form, other_form):
                continue
            return True
    return False


def _written_alike(first: str, second: str) -> bool:
    """Whether two lower-case names may be one name written two ways: spelled alike, one shortened ("Philly" and
    "Philadelphia": ``SHORTENED_PREFIX`` letters in common at the start) or abbreviating the other."""
    short, long = sorted((first, second), key=len)
    if long.startswith(short[:SHORTENED_PREFIX]) or fuzz.ratio(first, second) >= NAME_SPELLING_RATIO:
        return True
    letters = iter(long)
    return short[:1] == long[:1] and all(letter in letters for letter in short)


def _hedges_number(tokens: tuple[Token, ...], n: int) -> bool:
    """Whether token ``n`` only hedges the number right after it ("at least 25", "around 40 houses").

    Such a word says how sure a count is, not what is stated: "He said at
    least 25 of the injured in his district were hospitalised" and "He said
    at least 22 houses were badly damaged in the district" share "district"
    and "least", and were one claim through them (ECB+ topic 37).
    """
    return tokens[n].norm in HEDGES and n + 1 < len(tokens) and tokens[n + 1].is_number


def _designates(text: str, tokens: tuple[Token, ...], n: int) -> bool:
    """Whether token ``n`` ends a number-word compound that tells one item from others ("13-inch", "4-door")."""
    return n > 0 and tokens[n - 1].is_number and text[tokens[n - 1].end : tokens[n].start] == "-"


def _compound(text: str, first: Token, second: Token) -> bool:
    """Whether two names stand side by side as one name ("MacBook Air"): only spaces or a hyphen between, no
    possessive ("Indonesia's Aceh" names a province of a country, not a variant of it)."""
    return not text[first.end : second.start].strip(" -") and not _POSSESSIVE.search(first.text)


def _opens_sentence(text: str, tokens: tuple[Token, ...], n: int) -> bool:
    """Whether token ``n`` starts the text or a sentence or quote inside it (capitalised anyway)."""
    if n == 0:
        return True
    return bool(_SENTENCE_OPENING.search(text[tokens[n - 1].end : tokens[n].start]))
