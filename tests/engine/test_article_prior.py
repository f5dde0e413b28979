"""The article prior: two articles whose event words are far apart need stronger evidence of one claim."""

from __future__ import annotations

import dataclasses

from pile_texts import pile_articles

from newsdiff.engine import article_prior
from newsdiff.engine.article_prior import ArticlePrior, prior_odds
from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.model import Article
from newsdiff.engine.segment import segment


def test_prior_odds_are_one_for_close_articles_and_fall_smoothly_below() -> None:
    cosines = [0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.6, 1.0]
    odds = [prior_odds(c) for c in cosines]
    assert odds == sorted(odds)
    assert odds[-1] == odds[-4] == 1.0
    assert 0.0 < odds[0] < 0.1
    one_from = -article_prior.INTERCEPT / article_prior.SLOPE
    assert prior_odds(one_from - 0.01) < 1.0 <= prior_odds(one_from + 0.01) + 1e-12


def test_articles_of_one_event_have_odds_one_and_of_different_events_less() -> None:
    articles, _ = pile_articles()
    prior = ArticlePrior(articles)
    assert prior.odds("chile1", "chile2") == prior.odds("phone1", "phone3") == 1.0
    assert prior.odds("chile1", "phone2") < 0.2
    assert prior.odds("phone2", "chile1") == prior.odds("chile1", "phone2")


def test_unknown_articles_and_a_story_without_articles_have_odds_one() -> None:
    articles, _ = pile_articles()
    assert ArticlePrior(articles).odds("chile1", "elsewhere") == 1.0
    assert ArticlePrior().odds("a", "b") == 1.0


def _with_line(article: Article, line: str) -> Article:
    return dataclasses.replace(article, text=f"{article.text}\n{line}\n")


def _linked(articles: list[Article], prior: ArticlePrior | None) -> set[frozenset[str]]:
    passages = [p for article in articles for p in segment(article)]
    groups = cluster_passages(passages, prior=prior)
    return {frozenset(p.article_id for p in g) for g in groups if len({p.article_id for p in g}) > 1}


def test_a_generic_line_links_articles_of_one_event_but_not_of_two() -> None:
    """The same generic statement in two articles: one claim when they report one event, none across events."""
    articles, _ = pile_articles()
    chosen = {a.id: a for a in articles if a.id in {"chile1", "chile3", "phone2"}}
    chosen["chile1"] = _with_line(chosen["chile1"], "The family was very close, neighbours said.")
    chosen["chile3"] = _with_line(chosen["chile3"], "It was a very close family, a neighbour said.")
    chosen["phone2"] = _with_line(chosen["phone2"], "He said the family was very close.")
    story = list(chosen.values())
    without = _linked(story, None)
    assert any({"chile1", "phone2"} <= group for group in without)
    with_prior = _linked(story, ArticlePrior(story))
    assert frozenset({"chile1", "chile3"}) in with_prior
    assert not any("phone2" in group for group in with_prior)
