"""Claim summaries: the sources' shared wording, short, on one line, plain text."""

from __future__ import annotations

from newsdiff.engine.model import Passage, PassageKind, Quote
from newsdiff.engine.summary import SUMMARY_LENGTH, representative, shorten, summary_of


def summarize(passages: list[Passage], taken: frozenset[str] | set[str] = frozenset()) -> str:
    """The claim summary the pipeline shows: its representative passage, shortened."""
    chosen = representative(passages, taken)
    return summary_of(chosen) if chosen is not None else ""


def make(pid: str, text: str, **fields: object) -> Passage:
    article, index = pid.split(":")
    return Passage(pid, article, int(index), 10, 10 + len(text), text, **fields)  # type: ignore[arg-type]


def test_the_wording_closest_to_the_others_is_chosen() -> None:
    passages = [
        make("A:0", "Putin met Kim in Pyongyang on Wednesday and praised the ties."),
        make("B:0", "Putin met Kim in Pyongyang on Wednesday."),
        make("C:0", "Putin met Kim in Pyongyang, a rare trip abroad for the Russian leader."),
    ]
    assert summarize(passages) == "Putin met Kim in Pyongyang on Wednesday."


def test_reporting_sentences_beat_headlines_and_quotes() -> None:
    quote = "“Putin met Kim in Pyongyang on Wednesday,” an aide said."
    passages = [
        make("A:0", "Putin Meets Kim In Pyongyang On Wednesday", kind=PassageKind.HEADLINE),
        make("B:0", quote, quotes=(Quote(11, 11 + 40, quote[1:41]),)),
        make("C:0", "Putin flew to Pyongyang to meet Kim."),
    ]
    assert summarize(passages) == "Putin flew to Pyongyang to meet Kim."


def test_the_dateline_is_skipped() -> None:
    text = "JAKARTA - Putin met Kim."
    passage = make("A:0", text, content_start=10 + len("JAKARTA - "))
    assert summarize([passage]) == "Putin met Kim."


def test_long_wording_is_cut_at_a_word_boundary() -> None:
    words = "Putin said that Russia might supply weapons to North Korea in what he suggested was a mirror response"
    summary = summarize([make("A:0", words + " to the Western arming of Ukraine.")])
    assert len(summary) <= SUMMARY_LENGTH
    assert summary.endswith("…")
    assert (words + " ").startswith(summary[:-1] + " ")


def test_whitespace_is_collapsed_and_short_text_kept_whole() -> None:
    assert shorten("Putin  met\n Kim “today”.") == "Putin met Kim “today”."


def test_a_single_unbroken_word_is_still_cut_to_length() -> None:
    assert len(shorten("x" * 300)) == SUMMARY_LENGTH


def test_no_passages_give_an_empty_summary() -> None:
    assert summarize([]) == ""


def test_a_passage_already_summarising_another_claim_is_passed_over() -> None:
    lede = make("A:0", "Putin said Russia may arm North Korea and warned Seoul against arming Ukraine.")
    other = make("B:0", "Putin warned Seoul that arming Ukraine would be a big mistake.")
    first = summarize([lede, other])
    assert summarize([lede, other], taken={first}) != first
    assert summarize([lede, other], taken={first}) == "Putin warned Seoul that arming Ukraine would be a big mistake."
    assert summarize([lede], taken={first}) == first


def test_a_sentence_an_article_repeats_does_not_give_two_claims_one_summary() -> None:
    line = "Nobody was injured, but the fire did one million dollars of damage to the church."
    repeated = [make("A:0", line), make("A:1", line), make("B:0", "The church suffered one million dollars of damage.")]
    assert summarize(repeated, taken={line}) == "The church suffered one million dollars of damage."
