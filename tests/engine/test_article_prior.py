"""The article prior: two articles whose event words are far apart need stronger evidence of one claim."""

from __future__ import annotations

import dataclasses

from pile_texts import pile_articles

from newsdiff.engine import article_prior
from newsdiff.engine.article_prior import ArticlePrior, same_event
from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.model import Article
from newsdiff.engine.segment import segment


def test_same_event_rises_smoothly_with_the_cosine_to_one_for_close_articles() -> None:
    cosines = [0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.6, 1.0]
    chances = [same_event(c) for c in cosines]
    assert chances == sorted(chances)
    assert chances[-3] > 0.999 and chances[-1] <= 1.0
    assert 0.0 <= chances[0] < 0.01
    even = -article_prior.INTERCEPT / article_prior.SLOPE
    assert abs(same_event(even) - 0.5) < 1e-9


def test_articles_of_one_event_have_odds_one_and_of_different_events_less() -> None:
    articles, _ = pile_articles()
    prior = ArticlePrior(articles)
    assert min(prior.same_event("chile1", "chile2"), prior.same_event("phone1", "phone3")) > 0.99
    assert prior.same_event("chile1", "phone2") < 0.2
    assert prior.same_event("phone2", "chile1") == prior.same_event("chile1", "phone2")


def test_a_folder_read_as_one_story_is_one_event_whatever_its_cosines() -> None:
    """Two articles of one event and one of another are too few for two stories (``stories.story_groups``)."""
    articles, _ = pile_articles()
    few = [a for a in articles if a.id in {"chile1", "chile3", "phone2"}]
    assert ArticlePrior(few).same_event("chile1", "phone2") == 1.0
    assert ArticlePrior(articles).same_event("chile1", "phone2") < 0.2


def test_unknown_articles_and_a_story_without_articles_are_one_event() -> None:
    articles, _ = pile_articles()
    assert ArticlePrior(articles).same_event("chile1", "elsewhere") == 1.0
    assert ArticlePrior().same_event("a", "b") == 1.0


def _with_line(article: Article, line: str) -> Article:
    return dataclasses.replace(article, text=f"{article.text}\n{line}\n")


def _linked(articles: list[Article], prior: ArticlePrior | None) -> set[frozenset[str]]:
    passages = [p for article in articles for p in segment(article)]
    groups = cluster_passages(passages, prior=prior)
    return {frozenset(p.article_id for p in g) for g in groups if len({p.article_id for p in g}) > 1}


def test_a_generic_line_links_articles_of_one_event_but_not_of_two() -> None:
    """The same generic statement in two articles: one claim when they report one event, none across events."""
    articles, _ = pile_articles()
    chosen = {a.id: a for a in articles}
    chosen["chile1"] = _with_line(chosen["chile1"], "The family was very close, neighbours said.")
    chosen["chile3"] = _with_line(chosen["chile3"], "It was a very close family, a neighbour said.")
    chosen["phone2"] = _with_line(chosen["phone2"], "He said the family was very close.")
    story = list(chosen.values())
    without = _linked(story, None)
    assert any({"chile1", "phone2"} <= group for group in without)
    with_prior = _linked(story, ArticlePrior(story))
    assert frozenset({"chile1", "chile3"}) in with_prior
    assert not any("phone2" in group and any(a.startswith("chile") for a in group) for group in with_prior)


class _FixedCosine(ArticlePrior):
    """Every pair of articles at one cosine: the decision is tested apart from how the cosine is measured."""

    def __init__(self, articles: list[Article], cosine: float) -> None:
        super().__init__(articles)
        self._fixed = cosine

    def cosine(self, first: str, second: str) -> float | None:
        return self._fixed


def test_a_contained_line_links_articles_only_when_they_surely_report_one_event() -> None:
    """A short line inside another ("12 years" inside "the 12-year-old") is one claim only within one event.

    At a cosine where the same-event odds are about even, containment alone
    (``similarity.CONTAINED_PROBABILITY``) is not enough: its probability is
    weighed by the chance that the two articles report one event.
    """
    articles, _ = pile_articles()
    chosen = {a.id: a for a in articles if a.id in {"chile1", "phone2"}}
    chosen["chile1"] = _with_line(chosen["chile1"], "He was sentenced to 12 years in prison.")
    chosen["phone2"] = _with_line(
        chosen["phone2"], "Jeffs was sentenced to life in prison for his assault on the 12-year-old."
    )
    story = list(chosen.values())
    even = -article_prior.INTERCEPT / article_prior.SLOPE
    assert frozenset({"chile1", "phone2"}) in _linked(story, _FixedCosine(story, even + 0.2))
    assert frozenset({"chile1", "phone2"}) not in _linked(story, _FixedCosine(story, even + 0.002))


def test_likely_pairs_are_the_pairs_at_or_above_the_chance_asked_with_their_same_event() -> None:
    articles, _ = pile_articles()
    prior = ArticlePrior(articles)
    ids = [a.id for a in articles] + ["elsewhere"]
    likely = prior.likely_pairs(ids, 0.02)
    assert likely is not None
    for n, first in enumerate(ids):
        places, chances = likely[n]
        found = dict(zip(places.tolist(), chances.tolist(), strict=True))
        for m, second in enumerate(ids):
            chance = prior.same_event(first, second)
            if m in found:
                assert found[m] >= 0.02 and abs(found[m] - chance) < 1e-6
            else:
                assert chance < 0.02 + 1e-6
    assert likely[0][1].tolist().count(1.0) >= 1 and len(likely[-1][0]) == len(ids)


def test_a_folder_read_as_one_story_has_no_likely_pairs_to_weigh() -> None:
    articles, _ = pile_articles()
    few = [a for a in articles if a.id in {"chile1", "chile3", "phone2"}]
    assert ArticlePrior(few).likely_pairs([a.id for a in few], 0.02) is None
