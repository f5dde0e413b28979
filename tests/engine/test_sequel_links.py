"""Sentences right after linked ones, linked by the prior the story's own order shows (``cluster._sequel_links``)."""

from __future__ import annotations

import pytest
from test_cluster import JOB_CUTS, JOB_CUTS_AGAIN, ids, placed_encoder, story
from test_lead_links import OHIO

from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.model import Passage
from newsdiff.engine.similarity import MUTUAL_FLOOR, Matcher

LEADS = {
    "a": "A fire destroyed a warehouse in Dayton on Monday night.",
    "b": "A fire destroyed a warehouse in Dayton late on Monday night.",
    "c": "On Monday night a fire destroyed a warehouse in Dayton.",
    "d": "A fire destroyed a Dayton warehouse on Monday night, officials said.",
}
"""Four leads close enough in words to be linked by them."""
SECONDS = {"a": JOB_CUTS_AGAIN[0], "b": JOB_CUTS_AGAIN[1], "c": JOB_CUTS[0]}
"""What three articles say right after their lead, in words close enough to be linked by them."""
PARAPHRASE = JOB_CUTS[1]
"""The fourth article's own wording of it: "Around 500 workers at the Ohio plant are expected to lose their jobs"."""

pytestmark = pytest.mark.usefixtures("without_consensus")


def stand_in_encoder() -> object:
    """The leads along one axis, the second sentences along another, the paraphrase at a cosine of 0.65 to them."""
    return placed_encoder(
        {
            **dict.fromkeys(LEADS.values(), (0.0, 0.0, 1.0)),
            **dict.fromkeys(SECONDS.values(), (1.0,)),
            PARAPHRASE: (0.65, 0.76),
        }
    )


def fire_story(d: list[str]) -> list[Passage]:
    """a, b and c: their lead, their second sentence, then other news; d as given."""
    return story({**{name: [LEADS[name], SECONDS[name], *OHIO[name]] for name in SECONDS}, "d": d})


def test_the_paraphrase_needs_more_than_its_own_words_and_vector() -> None:
    matcher = Matcher(encoder=stand_in_encoder())
    assert all(MUTUAL_FLOOR < matcher.similarity(PARAPHRASE, second) < 0.4 for second in SECONDS.values())
    assert all(not matcher.same_claim(PARAPHRASE, second) for second in SECONDS.values())


def test_the_sentence_after_a_linked_lead_joins_the_sentences_after_the_other_leads() -> None:
    """Where the leads are linked, the sentences right after them are linked too (a and b, a and c, b and c): in
    this story such pairs are far likelier one claim than other pairs, and the paraphrase clears that prior."""
    d = [LEADS["d"], PARAPHRASE, *OHIO["d"]]
    groups = ids(cluster_passages(fire_story(d), encoder=stand_in_encoder()))
    assert {"a:0", "b:0", "c:0", "d:0"} in groups
    assert {"a:1", "b:1", "c:1", "d:1"} in groups


def test_the_same_paraphrase_elsewhere_in_its_article_gets_no_prior_from_order() -> None:
    d = [LEADS["d"], *OHIO["d"][:2], PARAPHRASE, *OHIO["d"][2:]]
    groups = ids(cluster_passages(fire_story(d), encoder=stand_in_encoder()))
    assert {"a:1", "b:1", "c:1"} in groups
    assert {"d:3"} in groups


def test_no_prior_from_order_after_a_lead_that_is_not_linked() -> None:
    """d's lead reports something else: what follows it has no linked sentence before it."""
    d = ["The city council approved a budget for new cycling lanes.", PARAPHRASE, *OHIO["d"]]
    groups = ids(cluster_passages(fire_story(d), encoder=stand_in_encoder()))
    assert {"a:1", "b:1", "c:1"} in groups
    assert {"d:1"} in groups
