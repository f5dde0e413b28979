"""Sentence splitting: exact spans, the hard cases of news copy, headline and boilerplate."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.engine.load import MAX_ARTICLE_CHARS, article_from_text, load_paths
from newsdiff.engine.model import Article, Passage, PassageKind
from newsdiff.engine.segment import MAX_SENTENCE_CHARS, segment

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def passages_of(text: str) -> tuple[Passage, ...]:
    return segment(article_from_text(text, article_id="t"))


def texts_of(text: str) -> list[str]:
    return [p.text for p in passages_of(text)]


def assert_exact_spans(article: Article, passages: tuple[Passage, ...]) -> None:
    previous_end = article.body_start
    for index, passage in enumerate(passages):
        assert passage.id == f"{article.id}:{index}"
        assert passage.index == index
        assert passage.article_id == article.id
        assert article.text[passage.start : passage.end] == passage.text
        assert passage.text and passage.text == passage.text.strip()
        assert passage.start >= previous_end
        assert passage.content_start is not None
        assert passage.start <= passage.content_start < passage.end
        previous_end = passage.end


def test_every_seed_passage_is_an_exact_stripped_span_in_order() -> None:
    for article in load_paths([SEEDS]):
        assert_exact_spans(article, segment(article))


def test_a_line_break_always_ends_a_seed_passage() -> None:
    for article in load_paths([SEEDS]):
        passages = segment(article)
        assert all("\n" not in p.text for p in passages)
        lines = [line for line in article.text.split("\n") if line.strip()]
        assert len(passages) >= len(lines)


def test_title_abbreviations_do_not_end_a_sentence() -> None:
    assert texts_of("Mr. Putin spoke. Dr. Kim listened.") == ["Mr. Putin spoke.", "Dr. Kim listened."]
    assert texts_of("He met editors in St. Petersburg on Friday.") == ["He met editors in St. Petersburg on Friday."]
    assert texts_of("John F. Kennedy was shot in Dallas.") == ["John F. Kennedy was shot in Dallas."]


def test_no_abbreviates_number_when_capitalised_or_before_a_figure() -> None:
    for text in (
        "It ranked No. 5 again, after Nos. 7 and 8.",
        "The orchestra played Symphony No. IX last night.",
        "He was No. Two in the party for a decade.",
        "She won the ticket no. 17 draw.",
    ):
        assert texts_of(text) == [text]
    assert texts_of("Asked if he would go, he said no. The talks ended.") == [
        "Asked if he would go, he said no.",
        "The talks ended.",
    ]
    assert texts_of('His answer was "No." The talks ended.') == ['His answer was "No."', "The talks ended."]


def test_a_dotted_acronym_ends_a_sentence_only_before_a_sentence_opener() -> None:
    assert texts_of("The U.S. Navy sailed. It left.") == ["The U.S. Navy sailed.", "It left."]
    assert texts_of("Missiles were supplied by the U.S. The war went on.") == [
        "Missiles were supplied by the U.S.",
        "The war went on.",
    ]


def test_dotted_abbreviations_inside_a_sentence_do_not_end_it() -> None:
    for text in (
        "Police in L.A. said the man fled.",
        "He met L.A. Reid in L.A. on Monday.",
        "According to L.A. County officials, five died.",
        "The singer, who lives in L.A., said she was fine.",
        "Martin Luther King Jr. Day is Monday.",
        "Rep. Smith and Gov. Brown met Sen. Jones in St. Louis.",
        "The D.C. Council voted on Tuesday.",
    ):
        assert texts_of(text) == [text]


def test_no_abbreviation_ends_a_title_case_headline() -> None:
    body = "\nShe returned on Monday after a month away, her lawyer said.\n"
    for headline in ("Lohan Returns To L.A. For Court Date", "Storm Hits D.C. On Monday", "Obama Visits U.S. Troops"):
        passages = passages_of(headline + body)
        assert (passages[0].text, passages[0].kind) == (headline, PassageKind.HEADLINE)


def test_a_title_case_headline_with_an_ellipsis_is_one_passage() -> None:
    body = "\nThe actress checked into a clinic on Monday, her spokesman said.\n"
    for headline in ("Lindsay Lohan Checks Into Rehab... Again", "Colts Win… And Clinch A Playoff Spot"):
        passages = passages_of(headline + body)
        assert [p.text for p in passages] == [headline, body.strip()]
        assert passages[0].kind is PassageKind.HEADLINE


def test_a_sentence_full_of_names_still_ends_at_an_abbreviation_before_an_opener() -> None:
    assert texts_of("It happened in the U.S. In Canada, nothing.") == ["It happened in the U.S.", "In Canada, nothing."]
    assert texts_of("He said... Then he left.") == ["He said...", "Then he left."]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence() -> None:
    text = "Putin told reporters. during a visit to Vietnam."
    assert texts_of(text) == [text]


def test_punctuation_opening_a_line_is_no_sentence_of_its_own() -> None:
    """A scraped "? Apple is…" line (ECB+ topic 40) made a passage, and a claim, of a lone "?"."""
    text = "? Apple is making WWDC a hardware conference. It unveiled a laptop."
    assert texts_of(text) == ["? Apple is making WWDC a hardware conference.", "It unveiled a laptop."]
    assert texts_of("... And then it rained. Nobody came.") == ["... And then it rained.", "Nobody came."]


def test_several_sentences_inside_one_quotation_are_split() -> None:
    text = "“I said it in Pyongyang. Taking our agreements into account, I do not exclude it,” he said."
    assert texts_of(text) == [
        "“I said it in Pyongyang.",
        "Taking our agreements into account, I do not exclude it,” he said.",
    ]


def test_a_closing_quote_stays_with_the_sentence_it_closes() -> None:
    assert texts_of("“It is over.” he said. Then he left.") == [
        "“It is over.” he said.",
        "Then he left.",
    ]
    assert texts_of('"We agree." They left.') == ['"We agree."', "They left."]


def test_a_quoted_question_keeps_its_attribution() -> None:
    text = '"Why don\'t we have the right to do the same?" President Putin said.'
    assert texts_of(text) == [text]


def test_a_quotation_opening_a_new_sentence_is_split_off() -> None:
    assert texts_of("“I hope not,” Putin said. “If it will, we will decide.”") == [
        "“I hope not,” Putin said.",
        "“If it will, we will decide.”",
    ]


def test_an_unclosed_quotation_ends_with_its_line() -> None:
    text = "Seoul would make a “very serious error.\nMr. Putin had already threatened."
    assert texts_of(text) == ["Seoul would make a “very serious error.", "Mr. Putin had already threatened."]


def test_a_title_case_first_line_is_the_headline() -> None:
    passages = passages_of("Putin Says Russia May Arm North Korea?\nPutin said so on Thursday.")
    assert [p.kind for p in passages] == [PassageKind.HEADLINE, PassageKind.SENTENCE]


def test_a_first_sentence_is_not_a_headline() -> None:
    passages = passages_of("Putin said Russia might supply weapons to North Korea.\nHe spoke in Hanoi.")
    assert passages[0].kind is PassageKind.SENTENCE


def test_only_the_first_line_can_be_a_headline() -> None:
    passages = passages_of("Putin Arrives In Hanoi\nHe met the president.\nTalks Went Well Overall\nThe end.")
    assert [p.kind for p in passages].count(PassageKind.HEADLINE) == 1


def test_a_lone_line_is_content_not_a_headline() -> None:
    assert passages_of("Putin Arrives In Hanoi")[0].kind is PassageKind.SENTENCE


def test_a_markdown_heading_is_the_headline_without_its_marker() -> None:
    headline = passages_of("# Putin visits Hanoi\n\nHe arrived on Thursday.")[0]
    assert headline.kind is PassageKind.HEADLINE
    assert headline.text == "Putin visits Hanoi"


def test_seed_headlines() -> None:
    kinds = {a.id[:3]: segment(a)[0].kind for a in load_paths([SEEDS])}
    assert kinds == {"000": PassageKind.SENTENCE, "002": PassageKind.SENTENCE, "004": PassageKind.HEADLINE}


def test_boilerplate_lines_are_passages_that_are_not_content() -> None:
    passages = passages_of("He spoke.\nSEE ALSO:\nAdvertisement\nHe left.")
    assert [(p.text, p.is_content) for p in passages] == [
        ("He spoke.", True),
        ("SEE ALSO:", False),
        ("Advertisement", False),
        ("He left.", True),
    ]


def test_seed_boilerplate_is_the_see_also_line_only() -> None:
    boilerplate = [p.text for a in load_paths([SEEDS]) for p in segment(a) if not p.is_content]
    assert boilerplate == ["SEE ALSO:"]


def test_a_dateline_stays_in_its_sentence_and_content_starts_after_it() -> None:
    text = "JAKARTA - Russian President Vladimir Putin said on Thursday he may arm Pyongyang. He left."
    first, second = passages_of(text)
    assert first.text.startswith("JAKARTA - ")
    assert text[first.content_start : first.end].startswith("Russian President")
    assert second.content_start == second.start


def test_a_dateline_after_a_headline_is_found() -> None:
    text = "Putin May Arm North Korea\nWASHINGTON (Reuters) - Putin said so. It matters."
    passages = passages_of(text)
    assert text[passages[1].content_start :].startswith("Putin said so.")


def test_front_matter_is_not_segmented() -> None:
    article = article_from_text("---\ntitle: T\n---\nHe spoke. He left.", article_id="fm")
    passages = segment(article)
    assert [p.text for p in passages] == ["He spoke.", "He left."]
    assert passages[0].start == article.body_start


def test_a_hard_wrapped_paragraph_is_joined_into_sentences() -> None:
    text = (
        "The treaty signed by Putin and Kim on Wednesday commits each\n"
        "side to provide immediate military assistance to the other in\n"
        "the event of armed aggression. Moscow welcomed it.\n"
        "\n"
        "Seoul said it would review its policy.\n"
    )
    assert texts_of(text) == [
        "The treaty signed by Putin and Kim on Wednesday commits each\n"
        "side to provide immediate military assistance to the other in\n"
        "the event of armed aggression.",
        "Moscow welcomed it.",
        "Seoul said it would review its policy.",
    ]


def test_two_lines_are_joined_only_when_the_second_goes_on_with_the_first() -> None:
    wrapped = "The treaty signed by Putin and Kim on Wednesday commits each\nside to provide assistance to the other."
    assert texts_of(wrapped) == [wrapped]
    headline_and_standfirst = (
        "Two million euro jewellery heist in central Paris\n"
        "Thieves pulled off a heist in central Paris on Monday morning"
    )
    assert texts_of(headline_and_standfirst) == headline_and_standfirst.split("\n")


def test_a_web_page_s_furniture_lines_are_boilerplate_around_its_headline() -> None:
    text = (
        "http://www.example.com/news/2013/09/14/woman-killed.html\n"
        "Woman Killed In Queens Hit-And-Run, Driver Charged\n"
        "Updated 09/14/2013 01:03 PM\n"
        "By Jane Doe | Associated Press\n"
        "A woman has died after being hit by a car that fled the scene in Queens.\n"
        "(Photo: Getty Images)\n"
        "Comments (12)\n"
    )
    assert [p.kind for p in passages_of(text)] == [
        PassageKind.BOILERPLATE,
        PassageKind.HEADLINE,
        PassageKind.BOILERPLATE,
        PassageKind.BOILERPLATE,
        PassageKind.SENTENCE,
        PassageKind.BOILERPLATE,
        PassageKind.BOILERPLATE,
    ]


def test_one_sentence_lines_stay_one_passage_each() -> None:
    text = "Putin spoke in Hanoi on Thursday.\nHe said Russia may arm North Korea.\nSeoul objected.\n"
    assert texts_of(text) == [line for line in text.split("\n") if line]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_text_segments_into_exact_ordered_spans(text: str) -> None:
    article = article_from_text(text, article_id="any")
    assert_exact_spans(article, segment(article))


_NEWSY = st.lists(
    st.sampled_from(
        [
            "Mr.",
            "U.S.",
            "St.",
            "said",
            "he",
            "The",
            "war",
            ".",
            "?",
            "!",
            "“",
            "”",
            '"',
            "'",
            "\n",
            "\n\n",
            " ",
            "JAKARTA -",
            "SEE ALSO:",
            "#",
            "- ",
            "...",
            "(AP)",
            "—",
            "a.m.",
        ]
    ),
    min_size=1,
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY.filter(lambda t: t.strip()))
def test_news_like_fragments_segment_into_exact_ordered_spans(text: str) -> None:
    article = article_from_text(text, article_id="news")
    assert_exact_spans(article, segment(article))


def test_an_article_of_the_longest_length_accepted_segments_whole() -> None:
    unit = "\n".join(a.text for a in load_paths([SEEDS])) + "\n"
    article = article_from_text(unit * (MAX_ARTICLE_CHARS // len(unit)), article_id="large")
    passages = segment(article)
    assert passages[-1].end == len(article.text.rstrip())


def test_a_run_without_full_stops_is_cut_into_passages_of_bounded_length() -> None:
    words = " ".join(f"word{n}" + ("," if n % 37 == 0 else "") for n in range(3000))
    article = article_from_text("A first sentence here.\n" + words + "\n" + "x" * 2500, article_id="run")
    passages = segment(article)
    assert_exact_spans(article, passages)
    assert max(len(p.text) for p in passages) <= MAX_SENTENCE_CHARS
    pieces = [p.text for p in passages if p.text.startswith("word")]
    assert " ".join(pieces) == words
    assert all(piece.endswith(",") for piece in pieces[:-1])  # cut after a comma where the window has one
    assert [len(p.text) for p in passages if p.text[:1] == "x"] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 500]


def test_a_quote_marker_followed_by_unusual_whitespace_leaves_a_stripped_passage() -> None:
    article = article_from_text(">\x85Rain fell in Paris.", article_id="a")
    (passage,) = segment(article)
    assert passage.text == "Rain fell in Paris."
