"""Clause splitting: a sentence that reports two things gives two parts."""

from __future__ import annotations

import pytest

from newsdiff.engine.clauses import attribution_spans, clause_spans, says_unknown, speaker_spans, without_aside


def parts(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in clause_spans(text)]


def test_while_clause_is_a_part_of_its_own() -> None:
    text = "Putin did not rule out sending weapons to North Korea, while warning South Korea against arming Ukraine."
    assert parts(text) == [
        "Putin did not rule out sending weapons to North Korea,",
        "while warning South Korea against arming Ukraine.",
    ]


def test_spans_cover_the_text_and_respect_offset() -> None:
    text = "Seoul will review its weapons policy; Moscow warned of a painful response."
    spans = clause_spans(text, offset=10)
    assert spans[0][0] == 10 and spans[-1][1] == 10 + len(text)
    assert all(a < b for a, b in spans)


def test_short_parts_and_attributions_stay_with_a_neighbour() -> None:
    assert len(clause_spans("Yes, he said.")) == 1
    text = "The quake struck off the coast at dawn near the main city, the U.S. Geological Survey said."
    assert len(clause_spans(text)) == 1


def test_empty_text_has_no_parts() -> None:
    assert clause_spans("") == []


def test_attribution_spans_are_the_parts_that_name_a_source() -> None:
    text = "The mayor will return to host the gala, producers Ann Lee and Bo Park announced on Tuesday."
    assert [text[a:b] for a, b in attribution_spans(text)] == ["producers Ann Lee and Bo Park announced on Tuesday."]
    quoted = '"We are thrilled," producers Ann Lee and Bo Park said.'
    assert [quoted[a:b] for a, b in attribution_spans(quoted)] == ["producers Ann Lee and Bo Park said."]


def test_a_sentence_that_opens_with_said_states_something() -> None:
    """The first part is the statement ("Police said the driver was arrested"), unless it opens with "according to"."""
    assert attribution_spans("Police said the driver was arrested near the temple.") == []
    text = "According to police, the driver was arrested near the temple."
    assert [text[a:b] for a, b in attribution_spans(text)] == ["According to police, "]


def test_a_part_that_announces_the_news_is_not_an_attribution() -> None:
    text = "On March 3, the firm announced a definitive agreement to acquire Nimbus Labs, a chip startup."
    assert attribution_spans(text) == []


def test_after_an_opening_that_states_nothing_the_speaker_and_the_news_are_the_statement() -> None:
    # "In 2009," states nothing: what follows is the sentence's statement, as if it opened the sentence.
    assert attribution_spans("In 2009, police said they had recovered 80% of the haul.") == []
    assert attribution_spans("On Tuesday, police said he fled.") == []
    after_news = "Eight men robbed the shop on Tuesday, police said on Wednesday."
    assert [after_news[a:b] for a, b in attribution_spans(after_news)] == ["police said on Wednesday."]
    short_news = "The family was very close, neighbours said."  # two content words, but they say what
    assert [short_news[a:b] for a, b in attribution_spans(short_news)] == ["neighbours said."]


def test_a_speaker_named_with_an_office_after_said_is_an_attribution() -> None:
    """Capitalised words right after "said" name the source and its office; they state nothing."""
    text = "Twelve people were killed by a landslide in the district, said Ana Pereira of the National Rescue Agency."
    assert [text[a:b] for a, b in attribution_spans(text)] == ["said Ana Pereira of the National Rescue Agency."]


def test_an_apposition_closing_the_sentence_after_its_speaker_is_part_of_the_attribution() -> None:
    text = "Five people were injured in the town, said Ana Pereira, spokeswoman of the national rescue agency."
    spans = [text[a:b] for a, b in attribution_spans(text)]
    assert spans == ["said Ana Pereira, ", "spokeswoman of the national rescue agency."]


def test_a_part_after_a_leading_attribution_is_the_statement() -> None:
    text = "According to police, the driver was arrested near the temple."
    assert [text[a:b] for a, b in attribution_spans(text)] == ["According to police, "]
    figures = "Five people were injured in the town, said Ana Pereira, adding 12 houses fell."
    assert [figures[a:b] for a, b in attribution_spans(figures)] == ["said Ana Pereira, "]


def test_speaker_spans_name_who_speaks_not_the_news_announced() -> None:
    named = "Five people were injured in the town, said Ana Pereira, spokeswoman of the national rescue agency."
    assert [named[a:b] for a, b in speaker_spans(named)] == [
        "said Ana Pereira, spokeswoman of the national rescue agency."
    ]
    news = "The board met on Monday, and HP announced a small acquisition, a datacenter consulting service."
    assert [news[a:b] for a, b in attribution_spans(news)] == ["and HP announced a small acquisition, "]
    assert speaker_spans(news) == []


def test_a_sentence_reads_without_the_aside_after_its_subject() -> None:
    text = "Jackson, also facing charges of driving on probation, has a hearing set for Feb. 17 in Superior Court."
    assert without_aside(text) == "Jackson has a hearing set for Feb. 17 in Superior Court."
    assert without_aside("The man, a climber from Melbourne in Australia, was planning to go ski touring.") == (
        "The man was planning to go ski touring."
    )


@pytest.mark.parametrize(
    "text",
    [
        "In 2006, there were seven arrests of players, including a shooting by an off-duty officer.",
        "Sunday, for the second time in a month, a player was pulled over and arrested.",
        "Offensively we struggled, and then put together a drive, like we have all year.",
        "Furthermore, it faces a number of rebellions, particularly in provinces near the border.",
        "Police caught up with the driver, who is from Schenectady, a few blocks away.",
        "The quake struck at dawn near the coast, the survey said.",
        "The man, from Hampton East, fell in the Tasman Glacier area.",
        "Additional details, including availability and pricing, will be shared at a later date.",
    ],
)
def test_a_scene_a_clause_a_short_aside_or_none_gives_no_plain_reading(text: str) -> None:
    # A scene ("In 2006,"), a clause of its own or the part the sentence is about ("including availability and
    # pricing") is no subject's aside: dropping it would change the statement.
    # Without an aside of two words ("from Hampton East") the sentence says nearly the same: no second reading.
    assert without_aside(text) is None


@pytest.mark.parametrize(
    "part",
    [
        "it's unknown how many were injured, ",
        "It was not immediately clear how many people were hurt.",
        "The cause of the fire is still unknown.",
        "it wasn't known whether the driver had a licence,",
        "no one knows how many homes were lost;",
    ],
)
def test_a_clause_that_says_something_is_not_known_states_nothing(part: str) -> None:
    assert says_unknown(part)


@pytest.mark.parametrize(
    "part",
    [
        "Many people were injured but it is difficult to evacuate them",
        "He was killed by an unknown gunman.",
        "it's unknown how many were injured, the agency estimates that fifty people died in the flood.",
    ],
)
def test_a_clause_that_states_a_fact_or_runs_on_into_one_is_not_unknowing(part: str) -> None:
    """An unknown gunman is a fact about him; a part that runs on into another clause states what follows."""
    assert not says_unknown(part)
