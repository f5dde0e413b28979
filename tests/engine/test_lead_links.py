"""Leads linked by the prior the story's own leads show (``cluster._lead_links``)."""

from __future__ import annotations

import pytest
from test_cluster import JOB_CUTS, JOB_CUTS_AGAIN, ids, placed_encoder, story

from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.model import Passage
from newsdiff.engine.similarity import MUTUAL_FLOOR, Matcher

PARAPHRASE = JOB_CUTS[1]
"""Each outlet's own wording of the lead: "Around 500 workers at the Ohio plant are expected to lose their jobs"."""
LEADS = {"a": JOB_CUTS_AGAIN[0], "b": JOB_CUTS_AGAIN[1], "c": JOB_CUTS[0]}
"""Three leads close enough in words to be linked by them."""
OHIO = {
    "a": [
        "Ohio schools will open a week later this year.",
        "The Ohio river rose after a week of rain.",
        "The Ohio governor opened the state fair in Columbus.",
        "Heavy rain flooded several streets in the city centre on Monday.",
    ],
    "b": [
        "An Ohio zoo welcomed a baby elephant this week.",
        "Ohio lawmakers debated the school budget.",
        "Ohio farmers expect a record corn harvest this autumn.",
        "The football club appointed a new coach after a poor season.",
    ],
    "c": [
        "The Ohio river ferry stopped for repairs.",
        "Ohio zoo visitors doubled this year.",
        "An Ohio court ruled on the new voting law.",
        "Shares in technology firms rose sharply in early trading.",
    ],
    "d": [
        "Ohio lawmakers passed the zoo budget.",
        "A week of Ohio rain closed the schools.",
        "Ohio voters will elect a new senator in November.",
        "A new museum of modern art opened its doors to visitors.",
    ],
}
"""Other news of the four articles: sharing words ("Ohio", "zoo", "budget"), so scored, but mostly not one claim."""

pytestmark = pytest.mark.usefixtures("without_consensus")


def stand_in_encoder() -> object:
    """The leads along one axis and the paraphrase at a cosine of 0.6 to them; every other text a random way."""
    return placed_encoder({**dict.fromkeys(LEADS.values(), (1.0,)), PARAPHRASE: (0.6, 0.8)})


def ohio_story(leads: dict[str, str], d: list[str]) -> list[Passage]:
    return story({**{name: [lead, *OHIO[name]] for name, lead in leads.items()}, "d": d})


def test_the_paraphrase_needs_more_than_its_own_words_and_vector() -> None:
    matcher = Matcher(encoder=stand_in_encoder())
    assert all(MUTUAL_FLOOR < matcher.similarity(PARAPHRASE, lead) < 0.4 for lead in LEADS.values())
    assert all(not matcher.same_claim(PARAPHRASE, lead) for lead in LEADS.values())


def test_a_lead_in_its_own_words_joins_the_leads_when_the_storys_leads_report_one_claim() -> None:
    """Half the story's lead pairs that are each other's best match are linked by their words, against a tenth of
    the scored pairs: leads are far likelier one claim than other pairs, and the paraphrase clears that prior."""
    groups = ids(cluster_passages(ohio_story(LEADS, [PARAPHRASE, *OHIO["d"]]), encoder=stand_in_encoder()))
    assert {"a:0", "b:0", "c:0", "d:0"} in groups


def test_the_same_paraphrase_further_down_its_article_gets_no_lead_prior() -> None:
    groups = ids(cluster_passages(ohio_story(LEADS, [*OHIO["d"], PARAPHRASE]), encoder=stand_in_encoder()))
    assert {"a:0", "b:0", "c:0"} in groups
    assert {"d:4"} in groups


def test_a_lead_whose_claim_the_other_article_tells_elsewhere_is_not_linked_to_that_articles_lead() -> None:
    """d tells the job cuts further down in the leads' own words: its lead reports something else (a later
    development, as a follow-up's lead does), so the leads' prior does not apply to it."""
    d = [PARAPHRASE, *OHIO["d"], "The company said it would cut 500 jobs at its Ohio plant this year."]
    groups = ids(cluster_passages(ohio_story(LEADS, d), encoder=stand_in_encoder()))
    assert {"a:0", "b:0", "c:0", "d:5"} in groups
    assert {"d:0"} in groups
