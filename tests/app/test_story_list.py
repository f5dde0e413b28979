"""A pile of articles about several events opens on the story list: enter opens a story, esc comes back."""

from __future__ import annotations

import dataclasses

from pile_texts import pile_articles
from textual.pilot import Pilot
from textual.widgets import OptionList

from newsdiff.analysis import one_story
from newsdiff.app.screens.main import MainScreen
from newsdiff.app.screens.story_list import StoryListScreen
from newsdiff.engine.load import article_from_text
from newsdiff.engine.stories import group_stories


def pile_stories():
    articles, _events = pile_articles()
    return group_stories(articles)


async def wait_for_story(app, pilot: Pilot) -> None:
    """Let the analysis worker finish and its story reach the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_a_pile_opens_on_its_story_list(make_app) -> None:
    stories = pile_stories()
    app = make_app(pile=stories)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryListScreen)
        assert app.screen.query_one(OptionList).option_count == len(stories)
        assert app.story is None


async def test_enter_opens_the_highlighted_story_and_esc_returns_to_the_list(make_app) -> None:
    stories = pile_stories()
    app = make_app(pile=stories)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await wait_for_story(app, pilot)
        assert app.screen is app.main
        assert app.story is not None
        assert [a.id for a in app.story.articles] == [a.id for a in stories[1].articles]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoryListScreen)
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("k", "enter")
        await wait_for_story(app, pilot)
        assert [a.id for a in app.story.articles] == [a.id for a in stories[0].articles]


async def test_esc_reopening_the_same_story_keeps_it(make_app) -> None:
    app = make_app(pile=pile_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_story(app, pilot)
        shown = app.story
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.story is shown


async def test_esc_does_nothing_in_a_story_that_is_not_from_a_pile(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "story_list" not in {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}


async def test_headlines_are_shown_as_text_not_markup(make_app) -> None:
    hostile = "[bold red]Quake[/] [@click=app.quit]hits\x1b[31m Chile"
    articles = [
        article_from_text(f"{hostile}\nThe quake hit Antofagasta in Chile.", article_id="a", source="[b]Wire[/b]"),
        article_from_text("Nokia shows the Lumia phone in Helsinki.\nIt costs 499 euros.", article_id="b"),
    ]
    pile = tuple(dataclasses.replace(one_story([article]), id=n) for n, article in enumerate(articles, start=1))
    app = make_app(pile=pile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        shown = "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert "[bold red]Quake[/] [@click=app.quit]hits" in shown
        assert "[b]Wire[/b]" in shown
        assert "\x1b" not in shown
