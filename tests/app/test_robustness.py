"""Hostile text, odd story sizes, resizing, and analysis in the worker."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from waiting import until

from newsdiff.app.widgets.analysis_status import AnalysisStatus
from newsdiff.app.widgets.article_list import ArticleList
from newsdiff.app.widgets.compare_strip import CompareStrip
from newsdiff.app.widgets.reader import GUTTER, Reader

HOSTILE = (
    "Officials [bold red]denied[/] the report on Monday.\n"
    "A spokesman said [link=https://evil.example]click here[/link] was fake.\n"
    "Critics typed [@click=app.quit]quit[/] and <script>alert(1)</script> into the form.\n"
)


async def test_article_text_is_never_markup(make_app, story_from_texts) -> None:
    story = story_from_texts({"[b]Wire[/b]": HOSTILE, "Daily": "Officials denied the report on Monday.\n"})
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        lines = "".join(reader.paint_line(y, reader.rich_style).text for y in range(len(reader._layout)))
        for literal in ("[bold red]denied[/]", "[link=https://evil.example]", "[@click=app.quit]quit[/]", "<script>"):
            assert literal in lines
        await pilot.click(Reader, offset=(20, 5))
        await pilot.pause()
        assert app.is_running
        svg = app.export_screenshot()
    assert "[bold&#160;red]denied[/]" in svg
    assert "[b]Wire[/b]" in svg
    assert "&lt;script&gt;" in svg


async def test_an_article_that_shares_nothing_is_named_when_the_story_opens(make_app, story_from_texts) -> None:
    story = story_from_texts(
        {
            "Wire": "The mayor opened the new bridge on Monday. It cost five million dollars.\n",
            "Daily": "On Monday the mayor opened the new bridge. The bridge cost five million dollars.\n",
            "Recipes": "Whisk two eggs with sugar until pale, then fold in the flour.\n",
        }
    )
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    assert "1 of 3 articles (Recipes) shares no claim with the others, so nothing in it is compared." in messages


async def test_notices_about_the_input_are_toasts_when_the_window_opens(make_app, story_from_texts) -> None:
    story = story_from_texts({"Wire": "The mayor opened the bridge.\n", "Daily": "The mayor opened the bridge.\n"})
    app = make_app(story, notices=["left out story/b.txt: article is empty [b]x[/b]"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        toasts = [n for n in app._notifications if n.title == "Input"]
    assert [str(n.message) for n in toasts] == ["left out story/b.txt: article is empty [b]x[/b]"]
    assert toasts[0].severity == "warning"
    assert not toasts[0].markup


async def test_many_notices_about_the_input_do_not_cover_the_screen(make_app, story_from_texts) -> None:
    story = story_from_texts({"Wire": "The mayor opened the bridge.\n", "Daily": "The mayor opened the bridge.\n"})
    notices = [f"left out story/{n}.txt: article is empty" for n in range(8)]
    app = make_app(story, notices=notices)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications if n.title == "Input"]
    assert toasts == [*notices[:2], "and 6 more about the input (listed on stderr)"]


async def test_a_one_article_story_says_there_is_nothing_to_compare(make_app, story_from_texts) -> None:
    story = story_from_texts({"Solo": "Only one outlet wrote this. It has two sentences.\n"})
    app = make_app(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Nothing to compare" in app.main.query_one(CompareStrip).plain
        reader = app.main.query_one(Reader)
        line = reader.paint_line(reader._layout.first_line(1), reader.rich_style)
        text = line.crop(GUTTER, line.cell_length)
        assert "It has two sentences." in text.text
        assert all(segment.style.color != app.palette.one.color for segment in text if segment.style)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is app.main
        assert sum("nothing to compare" in str(n.message) for n in app._notifications) == 2


async def test_an_article_of_thousands_of_sentences_is_navigable(make_app, story_from_texts) -> None:
    big = " ".join(f"Sentence {n} says the council voted on item {n}." for n in range(3000))
    story = story_from_texts({"Minutes": big, "Wire": "The council voted on item 7."})
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        await pilot.press("G")
        assert reader.passage == story.passages_of("a1")[-1]
        for _ in range(20):
            reader.action_move(-1)
        await pilot.pause()
        assert reader.passage == story.passages_of("a1")[-21]


async def test_fifty_articles_scroll_in_the_list(make_app, story_from_texts, seeds_dir) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    texts = {f"Outlet {n:02}": seeds[n % 3].read_text(encoding="utf-8") for n in range(50)}
    story = story_from_texts(texts)
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        articles = app.main.query_one(ArticleList)
        assert articles.option_count == 50
        articles.focus()
        await pilot.press("end", "enter")
        assert app.main.query_one(Reader).article.source == "Outlet 49"
        assert articles.scroll_offset.y > 0


async def test_sources_are_analysed_in_a_worker(make_app, seeds_dir) -> None:
    app = make_app(None, sources=[str(seeds_dir)])
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: app.story is not None, "the story")
        assert app.story is not None and len(app.story.articles) == 3
        assert not app.main.query_one(AnalysisStatus).display
        assert app.main.query_one(Reader).passage is not None


async def test_unreadable_sources_fail_gracefully(make_app, tmp_path) -> None:
    empty = tmp_path / "empty-story"
    empty.mkdir()
    app = make_app(None, sources=[str(empty)])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.main.query_one(AnalysisStatus).has_class("-failed"):
                break
        assert app.main.query_one(AnalysisStatus).has_class("-failed")
        assert any(n.severity == "error" for n in app._notifications)
        await pilot.press("question_mark")
        assert app.is_running


async def test_the_analysis_line_shows_above_the_footer(make_app, tmp_path) -> None:
    # Docked at the bottom like the footer, it once sat under it, never seen.
    empty = tmp_path / "empty-story"
    empty.mkdir()
    app = make_app(None, sources=[str(empty)])
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.main.query_one(AnalysisStatus)
        for _ in range(40):
            await pilot.pause(0.05)
            if status.has_class("-failed"):
                break
        message = status.query_one("#analysis-message")
        widget, _ = app.screen.get_widget_at(message.region.x, message.region.y)
        assert widget is message
        assert message.region.height == 1 and message.region.width > 40


async def test_resizing_switches_layouts_and_keeps_the_passage(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j", "j")
        passage = app.main.query_one(Reader).passage
        assert not app.main.has_class("-compact")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.main.has_class("-compact")
        reader = app.main.query_one(Reader)
        assert reader.passage == passage
        top = reader.scroll_offset.y
        assert reader._layout.first_line(passage.index) >= top
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert not app.main.has_class("-compact")
        assert reader.passage == passage


async def test_side_panels_shrink_with_the_window_and_keep_their_figures(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        articles, reader, claims = (app.main.query_one(f"#{name}") for name in ("articles", "reader", "claims"))
        assert (articles.outer_size.width, claims.outer_size.width) == (34, 46)
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert not app.main.has_class("-compact")
        assert reader.size.width >= 120 // 2 - 8 > 120 - 34 - 46
        coverage = articles.render_line(1).text.strip()
        assert coverage.endswith("%") and coverage.count("%") == 3  # the coverage figures still fit
        assert articles.outer_size.width >= 30  # and would beside a scrollbar (a story of many articles)


async def test_a_long_headline_wraps_under_its_source_not_at_the_panel_edge(make_app, story_from_texts) -> None:
    headline = "Officials say the river crested overnight after three days of rain across the northern valley"
    story = story_from_texts(
        {"Daily Planet": f"{headline}\n\nThe river crested overnight.", "Sentinel": "The river crested overnight."}
    )
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        articles = app.main.query_one(ArticleList)
        lines = [articles.render_line(y).text.rstrip() for y in range(articles.size.height)]
        title_lines = lines[lines.index("1 Daily Planet") + 2 : lines.index("2 Sentinel")]
        assert len(title_lines) > 1  # the headline is longer than the panel is wide
        assert all(line.startswith("  ") and line.strip() for line in title_lines)
        assert " ".join(line.strip() for line in title_lines).startswith("Officials say the river crested")


async def test_without_the_cache_the_app_analyses_afresh_and_stores_nothing(make_app, seeds_dir, user_dirs) -> None:
    for use_cache in (False, True):
        app = make_app(None, sources=[seeds_dir], use_cache=use_cache)
        async with app.run_test(size=(160, 45)) as pilot:
            await until(pilot, lambda: pilot.app.story is not None, "the story")
            assert app.story is not None
        stored = list((user_dirs / "xdg_cache_home").rglob("*.json*"))
        assert bool(stored) is use_cache


async def test_quitting_ends_an_analysis_still_running_at_its_next_progress_report(
    make_app, seeds_dir, monkeypatch
) -> None:
    ended = threading.Event()
    reports: list[float] = []

    def endless_analysis(sources, *, semantic, use_cache, progress, say_fallback, on_split):
        try:
            for step in range(1000):  # 10 s at most, so a failing test leaves no thread behind
                progress("Matching passages", step / 1000)
                reports.append(step)
                time.sleep(0.01)
        finally:
            ended.set()

    monkeypatch.setattr("newsdiff.app.app.run_analysis", endless_analysis)
    app = make_app(None, sources=[seeds_dir])
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause(0.2)
        assert reports
    assert await asyncio.to_thread(ended.wait, 2.0)
    assert len(reports) < 1000


async def test_a_source_name_is_never_markup_in_the_command_palette(make_app, story_from_texts) -> None:
    story = story_from_texts({"[b]Wire[/b]": "The mayor opened the bridge.\n", "Daily": "The mayor opened a bridge.\n"})
    app = make_app(story)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"read")
        await pilot.pause()
        await pilot.pause()
        svg = app.export_screenshot()
    assert " 1: [b]Wire[/b]" in svg.replace("&#160;", " "), "the palette shows the name as written"


@pytest.mark.parametrize("key", ["j", "2", "c", "right_curly_bracket", "right_square_bracket", "enter", "y"])
async def test_a_key_that_needs_the_analysis_says_how_far_it_got(make_app, seeds_dir, monkeypatch, key) -> None:
    halfway = threading.Event()
    done = threading.Event()

    def slow_analysis(sources, *, progress, **options):
        progress("Matching passages", 0.45)
        halfway.set()
        done.wait(5)  # until the test has pressed its key
        raise AssertionError("the test ends before the analysis does")

    monkeypatch.setattr("newsdiff.app.app.run_analysis", slow_analysis)
    app = make_app(None, sources=[seeds_dir])
    try:
        async with app.run_test(size=(120, 35), notifications=True) as pilot:
            assert await asyncio.to_thread(halfway.wait, 5.0)
            await pilot.pause(0.1)
            await pilot.press(key)
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert any(m.startswith("Still analysing (45%)") for m in messages), messages
    finally:
        done.set()
