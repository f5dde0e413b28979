"""Statement evidence: a claim joins statements, not names, speakers or dates (made-up sentences)."""

from __future__ import annotations

import pytest

from newsdiff.engine.similarity import same_claim
from newsdiff.engine.statement import Evidence, contrasts, says_enough

ANNOUNCED = (
    "Seth Rowan will return to host the awards next year, producers Craig Zadan and Neil Meron announced on Tuesday."
)
QUOTED = '"We are thrilled to be working with such a talented team again," producers Craig Zadan and Neil Meron said.'


def evidence_pair(a: str, b: str, *, vectors: bool = False) -> bool:
    return says_enough(Evidence.of(a), Evidence.of(b), vectors=vectors)


def test_words_sorted_by_kind() -> None:
    evidence = Evidence.of("In 2008, Klitschko stopped Thompson in the 11th round.")
    assert evidence.names == {"klitschko", "thompson"}
    assert {"stop", "round"} <= evidence.statement
    assert "2008" in evidence.figures


def test_speakers_in_an_attribution_are_neither_names_nor_statement() -> None:
    evidence = Evidence.of(QUOTED)
    assert not evidence.names
    assert "producer" not in evidence.statement
    assert {"thrill", "talent", "team"} <= evidence.statement


def test_two_statements_of_the_same_speakers_are_not_one_claim() -> None:
    """They share five words, all of them the speakers and their title."""
    assert not evidence_pair(ANNOUNCED, QUOTED)
    assert not evidence_pair(ANNOUNCED, QUOTED, vectors=True)
    assert not same_claim(ANNOUNCED, QUOTED)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("So what do you think?", "Think about this, though."),
        ("It's just the nature of the beast.", "It is unclear as to the nature of the dispute."),
        ("(I know, right?)", "Right now!"),
        ("Two years ago,", "Five years ago,"),
    ],
)
def test_generic_lines_share_too_little(a: str, b: str) -> None:
    """One common word (or only time words) in common: nothing says they report one thing."""
    assert not evidence_pair(a, b)
    assert not same_claim(a, b)


def test_a_date_alone_is_not_a_statement() -> None:
    assert not evidence_pair("Monday, September 16, 2013", "Updated Monday 16 September 2013 03:31 BST")


def test_a_shared_date_backs_one_statement_word() -> None:
    assert evidence_pair("Simpson is scheduled to be sentenced November 8.", "He is to be sentenced Nov. 8.")


def test_one_statement_word_and_a_name_can_be_one_disputed_fact() -> None:
    """The number flag needs these in one claim: five against four villages of one district."""
    assert evidence_pair("Five villages in Bantul were damaged.", "Four villages in Bantul were destroyed.")


def test_a_headline_in_title_case_tells_no_names() -> None:
    """ "Colts" is a name in the body and a plain word in the headline: still shared."""
    assert evidence_pair("Colts Beat Chiefs 20-13", "Luck threw two touchdowns as the Colts beat Chiefs 20-13.")


def test_with_vectors_shared_names_let_the_encoder_judge_a_paraphrase() -> None:
    a = "He said Russia had not requested military help from North Korea in Ukraine."
    b = "There was no need to use soldiers of North Korea for the war in Ukraine."
    assert not evidence_pair(a, b)
    assert evidence_pair(a, b, vectors=True)


def test_identical_texts_are_one_claim_whatever_they_say() -> None:
    assert same_claim("She deserved it.", "She deserved it.")


def test_two_addresses_of_one_site_state_nothing() -> None:
    a = "http://www.example-news.co.uk/news/world-24104939"
    b = "http://www.example-news.co.uk/news/world-europe-24021843"
    assert Evidence.of(a) == Evidence(frozenset(), frozenset(), frozenset(), frozenset())
    assert not same_claim(a, b)


def test_two_models_of_one_line_are_two_claims() -> None:
    """ECB+ topic 40: sentences of one shape about the MacBook Air and the MacBook Pro report two facts."""
    air = "Like the new MacBook Air, the laptops tout USB 3.0 ports and seven hours of battery life."
    pro = "Like the new MacBook Pro, the laptops tout USB 3.0 ports and seven hours of battery life."
    assert contrasts(Evidence.of(air), Evidence.of(pro))
    assert not evidence_pair(air, pro)
    assert not evidence_pair(air, pro, vectors=True)
    assert not same_claim(air, pro)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The role went to Malcolm Tucker in the end.", "The role went to Malcom Tucker in the end."),
        ("The laptops get Nvidia GeForce GT650M graphics.", "The laptops get Nvidia GeForce GT 650M graphics."),
        ("The visit of Prime Minister Shinzo Abe ended on Friday.", "The visit of Prime Minister Abe ended on Friday."),
        ("The quake struck Indonesia's Aceh province on Tuesday.", "The quake struck near Banda Aceh on Tuesday."),
        ("Updates to both the MacBook Air and the MacBook Pro came out.", "The MacBook Pro updates came out today."),
        ("The third victim, Brian Dalton, was shot.", "The third victim, Bryant Dalton, was shot."),
        ("The man was flown to Mt Cook Village.", "The man was flown to Mount Cook Village."),
        (
            "The shooting in Northeast Philly shocked the city.",
            "The shooting in Northeast Philadelphia shocked the city.",
        ),
        (
            "Ash fell on the town, which lies on the Pacific Basin.",
            "Ash fell on the town, which lies on the Pacific Ocean.",
        ),
    ],
)
def test_one_thing_named_two_ways_is_no_contrast(a: str, b: str) -> None:
    """A name spelled alike, split, shortened or abbreviated, a possessive before a name, a name the other text also
    writes, a first name (the same person named two ways is a dispute to show), a name in a later clause (a detail,
    not what the sentence is about)."""
    assert not contrasts(Evidence.of(a), Evidence.of(b))


def test_a_word_that_hedges_a_number_is_no_statement_word() -> None:
    """ECB+ topic 37: two statements of one official shared only "district" and the "least" of "at least"."""
    injured = "He said at least 25 of the injured in the town were treated in hospital."
    houses = "He said at least 22 homes were badly damaged in the town."
    assert "least" not in Evidence.of(injured).statement
    assert not evidence_pair(injured, houses)
    assert "near" in Evidence.of("The house near the coast was swept away.").statement
