"""The claims panel: rows laid out from their claims, the highlight, keys, mouse and width changes."""

from __future__ import annotations

import textwrap

from handmade_story import handmade_story
from test_repaint import repainted_from_scratch

from newsdiff.app.palette import palette_for
from newsdiff.app.screens.claim import ClaimScreen
from newsdiff.app.widgets.claim_list import (
    NO_MATCH_HERE,
    NO_MATCH_HERE_SHORT,
    NOT_HERE,
    NOT_HERE_SHORT,
    ROW_INSET,
    ClaimList,
    claim_header,
    source_names,
    support_dots,
)
from newsdiff.engine.model import Article, Claim, Flag, FlagKind, Passage, Reach, Story

SHORT = "Item {n} happened."
LONG = "Item {n} happened after a long week of talks between the city and its unions."


def story_with(claim_count: int, article_count: int = 2, reporting: int | None = None) -> Story:
    """Articles reporting claims one sentence each; every other summary is long enough to wrap.

    The first ``reporting`` articles (all by default) report every claim;
    each claim carries a flag, so its header shows one.
    """
    reporting = article_count if reporting is None else reporting
    articles: list[Article] = []
    passages: list[Passage] = []
    for a in range(article_count):
        sentences = (
            [(LONG if n % 2 else SHORT).format(n=n) for n in range(claim_count)] if a < reporting else ["Nothing."]
        )
        text = " ".join(sentences)
        articles.append(Article(id=f"a{a}", source=f"Outlet {a}", title=f"Title {a}", text=text))
        start = 0
        for index, sentence in enumerate(sentences):
            passages.append(Passage(f"a{a}:{index}", f"a{a}", index, start, start + len(sentence), sentence))
            start += len(sentence) + 1
    reach = Reach.ALL if reporting == article_count else Reach.SOME
    claims = tuple(
        Claim(
            id=f"K{n}",
            summary=(LONG if n % 2 else SHORT).format(n=n),
            passage_ids=tuple(f"a{a}:{n}" for a in range(reporting)),
            article_ids=tuple(f"a{a}" for a in range(reporting)),
            reach=reach,
            flags=(Flag(FlagKind.NUMBER, "1 or 2"),),
        )
        for n in range(claim_count)
    )
    return Story(tuple(articles), tuple(passages), claims, ())


def painted(claims: ClaimList, line: int) -> str:
    return claims.paint_line(line, claims.rich_style).text


def assert_rows_show_their_claims(claims: ClaimList, story: Story) -> None:
    """Every row: its header, its summary wrapped, its sources, a separator below; nothing wider than the panel."""
    width = claims.scrollable_content_region.width
    last = len(claims.claim_ids) - 1
    for row, claim_id in enumerate(claims.claim_ids):
        claim = story.claim(claim_id)
        lines = [painted(claims, y) for y in claims.row_lines(row)]
        assert {len(line) for line in lines} == {width}
        header, *summary, sources = (line.strip() for line in lines)
        assert header.startswith(support_dots(story, claim))
        assert summary == textwrap.wrap(claim.summary, width - 2 * ROW_INSET)
        assert sources == source_names(story, claim)
        if row < last:
            assert set(painted(claims, claims.row_lines(row).stop)) == {"─"}
    assert claims.virtual_size.height == claims.row_lines(last).stop


async def test_rows_rewrap_when_the_panel_changes_width(make_app) -> None:
    story = handmade_story()
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        assert_rows_show_their_claims(claims, story)
        narrow = [len(claims.row_lines(row)) for row in range(len(claims.claim_ids))]
        await pilot.resize_terminal(110, 40)  # compact: the panel spans the screen
        await pilot.pause()
        assert claims.scrollable_content_region.width > 60
        assert_rows_show_their_claims(claims, story)
        wide = [len(claims.row_lines(row)) for row in range(len(claims.claim_ids))]
        assert wide != narrow and all(w <= n for w, n in zip(wide, narrow, strict=True))
        assert app.export_screenshot() == await repainted_from_scratch(pilot)


async def test_a_width_change_puts_the_highlighted_row_at_the_top(make_app) -> None:
    app = make_app(story_with(200))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims.focus()
        await pilot.press("pagedown", "pagedown", "j", "j")
        row = claims.highlighted
        assert claims.row_lines(row).start > round(claims.scroll_y)
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        assert claims.highlighted == row
        assert claims.row_lines(row).start == round(claims.scroll_y)


async def test_a_story_with_many_claims_lists_every_one(make_app) -> None:
    story = story_with(3000)
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        assert claims.claim_ids == tuple(c.id for c in story.claims)
        text_width = claims.scrollable_content_region.width - 2 * ROW_INSET
        heights = [2 + len(textwrap.wrap(c.summary, text_width)) for c in story.claims]
        assert set(heights) == {3, 4}
        assert claims.virtual_size.height == sum(heights) + len(heights) - 1
        assert claims.border_subtitle == "3000 here · 0 elsewhere of 3000"
        claims.focus()
        await pilot.press("end")
        assert claims.claim_id == "K2999"
        await pilot.pause()
        shown = [claims.render_line(y).text for y in range(claims.scrollable_content_region.height)]
        assert any("Item 2999 happened" in line for line in shown)
        await pilot.press("home")
        assert claims.highlighted == 0 and claims.scroll_y == 0


async def test_page_keys_move_a_screenful(make_app) -> None:
    app = make_app(story_with(200))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims.focus()
        await pilot.press("home")
        height = claims.scrollable_content_region.height
        for _ in range(3):
            before, bottom = claims.highlighted, round(claims.scroll_y) + height
            await pilot.press("pagedown")
            row = claims.row_lines(claims.highlighted)
            assert claims.highlighted > before
            assert row.stop > bottom, "the row reached was below the view"
            assert row.start == round(claims.scroll_y), "it goes to the top"
            assert row.start <= bottom + 1, "no line was skipped (but a separator)"
        for _ in range(2):
            before, top = claims.highlighted, round(claims.scroll_y)
            await pilot.press("pageup")
            row = claims.row_lines(claims.highlighted)
            assert claims.highlighted < before
            assert row.start < top, "the row reached was above the view"
            assert row.stop == round(claims.scroll_y) + height, "it goes to the bottom"
            assert row.stop >= top - 1, "no line was skipped (but a separator)"
        for _ in range(3):
            await pilot.press("pageup")
        assert claims.highlighted == 0 and claims.scroll_y == 0
        assert app.export_screenshot() == await repainted_from_scratch(pilot)


async def test_clicking_a_row_highlights_and_opens_its_claim(make_app) -> None:
    story = handmade_story()
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        row = len(claims.claim_ids) - 1
        assert claims.highlighted != row
        top = claims.content_region.y - claims.region.y
        line = claims.row_lines(row).start + 1 - round(claims.scroll_y)
        assert await pilot.click(ClaimList, offset=(5, top + line))
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim.id == claims.claim_ids[row]
        await pilot.press("escape")
        assert claims.highlighted == row and claims.has_focus


async def test_the_row_under_the_mouse_is_marked_until_it_leaves(make_app) -> None:
    app = make_app(handmade_story())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        row = next(r for r in range(len(claims.claim_ids)) if r != claims.highlighted)
        line = claims.row_lines(row).start

        def background() -> object:
            """The row's first line as the panel shows it (painted lines are kept)."""
            return next(iter(claims.render_line(line - round(claims.scroll_y)))).style.bgcolor

        plain = background()
        top = claims.content_region.y - claims.region.y
        await pilot.hover(ClaimList, offset=(5, top + line - round(claims.scroll_y)))
        await pilot.pause()
        assert background() == claims.get_visual_style("claim-list--hover").rich_style.bgcolor != plain
        assert app.export_screenshot() == await repainted_from_scratch(pilot)
        await pilot.hover("#reader")
        await pilot.pause()
        assert background() == plain


async def test_the_highlight_looks_different_when_the_panel_has_focus(make_app) -> None:
    app = make_app(handmade_story())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        line = claims.row_lines(claims.highlighted).start

        def background() -> object:
            """The highlighted row's first line as the panel shows it (painted lines are kept)."""
            return next(iter(claims.render_line(line - round(claims.scroll_y)))).style.bgcolor

        blurred = background()
        assert blurred == claims.get_visual_style("claim-list--highlighted").rich_style.bgcolor
        claims.focus()
        await pilot.pause()
        assert claims.has_focus
        assert background() == claims.get_visual_style("claim-list--highlighted").rich_style.bgcolor != blurred
        assert app.export_screenshot() == await repainted_from_scratch(pilot)


def test_a_header_says_its_absence_in_as_many_words_as_fit_and_at_least_its_glyph() -> None:
    story = handmade_story()
    claim = next(c for c in story.claims if c.flags)
    palette = palette_for(dark=True)
    bare = claim_header(story, claim, palette, False).cell_len
    for near, words in ((True, (NO_MATCH_HERE, NO_MATCH_HERE_SHORT)), (False, (NOT_HERE, NOT_HERE_SHORT))):
        full, short = words
        for width, said in ((bare + 2 + len(full), full), (bare + 2 + len(short), short), (bare + 3, short[0])):
            header = claim_header(story, claim, palette, False, missing=True, near=near, width=width)
            assert header.plain.endswith(f"  {said}") and header.cell_len <= width


async def test_a_header_wider_than_the_panel_says_not_here_in_fewer_words_and_is_never_wrapped(make_app) -> None:
    story = story_with(4, article_count=12, reporting=2)
    app = make_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("3")  # an article that reports none of the claims
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        width = claims.scrollable_content_region.width
        claim = story.claim(claims.claim_ids[0])
        lines = [painted(claims, y) for y in claims.row_lines(0)]
        assert len(lines) == 3
        header = lines[0].strip()
        assert header.startswith(support_dots(story, claim)) and header.endswith(NOT_HERE_SHORT)
        assert len(lines[0]) == width
        assert claim_header(story, claim, app.palette, False, missing=True).plain.endswith(
            NOT_HERE
        )  # no width: in full
        assert lines[1].strip() == claim.summary
