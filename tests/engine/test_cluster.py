"""Clustering: passages of different articles that report one claim form one group."""

from __future__ import annotations

import dataclasses
import math
import zlib
from pathlib import Path

import pytest

from newsdiff.engine.cluster import (
    ClusterStats,
    _affordable_frequency,
    cluster_passages,
)
from newsdiff.engine.model import Passage, PassageKind
from newsdiff.engine.quotes import find_quotes
from newsdiff.engine.similarity import MUTUAL_FLOOR, Matcher, same_claim

DATA = Path(__file__).parent / "data" / "ecb"


def story(articles: dict[str, list[str]], boilerplate: dict[str, set[int]] | None = None) -> list[Passage]:
    """Passages of articles given as lists of sentences (spans into a space-joined text)."""
    passages = []
    for article_id, sentences in articles.items():
        start = 0
        for index, sentence in enumerate(sentences):
            kind = (
                PassageKind.BOILERPLATE if index in (boilerplate or {}).get(article_id, set()) else PassageKind.SENTENCE
            )
            passages.append(
                Passage(
                    id=f"{article_id}:{index}",
                    article_id=article_id,
                    index=index,
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                    kind=kind,
                )
            )
            start += len(sentence) + 1
    return passages


def from_files(*names: str) -> list[Passage]:
    return story({name: (DATA / name).read_text(encoding="utf-8").splitlines() for name in names})


def with_quotes(passages: list[Passage]) -> list[Passage]:
    """The passages with their quotes found, as the story does (quote offsets are the article's, like the passages')."""
    return [
        dataclasses.replace(
            p,
            quotes=tuple(
                dataclasses.replace(q, start=p.start + q.start, end=p.start + q.end)
                for q in find_quotes(p.text, 0, len(p.text))
            ),
        )
        for p in passages
    ]


def ids(groups: list[tuple[Passage, ...]]) -> list[set[str]]:
    return [{p.id for p in group} for group in groups]


TWO_REPORTS = {
    "a": [
        "Putin said that Russia might supply weapons to North Korea.",
        "The treaty signed by Putin and Kim on Wednesday commits each side to provide immediate military assistance.",
        "The weather in Hanoi was warm and humid.",
        "SEE ALSO:",
    ],
    "b": [
        "The agreement signed by Putin and Kim on Wednesday commits each party to provide immediate military assistance.",
        "Stock markets in Tokyo closed lower on Friday.",
    ],
}


def test_every_content_passage_is_in_a_group_and_boilerplate_in_none() -> None:
    passages = story(TWO_REPORTS, boilerplate={"a": {3}})
    grouped = set().union(*ids(cluster_passages(passages)))
    assert grouped == {p.id for p in passages if p.is_content}


def test_the_same_claim_in_two_articles_is_one_group() -> None:
    groups = ids(cluster_passages(story(TWO_REPORTS)))
    assert {"a:1", "b:0"} in groups
    assert {"a:2"} in groups and {"b:1"} in groups


def test_groups_come_in_story_order() -> None:
    passages = story(TWO_REPORTS)
    order = [p.id for p in passages]
    firsts = [order.index(group[0].id) for group in cluster_passages(passages)]
    assert firsts == sorted(firsts)


def test_one_article_alone_never_forms_a_group() -> None:
    lone = {"a": ["Putin visited Hanoi on Thursday.", "Putin visited Hanoi on Thursday after the summit."]}
    groups = cluster_passages(story(lone))
    assert all(len(group) == 1 for group in groups)


def test_a_sentence_reporting_two_things_joins_both_claims() -> None:
    articles = {
        "a": [
            "Putin did not rule out sending weapons to North Korea, while warning that arms supplies by South Korea to Ukraine would be a very serious mistake.",
        ],
        "b": [
            "Putin did not rule out sending weapons to North Korea on Thursday.",
            "He warned that arms supplies by South Korea to Ukraine would be a very serious mistake for Seoul.",
        ],
    }
    groups = ids(cluster_passages(story(articles)))
    assert {"a:0", "b:0"} in groups
    assert {"a:0", "b:1"} in groups


@pytest.mark.parametrize("joiner", ["while", "and yet"])
def test_a_clause_is_matched_without_the_conjunctions_that_join_it(joiner: str) -> None:
    # The joiner ties the warning to the port opening; the claim is the warning.
    warning = f"{joiner} warning that the supply of fuel by the northern provinces to the capital would be a very serious error."
    articles = {
        "a": [f"The minister opened the new port in the south on Tuesday, {warning}"],
        "b": ["Supplying fuel from the northern provinces to the capital would be a grave mistake, the minister said."],
    }
    assert not same_claim(warning, articles["b"][0])
    assert {"a:0", "b:0"} in ids(cluster_passages(story(articles)))


def test_a_chain_of_partial_matches_does_not_merge_distinct_claims() -> None:
    articles = {
        "a": ["Russia signed a defence pact with North Korea in Pyongyang on Wednesday."],
        "b": ["Russia signed a defense pact with North Korea in Pyongyang on Wednesday, officials said."],
        "c": ["South Korea summoned the Russian ambassador in Seoul over the arms deal on Friday."],
    }
    groups = ids(cluster_passages(story(articles)))
    assert {"a:0", "b:0"} in groups
    assert {"c:0"} in groups


def test_reports_of_different_events_are_never_linked() -> None:
    passages = from_files("1_1.txt", "1_8.txt", "2_1.txt", "3_6.txt")
    topic = {"1_1.txt": 1, "1_8.txt": 1, "2_1.txt": 2, "3_6.txt": 3}
    for group in cluster_passages(passages):
        assert len({topic[p.article_id] for p in group}) == 1, [p.text for p in group]


def test_a_clause_that_states_nothing_does_not_join_two_sentences() -> None:
    """ "Two years ago," opens both sentences: a time, not a claim, even word for word."""
    passages = story(
        {
            "a": ["Two years ago, a student opened fire at a college library in Baton Rouge."],
            "b": ["Two years ago, the team won an award for a safe-ride programme for its players."],
        }
    )
    assert all(len({p.article_id for p in group}) == 1 for group in cluster_passages(passages))


def test_dateline_is_ignored() -> None:
    articles = {
        "a": ["JAKARTA - Heavy rain flooded the capital's main airport on Monday."],
        "b": ["Heavy rain flooded the capital's main airport on Monday."],
    }
    passages = story(articles)
    dated = passages[0]
    passages[0] = Passage(
        id=dated.id,
        article_id=dated.article_id,
        index=0,
        start=dated.start,
        end=dated.end,
        text=dated.text,
        content_start=dated.start + len("JAKARTA - "),
    )
    assert {"a:0", "b:0"} in ids(cluster_passages(passages))


def test_a_statement_running_over_a_clause_boundary_matches_as_one_unit() -> None:
    # Neither clause alone nor the whole sentence is close enough to b's
    # sentence; the last two clauses together say what b says.
    passages = story(
        {
            "a": [
                (
                    "The mayor said on Monday that the stadium will close next year, because the roof leaks badly "
                    "during storms, and repairs would cost far more than a new building."
                )
            ],
            "b": ["The roof leaks in heavy storms and repairs would cost far more than a new arena."],
        }
    )
    assert {"a:0", "b:0"} in ids(cluster_passages(passages))


def test_quotes_of_one_statement_match_on_the_quoted_words_not_the_attribution() -> None:
    passages = story(
        {
            "a": [
                (
                    "“We reserve the right to build new plants in other regions, bearing in mind our deals with Norway, "
                    "and I do not rule out this option,” the minister told reporters during a visit to Oslo."
                )
            ],
            "b": ["“Considering our deal with Norway, I also do not rule this out,” he said."],
        }
    )
    assert {"a:0", "b:0"} not in ids(cluster_passages(passages))
    assert {"a:0", "b:0"} in ids(cluster_passages(with_quotes(passages)))


PARALLEL = [
    "The city council approved the new budget on Tuesday after a long debate.",
    "The budget raises spending on schools by five percent.",
    "Critics of the council called the budget plan reckless and warned of higher taxes.",
    "The mayor will sign the budget into law next week.",
    "Council members also voted to rename the central library after a local poet.",
    "The library has been closed for repairs since the spring floods.",
]
REWRITE = [
    "On Tuesday the city council approved the new budget after a long debate.",
    "The budget raises school spending by five percent.",
    "Opponents said the council's budget was irresponsible and would push taxes up.",
    "The mayor will sign the budget into law next week.",
    "Council members also voted to rename the central library after a local poet.",
    "The library has been closed for repairs since the spring floods.",
]


def test_a_loose_paraphrase_between_matching_neighbours_of_a_parallel_rewrite_is_linked() -> None:
    # The third sentences share few words; alone they are not enough, but
    # every other sentence of the two articles matches in the same order.
    assert not same_claim(PARALLEL[2], REWRITE[2])
    assert {"a:2", "b:2"} in ids(cluster_passages(story({"a": PARALLEL, "b": REWRITE})))


def test_the_same_paraphrase_among_shuffled_neighbours_is_not_linked() -> None:
    shuffled = [REWRITE[i] for i in (5, 3, 2, 0, 4, 1)]
    groups = ids(cluster_passages(story({"a": PARALLEL, "b": shuffled})))
    assert {"a:2"} in groups and {"b:2"} in groups


def test_stats_count_the_work_done() -> None:
    stats = ClusterStats()
    passages = story(TWO_REPORTS)
    cluster_passages(passages, stats=stats)
    assert stats.units >= len(passages)
    assert stats.scored >= stats.linked >= 1


def test_progress_reaches_one() -> None:
    shares: list[float] = []
    cluster_passages(story(TWO_REPORTS), progress=shares.append)
    assert shares and shares[-1] == 1.0 and shares == sorted(shares)


def test_a_large_story_scores_a_small_share_of_all_pairs() -> None:
    """Candidates come from an inverted index on rare words, not from every cross-article pair."""
    lines = [
        line
        for name in ("1_1.txt", "1_8.txt", "2_1.txt", "3_6.txt")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    ]
    articles = {f"s{n}": [f"{line} ({n % 7})" for line in lines[n % 5 :] + lines[: n % 5]] for n in range(100)}
    passages = story(articles)
    stats = ClusterStats()
    groups = cluster_passages(passages, stats=stats)
    per_article = len(passages) // len(articles)
    cross_pairs = len(passages) * (len(passages) - per_article) // 2
    assert 0 < stats.scored < cross_pairs / 10
    assert set().union(*ids(groups)) == {p.id for p in passages}


JOB_CUTS = (
    "The company said it would cut 500 jobs at its factory in Ohio this year.",
    "Around 500 workers at the Ohio plant are expected to lose their jobs, the firm announced.",
)
WEAPONS = (
    "Putin said Russia might supply weapons to North Korea.",
    "The Russian leader did not rule out sending arms to Pyongyang.",
)
OTHER_NEWS = {
    "a": [
        "Heavy rain flooded several streets in the city centre on Monday.",
        "The football club appointed a new coach after a poor season.",
        "Shares in technology firms rose sharply in early trading.",
        "A new museum of modern art opened its doors to visitors.",
    ],
    "b": [
        "Farmers warned that the drought could ruin this year's harvest.",
        "The city council approved a budget for new cycling lanes.",
        "Scientists discovered a new species of frog in the rainforest.",
        "The airline cancelled dozens of flights because of a strike.",
    ],
}


PARAPHRASE_COSINE = 0.7
"""About the cosine the real encoder gives a paraphrase with few shared words (seed story: 0.6 to 0.75)."""


def paraphrase_encoder(pairs: tuple[tuple[str, str], ...]) -> object:
    """A stand-in sentence encoder: each given pair at ``PARAPHRASE_COSINE``, every other text a random way."""
    slant = math.sqrt(1 - PARAPHRASE_COSINE**2)
    directions: dict[str, tuple[float, ...]] = {}
    for n, (first, second) in enumerate(pairs):
        directions[first] = (0.0,) * 2 * n + (1.0,)
        directions[second] = (0.0,) * 2 * n + (PARAPHRASE_COSINE, slant)
    return placed_encoder(directions)


def placed_encoder(directions: dict[str, tuple[float, ...]]) -> object:
    """A stand-in sentence encoder: each given text along the given mix of axes, every other text a random way."""
    np = pytest.importorskip("numpy")
    from newsdiff.engine.semantic import Encoder

    axes = np.eye(64)

    def embed(texts: list[str]) -> object:
        rows = []
        for text in texts:
            vector = 0.3 * np.random.default_rng(zlib.crc32(text.encode())).normal(size=64)
            for axis, weight in enumerate(directions.get(text, ())):
                vector += 10 * weight * axes[axis]
            rows.append(vector)
        return np.array(rows)

    return Encoder("stand-in", 64, embed)


def test_mutual_nearest_paraphrase_links_when_its_probability_clears_the_floor() -> None:
    encoder = paraphrase_encoder((JOB_CUTS,))
    matcher = Matcher(encoder=encoder)
    probability = matcher.similarity(*JOB_CUTS)
    # The pair model alone says "different" (so the link below comes from the margin), yet above the floor.
    assert not matcher.same_claim(*JOB_CUTS) and probability >= MUTUAL_FLOOR
    passages = story({"a": [JOB_CUTS[0], *OTHER_NEWS["a"]], "b": [*OTHER_NEWS["b"], JOB_CUTS[1]]})
    assert {"a:0", "b:4"} in ids(cluster_passages(passages, encoder=encoder))
    assert {"a:0", "b:4"} not in ids(cluster_passages(passages))


def test_mutual_nearest_quotes_are_judged_on_the_quoted_words_not_the_attribution() -> None:
    quotes = ("“We have to respond and we shall,” she said.", "“We will consider it,” she said.")
    encoder = paraphrase_encoder((quotes,))
    passages = story({"a": [quotes[0], *OTHER_NEWS["a"]], "b": [*OTHER_NEWS["b"], quotes[1]]})
    # Read as whole sentences they share only "she said": no statement word (``statement.Evidence``).
    assert {"a:0", "b:4"} not in ids(cluster_passages(passages, encoder=encoder))
    groups = ids(cluster_passages(with_quotes(passages), encoder=encoder))
    assert {"a:0"} in groups and {"b:4"} in groups


COURT_DATE = (
    "Jackson, also facing charges of driving on probation, has an arraignment set for Feb. 17 in Superior Court.",
    "Jackson is due in court Feb. 17.",
)


def test_a_statement_with_an_aside_after_its_subject_joins_the_claim_it_states_without_it() -> None:
    plain = "Jackson has an arraignment set for Feb. 17 in Superior Court."
    # As with the real encoder (ECB+ topic 35), only the reading without the aside is near b's sentence:
    # the whole sentence carries the aside, and its last clause has lost its subject.
    encoder = placed_encoder({plain: (1.0,), COURT_DATE[1]: (0.8, 0.6)})
    matcher = Matcher(encoder=encoder)
    assert matcher.same_claim(plain, COURT_DATE[1])
    assert not matcher.same_claim(COURT_DATE[0], COURT_DATE[1])
    assert not matcher.same_claim("has an arraignment set for Feb. 17 in Superior Court.", COURT_DATE[1])
    passages = story({"a": [COURT_DATE[0], *OTHER_NEWS["a"]], "b": [*OTHER_NEWS["b"], COURT_DATE[1]]})
    assert {"a:0", "b:4"} in ids(cluster_passages(passages, encoder=encoder))


JOB_CUTS_AGAIN = (
    "The company said it would cut 500 jobs at its Ohio factory this year.",
    "The company said on Tuesday it would cut 500 jobs at its factory in Ohio this year.",
)
AIRLINE = "Shares in the airline fell after the strike was announced."


def consensus_story(b_reports_it: bool) -> list[Passage]:
    """a, b and c report job cuts in near-identical words; c also paraphrases them, nearer to them than to anything else."""
    b = [*OTHER_NEWS["b"], JOB_CUTS_AGAIN[0]] if b_reports_it else OTHER_NEWS["b"]
    return story({"a": [JOB_CUTS[0], *OTHER_NEWS["a"]], "b": b, "c": [JOB_CUTS_AGAIN[1], AIRLINE, JOB_CUTS[1]]})


def test_a_sentence_whose_best_match_in_every_other_article_is_in_one_claim_joins_it() -> None:
    cuts = (JOB_CUTS[0], *JOB_CUTS_AGAIN)
    encoder = placed_encoder({**dict.fromkeys(cuts, (1.0,)), JOB_CUTS[1]: (0.8, 0.6)})
    matcher = Matcher(encoder=encoder)
    # The paraphrase clears the floor but not the threshold, and each article's wording of
    # the claim is nearer to c's own near-copy than to it: no pair or mutual link reaches it.
    assert all(
        matcher.similarity(JOB_CUTS[1], cut) >= MUTUAL_FLOOR and not matcher.same_claim(JOB_CUTS[1], cut)
        for cut in cuts[:2]
    )
    groups = ids(cluster_passages(consensus_story(b_reports_it=True), encoder=encoder))
    assert {"a:0", "b:4", "c:0", "c:2"} in groups


def test_a_sentence_joins_no_claim_when_one_other_article_has_its_best_match_elsewhere() -> None:
    cuts = (JOB_CUTS[0], *JOB_CUTS_AGAIN)
    encoder = placed_encoder({**dict.fromkeys(cuts, (1.0,)), JOB_CUTS[1]: (0.8, 0.6)})
    groups = ids(cluster_passages(consensus_story(b_reports_it=False), encoder=encoder))
    assert {"a:0", "c:0"} in groups and {"c:2"} in groups


def test_mutual_nearest_pair_below_the_floor_stays_apart() -> None:
    encoder = paraphrase_encoder((WEAPONS,))
    assert Matcher(encoder=encoder).similarity(*WEAPONS) < MUTUAL_FLOOR
    passages = story({"a": [WEAPONS[0], *OTHER_NEWS["a"]], "b": [*OTHER_NEWS["b"], WEAPONS[1]]})
    assert all(len(group) == 1 for group in cluster_passages(passages, encoder=encoder))


def test_the_candidate_search_drops_the_commonest_keys_when_over_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _affordable_frequency([5, 1, 3, 3]) == math.inf
    monkeypatch.setattr("newsdiff.engine.cluster.MAX_SCANNED", 7)
    assert _affordable_frequency([5, 1, 3, 3]) == 4
    assert _affordable_frequency([3, 3, 3]) == 2


def test_two_statements_of_one_speaker_are_not_one_claim_through_the_attribution() -> None:
    """ "…, said X of the Y Agency." is no unit of its own: sharing it, two reports share a speaker, not a claim."""
    passages = story(
        {
            "a": [
                "Twelve people were killed by a landslide in Bener Meriah district, "
                "said Sutopo Purwo Nugroho of the National Disaster Mitigation Agency."
            ],
            "b": [
                "At least five people were injured and ten houses were damaged in Takengon, "
                "said Sutopo Purwo Nugroho of the National Disaster Mitigation Agency."
            ],
        }
    )
    assert all(len(group) == 1 for group in cluster_passages(passages))


def test_a_clause_that_lost_its_name_does_not_join_a_sentence_about_another_thing() -> None:
    """ECB+ topic 40: "the 13-inch" of a sentence about the MacBook Air is not the 13-inch MacBook Pro.

    The clause "the 13-inch model has dropped $100 to $1199 this week" matches the other sentence on its own;
    its sentence names "the 11-inch Air" where the other names "The 13-inch MacBook Pro".
    """
    articles = {
        "a": ["Though the 11-inch Air still starts at $999, the 13-inch model has dropped $100 to $1199 this week."],
        "b": ["The 13-inch MacBook Pro model has dropped $100 to $1199 this week, and the 15-inch sells for $1499."],
    }
    assert ids(cluster_passages(story(articles))) == [{"a:0"}, {"b:0"}]


def test_a_clause_that_says_something_is_not_known_joins_no_claim() -> None:
    """ECB+ topic 37: "Although it's unknown how many were injured, Sky News estimates …" joined a resident's quote
    "Many people were injured but …" through its first clause, which states nothing."""
    passages = story(
        {
            "a": ["Although it's unknown how many were injured, the agency estimates that fifty homes collapsed."],
            "b": ["Many people were injured but it is difficult to evacuate them due to traffic jams."],
        }
    )
    assert all(len({p.article_id for p in group}) == 1 for group in cluster_passages(passages))


def test_a_sentence_about_a_variant_named_before_it_is_not_one_claim_with_another_variant() -> None:
    """ECB+ topic 40: "It also gets storage up to 512 GB" follows "The MacBook Air gets …": the Air, not the Pro."""
    passages = story(
        {
            "a": ["The Zephyr Air gets faster chips this year.", "It also gets storage up to 512 GB of flash storage."],
            "b": ["The Zephyr Pro also gets storage up to 768 GB of flash storage."],
        }
    )
    assert all(len({p.article_id for p in group}) == 1 for group in cluster_passages(passages))


VAN_ARREST = (
    "Police arrested the driver of the stolen van near the bridge on Friday night, and officers found the gun under its seat.",
    "Officers arrested the driver of the stolen van close to the bridge late on Friday, and police found the gun beneath the seat.",
    "The driver of the stolen van was arrested by police near the bridge on Friday, and officers later found the gun under the seat.",
)
MAYOR = "and the mayor praised the quick response of the city's emergency crews."


def test_a_sentence_linked_with_most_reports_of_a_claim_joins_it_though_each_report_is_several_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each report of the arrest is two texts of the claim (the sentence and its first clause): linked with two reports
    of three, through their clauses, d's sentence is linked with two texts of six, too few for a dense merge."""
    held = f"Police held the van's driver near the bridge on Friday, {MAYOR}"
    passages = story({"a": [VAN_ARREST[0]], "b": [VAN_ARREST[1]], "c": [VAN_ARREST[2]], "d": [held]})
    assert {"a:0", "b:0", "c:0", "d:0"} in ids(cluster_passages(passages))
    monkeypatch.setattr("newsdiff.engine.cluster._join_reporting_passages", lambda *_: None)
    assert {"d:0"} in ids(cluster_passages(passages))


def test_a_sentence_linked_with_one_report_of_three_stays_out_of_their_claim() -> None:
    held = f"Police held the driver near the bridge on Friday night, {MAYOR}"
    articles = {"a": [VAN_ARREST[0]], "b": [VAN_ARREST[1]], "c": [VAN_ARREST[2]], "d": [held]}
    groups = ids(cluster_passages(story(articles)))
    assert {"a:0", "b:0", "c:0"} in groups and {"d:0"} in groups


def test_wire_copy_that_two_outlets_carry_counts_as_one_report() -> None:
    """a and b carry one wire sentence: d, linked with it alone, is linked with one report of two, not two of three."""
    held = f"Police held the driver near the bridge on Friday night, {MAYOR}"
    articles = {"a": [VAN_ARREST[0]], "b": [VAN_ARREST[0]], "c": [VAN_ARREST[2]], "d": [held]}
    groups = ids(cluster_passages(story(articles)))
    assert {"a:0", "b:0", "c:0"} in groups and {"d:0"} in groups
