"""Quoted speech: exact spans, curly and straight marks, quotes across passages, speakers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.engine.quotes import find_quotes


def quotes_in(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text, 0, len(text))]


def test_curly_quote_with_speaker_after_it() -> None:
    text = "“We will not sacrifice our interests,” Peskov said."
    assert quotes_in(text) == [("We will not sacrifice our interests", "Peskov")]


def test_straight_quote_with_verb_before_name() -> None:
    text = 'Then came the warning. "So the response can be symmetric," said Dmitry Peskov.'
    assert quotes_in(text) == [("So the response can be symmetric", "Dmitry Peskov")]


def test_two_apostrophes_close_a_quote_as_wire_copy_types_it() -> None:
    """ECB+ topic 22: the quote was lost, and with it the flag against "a sad time" in another outlet."""
    text = '"This is a sad day for the Kraft Foods family, \'\' the company said.\nLater, "a second quote" came.'
    assert [q for q, _ in quotes_in(text)] == ["This is a sad day for the Kraft Foods family", "a second quote"]
    assert quotes_in("It was the players'' day, and the fans' too.") == []


def test_continued_as_speech_verb() -> None:
    text = "“There is no need to be afraid,” continued Vladimir Putin."
    assert quotes_in(text) == [("There is no need to be afraid", "Vladimir Putin")]


def test_pronoun_resolves_to_last_named_speaker() -> None:
    text = "Putin said on Thursday the West was to blame.\n“I do not exclude this,” he said."
    (quote,) = find_quotes(text, text.index("“"), len(text))
    assert (quote.text, quote.speaker) == ("I do not exclude this", "Putin")
    assert quote.speaker_inferred


def test_a_speaker_named_at_the_quote_is_not_inferred() -> None:
    (quote,) = find_quotes("“I do not exclude this,” Putin said.", 0, 36)
    assert quote.speaker == "Putin" and not quote.speaker_inferred


def test_a_name_cut_at_its_rank_is_no_speaker() -> None:
    text = "“No one was hurt,” said Oregon State Police Lt. Gregg Hastings in a statement."
    assert quotes_in(text) == [("No one was hurt", None)]


def test_pronoun_without_a_named_speaker_stays_unknown() -> None:
    assert quotes_in("“I do not exclude this,” he said.") == [("I do not exclude this", None)]


def test_said_followed_by_a_clause_is_not_a_speaker() -> None:
    text = "In his comments, he said North Korea could get arms.\n“I do not exclude this,” he said."
    (quote,) = find_quotes(text, text.index("“"), len(text))
    assert quote.speaker is None


def test_speaker_before_an_embedded_quote() -> None:
    text = "Putin said South Korea would be making “a big mistake” if it armed Ukraine."
    assert quotes_in(text) == [("a big mistake", "Putin")]


def test_spans_are_absolute_offsets() -> None:
    text = "Intro sentence here. He called it “a very big mistake” today."
    start = text.index("He")
    (quote,) = find_quotes(text, start, len(text))
    assert text[quote.start : quote.end] == quote.text == "a very big mistake"


def test_quote_opened_in_an_earlier_passage_starts_at_the_passage() -> None:
    text = "“In connections to Ukraine this would be a mistake. I hope this will not happen,” Putin said."
    second = text.index("I hope")
    (quote,) = find_quotes(text, second, len(text))
    assert (quote.text, quote.speaker) == ("I hope this will not happen", "Putin")


def test_quote_closed_in_a_later_passage_runs_to_the_passage_end() -> None:
    text = "“In connections to Ukraine this would be a mistake. I hope this will not happen,” Putin said."
    first_end = text.index(" I hope")
    (quote,) = find_quotes(text, 0, first_end)
    assert quote.text == "In connections to Ukraine this would be a mistake."
    assert quote.speaker == "Putin"


def test_unclosed_quote_stops_at_the_end_of_its_paragraph() -> None:
    text = "He warned it would be a “very serious error.\nThe ministry said nothing."
    second = text.index("The")
    assert find_quotes(text, second, len(text)) == ()
    assert quotes_in(text[:second]) == [("very serious error.", None)]


def test_unattributed_quote_keeps_the_speaker_of_its_paragraph() -> None:
    text = "“This would be a big mistake,” Putin said. “If it will, we will respond.”"
    assert [q.speaker for q in find_quotes(text, 0, len(text))] == ["Putin", "Putin"]


def test_stray_inch_mark_opens_no_quote() -> None:
    assert quotes_in('The 5" screen was cracked.') == []


def test_text_without_quotes() -> None:
    assert quotes_in("Putin spoke to reporters in Vietnam.") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab He said, “”"\n.Putin'), max_size=80), st.data())
def test_arbitrary_text_gives_quotes_inside_the_range(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for quote in find_quotes(text, start, end):
        assert start <= quote.start < quote.end <= end
        assert text[quote.start : quote.end] == quote.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text_never_crashes(text: str) -> None:
    for quote in find_quotes(text, 0, len(text)):
        assert text[quote.start : quote.end] == quote.text
