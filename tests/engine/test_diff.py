"""Wording differences between the sources of one claim, and the flags they raise."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.engine.diff import compare_wording
from newsdiff.engine.model import Flag, FlagKind, Passage, PassageKind, WordDiff
from newsdiff.engine.quotes import find_quotes


def passage(article_id: str, text: str, prefix: str = "Lead sentence. ", index: int = 1) -> tuple[str, Passage]:
    """A passage placed after ``prefix`` in its article (so offsets are not relative), quotes found."""
    full = prefix + text
    start = len(prefix)
    quotes = find_quotes(full, start, len(full))
    return full, Passage(f"{article_id}:{index}", article_id, index, start, len(full), text, quotes=quotes)


def marked(full: str, diff: WordDiff) -> list[str]:
    return [full[span.start : span.end] for span in diff.differs]


def kinds(flags: tuple[Flag, ...]) -> list[FlagKind]:
    return [flag.kind for flag in flags]


def test_identical_passages_differ_nowhere() -> None:
    _, a = passage("A", "Putin signed a defence pact with Kim.")
    _, b = passage("B", "Putin signed a defence pact with Kim.")
    diffs, flags = compare_wording([a, b])
    assert [d.differs for d in diffs] == [(), ()]
    assert [d.shared_ratio for d in diffs] == [1.0, 1.0]
    assert flags == ()


def test_spelling_and_inflection_variants_are_shared() -> None:
    _, a = passage("A", "Putin signed a mutual defence agreement with Kim Jong Un.")
    _, b = passage("B", "Putin signs mutual defense agreements with Kim Jong-un.")
    diffs, _ = compare_wording([a, b])
    assert [d.differs for d in diffs] == [(), ()]


def test_only_the_differing_content_words_are_marked() -> None:
    full_a, a = passage("A", "It would be a very big mistake, Putin said.")
    full_b, b = passage("B", "It would be a very serious error, Putin said.")
    diff_a, diff_b = compare_wording([a, b])[0]
    assert marked(full_a, diff_a) == ["big", "mistake"]
    assert marked(full_b, diff_b) == ["serious", "error"]
    assert diff_a.shared_ratio == 1 - 2 / 3


def test_spans_are_article_offsets() -> None:
    full, a = passage("A", "Seoul will review arms supplies.", prefix="A long first sentence.\n")
    _, b = passage("B", "Seoul will reconsider arms supplies.")
    diff_a = compare_wording([a, b])[0][0]
    (span,) = diff_a.differs
    assert span.start > a.start
    assert full[span.start : span.end] == "review"


def test_dateline_is_never_marked() -> None:
    _, a = passage("A", "JAKARTA - Putin met Kim.")
    a = Passage(a.id, a.article_id, a.index, a.start, a.end, a.text, content_start=a.start + len("JAKARTA - "))
    _, b = passage("B", "Putin met Kim.")
    assert compare_wording([a, b])[0][0].differs == ()


def test_a_negation_one_source_lacks_is_marked() -> None:
    full, a = passage("A", "Putin does not exclude arms supplies.")
    _, b = passage("B", "Putin does exclude arms supplies.")
    assert marked(full, compare_wording([a, b])[0][0]) == ["not"]


def test_a_lone_source_gets_no_diff() -> None:
    _, a = passage("A", "Putin met Kim.", index=1)
    _, a2 = passage("A", "Putin met Kim again.", index=2)
    assert compare_wording([a, a2]) == ((), ())


def test_one_source_is_not_set_against_itself() -> None:
    """Its own two numbers or two speakers for one statement are the article's business, not a divergence."""
    _, a = passage("A", '"We will win," Putin said. Prices rose by 19 cents a litre.', index=1)
    _, a2 = passage("A", '"We will win," Peskov said. Prices rose by 20 cents a litre.', index=2)
    assert compare_wording([a, a2]) == ((), ())


def test_differing_numbers_are_flagged() -> None:
    _, a = passage("A", "Petrol prices rose by 19 cents a litre.")
    _, b = passage("B", "Petrol prices rose by 20 cents a litre.")
    _, flags = compare_wording([a, b])
    assert kinds(flags) == [FlagKind.NUMBER]
    assert flags[0].detail == '"19 cents" (A) vs "20 cents" (B)'
    assert flags[0].passage_ids == ("A:1", "B:1")


def test_flags_name_articles_by_the_labels_given() -> None:
    _, a = passage("A", "Petrol prices rose by 19 cents a litre.")
    _, b = passage("B", "Petrol prices rose by 20 cents a litre.")
    _, flags = compare_wording([a, b], {"A": "Reuters", "B": "AFP"})
    assert flags[0].detail == '"19 cents" (Reuters) vs "20 cents" (AFP)'


def test_numbers_written_differently_agree() -> None:
    _, a = passage("A", "Three soldiers and 1,000 civilians were hurt.")
    _, b = passage("B", "3 soldiers and 1000 civilians were hurt.")
    assert compare_wording([a, b])[1] == ()


@pytest.mark.parametrize("fraction", ["2-1/2", "2 1/2", "2½"])
def test_a_fraction_is_read_whole_so_two_and_a_half_years_disagrees_with_two(fraction: str) -> None:
    _, a = passage("A", "He was sentenced to 2 years, with 9 months to serve.")
    _, b = passage("B", f"He was sentenced to {fraction} years in prison.")
    _, flags = compare_wording([a, b])
    assert kinds(flags) == [FlagKind.NUMBER]
    assert flags[0].detail == f'"2 years" (A) vs "{fraction} years" (B)'


def test_fractions_and_their_scale_written_differently_agree() -> None:
    _, a = passage("A", "The budget grew by 1 1/2 million dollars this year.")
    _, b = passage("B", "The budget grew by 1½ million dollars this year.")
    _, c = passage("C", "The budget grew by 1,500,000 dollars this year.")
    assert FlagKind.NUMBER not in kinds(compare_wording([a, b, c])[1])


def test_numbers_of_one_unit_that_count_different_things_are_not_a_disagreement() -> None:
    _, a = passage("A", "Some 30 people were killed when three shells landed near the school.")
    _, b = passage("B", "Three shells landed near the school where 350 people were taking shelter.")
    _, c = passage("C", "Some 40 people were killed when three shells landed near the school.")
    assert FlagKind.NUMBER not in kinds(compare_wording([a, b])[1])
    assert kinds(compare_wording([a, c])[1]) == [FlagKind.NUMBER]


def test_a_number_only_one_source_gives_is_not_a_disagreement() -> None:
    _, a = passage("A", "Prices rose by 19 cents on Monday.")
    _, b = passage("B", "Prices rose on Monday.")
    assert FlagKind.NUMBER not in kinds(compare_wording([a, b])[1])


def test_months_that_disagree_are_a_date_flag() -> None:
    _, a = passage("A", "Reid launched a new fashion line called Mantra in December.")
    _, b = passage("B", "Reid, who launched a fashion line called Mantra in September, spoke out.")
    _, flags = compare_wording([a, b])
    assert kinds(flags) == [FlagKind.DATE]
    assert flags[0].detail == '"Mantra in December" (A) vs "Mantra in September" (B)'


def test_a_month_is_shown_with_its_day_and_read_in_either_order() -> None:
    _, a = passage("A", "The treaty was signed on 19 June in Pyongyang.")
    _, b = passage("B", "The treaty was signed on June 19 in Pyongyang.")
    _, c = passage("C", "The treaty was signed on July 19 in Pyongyang.")
    assert FlagKind.DATE not in kinds(compare_wording([a, b])[1])
    (flag,) = [f for f in compare_wording([a, c])[1] if f.kind is FlagKind.DATE]
    assert flag.detail == '"signed on 19 June" (A) vs "signed on July 19" (C)'


def test_weekdays_that_disagree_are_flagged_but_not_the_day_a_statement_was_made() -> None:
    _, a = passage("A", "The quake struck on Friday, police said on Sunday.")
    _, b = passage("B", "The quake struck on Saturday, police told reporters.")
    _, c = passage("C", "The quake struck on Friday, police said Monday.")
    (flag,) = [f for f in compare_wording([a, b])[1] if f.kind is FlagKind.DATE]
    assert flag.detail == '"struck on Friday" (A) vs "struck on Saturday" (B)'
    assert FlagKind.DATE not in kinds(compare_wording([a, c])[1])


def test_dates_of_two_different_events_in_one_claim_do_not_disagree() -> None:
    _, a = passage("A", "A man was charged with murder on Saturday after the office party shooting.")
    _, b = passage("B", "A man has been charged with murder after a shooting at an office party on Friday night.")
    assert FlagKind.DATE not in kinds(compare_wording([a, b])[1])
    _, c = passage("C", "On Friday night a man opened fire at an office party, and he was charged with murder.")
    _, d = passage("D", "On Thursday night a man opened fire at an office party, and he was charged with murder.")
    (flag,) = [f for f in compare_wording([c, d])[1] if f.kind is FlagKind.DATE]
    assert flag.detail == '"Friday night a man" (C) vs "Thursday night a man" (D)'


def test_a_date_is_quoted_to_the_end_of_its_written_word() -> None:
    _, a = passage("A", "The frigate Mysore replaced the Tabar early December near Djibouti.")
    _, b = passage("B", "The frigate Mysore replaced the Tabar in November-end near Djibouti.")
    (flag,) = [f for f in compare_wording([a, b])[1] if f.kind is FlagKind.DATE]
    assert flag.detail == '"Tabar early December" (A) vs "Tabar in November-end" (B)'


def test_words_that_only_look_like_dates_are_not_dates() -> None:
    _, a = passage("A", "May the protesters march again? Jan Kowalski thinks so.")
    _, b = passage("B", "Protesters will march again in December, Kowalski said.")
    assert FlagKind.DATE not in kinds(compare_wording([a, b])[1])
    _, c = passage("C", "Protesters will march again on Jan. 6, Kowalski said.")
    assert FlagKind.DATE in kinds(compare_wording([b, c])[1])


def test_quotes_of_one_statement_in_different_words_are_flagged() -> None:
    _, a = passage("A", "“Sending weapons to Ukraine would be a very big mistake,” Putin said.")
    _, b = passage("B", "“Sending weapons to Ukraine would be a very serious mistake,” Putin said.")
    _, flags = compare_wording([a, b])
    (quote_flag,) = [f for f in flags if f.kind is FlagKind.QUOTE]
    assert quote_flag.detail == '"…a very big mistake" (A) vs "…a very serious mistake" (B)'


def test_a_shorter_cut_of_the_same_quote_is_not_flagged() -> None:
    _, a = passage("A", "Putin warned of “a very big mistake” by Seoul.")
    _, b = passage("B", "“Arming Ukraine would be a very big mistake,” Putin warned Seoul.")
    assert FlagKind.QUOTE not in kinds(compare_wording([a, b])[1])


def quote_flag_details(a_text: str, b_text: str) -> list[str]:
    """The details of the quote flags two passages (sources A and B) raise."""
    _, a = passage("A", a_text)
    _, b = passage("B", b_text)
    return [f.detail for f in compare_wording([a, b])[1] if f.kind is FlagKind.QUOTE]


def test_a_quote_that_runs_on_further_is_flagged_only_where_both_quote_words() -> None:
    longer = "“Regarding Ukraine, we are not asking anyone for this, no one has offered it,” Putin said."
    shorter = "“We are not asking anyone for it, no one has offered it,” Putin said."
    assert quote_flag_details(longer, shorter) == ['"…anyone for this, no one…" (A) vs "…anyone for it, no one…" (B)']
    assert quote_flag_details(shorter, "“Regarding Ukraine, we are not asking anyone for it,” Putin said.") == []


def test_quotes_that_differ_where_one_starts_compare_as_many_words_as_the_shorter_has_there() -> None:
    assert quote_flag_details(
        "“Taking into account our agreements with Pyongyang, I do not exclude arming it,” Putin said.",
        "“We may arm others, bearing in mind our agreements with Pyongyang, and I do not exclude arming it,” Putin said.",
    ) == ['"Taking into account our agreements…" (A) vs "…arm others, bearing in mind our agreements…" (B)']


def test_one_statement_quoted_from_two_speakers_is_a_name_flag() -> None:
    _, a = passage("A", "“We will not sacrifice our interests,” Peskov said.")
    _, b = passage("B", "“We will not sacrifice our interests,” Putin said.")
    _, flags = compare_wording([a, b])
    assert [f.detail for f in flags if f.kind is FlagKind.NAME] == ["quote attributed to Peskov (A) vs Putin (B)"]


def test_a_guessed_or_role_speaker_is_no_evidence_of_a_misattributed_quote() -> None:
    _, a = passage("A", "“I saw bodies flying,” he said.", prefix="Livni said Israel would press on.\n\n")
    _, b = passage("B", "“I saw bodies flying,” Awad said.")
    _, c = passage("C", "“I saw bodies flying,” the Alaska Governor said.")
    assert a.quotes[0].speaker == "Livni"  # the guess the quote keeps: "he" is the last person named speaking
    for pair in ([a, b], [b, c]):
        assert FlagKind.NAME not in kinds(compare_wording(pair)[1])


def test_a_phrase_replaced_between_shared_words_is_a_word_difference_not_a_flag() -> None:
    _, a = passage("A", "Putin and Kim signed a mutual defence agreement on Wednesday in Pyongyang.")
    full_b, b = passage(
        "B", "Putin and Kim signed a comprehensive strategic cooperation agreement on Wednesday in Pyongyang."
    )
    diffs, flags = compare_wording([a, b])
    assert flags == ()
    assert marked(full_b, diffs[1]) == ["comprehensive", "strategic", "cooperation"]


def test_two_names_in_the_same_role_are_a_name_flag() -> None:
    _, a = passage("A", "The warning came from spokesman Peskov on state television.")
    _, b = passage("B", "The warning came from spokesman Lavrov on state television.")
    _, flags = compare_wording([a, b])
    assert [(f.kind, f.detail) for f in flags] == [(FlagKind.NAME, '"spokesman Peskov" (A) vs "spokesman Lavrov" (B)')]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Taban Deng accused Sudan of carrying out the attack.",
            "Taban Deng accused Khartoum of carrying out the attack.",
        ),
        ("The Colts Clinch Playoff Spot With Win Over Chiefs", "The Colts Clinch Playoff Berth With Win Over Chiefs"),
        ("The clinic rehired the nurse, coach Smith said.", "The clinic rehired the nurse, coach Smith told Reuters."),
        ("He killed his sister Kathryn Jenkin in Millom.", "He killed his sister Katie Jenkin in Millom."),
    ],
    ids=["a place for its capital", "a title-case headline", "no name replaced", "a first name and its short form"],
)
def test_capitalised_words_replaced_outside_a_role_are_no_flag(first: str, second: str) -> None:
    _, a = passage("A", first)
    _, b = passage("B", second)
    assert compare_wording([a, b])[1] == ()


def test_a_day_beside_a_different_place_is_not_a_replaced_name() -> None:
    _, a = passage("A", "He opened fire at a party in Vancouver, killing one man.")
    _, b = passage("B", "He opened fire at a party on Friday, killing one man.")
    assert compare_wording([a, b])[1] == ()
    _, c = passage("C", "He scored in Thursday's game against Duke.")
    _, d = passage("D", "He scored in North Carolina's game against Duke.")
    assert compare_wording([c, d])[1] == ()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The Governor said she apologizes if the fire was connected to her campaign.",
            "Sarah Palin said she apologizes if the fire was connected to her campaign.",
        ),
        (
            "Officials said the Korean envoy met Wally Oppal on Monday.",
            "Officials said the Korea envoy met Wally Oppal on Monday.",
        ),
        ("The minister said on Monday that talks went well with OPAL", "Talks went well, the minister told OPPAL"),
    ],
    ids=["a role for a name", "an inflected name", "acronyms spelled alike"],
)
def test_words_that_name_one_thing_are_no_name_flag(first: str, second: str) -> None:
    _, a = passage("A", first)
    _, b = passage("B", second)
    assert compare_wording([a, b])[1] == ()


def test_a_name_and_its_initials_are_one_name_in_a_role() -> None:
    _, a = passage("A", "The Colts secured the No. 5 seed, said coach Jim Caldwell on Thursday.")
    _, b = passage("B", "The Colts secured the No. 5 seed, said coach J.C. on Thursday.")
    _, c = passage("C", "The Colts secured the No. 5 seed, said coach Tony Dungy on Thursday.")
    assert compare_wording([a, b])[1] == ()
    assert [f.kind for f in compare_wording([a, c])[1]] == [FlagKind.NAME]


def test_a_name_two_sources_spell_differently_is_a_name_flag() -> None:
    _, a = passage("A", "The bodies of Robyn Mendes and his mother, Catherine Gomes, were found by police.")
    _, b = passage("B", "The body of Katherine Gomes and Robyn Mendes was discovered by firefighters.")
    _, c = passage("C", "Police found Katherine Gomes and Robyn Mendes in the apartment.")
    _, flags = compare_wording([a, b, c])
    assert [(f.kind, f.detail) for f in flags] == [(FlagKind.NAME, '"Katherine" (B, C) vs "Catherine" (A)')]
    assert set(flags[0].passage_ids) == {"A:1", "B:1", "C:1"}


def test_many_sources_keep_marks_and_flags_bounded() -> None:
    passages = [passage(f"S{n:03}", f"Officials said {n} people were hurt in the blast.")[1] for n in range(60)]
    diffs, flags = compare_wording(passages)
    assert len(diffs) == 60
    assert len([f for f in flags if f.kind is FlagKind.NUMBER]) <= 4


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.text(max_size=60)), min_size=1, max_size=5))
def test_arbitrary_passages_give_spans_inside_their_passage(items: list[tuple[str, str]]) -> None:
    passages = [passage(article, text, index=n)[1] for n, (article, text) in enumerate(items)]
    diffs, _ = compare_wording(passages)
    by_id = {p.id: p for p in passages}
    for diff in diffs:
        owner = by_id[diff.passage_id]
        assert 0.0 <= diff.shared_ratio <= 1.0
        for span in diff.differs:
            assert owner.start <= span.start < span.end <= owner.end


# The ⚑ rules, one by one, on made-up sentences -----------------------------


def flag_details(kind: FlagKind, *texts: str) -> list[str]:
    """The details of the flags of one kind that passages of sources A, B, … raise."""
    passages = [passage(chr(ord("A") + n), text)[1] for n, text in enumerate(texts)]
    return [f.detail for f in compare_wording(passages)[1] if f.kind is kind]


def test_a_hedge_before_a_number_says_nothing_of_what_it_counts() -> None:
    killed = "The quake struck on Tuesday, killing at least five people."
    injured = "The quake struck on Tuesday, injuring at least 50 people."
    assert flag_details(FlagKind.NUMBER, killed, injured) == []
    assert flag_details(FlagKind.NUMBER, killed.replace("killing", "injuring"), injured) == [
        '"five people" (A) vs "50 people" (B)'
    ]


def test_a_different_word_before_two_numbers_of_one_unit_says_they_count_different_things() -> None:
    shot = "The woman allegedly shot three co-workers at the plant."
    killed = "The woman allegedly killed two co-workers at the plant."
    assert flag_details(FlagKind.NUMBER, shot, killed) == []
    assert flag_details(FlagKind.NUMBER, shot, killed.replace("killed", "shot")) != []


def test_ages_of_two_different_people_are_not_a_disagreement() -> None:
    australian = "A 36-year-old Australian climber died after a fall."
    assert flag_details(FlagKind.NUMBER, australian, "A 32-year-old British climber died after a fall.") == []
    assert flag_details(FlagKind.NUMBER, australian, "A 38-year-old Australian climber died after a fall.") == [
        '"36-year" (A) vs "38-year" (B)'
    ]


def test_a_conversion_in_brackets_restates_the_number_before_it() -> None:
    """ECB+ topic 37: "10 kilometers (6 miles)" and "10 kilometres (6.2 miles)" give one depth."""
    six = "The quake struck at a depth of 10 kilometers (6 miles) in Aceh."
    assert flag_details(FlagKind.NUMBER, six, "The quake struck at a depth of 10 kilometres (6.2 miles) in Aceh.") == []
    assert flag_details(FlagKind.NUMBER, six, "The quake struck at a depth of 12 kilometers (7.5 miles) in Aceh.") == [
        '"10 kilometers" (A) vs "12 kilometers" (B)'
    ]
    euros = "They stole jewels worth 2 million euros ($2.6 million) on Monday."
    assert (
        flag_details(FlagKind.NUMBER, euros, "They stole jewels worth 2 million euros ($2.5 million) on Monday.") == []
    )


def test_a_part_counted_in_brackets_is_not_a_conversion() -> None:
    assert flag_details(
        FlagKind.NUMBER,
        "The blast killed 30 people (12 children) in the market.",
        "The blast killed 30 people (14 children) in the market.",
    ) == ['"12 children" (A) vs "14 children" (B)']


def test_a_number_with_nothing_before_it_is_compared_by_the_word_after_its_unit() -> None:
    assert flag_details(
        FlagKind.NUMBER,
        "It ships with up to 768 GB of flash storage.",
        "The storage goes up to 512 GB of flash storage.",
    ) == ['"768 GB" (A) vs "512 GB" (B)']


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "See http://example.com/news/2012/09/10/kraft-plant for more.",
            "See http://example.com/news/2010/09/10/kraft.",
        ),
        ("Last updated 13:26 14/09/2013 by the desk.", "Last updated 15:48 15/09/2013 by the desk."),
        ("He served 4\ufffd months in federal prison.", "He served 412 months in federal prison."),
        ("The flood hit on June 12 and 400 homes were lost.", "The flood hit on June 14 and 400 homes were lost."),
    ],
    ids=["a web address", "a timestamp", "a garbled fraction", "days of a date"],
)
def test_numbers_that_count_nothing_are_never_a_number_flag(first: str, second: str) -> None:
    assert flag_details(FlagKind.NUMBER, first, second) == []


def test_two_days_of_one_event_are_a_date_flag() -> None:
    assert flag_details(
        FlagKind.DATE, "The ferry sank on May 2, 2013, off the coast.", "The ferry sank on May 3, 2013, off the coast."
    ) == ['"sank on May 2, 2013" (A) vs "sank on May 3, 2013" (B)']
    assert (
        flag_details(
            FlagKind.DATE,
            "The ferry sank on 2 May 2013 off the coast.",
            "The ferry sank on May 2, 2013, off the coast.",
        )
        == []
    )


def test_a_weekday_that_is_not_the_day_of_the_other_sources_date_is_a_date_flag() -> None:
    thursday = "The ferry sank on Thursday off the coast."
    assert flag_details(FlagKind.DATE, thursday, "The ferry sank on May 3, 2013, off the coast.") == [
        '"sank on Thursday" (A) vs "sank on May 3, 2013" (B)'
    ]
    assert flag_details(FlagKind.DATE, thursday, "The ferry sank on May 2, 2013, off the coast.") == []
    assert flag_details(FlagKind.DATE, thursday, "The ferry sank on Friday, May 2, 2013, off the coast.") != []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Published: July 29, 2004", "Published: July 28, 2004"),
        ("Thursday 29 July 2004 08.23 BST", "Wednesday, July 28, 2004"),
        (
            "Posted in Crime News on Friday, September 20, 2013.",
            "Posted in Court News on Wednesday, September 18, 2013.",
        ),
    ],
    ids=["publication dates", "a stamp with nothing dated", "posting days"],
)
def test_the_dates_of_pages_are_never_a_date_flag(first: str, second: str) -> None:
    assert flag_details(FlagKind.DATE, first, second) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("He shot his father in a hunting accident in Canada.", "He shot his father in a Canadian hunting accident."),
        ("The heist near the Place Vendome shocked Paris.", "The heist near the Place Vendôme shocked Paris."),
        ("The body was found on Thursday by a maid.", "The body was found on Tuesday by a maid."),
        ("Mayor Rehires Clinic Director After Review", "Mayor Rehires Clinik Director After Review"),
    ],
    ids=["inflected", "an accent", "weekdays", "a title-case headline"],
)
def test_words_spelled_alike_that_are_no_misspelt_name_are_no_name_flag(first: str, second: str) -> None:
    assert flag_details(FlagKind.NAME, first, second) == []


def test_a_quote_attributed_to_an_organisation_or_a_cut_name_is_no_name_flag() -> None:
    statement = "“We will keep selling these servers for years,”"
    assert flag_details(FlagKind.NAME, f"{statement} AMD said.", f"{statement} Lu said.") == []
    assert flag_details(FlagKind.NAME, f"{statement} said General Manager A.", f"{statement} Smith said.") == []


def test_two_statements_that_share_a_word_or_two_are_not_one_quote_worded_differently() -> None:
    assert (
        flag_details(FlagKind.QUOTE, "“The man is petrified,” the judge said.", "“The man is an emotional wreck.”")
        == []
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("endgame", "end game"),
        ("data center", "datacenter"),
        ("12th", "Twelfth"),
        ("true aim", "aim true"),
        ("Greater Nile Oilfield", "GNO"),
        ("aim", "aim (the editor's word)"),
    ],
)
def test_one_word_written_two_ways_inside_a_quote_is_no_quote_flag(first: str, second: str) -> None:
    quote = "“The regime’s {} is to capture the oil fields along the border,” he said."
    assert flag_details(FlagKind.QUOTE, quote.format(first), quote.format(second)) == []
    assert flag_details(FlagKind.QUOTE, quote.format(first), quote.format("plan")) != []


def test_a_time_of_day_is_read_whole() -> None:
    assert (
        flag_details(FlagKind.NUMBER, "She died at dawn (0241 GMT Friday).", "She died at dawn (02:41 GMT Friday).")
        == []
    )
    assert flag_details(FlagKind.NUMBER, "He gave himself up after 6:00 p.m.", "He gave himself up after 6 p.m.") == []
    assert flag_details(FlagKind.NUMBER, "Kick-off is Saturday at 4:30 p.m.", "Kick-off is Saturday at 3:30 p.m.") == [
        '"4:30 p.m." (A) vs "3:30 p.m." (B)'
    ]


def test_a_death_toll_is_one_count_whatever_precedes_it() -> None:
    assert flag_details(
        FlagKind.NUMBER, "Indonesia earthquake: 24 dead in Aceh", "Quake hits Indonesia; 1 dead in Aceh"
    ) == ['"24 dead" (A) vs "1 dead" (B)']


def test_a_number_with_no_unit_is_compared_by_the_word_after_it() -> None:
    assert (
        flag_details(
            FlagKind.NUMBER, "In 1969, he was indicted in New Jersey.", "In 1970, he was indicted in New Jersey."
        )
        != []
    )
    assert (
        flag_details(
            FlagKind.NUMBER, "In 1969, he was indicted in New Jersey.", "In 1970, he was acquitted in New Jersey."
        )
        == []
    )


def test_a_sum_in_one_currency_is_read_with_its_glued_scale() -> None:
    """ "£1.7m" is 1.7 million pounds (it was read as 1), "€2m" two million euros (it was not read at all)."""
    assert flag_details(FlagKind.NUMBER, "Jewels worth £1.7m were stolen.", "Jewels worth £1.9m were stolen.") == [
        '"£1.7m" (A) vs "£1.9m" (B)'
    ]
    assert (
        flag_details(FlagKind.NUMBER, "Jewels worth £1.7m were stolen.", "Jewels worth £1.7 million were stolen.") == []
    )
    assert flag_details(FlagKind.NUMBER, "Raiders hit a Paris store for €2m", "Raiders hit a Paris store for €3m") == [
        '"€2m" (A) vs "€3m" (B)'
    ]


def test_the_only_sum_of_two_headlines_is_one_sum() -> None:
    """ECB+ topic 24: the haul in two headlines, each its only sum; the words around them differ.

    In a sentence the only sum may be a part of the other (ECB+ topic 43: the cash part of a price).
    """
    texts = (
        "Thieves in $2.6 million smash-and-grab raid on Paris jewelry store",
        "Paris thieves nab $2.5 million worth of jewellery",
    )
    headlines = [
        dataclasses.replace(passage(source, text)[1], kind=PassageKind.HEADLINE)
        for source, text in zip("AB", texts, strict=True)
    ]
    assert [f.detail for f in compare_wording(headlines)[1]] == ['"$2.6 million" (A) vs "$2.5 million" (B)']
    assert (
        flag_details(
            FlagKind.NUMBER,
            "AMD shelled out $334 million for the acquisition of SeaMicro.",
            "AMD said $281 million of the purchase price for SeaMicro will be in cash.",
        )
        == []
    )


def test_a_sum_is_compared_by_the_words_around_it_unless_it_is_a_share_of_another() -> None:
    """ECB+ topic 43: AMD's price for SeaMicro and the part of it paid in cash are two sums."""
    deal = "AMD's $334 million deal with SeaMicro is a strong move."
    assert flag_details(FlagKind.NUMBER, deal, "AMD's $344 million deal with SeaMicro is a strong move.") == [
        '"$334 million" (A) vs "$344 million" (B)'
    ]
    assert flag_details(FlagKind.NUMBER, deal, "AMD's $281 million stake is a strong move.") == []
    assert flag_details(FlagKind.NUMBER, deal, "AMD said $281 million of the purchase price will be in cash.") == []


def test_sums_are_compared_by_the_item_they_price() -> None:
    """ECB+ topic 40: the 15-inch model's price is one fact, the 13-inch model's another."""
    both = "The 13-inch MacBook Pro spec upgrade costs $1199, while the 15-inch will sell for $1499."
    assert flag_details(FlagKind.NUMBER, "The 15-inch MacBook Pro starts off at $1,799.", both) == [
        '"$1,799" (A) vs "$1499" (B)'
    ]
    prices = flag_details(FlagKind.NUMBER, "The 13-inch model costs $1,199.", "The 15-inch model costs $1,799.")
    assert not any("$" in detail for detail in prices)
    ask = "Apple will ask $1,099 for the base 13-inch version and $1,799 for a 15-inch version."
    versions = (
        "The 13-inch model comes in $1,199 and $1,499 versions; the 15-inch model is offered in $1,799 and $2,199."
    )
    assert flag_details(FlagKind.NUMBER, ask, versions) == ['"$1,099" (A) vs "$1,199, $1,499" (B)']


def test_sums_in_two_currencies_are_not_compared() -> None:
    assert flag_details(FlagKind.NUMBER, "Thieves nab $2.6 million in Paris", "Thieves nab €2 million in Paris") == []


def test_counts_of_two_places_are_two_counts() -> None:
    """ECB+ topic 37: the 2004 tsunami killed 170,000 in Aceh and 230,000 around the Indian Ocean."""
    province = "The tsunami killed 170,000 people in the province and thousands more around the ocean."
    assert flag_details(FlagKind.NUMBER, province, "The tsunami killed 230,000 people across Asia.") == []
    assert flag_details(FlagKind.NUMBER, province, "The tsunami killed 160,000 people in the province.") == [
        '"170,000 people" (A) vs "160,000 people" (B)'
    ]


def test_numbers_of_a_sentence_about_a_machine_named_before_it_are_not_compared_with_another_machines() -> None:
    """ECB+ topic 40: "It also gets storage up to 512 GB" is the MacBook Air's (named in the sentence before it);
    the other source's "768 GB" is the flagship's. Nothing says the two count one thing: no ⚑."""
    _, air = passage("A", "It also gets storage up to 512 GB of flash storage.")
    _, pro = passage("B", "This flagship model will also have up to 768 GB of flash storage.")
    assert kinds(compare_wording([air, pro])[1]) == [FlagKind.NUMBER]
    leaning = {air.id: frozenset({("zephyr", "air", "air")})}
    assert compare_wording([air, pro], leaning=leaning)[1] == ()
    _, other_air = passage("B", "The new Zephyr Air will also have up to 768 GB of flash storage.")
    assert kinds(compare_wording([air, other_air], leaning=leaning)[1]) == [FlagKind.NUMBER]
