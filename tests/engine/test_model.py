"""The story's look-ups that front ends read while the reader scrolls."""

from __future__ import annotations

import dataclasses

from handmade_story import handmade_story, passage_in_two_claims

from newsdiff.engine.model import Claim, Coverage, Reach, Span, Story, WordDiff


def test_a_word_differs_only_when_no_claim_of_the_passage_shares_it() -> None:
    story, word = passage_in_two_claims()

    assert story.differs_in("a:0") == (word["missiles"],)


def test_a_passage_only_one_source_reports_differs_nowhere() -> None:
    story, _ = passage_in_two_claims()
    lone = Claim("K3", "lone", ("b:0",), ("b",), Reach.ONE, diffs=(WordDiff("b:0", (Span(0, 6),)),))
    story = Story(story.articles, story.passages, (lone,), ())

    assert story.differs_in("b:0") == ()


def test_an_article_that_shares_no_claim_is_isolated_but_one_without_text_is_not() -> None:
    story = handmade_story()
    assert story.isolated_article_ids == ()
    coverage = (
        Coverage("planet", all_share=0.0, some_share=0.5, unique_share=0.5),
        Coverage("bugle", all_share=0.0, some_share=0.0, unique_share=1.0),
        Coverage("sentinel", all_share=0.0, some_share=0.0, unique_share=0.0),  # no content text
    )
    assert dataclasses.replace(story, coverage=coverage).isolated_article_ids == ("bugle",)


def test_the_only_article_of_a_story_is_not_isolated() -> None:
    story = handmade_story()
    alone = Story(story.articles[:1], story.passages_of("planet"), (), (Coverage("planet", 0.0, 0.0, 1.0),))
    assert alone.isolated_article_ids == ()


def test_an_articles_number_is_its_place_in_the_story_from_one() -> None:
    story = handmade_story()
    assert [story.article_number(a.id) for a in reversed(story.articles)] == list(range(len(story.articles), 0, -1))
