"""The story's look-ups that front ends read while the reader scrolls."""

from __future__ import annotations

from handmade_story import passage_in_two_claims
from newsdiff.engine.model import Claim, Reach, Span, Story, WordDiff


def test_a_word_differs_only_when_no_claim_of_the_passage_shares_it() -> None:
    story, word = passage_in_two_claims()

    assert story.differs_in("a:0") == (word["missiles"],)


def test_a_passage_only_one_source_reports_differs_nowhere() -> None:
    story, _ = passage_in_two_claims()
    lone = Claim("K3", "lone", ("b:0",), ("b",), Reach.ONE, diffs=(WordDiff("b:0", (Span(0, 6),)),))
    story = Story(story.articles, story.passages, (lone,), ())

    assert story.differs_in("b:0") == ()
