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
numbers counted more); the prior odds of a passage pair are a smooth function
of the cosine of its two articles:

    prior odds = min(1, exp(INTERCEPT + SLOPE * cosine))

the odds that two linked articles report one event, from a logistic fit on the
article pairs that claims link when the 43 events of the cleaned ECB corpus are
analysed as one story with no prior (``tests/benchmarks/fit_article_prior.py``).
It never exceeds 1: articles about one event are the pairs the same-claim
threshold was set for, so closeness takes nothing away and adds nothing; only
articles whose event words are far apart need stronger evidence of one claim.
``Matcher.decide`` applies it by Bayes' rule.

Fitted on ECB, judged on the 298 raw ECB+ articles (25 other events) as one
story (``tests/benchmarks/eval_pile_links.py``, lexical, with the clause rule
of ``cluster._distinct_parts``): linked article pairs across events 85 of
1,180 (7.2 %) before, 11 of 1,107 (0.99 %) after, within events 1,095 before,
1,096 after. Seed gold and per-event ECB+ folders: odds 1 nearly everywhere,
F1 unchanged. What stays: two events of one kind (two trials, two takeovers,
two games) whose articles are as alike as one event's (cosine 0.16-0.28).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsdiff.engine.model import Article
from newsdiff.engine.pile_terms import pile_terms

INTERCEPT: float = -8.8675
SLOPE: float = 56.2015
"""Fitted by ``tests/benchmarks/fit_article_prior.py`` (see the module's docstring)."""


class ArticlePrior:
    """Prior odds of one claim for a passage pair of two articles (by article id); 1 for unknown articles."""

    def __init__(self, articles: Sequence[Article] = ()) -> None:
        # Imported here: ``stories`` needs numpy, which importing the engine does not load (test_semantic).
        from newsdiff.engine.stories import story_vectors

        self._row = {article.id: row for row, article in enumerate(articles)}
        self._vectors = story_vectors([pile_terms(article) for article in articles]) if len(articles) > 1 else None
        self._odds: dict[tuple[str, str], float] = {}

    def cosine(self, first: str, second: str) -> float | None:
        """The cosine of two articles' event-word vectors (None when either is unknown)."""
        row_a, row_b = self._row.get(first), self._row.get(second)
        if self._vectors is None or row_a is None or row_b is None:
            return None
        return float(self._vectors[row_a] @ self._vectors[row_b])

    def odds(self, first: str, second: str) -> float:
        """The prior odds for a passage of ``first`` and one of ``second`` to report one claim (at most 1)."""
        key = (first, second) if first <= second else (second, first)
        found = self._odds.get(key)
        if found is None:
            cosine = self.cosine(*key)
            found = self._odds[key] = 1.0 if cosine is None else prior_odds(cosine)
        return found


def prior_odds(cosine: float) -> float:
    """The prior odds of one claim for two articles at ``cosine`` (see the module's docstring)."""
    return min(1.0, math.exp(min(0.0, INTERCEPT + SLOPE * cosine)))
