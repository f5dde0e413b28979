"""The story's vocabulary: frozen results that every other module passes around.

Everything here is plain data. Offsets are Python ``str`` indices into the
article's ``text`` exactly as decoded from its file, so a passage, a highlight
and an export always agree on which characters they mean
(``article.text[p.start:p.end] == p.text``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any


class PassageKind(str, Enum):
    """What a passage is inside its article."""

    HEADLINE = "headline"
    """A title-like first line: content (it makes claims) shown as the title."""
    SENTENCE = "sentence"
    """A sentence of the body."""
    BOILERPLATE = "boilerplate"
    """Not article content ("SEE ALSO:", "Advertisement"): belongs to no claim."""


class Reach(str, Enum):
    """How many sources report a claim, or the best claim of a passage."""

    ALL = "all"
    """Every article of the story (and there are at least two)."""
    SOME = "some"
    """At least two articles, but not all of them."""
    ONE = "one"
    """Only one article: unique to its source."""

    @property
    def label(self) -> str:
        return _REACH_LABELS[self]


_REACH_LABELS = {
    Reach.ALL: "reported by all sources",
    Reach.SOME: "reported by some sources",
    Reach.ONE: "reported by one source only",
}


class FlagKind(str, Enum):
    """A kind of divergence worth a reader's attention inside one claim."""

    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's report, with its text exactly as decoded from the file."""

    id: str
    source: str
    title: str
    text: str
    path: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    body_start: int = 0
    """Offset where article content starts (after any front matter)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech inside a passage: the quoted words and who said them."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_inferred: bool = False
    """The speaker is a guess: "he said" read as the last person named as speaking before it."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence (or headline, or boilerplate line) with its exact span."""

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    kind: PassageKind = PassageKind.SENTENCE
    content_start: int | None = None
    """Where the reported content starts, past a dateline such as "JAKARTA -"."""
    quotes: tuple[Quote, ...] = ()

    @property
    def is_content(self) -> bool:
        return self.kind is not PassageKind.BOILERPLATE

    @property
    def content_text(self) -> str:
        """The text past any dateline: what the passage reports, the part matched against other sources."""
        start = self.content_start if self.content_start is not None else self.start
        return self.text[max(0, start - self.start) :]


@dataclass(frozen=True, slots=True)
class WordDiff:
    """How one passage's wording compares with the other sources of a claim.

    ``differs`` holds the spans (article offsets) of words that the other
    sources' passages of the same claim do not share.
    """

    passage_id: str
    differs: tuple[Span, ...] = ()
    shared_ratio: float = 1.0


@dataclass(frozen=True, slots=True)
class Flag:
    """A divergence between sources inside one claim, in words a reader can check."""

    kind: FlagKind
    detail: str
    passage_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing the story reports, with every passage that reports it."""

    id: str
    summary: str
    passage_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    reach: Reach
    diffs: tuple[WordDiff, ...] = ()
    flags: tuple[Flag, ...] = ()

    def diff_for(self, passage_id: str) -> WordDiff | None:
        return next((d for d in self.diffs if d.passage_id == passage_id), None)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one article the other sources also report."""

    article_id: str
    all_share: float
    some_share: float
    unique_share: float
    missing_claim_ids: tuple[str, ...] = ()
    """Claims most other sources carry that no passage of this article was matched to.

    Those with a ``Story.near_miss`` in the article may be there in other
    words ("no match found"); the rest it leaves out ("leaves out")."""


@dataclass(frozen=True, slots=True)
class NearMiss:
    """An article left out of a claim by the matcher that has a passage too close to call it absent.

    "Not found in" is a statement a fact-checker acts on, so the engine says
    it only when no passage of the article comes near the claim
    (``engine.absence``). Otherwise the claim is "no match found" there, and
    this names the closest passage and its scores, so a reader can judge.
    """

    claim_id: str
    article_id: str
    passage_id: str
    """The article's passage closest to the claim."""
    probability: float
    """The pair model's probability that the passage reports the claim (best over the claim's passages), weighed by
    the chance that its article reports the claim's event (``article_prior``; 1 in a story of one event)."""
    cosine: float | None = None
    """The sentence encoder's cosine for the same pair, when the story was matched with one."""


def _article_of(miss: NearMiss) -> str:
    return miss.article_id


LEXICAL_MATCHER = "lexical"
"""``Story.matcher`` (and the cache's backend name) for a story matched without a sentence encoder."""


@dataclass(frozen=True)
class Story:
    """The whole analysis: articles, passages, claims, and fast look-ups.

    The look-up tables are built once here so that a front end never
    recomputes anything while the reader scrolls.
    """

    articles: tuple[Article, ...]
    passages: tuple[Passage, ...]
    claims: tuple[Claim, ...]
    coverage: tuple[Coverage, ...]
    matcher: str = LEXICAL_MATCHER
    """What matched the passages: ``LEXICAL_MATCHER`` or the sentence encoder's name.
    Exports and the app say it, since the two give different claims for the same articles."""
    near_misses: tuple[NearMiss, ...] = ()
    """Articles a claim leaves out that have a passage close to it (``NearMiss``); every other absence is confident."""
    _article: Mapping[str, Article] = field(init=False, repr=False, compare=False)
    _passage: Mapping[str, Passage] = field(init=False, repr=False, compare=False)
    _claim: Mapping[str, Claim] = field(init=False, repr=False, compare=False)
    _by_article: Mapping[str, tuple[Passage, ...]] = field(init=False, repr=False, compare=False)
    _claims_of: Mapping[str, tuple[Claim, ...]] = field(init=False, repr=False, compare=False)
    _coverage: Mapping[str, Coverage] = field(init=False, repr=False, compare=False)
    _near_miss: Mapping[str, tuple[NearMiss, ...]] = field(init=False, repr=False, compare=False)
    """Per claim, its near misses by article id (``near_miss`` bisects them): a story of 1,000 articles has
    millions of near misses, and a table keyed by (claim, article) pairs spent about 70 bytes more on each
    (its key) than one table per claim, which spent about 40 bytes more on each than a sorted tuple."""

    def __post_init__(self) -> None:
        by_article: dict[str, list[Passage]] = {a.id: [] for a in self.articles}
        for passage in self.passages:
            by_article[passage.article_id].append(passage)
        claims_of: dict[str, list[Claim]] = {p.id: [] for p in self.passages}
        for claim in self.claims:
            for pid in claim.passage_ids:
                claims_of[pid].append(claim)
        near_miss: dict[str, list[NearMiss]] = defaultdict(list)
        for miss in self.near_misses:
            near_miss[miss.claim_id].append(miss)
        tables: dict[str, dict[Any, Any]] = {
            "_article": {a.id: a for a in self.articles},
            "_passage": {p.id: p for p in self.passages},
            "_claim": {c.id: c for c in self.claims},
            "_by_article": {k: tuple(v) for k, v in by_article.items()},
            "_claims_of": {k: tuple(v) for k, v in claims_of.items()},
            "_coverage": {c.article_id: c for c in self.coverage},
            "_near_miss": {k: tuple(sorted(v, key=_article_of)) for k, v in near_miss.items()},
        }
        for name, table in tables.items():
            object.__setattr__(self, name, MappingProxyType(table))

    def article(self, article_id: str) -> Article:
        return self._article[article_id]

    def article_number(self, article_id: str) -> int:
        """The article's place in the story, from 1: the number the app shows beside it and the key that opens it."""
        return self.articles.index(self._article[article_id]) + 1

    def passage(self, passage_id: str) -> Passage:
        return self._passage[passage_id]

    def claim(self, claim_id: str) -> Claim:
        return self._claim[claim_id]

    def passages_of(self, article_id: str) -> tuple[Passage, ...]:
        """The article's passages in reading order."""
        return self._by_article[article_id]

    def claims_of(self, passage_id: str) -> tuple[Claim, ...]:
        return self._claims_of[passage_id]

    def coverage_of(self, article_id: str) -> Coverage:
        return self._coverage[article_id]

    def near_miss(self, claim_id: str, article_id: str) -> NearMiss | None:
        """The closest passage of an article that the claim leaves out, when it is too close to call the claim absent.

        ``None`` for an article the claim leaves out means the engine is
        confident the article does not report it ("not found in").
        """
        misses = self._near_miss.get(claim_id, ())
        # The last of equal ids, as a table keyed by article id would keep (the sort is stable).
        at = bisect_right(misses, article_id, key=_article_of) - 1
        return misses[at] if at >= 0 and misses[at].article_id == article_id else None

    def reach_of(self, passage_id: str) -> Reach | None:
        """The widest reach among the passage's claims; ``None`` for boilerplate."""
        claims = self._claims_of[passage_id]
        if not claims:
            return None
        order = (Reach.ALL, Reach.SOME, Reach.ONE)
        return min((c.reach for c in claims), key=order.index)

    def differs_in(self, passage_id: str) -> tuple[Span, ...]:
        """Spans of words this passage words differently from every other source that reports it.

        A passage in several claims (a sentence that reports two things) is
        compared with other sources in each; a word counts as its own only
        when no claim's other sources share it. A union would mark the words
        of one claim as "different" merely because the other claim's sources
        report something else, e.g. a sentence whose last clause alone is
        shared ("which Moscow has denied") would light up all the rest.
        One claim's own differences are ``Claim.diff_for``.
        """
        per_claim = [
            frozenset(diff.differs if diff is not None else ())
            for claim in self._claims_of[passage_id]
            if claim.reach is not Reach.ONE
            for diff in (claim.diff_for(passage_id),)
        ]
        spans = frozenset.intersection(*per_claim) if per_claim else frozenset()
        return tuple(sorted(spans, key=lambda s: (s.start, s.end)))

    @property
    def comparable(self) -> bool:
        """Whether there is anything to compare (two articles or more)."""
        return len(self.articles) > 1

    @property
    def isolated_article_ids(self) -> tuple[str, ...]:
        """Articles with text of their own that share no claim with any other article, in story order.

        Nothing in such an article is compared (another event, a very short
        report, an opinion piece, or wording too far from the others to
        match), and a reader should know that before reading its "only
        here" marks. An article with no content text is not counted.
        """
        if not self.comparable:
            return ()
        return tuple(c.article_id for c in self.coverage if c.unique_share > 0 and c.all_share == c.some_share == 0)
