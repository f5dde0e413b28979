"""Reading and moving around: keys, scroll-follow, claims and the compare strip."""

from __future__ import annotations

import dataclasses

import pytest
from handmade_story import handmade_story, passage_in_two_claims
from textual.events import MouseScrollDown

from newsdiff.app.palette import palette_for
from newsdiff.app.screens.claim import ClaimScreen
from newsdiff.app.widgets.article_list import ArticleList, article_prompt
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.compare_strip import CompareStrip, passage_text
from newsdiff.app.widgets.reader import GUTTER, Reader
from newsdiff.engine.export.document import absences
from newsdiff.engine.model import Claim, Reach, Story


def strip_text(app) -> str:
    return app.main.query_one(CompareStrip).plain


async def test_first_screen_lists_articles_and_claims(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.main.query_one(ArticleList).option_count == len(seeds_story.articles)
        assert app.main.query_one(ArticleList).border_title == f"Articles ({len(seeds_story.articles)})"
        assert len(app.main.query_one(ClaimList).claim_ids) == len(seeds_story.claims)
        reader = app.main.query_one(Reader)
        assert reader.has_focus
        assert reader.passage is not None
        assert reader.passage.article_id == seeds_story.articles[0].id


async def test_j_and_k_move_the_passage_and_the_claims_follow(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        claims = app.main.query_one(ClaimList)
        first = reader.passage
        await pilot.press("j", "j")
        passage = reader.passage
        assert passage is not None and passage.index == first.index + 2
        assert claims.claim_id in {c.id for c in seeds_story.claims_of(passage.id)}
        await pilot.press("k")
        assert reader.passage.index == first.index + 1
        await pilot.press("down", "up", "up")
        assert reader.passage.index == first.index


async def test_scrolling_moves_the_current_passage_to_the_top_of_the_view(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        await pilot.press("pagedown")
        await pilot.pause()
        top = reader.scroll_offset.y
        assert top > 0
        passage = reader.passage
        layout = reader._layout
        assert layout.first_line(passage.index) <= top + 1 and layout.last_line(passage.index) >= top
        expected = {c.id for c in seeds_story.claims_of(passage.id)}
        assert app.main.query_one(ClaimList).claim_id in expected
        await pilot.press("pageup")
        assert reader.scroll_offset.y == 0


async def test_wheel_scroll_follows_too(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        before = reader.passage
        for _ in range(6):
            reader.post_message(MouseScrollDown(reader, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert reader.scroll_offset.y > 0
        assert reader.passage != before


async def test_half_pages_and_edges(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        await pilot.press("ctrl+d")
        half = reader.scroll_offset.y
        assert half == reader.scrollable_content_region.height // 2
        await pilot.press("ctrl+u")
        assert reader.scroll_offset.y == 0
        await pilot.press("G")
        passages = seeds_story.passages_of(seeds_story.articles[0].id)
        assert reader.passage == passages[-1]
        assert reader.scroll_offset.y == reader.max_scroll_y
        await pilot.press("g")
        assert reader.passage == passages[0]
        await pilot.press("space")
        assert reader.scroll_offset.y > 0
        await pilot.press("end")
        assert reader.passage == passages[-1]
        await pilot.press("home")
        assert reader.passage == passages[0] and reader.scroll_offset.y == 0


async def test_number_keys_and_enter_in_the_articles_panel_open_articles(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        await pilot.press("3")
        assert reader.article == seeds_story.articles[2]
        await pilot.press("9")
        assert reader.article == seeds_story.articles[2]
        assert any("no article 9" in str(n.message) for n in app._notifications)
        articles = app.main.query_one(ArticleList)
        articles.focus()
        await pilot.press("home", "down", "enter")
        assert reader.article == seeds_story.articles[1]
        assert reader.has_focus


async def test_tab_walks_the_panels(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is app.main.query_one(CompareStrip)
        await pilot.press("tab")
        assert app.focused is app.main.query_one(ClaimList)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is app.main.query_one(Reader)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_other_sources_strip_takes_focus_grows_and_scrolls_to_its_end(make_app, seeds_story, size) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        strip = app.main.query_one(CompareStrip)
        height = strip.size.height
        assert strip.line_count() > height, "the other sources' wordings are cut off in the unfocused strip"
        await pilot.press("tab")
        await pilot.pause()
        assert strip.has_focus and strip.size.height > height
        await pilot.press("G")
        await pilot.pause()
        assert strip.scroll_y + strip.scrollable_content_region.height >= strip.line_count()
        await pilot.press("g")
        await pilot.pause()
        assert strip.scroll_y == 0


async def test_brackets_jump_between_divergent_passages(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            passage = reader.passage
            assert seeds_story.reach_of(passage.id) is Reach.ONE or seeds_story.differs_in(passage.id)
            seen.append(passage.index)
        assert seen == sorted(seen) and len(set(seen)) == 3
        await pilot.press("left_square_bracket")
        assert reader.passage.index == seen[1]


async def test_braces_step_through_claims_and_move_the_reader(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        reader = app.main.query_one(Reader)
        start = claims.highlighted
        await pilot.press("right_curly_bracket")
        assert claims.highlighted == start + 1
        claim = seeds_story.claim(claims.claim_id)
        if reader.article.id in claim.article_ids:
            assert reader.passage.id in claim.passage_ids
        await pilot.press("left_curly_bracket")
        assert claims.highlighted == start


async def test_d_visits_the_claims_sources_disagree_on_in_panel_order(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        reader = app.main.query_one(Reader)
        flagged = [claim_id for claim_id in claims.claim_ids if seeds_story.claim(claim_id).flags]
        assert len(flagged) >= 3
        claims._highlight(0)
        start = [claims.claim_id] if seeds_story.claim(claims.claim_id).flags else []
        visited = []
        for _ in flagged[len(start) :]:
            await pilot.press("d")
            visited.append(claims.claim_id)
            claim = seeds_story.claim(claims.claim_id)
            if reader.article.id in claim.article_ids:
                assert reader.passage.id in claim.passage_ids
        assert start + visited == flagged
        await pilot.press("d")  # none further: the highlight stays and a toast says so
        await pilot.pause()
        assert claims.claim_id == flagged[-1]
        assert "No next claim the sources disagree on" in str(list(app._notifications)[-1].message)
        await pilot.press("D")
        assert claims.claim_id == flagged[-2]


async def test_enter_opens_the_claim_with_every_wording(make_app, seeds_story) -> None:
    shared = next(c for c in seeds_story.claims if c.reach is Reach.ALL)
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        here = next(p for p in shared.passage_ids if p.startswith(reader.article.id))
        reader.move_to(here)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim.id == app.main.query_one(ClaimList).claim_id
        assert here in app.screen.claim.passage_ids
        assert len(app.screen.query(".claim-wording")) == len(app.screen.claim.passage_ids)
        await pilot.press("escape")
        assert app.screen is app.main


async def test_enter_opens_the_highlighted_one_of_a_passages_claims(make_app) -> None:
    story, _ = passage_in_two_claims()
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        assert app.main.query_one(Reader).passage.id == "a:0"  # in K1 and in K2
        while claims.claim_id != "K2":
            await pilot.press("right_curly_bracket")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim.id == "K2"


async def test_enter_after_d_opens_the_flagged_claim_even_where_this_article_leaves_it_out(make_app) -> None:
    story = handmade_story()
    left_out = next(c for c in story.claims if c.flags and "bugle" not in c.article_ids)
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # Bugle & Co
        await pilot.pause()
        reader, claims = app.main.query_one(Reader), app.main.query_one(ClaimList)
        for _ in claims.claim_ids:
            if claims.claim_id == left_out.id:
                break
            await pilot.press("d")
        assert claims.claim_id == left_out.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim.id == left_out.id
        await pilot.press("escape")
        await pilot.press("j")  # the reader moves on: enter opens its passage's claim again
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert reader.passage.id in app.screen.claim.passage_ids


async def test_a_claim_stepped_to_is_forgotten_when_another_story_is_shown(make_app, seeds_story) -> None:
    other = handmade_story()
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims._highlight(len(claims.claim_ids) - 1)
        await pilot.press("D")  # the last claim with a flag: an id the other story does not have
        assert app.main.stepped_claim is not None
        assert app.main.stepped_claim not in {c.id for c in other.claims}
        app.main.show_story(other, app.main.reach_filter)
        await pilot.pause()
        await pilot.press("j", "enter")  # would look the old claim up in the new story
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.main.query_one(Reader).passage.id in app.screen.claim.passage_ids


async def test_choosing_a_claim_in_the_panel_jumps_the_reader(make_app, seeds_story) -> None:
    article = seeds_story.articles[0]
    late = [c for c in seeds_story.claims if article.id in c.article_ids][-1]
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims.focus()
        claims.follow([late.id])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        await pilot.press("escape")
        assert app.main.query_one(Reader).passage.id in late.passage_ids


async def test_compare_strip_shows_each_other_source_or_its_silence(make_app, seeds_story) -> None:
    seeds_story = dataclasses.replace(seeds_story, near_misses=())  # every absence confident: "not found in"
    unique = next(
        c for c in seeds_story.claims if c.reach is Reach.ONE and c.article_ids[0] == seeds_story.articles[0].id
    )
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.main.query_one(Reader).move_to(unique.passage_ids[0])
        await pilot.pause()
        text = strip_text(app)
        others = ", ".join(other.source for other in seeds_story.articles[1:])
        assert f"✗ not found in: {others}" in text
        shared = next(c for c in seeds_story.claims if c.reach is Reach.ALL)
        mine = next(p for p in shared.passage_ids if p.startswith(seeds_story.articles[0].id))
        app.main.query_one(Reader).move_to(mine)
        await pilot.pause()
        text = strip_text(app)
        for pid in shared.passage_ids:
            passage = seeds_story.passage(pid)
            if passage.article_id != seeds_story.articles[0].id:
                assert passage.text.replace("\n", " ") in text
        assert "not found in" not in text
        assert app.main.query_one(CompareStrip) is not None


async def test_compare_strip_says_no_match_found_with_the_closest_passage_and_m_reads_it(make_app, seeds_story) -> None:
    miss = next(m for m in seeds_story.near_misses if seeds_story.article_number(m.article_id) > 1)
    claim = seeds_story.claim(miss.claim_id)
    mine = next(p for p in claim.passage_ids if seeds_story.passage(p).article_id == claim.article_ids[0])
    first = absences(seeds_story, seeds_story.claims_of(mine)).no_match[0]
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.main.go_to(claim.article_ids[0], seeds_story.passage(mine).start)
        await pilot.pause()
        text = " ".join(strip_text(app).split())
        source = seeds_story.article(first.article_id).source
        assert (
            f"? no match found in {source} (nearest passage found, score {first.probability:.2f}; m reads it): " in text
        )
        assert " ".join(seeds_story.passage(first.passage_id).text.split()) in text
        await pilot.press("m")
        await pilot.pause()
        assert app.main.query_one(Reader).passage.id == first.passage_id


async def test_compare_strip_lists_the_reporting_sources_before_the_silent_ones(make_app, story_from_texts) -> None:
    quiet = {f"Quiet {n}": f"Officials in town {n} discussed the weather report on day {n}.\n" for n in range(6)}
    story = story_from_texts(
        {
            "First": "The harbour bridge reopened to traffic on Monday after repairs.\n",
            **quiet,
            "Last": "The harbour bridge reopened to traffic on Monday after the repairs.\n",
        }
    )
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.main.query_one(Reader).move_to(story.passages_of(story.articles[0].id)[0].id)
        await pilot.pause()
        lines = strip_text(app).splitlines()
        assert lines[0].endswith("Last: The harbour bridge reopened to traffic on Monday after the repairs.")
        assert lines[1] == "✗ not found in: " + ", ".join(quiet)
        assert len(lines) == 2


async def test_j_and_k_move_through_the_articles_and_claims_panels(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for panel in (app.main.query_one(ArticleList), app.main.query_one(ClaimList)):
            panel.focus()
            start = panel.highlighted
            await pilot.press("j", "j")
            assert panel.highlighted == start + 2
            await pilot.press("k")
            assert panel.highlighted == start + 1
            await pilot.press("down", "up")
            assert panel.highlighted == start + 1


async def test_claims_follow_the_articles_reading_order_then_list_what_it_leaves_out(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        reader = app.main.query_one(Reader)
        for number in ("1", "2"):
            await pilot.press(number)
            article = reader.article
            reported = list(
                dict.fromkeys(c.id for p in seeds_story.passages_of(article.id) for c in seeds_story.claims_of(p.id))
            )
            listed = list(claims.claim_ids)
            assert listed[: len(reported)] == reported
            assert set(listed[len(reported) :]) == {c.id for c in seeds_story.claims} - set(reported)

            def header(row: int) -> str:
                return claims.paint_line(claims.row_lines(row).start, claims.rich_style).text

            left_out = seeds_story.claim(listed[len(reported)])
            said = "? no match" if seeds_story.near_miss(left_out.id, article.id) else "✗ not"
            assert said in header(len(reported)) and not {"? no match", "✗ not"} & set(header(0).split("  "))
        highlighted = []
        await pilot.press("g")
        for _ in range(6):
            highlighted.append(claims.highlighted)
            await pilot.press("j")
        assert highlighted == sorted(highlighted) and len(set(highlighted)) > 3


async def test_the_current_passage_is_marked_even_when_it_shares_a_line(make_app, story_from_texts) -> None:
    story = story_from_texts(
        {
            "Wire": "Rain fell. The river rose fast. Roads closed.",
            "Daily": "The river rose fast. Roads closed early today. Rain fell.",
        }
    )
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        layout = reader._layout
        assert layout.first_line(0) == layout.first_line(1)

        def backgrounds(index: int) -> set[object]:
            passage = layout.passages[index]
            line = reader.paint_line(layout.first_line(index), reader.rich_style)
            start, _ = layout.lines[layout.first_line(index)]
            cells = line.crop(GUTTER + passage.start - start, GUTTER + passage.end - start)
            return {segment.style.bgcolor for segment in cells if segment.text.strip()}

        for index in (0, 1):
            reader.move_to(layout.passages[index].id)
            await pilot.pause()
            reach = story.reach_of(layout.passages[index].id)
            other_reach = story.reach_of(layout.passages[1 - index].id)
            assert backgrounds(index) == {app.palette.current(reach).bgcolor}
            assert app.palette.current(other_reach).bgcolor not in backgrounds(1 - index)


async def test_braces_step_past_a_claim_that_shares_the_passage(make_app) -> None:
    # K4 shares planet:1 with K1, which comes first there: moving the reader to
    # planet:1 for K4 once put the highlight back on K1, so "}" went in circles.
    story = handmade_story()
    shared = Claim(
        id="K4",
        summary="The bridge is new.",
        passage_ids=("planet:1", "sentinel:0"),
        article_ids=("planet", "sentinel"),
        reach=Reach.SOME,
    )
    story = Story(story.articles, story.passages, (*story.claims, shared), story.coverage)
    assert [c.id for c in story.claims_of("planet:1")] == ["K1", "K4"]
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        listed = list(claims.claim_ids)
        visited = [claims.claim_id]
        for _ in range(len(listed) - 1):
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            visited.append(claims.claim_id)
        assert visited == listed


def test_a_claim_view_marks_that_claims_differences_and_the_reader_the_words_no_source_shares() -> None:
    story, _ = passage_in_two_claims()
    palette = palette_for(dark=True)
    passage = story.passage("a:0")

    def marked(text) -> list[str]:
        return sorted(text.plain[s.start : s.end] for s in text.spans if s.style == palette.differs)

    assert marked(passage_text(story, passage, palette, story.claim("K2"))) == ["Russia", "missiles", "shells"]
    assert marked(passage_text(story, passage, palette, story.claim("K1"))) == ["Moscow", "denied", "missiles"]
    assert marked(passage_text(story, passage, palette)) == ["missiles"]


async def test_a_claim_taller_than_a_small_panel_shows_its_first_line(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        for key in ("}", "}", "{", "{"):
            await pilot.press(key)
            await pilot.pause()
            first = claims.row_lines(claims.highlighted).start
            top = round(claims.scroll_y)
            assert top <= first < top + claims.scrollable_content_region.height


async def test_a_one_article_story_marks_nothing_as_only_this_source(make_app, story_from_texts) -> None:
    story = story_from_texts({"Wire": "Rain fell. The river rose fast. Roads closed."})
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        gutters = {reader.paint_line(y, reader.rich_style).text[:GUTTER] for y in range(len(reader._layout))}
        assert not any("○" in gutter for gutter in gutters)
        legend = str(app.main.query_one("#legend").render())
        assert "one article: nothing to compare" in legend and "only this one" not in legend


async def test_articles_past_nine_are_numbered_and_read_from_the_palette(make_app) -> None:
    from newsdiff.engine.story import analyze

    texts = [f"Outlet {n} reports that the mayor opened bridge number {n} on Monday." for n in range(12)]
    app = make_app(analyze(texts))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        rows = [
            article_prompt(n, a, None, app.palette, compact=True, count=12) for n, a in enumerate(app.story.articles, 1)
        ]
        assert [row.plain[:3] for row in rows] == [f"{n:>2} " for n in range(1, 13)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Read 12")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.query_one(Reader).article.id == app.story.articles[11].id
