"""Honest absence: "not found in" only when no passage of the article comes near the claim."""

from __future__ import annotations

import zlib

import pytest

from newsdiff.engine.absence import COSINE_FLOOR, LEXICAL_PROBABILITY_FLOOR
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Story
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.serialize import story_from_data, story_to_data
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
