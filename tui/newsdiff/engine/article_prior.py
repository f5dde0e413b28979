"""How likely two articles are to share a claim, from how alike their event words are.

A story is meant to be articles about one event, but a folder a reader saves
may mix several, and generic lines then meet: "was sentenced to seven years in
prison" of one trial and "He was sentenced to 12 years in prison" of another,
"We wanted to get that done" of a football game and "We are going to get this
done" of a hospital. Sentence pairs alone cannot tell those from one fact told
twice. Cross-document coreference systems first sort documents into topics,
then link mentions within a topic; here that knowledge is a prior instead of a
hard split, so that an article that reports one event in few of its words
(a brief, a late follow-up) is only weighed, never cut off.

Each article is the TF-IDF vector of its event words that the pile sorting
uses (``pile_terms``, ``stories.story_vectors``: furniture left out, names and
numbers counted more); the chance that a passage pair's two articles report
one event is a smooth function of their cosine:

    same event = 1 / (1 + exp(-(INTERCEPT + SLOPE * cosine)))

from a logistic fit on the article pairs that claims link when the 43 events
of the cleaned ECB corpus are analysed as one story with no prior
(``tests/benchmarks/fit_article_prior.py``). The pair model's probability is
one claim GIVEN one event (its tuning pairs are all pairs of one story), so
the decision weighs it by that chance: P(claim) = P(claim | one event) x
P(one event | cosine) (``cluster._Decision``). Close articles (cosine 0.3 and
up) keep the probability as it is; at even odds (cosine 0.159) it halves, so
a pair that only one side's containment links (``CONTAINED_PROBABILITY``,
"12 years in prison" inside "the 12-year-old") needs its articles to report
one event almost surely.

A folder the pile sorting reads as one story (``stories.story_groups``: no
two groups of ``MIN_ARTICLES_A_STORY`` articles) is one event, and every pair
keeps its probability: there an event's own words are common, weigh little,
and a low cosine says how two outlets word the event, not whether they
report it.

Fitted on ECB, judged on the 298 raw ECB+ articles (25 other events) as one
story (``tests/benchmarks/eval_pile_links.py``), linked article pairs across
events: lexical 7.2 % with no prior, 0.99 % with the prior as capped odds,
0.27 % as a probability (3 of 1,100 with this round's other rules), within
events 1,097 (1,095 with no prior); encoder 5.67 %, 0.99 %, 0.33 % (4 of
1,205), within events 1,201 (1,197 with no prior: the probability form cost
three pairs at cosine 0.18-0.21, which the lead links, ``cluster._lead_links``,
and the asides, ``clauses.without_aside``, more than made up). Per-event ECB+
folders (one story each) and the seed gold are unchanged. What stays: two events of one kind whose articles are as
alike as one event's ("second half" of two games, two conference calls,
cosine 0.20-0.28).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdiff.engine.model import Article
from newsdiff.engine.pile_terms import pile_terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

INTERCEPT: float = -9.0798
SLOPE: float = 57.0984
"""Fitted by ``tests/benchmarks/fit_article_prior.py`` (see the module's docstring)."""


class ArticlePrior:
    """How likely two articles (by id) are to report one event, from their event words; 1 for unknown articles."""

    def __init__(self, articles: Sequence[Article] = ()) -> None:
        # Imported here: ``stories`` needs numpy, which importing the engine does not load (test_semantic).
        from newsdiff.engine.stories import story_groups, story_vectors

        self._row = {article.id: row for row, article in enumerate(articles)}
        vectors = story_vectors([pile_terms(article) for article in articles]) if len(articles) > 1 else None
        # A folder the pile sorting reads as one story is one event: its articles' cosines say how they
        # word it, not whether they report it (an event's own words are common there, so weigh little).
        self._vectors = vectors if vectors is not None and len(story_groups(vectors)) > 1 else None
        self._same_event: dict[tuple[str, str], float] = {}

    def cosine(self, first: str, second: str) -> float | None:
        """The cosine of two articles' event-word vectors (None when either is unknown)."""
        row_a, row_b = self._row.get(first), self._row.get(second)
        if self._vectors is None or row_a is None or row_b is None:
            return None
        return float(self._vectors[row_a] @ self._vectors[row_b])

    def same_event(self, first: str, second: str) -> float:
        """The probability that ``first`` and ``second`` report one event (1 when either is unknown)."""
        key = (first, second) if first <= second else (second, first)
        found = self._same_event.get(key)
        if found is None:
            cosine = self.cosine(*key)
            found = self._same_event[key] = 1.0 if cosine is None else same_event(cosine)
        return found

    def forget_pairs(self) -> None:
        """Drop the chances ``same_event`` keeps: the clustering asks each pair many times (1,000 ECB+ and ECB
        articles: 183,000 pairs, 24 MB kept); the search after it asks ``likely_pairs`` instead."""
        self._same_event = {}

    def likely_pairs(
        self, ids: Sequence[str], least: float
    ) -> list[tuple[NDArray[np.int64], NDArray[np.float64]]] | None:
        """Per article of ``ids`` (by place), the places of the articles it reports one event with at a chance
        (``same_event``) of ``least`` or more, and those chances; ``None`` when every pair is 1 (a folder read as
        one story, no article known). Unknown articles are at 1 with every other, as in ``same_event``.

        The search for what each article leaves out (``engine.absence``) asks
        it of every claim and every article. Blocks of matrix products answer
        all pairs of 1,000 articles in a fraction of a second, where a call
        per pair (and the cache it fills) costs seconds and tens of megabytes;
        keeping only the likely pairs keeps a pile of many events from taking
        memory quadratic in its articles.
        """
        import numpy as np

        rows = [self._row.get(article_id) for article_id in ids]
        if self._vectors is None or all(row is None for row in rows):
            return None
        everyone = np.arange(len(ids))
        unknown = np.array([n for n, row in enumerate(rows) if row is None], dtype=np.int64)
        known = np.array([n for n, row in enumerate(rows) if row is not None], dtype=np.int64)
        vectors = self._vectors[[rows[n] for n in known]]
        # Below this cosine no chance reaches ``least`` (a hair lower, so rounding never drops a pair at it).
        lowest = (math.log(least / (1.0 - least)) - INTERCEPT) / SLOPE - 1e-6 if 0.0 < least < 1.0 else -math.inf
        found: list[tuple[NDArray[np.int64], NDArray[np.float64]]] = [(everyone, np.ones(len(ids)))] * len(ids)
        for start in range(0, len(known), _BLOCK_ROWS):
            cosines = vectors[start : start + _BLOCK_ROWS] @ vectors.T
            for offset, row in enumerate(cosines):
                columns = np.flatnonzero(row >= lowest)
                chances = np.array([same_event(float(c)) for c in row[columns]])
                keep = chances >= least
                places = np.concatenate([known[columns[keep]], unknown])
                found[int(known[start + offset])] = (places, np.concatenate([chances[keep], np.ones(len(unknown))]))
        return found


_BLOCK_ROWS = 256
"""Articles whose cosines with all others are worked out at once by ``likely_pairs`` (a few megabytes)."""


def same_event(cosine: float) -> float:
    """The probability that two articles at ``cosine`` report one event (see the module's docstring)."""
    z = INTERCEPT + SLOPE * cosine
    return 1.0 / (1.0 + math.exp(-z)) if z > -700.0 else 0.0
