"""The articles are readable, unpainted, while the engine matches them; the finished analysis paints in place."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from waiting import until

from newsdiff.app.palette import CURSOR_GLYPH, REACH_GLYPHS
from newsdiff.app.widgets.article_list import ArticleList
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.reader import Reader
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article

SIZE = (120, 30)


def long_articles() -> list[Article]:
    """Three articles of 60 sentences, most shared in other words: longer than two screens of the reader."""
    articles = []
    for n, source in enumerate(("Wire", "Daily", "Herald"), start=1):
        lines = [
            f"Inspectors in district {k} {'counted' if n % 2 else 'reported'} {k * 7} damaged homes after the storm."
            if k % 4
            else f"The {source} heard from resident number {k * n} about the flooding on street {k}."
            for k in range(60)
        ]
        articles.append(article_from_text("\n".join(lines) + "\n", article_id=f"a{n}", source=source))
    return articles


def gutter_glyphs(reader: Reader, column: int) -> set[str]:
    """The glyphs in one gutter column of the reader's visible lines."""
    height = reader.scrollable_content_region.height
    return {reader.render_line(y).text[column] for y in range(height)}


@asynccontextmanager
async def split_but_unmatched(make_app, started) -> AsyncIterator[tuple]:  # type: ignore[no-untyped-def]
    """The app on ``long_articles`` once they are split, while the gate holds the matching."""
    app = make_app(None, sources=long_articles(), use_cache=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert await asyncio.to_thread(started.wait, 30.0)
        await until(pilot, lambda: app.main.split_story is not None, "the split story")
        yield app, pilot


async def test_the_text_reads_unpainted_while_matching_and_is_painted_in_place(make_app, matching_gate) -> None:
    started, release = matching_gate
    async with split_but_unmatched(make_app, started) as (app, pilot):
        await pilot.pause()
        main, reader = app.main, app.main.query_one(Reader)
        assert main.story is None
        assert app.main.query_one(ArticleList).option_count == 3
        assert reader.article is not None and reader.article.id == "a1"
        assert "Inspectors in district 1" in "".join(reader.render_line(y).text for y in range(5))
        assert gutter_glyphs(reader, 1) == {" "}, "no reach is shown before there are claims"
        assert CURSOR_GLYPH in gutter_glyphs(reader, 0)

        first = reader.passage
        await pilot.press("j", "j")
        assert reader.passage is not None and first is not None and reader.passage.start > first.start
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        scrolled, passage = reader.scroll_y, reader.passage
        assert scrolled > 0 and passage is not None

        for key in ("right_curly_bracket", "enter", "c"):
            await pilot.press(key)
            await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert len([m for m in messages if m.startswith("Still analysing (")]) == 3, messages

        release.set()
        await until(pilot, lambda: main.story is not None, "the matched story")
        await pilot.pause()
        assert reader.analysed and reader.story is main.story
        assert reader.scroll_y == scrolled, "the reader stays where it was"
        assert reader.passage is not None and reader.passage.id == passage.id
        assert gutter_glyphs(reader, 1) & set(REACH_GLYPHS.values()), "the passages are painted now"
        assert main.query_one(ClaimList).claim_ids, "the claims are listed"


async def test_another_article_opens_by_number_while_matching(make_app, matching_gate) -> None:
    started, _ = matching_gate
    async with split_but_unmatched(make_app, started) as (app, pilot):
        await pilot.press("3")
        await pilot.pause()
        reader = app.main.query_one(Reader)
        assert reader.article is not None and reader.article.source == "Herald"
        assert not reader.analysed
        assert app.main.query_one(ClaimList).claim_ids == ()
