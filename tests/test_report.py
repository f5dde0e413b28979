"""The Rich report: readable content, literal article text, plain in a pipe."""

from __future__ import annotations

import io

import pytest
from handmade_story import HOSTILE, handmade_story
from rich.console import Console

from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article, Story
from newsdiff.engine.story import analyze
from newsdiff.report import render_report


def _render(story: Story, **console_options: object) -> str:
    options = {"file": io.StringIO(), "width": 80, "no_color": True, "force_terminal": False}
    options.update(console_options)
    console = Console(**options)
    render_report(story, console)
    return console.file.getvalue()


def _words(text: str) -> str:
    """The text with line wrapping and column padding folded into single spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report() -> str:
    return _render(handmade_story())


def test_report_lists_claims_by_reach_with_sources_and_wording(report: str) -> None:
    all_heading = report.index("Claims reported by all sources")
    some_heading = report.index("Claims reported by some sources")
    one_heading = report.index("Claims reported by one source only")
    assert all_heading < report.index("K1 The mayor opened the new bridge on Monday.") < some_heading
    assert some_heading < report.index("K2 The bridge cost $5 million.") < one_heading
    assert "Sources: Daily Planet, Bugle & Co, Sentinel" in report
    assert "Bugle & Co: The mayor opened the bridge on Tuesday." in _words(report)


def test_report_shows_flags(report: str) -> None:
    assert "! Date: Monday or Tuesday" in report
    assert "! Number: $5 million or $6 million" in report


def test_report_shows_coverage_shares_per_source(report: str) -> None:
    bugle_row = next(line for line in report.splitlines() if line.strip().startswith("Bugle & Co"))
    assert bugle_row.split()[-5:] == ["40%", "0%", "60%", "1", "0"]
    table = report[report.index("Sources") : report.index("Claims reported by all sources")]
    assert "Leaves out: claims that more than half of the other sources (two at least) report" in _words(table)


def test_report_lists_what_each_source_leaves_out(report: str) -> None:
    section = report[report.index("What each source leaves out") :]
    assert "Bugle & Co leaves out:" in section
    assert "K2 The bridge cost $5 million." in section


def test_report_prints_markup_looking_article_text_literally(report: str) -> None:
    assert f"K3 {HOSTILE}" in report
    assert f"Bugle & Co: {HOSTILE}" in _words(report)


def test_report_in_a_pipe_has_no_escape_codes_and_fits_the_width(report: str) -> None:
    assert "\x1b[" not in report
    assert max(len(line) for line in report.splitlines()) <= 80


def test_report_on_a_colour_terminal_marks_differing_words_not_only_by_colour() -> None:
    coloured = _render(handmade_story(), force_terminal=True, no_color=False, color_system="standard")
    assert "\x1b[" in coloured
    assert "\x1b[1;4mTuesday" in coloured


def test_report_on_a_narrow_terminal_stays_narrow() -> None:
    narrow = _render(handmade_story(), width=40)
    assert max(len(line) for line in narrow.splitlines()) <= 40
    assert "Tuesday" in narrow


def test_report_on_a_single_article_says_there_is_nothing_to_compare() -> None:
    solo = Story(articles=(Article("a", "Solo", "Solo title", "Nothing else.\n"),), passages=(), claims=(), coverage=())
    assert "Only one article: there is nothing to compare it with." in _render(solo)


def test_report_shows_an_articles_escape_sequences_as_symbols() -> None:
    texts = ["The mayor opened the bridge \x1b[2J\x1b[31mon Monday.\n", "The mayor opened the bridge on Monday.\n"]
    story = analyze([article_from_text(text, article_id=f"a{n}", source=f"S{n}") for n, text in enumerate(texts)])
    for options in ({}, {"no_color": False, "force_terminal": True}):
        rendered = _render(story, **options)
        assert "␛[2J␛[31mon Monday" in _words(rendered)
        assert "\x1b[2J" not in rendered and "\x1b[31mon" not in rendered
