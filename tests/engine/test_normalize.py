"""Normalisation: the differences between outlets' spellings of one word vanish."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.normalize import tokenize
from newsdiff.engine.spelling import americanize


def norms(text: str) -> list[str]:
    return [t.norm for t in tokenize(text)]


def test_spans_are_exact_and_shifted_by_offset() -> None:
    text = "Putin’s “mirror response” to Kim Jong-un."
    for token in tokenize(text, offset=100):
        assert text[token.start - 100 : token.end - 100] == token.text


def test_case_and_curly_or_straight_apostrophes_are_the_same() -> None:
    assert norms("Putin’s WEAPONS") == norms("putin's weapons")


def test_possessive_is_dropped() -> None:
    assert norms("Putin's") == norms("Putin")


def test_hyphenated_name_matches_spaced_name() -> None:
    assert norms("Kim Jong-un") == norms("Kim Jong Un")
    assert norms("long-range") == norms("long range")


def test_contracted_negation_becomes_not() -> None:
    assert norms("doesn’t") == norms("does not")
    assert norms("can't") == norms("can not")
    assert norms("won't") == norms("will not")


def test_british_and_american_spellings_meet() -> None:
    pairs = [
        ("defence", "defense"),
        ("authorisation", "authorization"),
        ("organised", "organized"),
        ("colour", "color"),
        ("centre", "center"),
        ("travelled", "traveled"),
        ("analyse", "analyze"),
        ("catalogue", "catalog"),
        ("Kiev", "Kyiv"),
    ]
    for british, american in pairs:
        assert norms(british) == norms(american), (british, american)


def test_words_without_american_twin_are_left_alone() -> None:
    assert americanize("four") == "four"
    assert americanize("hour") == "hour"


def test_stemming_merges_inflections() -> None:
    assert norms("weapons supplying") == norms("weapon supply")


def test_numbers_keep_their_value() -> None:
    assert norms("1,000 and 2.5") == ["1000", *norms("and"), "2.5"]
    assert norms("three") == ["3"]


def test_dotted_and_capital_us_is_the_country_not_the_pronoun() -> None:
    assert norms("U.S.") == norms("US")
    assert norms("US") != norms("us")


@given(st.text(), st.integers(min_value=0, max_value=10_000))
def test_arbitrary_text_never_breaks_tokenize(text: str, offset: int) -> None:
    for token in tokenize(text, offset):
        assert token.norm
        assert text[token.start - offset : token.end - offset] == token.text
