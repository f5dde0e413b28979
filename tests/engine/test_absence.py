"""Honest absence: "not found in" only when no passage of the article comes near the claim."""

from __future__ import annotations

import dataclasses
import zlib

import pytest
from pile_texts import pile_articles

from newsdiff.engine.absence import COSINE_FLOOR, LEXICAL_PROBABILITY_FLOOR, SAME_EVENT_FOR_COSINE, near_misses
from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article, Story
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.serialize import story_from_data, story_to_data
from newsdiff.engine.similarity import Matcher
from newsdiff.engine.story import analyze

TEXTS = {
    "Planet": "The mayor opened the new bridge over the river on Monday. Traffic was heavy all day.",
    "Bugle": "The mayor opened the new bridge over the river on Monday morning. Crowds cheered.",
    "Sentinel": "On Monday the city's leader inaugurated a bridge across the river. Shops closed early.",
    "Weather": "Rain is expected across the region tomorrow. Temperatures will fall sharply.",
}


def _story() -> Story:
    return analyze([article_from_text(text, article_id=name.lower(), source=name) for name, text in TEXTS.items()])


def _bridge_claim(story: Story):
    return next(c for c in story.claims if {"planet", "bugle"} <= set(c.article_ids))


def test_a_paraphrase_the_matcher_missed_is_no_match_with_its_closest_passage() -> None:
    story = _story()
    claim = _bridge_claim(story)
    assert "sentinel" not in claim.article_ids
    miss = story.near_miss(claim.id, "sentinel")
    assert miss is not None
    assert story.passage(miss.passage_id).text.startswith("On Monday the city's leader inaugurated")
    assert miss.probability >= LEXICAL_PROBABILITY_FLOOR and miss.cosine is None


def test_an_article_with_nothing_near_the_claim_is_a_confident_absence() -> None:
    story = _story()
    assert story.near_miss(_bridge_claim(story).id, "weather") is None


def test_near_misses_name_only_articles_the_claim_leaves_out_and_survive_the_cache() -> None:
    story = _story()
    assert story.near_misses
    for miss in story.near_misses:
        assert miss.article_id not in story.claim(miss.claim_id).article_ids
        assert story.passage(miss.passage_id).article_id == miss.article_id
    assert story_from_data(story_to_data(story)).near_misses == story.near_misses


def test_a_report_in_other_words_that_shares_no_statement_is_still_near_not_absent() -> None:
    # The clustering's statement gate keeps these two apart (one statement word, "hospital", and no name in
    # common); how near the article comes is the pair model's word, so it is "no match found", not "not found in".
    texts = {
        "wire": "Raj Chohan was hit by a car in Queens on Friday. She died at the hospital.",
        "daily": "A driver hit Raj Chohan in Queens on Friday. Chohan was pronounced dead at Jamaica Hospital.",
        "post": "Raj Chohan was struck by a car in Queens on Friday.",
    }
    story = analyze([article_from_text(text, article_id=name) for name, text in texts.items()])
    died = next(
        c for c in story.claims if any(story.passage(p).text == "She died at the hospital." for p in c.passage_ids)
    )
    assert "daily" not in died.article_ids
    miss = story.near_miss(died.id, "daily")
    assert miss is not None and story.passage(miss.passage_id).text.startswith("Chohan was pronounced dead")


def _placed_encoder(directions: dict[str, tuple[float, ...]]) -> Encoder:
    """A stand-in sentence encoder: each given text along the given mix of the first axes, any other a random way."""
    np = pytest.importorskip("numpy")

    def embed(texts: list[str]) -> object:
        rows = []
        for text in texts:
            vector = 0.05 * np.random.default_rng(zlib.crc32(text.encode())).normal(size=64)
            vector[: len(directions.get(text, ()))] += directions.get(text, ())
            rows.append(vector)
        return np.array(rows)

    return Encoder("stand-in", 64, embed)


def test_with_the_encoder_the_article_s_passage_of_highest_cosine_is_the_near_miss() -> None:
    # The words of "Officials cut the ribbon..." share nothing with the bridge claim, but its meaning is close:
    # of the Sentinel's passages it has the highest cosine with a passage of the claim, so it is the one named.
    texts = {
        "planet": "The mayor opened the new bridge over the river on Monday. Traffic was heavy all day.",
        "bugle": "The mayor opened the new bridge over the river on Monday morning. Crowds cheered.",
        "sentinel": "Shops closed early. Officials cut the ribbon on a crossing. Prices went up.",
        "weather": "Rain is expected across the region tomorrow. Temperatures will fall sharply.",
    }
    directions = {
        "The mayor opened the new bridge over the river on Monday.": (1.0, 0.0, 0.0),
        "The mayor opened the new bridge over the river on Monday morning.": (0.9, 0.44, 0.0),
        "Officials cut the ribbon on a crossing.": (0.8, 0.0, 0.6),
        "Shops closed early.": (0.5, 0.0, 0.0, 0.87),
    }
    story = analyze(
        [article_from_text(t, article_id=name) for name, t in texts.items()], encoder=_placed_encoder(directions)
    )
    claim = next(c for c in story.claims if {"planet", "bugle"} <= set(c.article_ids))
    miss = story.near_miss(claim.id, "sentinel")
    assert miss is not None and story.passage(miss.passage_id).text == "Officials cut the ribbon on a crossing."
    assert miss.cosine is not None and miss.cosine >= COSINE_FLOOR
    assert story.near_miss(claim.id, "weather") is None


def _pile_with_lines(lines: dict[str, str]) -> list[Article]:
    """The test pile (two earthquakes, a phone launch), each article of ``lines`` ending with its line."""
    articles, _ = pile_articles()
    return [dataclasses.replace(a, text=f"{a.text}\n{lines[a.id]}\n") if a.id in lines else a for a in articles]


FAMILY = {
    "chile1": "The family was very close, neighbours said.",
    "chile3": "It was a very close family, a neighbour said.",
    "chile2": "Neighbours described the family as tight-knit.",
    "phone2": "He said the family was very close.",
}
"""One generic statement told by two articles of the Chile quake, in other words by a third, and by an article
of the phone launch."""


def _family_claim(story: Story):
    return next(c for c in story.claims if set(c.article_ids) == {"chile1", "chile3"})


def test_in_a_pile_the_closest_line_of_another_event_is_not_near_but_a_same_event_paraphrase_is() -> None:
    # The phone article's line words the claim almost as the Chile articles do (the pair model alone: 0.9),
    # but the article reports another event: the claim is not there, and "not found in" says so.
    story = analyze(_pile_with_lines(FAMILY))
    claim = _family_claim(story)
    assert story.near_miss(claim.id, "phone2") is None
    miss = story.near_miss(claim.id, "chile2")
    assert miss is not None and story.passage(miss.passage_id).text == FAMILY["chile2"]


def test_a_near_miss_in_a_pile_has_its_probability_weighed_by_the_chance_of_one_event() -> None:
    articles = _pile_with_lines(FAMILY)
    story = analyze(articles)
    prior = ArticlePrior(articles)
    content = [p.content_text for p in story.passages if p.is_content]
    matcher = Matcher(content)
    ids = [a.id for a in articles]
    alone = {(m.claim_id, m.article_id): m for m in near_misses(ids, story.passages, story.claims, matcher)}
    weighed = near_misses(ids, story.passages, story.claims, matcher, prior=prior)
    assert weighed and set(story.near_misses) == set(weighed)
    assert len(weighed) < len(alone)
    for miss in weighed:
        chance = max(prior.same_event(a, miss.article_id) for a in story.claim(miss.claim_id).article_ids)
        assert miss.probability >= LEXICAL_PROBABILITY_FLOOR
        assert miss.probability == pytest.approx(alone[(miss.claim_id, miss.article_id)].probability * chance, abs=1e-4)


def test_where_every_article_reports_one_event_the_prior_changes_nothing() -> None:
    """A folder the pile sorting reads as one story: the prior is 1 for every pair, and the near misses are those
    of the search without it."""
    articles = [a for a in _pile_with_lines(FAMILY) if a.id in {"chile1", "chile2", "chile3", "phone2"}]
    prior = ArticlePrior(articles)
    assert prior.same_event("chile1", "phone2") == 1.0
    story = analyze(articles)
    content = [p.content_text for p in story.passages if p.is_content]
    ids = [a.id for a in articles]
    alone = near_misses(ids, story.passages, story.claims, Matcher(content))
    assert alone and near_misses(ids, story.passages, story.claims, Matcher(content), prior=prior) == alone
    assert story.near_misses == alone


def test_with_the_encoder_a_high_cosine_counts_only_in_an_article_of_the_claim_s_event() -> None:
    # Both lines are far from the claim in words and close in meaning (cosine 0.8): in the Chile article that is a
    # paraphrase the matcher may have missed, in the phone article a generic line of another event.
    lines = {
        "chile1": "The family was very close, neighbours said.",
        "chile3": "It was a very close family, a neighbour said.",
        "chile2": "Everyone on the street knew them as inseparable.",
        "phone2": "Everyone on the street knew them as inseparable, he added.",
    }
    directions = {
        lines["chile1"]: (1.0, 0.0, 0.0),
        lines["chile3"]: (0.95, 0.3, 0.0),
        lines["chile2"]: (0.8, 0.0, 0.6),
        lines["phone2"]: (0.8, 0.0, 0.0, 0.6),
    }
    articles = _pile_with_lines(lines)
    story = analyze(articles, encoder=_placed_encoder(directions))
    claim = _family_claim(story)
    prior = ArticlePrior(articles)
    assert prior.same_event("chile1", "chile2") >= SAME_EVENT_FOR_COSINE > prior.same_event("chile1", "phone2")
    miss = story.near_miss(claim.id, "chile2")
    assert miss is not None and story.passage(miss.passage_id).text == lines["chile2"]
    assert miss.cosine is not None and miss.cosine >= COSINE_FLOOR
    assert story.near_miss(claim.id, "phone2") is None


def test_with_the_encoder_an_article_s_sentence_told_twice_is_named_where_it_first_comes() -> None:
    # The two copies have one vector, so their cosines with the claim are exactly equal: the first is named.
    texts = {
        "planet": "The mayor opened the new bridge over the river on Monday. Traffic was heavy all day.",
        "bugle": "The mayor opened the new bridge over the river on Monday morning. Crowds cheered.",
        "sentinel": "Officials cut the ribbon on a crossing. Shops closed early. Officials cut the ribbon on a crossing.",
    }
    directions = {
        "The mayor opened the new bridge over the river on Monday.": (1.0, 0.0, 0.0),
        "The mayor opened the new bridge over the river on Monday morning.": (0.9, 0.44, 0.0),
        "Officials cut the ribbon on a crossing.": (0.8, 0.0, 0.6),
    }
    story = analyze(
        [article_from_text(t, article_id=name) for name, t in texts.items()], encoder=_placed_encoder(directions)
    )
    claim = next(c for c in story.claims if {"planet", "bugle"} <= set(c.article_ids))
    miss = story.near_miss(claim.id, "sentinel")
    copies = [p for p in story.passages if p.text == "Officials cut the ribbon on a crossing."]
    assert len(copies) == 2 and miss is not None and miss.passage_id == copies[0].id


def test_the_cosines_kept_between_claims_give_the_near_misses_worked_out_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Vectors in three directions, so many passages of other articles are close in meaning to a claim; with
    # blocks of one text, dropped as soon as made, every claim's cosines are worked out again.
    np = pytest.importorskip("numpy")
    from newsdiff.engine import absence

    axes = np.eye(3)

    def embed(texts: list[str]) -> object:
        return np.array(
            [
                np.concatenate([axes[zlib.crc32(t.encode()) % 3], 0.3 * np.random.default_rng(len(t)).normal(size=13)])
                for t in texts
            ]
        )

    articles, _ = pile_articles()
    story = analyze(articles, encoder=Encoder("stand-in", 16, embed))
    matcher = Matcher((p.content_text for p in story.passages if p.is_content), encoder=Encoder("stand-in", 16, embed))
    ids = [a.id for a in story.articles]
    kept = near_misses(ids, story.passages, story.claims, matcher)
    monkeypatch.setattr(absence, "_COSINE_ROWS", 1)
    monkeypatch.setattr(absence, "_NEAREST_BYTES", 1)
    afresh = near_misses(ids, story.passages, story.claims, matcher)

    assert sum(1 for miss in kept if miss.cosine is not None and miss.cosine >= COSINE_FLOOR) > 10
    assert afresh == kept
