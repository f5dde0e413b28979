"""Search, filter, compare, notes, snapshots, help, config and the command palette."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from newsdiff.app.filters import ReachFilter
from newsdiff.app.screens.annotate import AnnotateScreen
from newsdiff.app.screens.compare import CompareScreen
from newsdiff.app.screens.help import HelpScreen
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.compare_view import CompareView
from newsdiff.app.widgets.reader import Reader
from newsdiff.app.widgets.search_bar import SearchBar
from newsdiff.engine.model import Reach
from newsdiff.store.notes import NoteStore
from newsdiff.store.story_key import story_key


async def test_search_highlights_every_match_and_n_walks_them(make_app, seeds_story) -> None:
    text = seeds_story.articles[0].text
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        await pilot.press("slash")
        assert app.focused is app.main.query_one(SearchBar)
        await pilot.press(*"korea", "enter")
        assert reader.match_count == text.lower().count("korea") > 2
        assert reader.has_focus
        first = reader._current_match
        await pilot.press("n")
        assert reader._current_match == first + 1
        await pilot.press("N", "N")
        assert reader._current_match == (first - 1) % reader.match_count
        start, _ = reader._matches[reader._current_match]
        assert reader.passage.start <= start < reader.passage.end


async def test_filter_cycles_and_narrows_the_claims(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        expected = {
            ReachFilter.SHARED_BY_ALL: Reach.ALL,
            ReachFilter.SHARED_BY_SOME: Reach.SOME,
            ReachFilter.UNIQUE: Reach.ONE,
        }
        for reach_filter, reach in expected.items():
            await pilot.press("f")
            assert app.main.reach_filter is reach_filter
            assert claims.option_count == sum(c.reach is reach for c in seeds_story.claims)
            assert app.main.query_one(Reader).reach_filter is reach_filter
        await pilot.press("f")
        assert app.main.reach_filter is ReachFilter.EVERYTHING
        assert claims.option_count == len(seeds_story.claims)


async def test_compare_mode_aligns_articles_side_by_side(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        view = app.screen.query_one(CompareView)
        assert all(len(row) == 3 for row in view.rows)
        paired = [row for row in view.rows if sum(p is not None for p in row) > 1]
        assert paired
        for row in paired:
            claim_sets = [{c.id for c in seeds_story.claims_of(p.id)} for p in row if p is not None]
            assert set.intersection(*claim_sets) or claim_sets[0] & set.union(*claim_sets[1:])
        before = app.screen.article_ids
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.article_ids != before
        await pilot.press("minus")
        await pilot.pause()
        assert len(app.screen.article_ids) == 2
        await pilot.press("escape")
        assert app.screen is app.main


async def test_a_note_is_saved_marked_and_comes_back(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        passage = app.main.query_one(Reader).passage
        await pilot.click("#mark-dispute")
        app.screen.query_one(Input).focus()
        await pilot.press(*"check the date", "enter")
        await pilot.pause()
        assert app.screen is app.main
        assert passage.id in app.main.query_one(Reader).noted
    store = NoteStore(story_key(seeds_story.articles))
    [note] = store.notes
    assert (note.target, note.target_id, note.text, note.mark) == ("passage", passage.id, "check the date", "dispute")
    again = make_app(seeds_story)
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert passage.id in again.main.query_one(Reader).noted
        strip = again.main.query_one(Reader)._paint_line(again.main.query_one(Reader)._layout.first_line(passage.index), again.main.query_one(Reader).rich_style)
        assert "✎" in strip.text


async def test_a_note_on_the_focused_claim(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims.focus()
        claim_id = claims.claim_id
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"agreed", "enter")
        await pilot.pause()
        assert claim_id in app.main.noted_claims
    [note] = NoteStore(story_key(seeds_story.articles)).notes
    assert (note.target, note.target_id) == ("claim", claim_id)


async def test_escape_cancels_a_note(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"nope", "escape")
        await pilot.pause()
        assert app.screen is app.main
    assert NoteStore(story_key(seeds_story.articles)).notes == ()


async def test_s_saves_a_snapshot_with_screen_and_exports(make_app, seeds_story, tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    app = make_app(seeds_story, snapshots_dir=folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        [snapshot] = list(folder.iterdir())
        messages = [str(n.message) for n in app._notifications]
        assert any(str(snapshot) in m for m in messages)
    names = {p.name for p in snapshot.iterdir()}
    assert {"screen.svg", "story.json", "story.md", "story.html", "notes.json", "snapshot.json"} <= names
    assert "<svg" in (snapshot / "screen.svg").read_text(encoding="utf-8")
    story_json = json.loads((snapshot / "story.json").read_text(encoding="utf-8"))
    assert [a["text"] for a in story_json["articles"]] == [a.text for a in seeds_story.articles]


async def test_save_from_the_palette_waits_for_the_palette_to_close(make_app, seeds_story, tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    app = make_app(seeds_story, snapshots_dir=folder)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Save snapshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.8)
        [snapshot] = list(folder.iterdir())
    svg = (snapshot / "screen.svg").read_text(encoding="utf-8")
    assert "Save&#160;snapshot" not in svg and "Save snapshot" not in svg


async def test_help_lists_every_binding_id_of_every_panel(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {row.binding_id for row in app.screen.rows}
        for node_class in (type(app.main), Reader, CompareScreen, CompareView):
            for binding in node_class.BINDINGS:
                assert binding.id in listed
        await pilot.press("escape")
        assert app.screen is app.main


async def test_keys_can_be_rebound_in_the_config(make_app, seeds_story, user_dirs: Path) -> None:
    config = user_dirs / "config.toml"
    config.write_text('[keys]\nnext_claim = "x"\nno_such_binding = "y"\n', encoding="utf-8")
    app = make_app(seeds_story, config_path=config)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        start = claims.highlighted
        await pilot.press("x")
        assert claims.highlighted == start + 1
        assert any("no_such_binding" in str(n.message) for n in app._notifications)
        rows = {row.binding_id: row for row in app.key_reference()}
        assert rows["next_claim"].keys == ("x",)


async def test_a_broken_config_warns_and_uses_defaults(make_app, seeds_story, user_dirs: Path) -> None:
    config = user_dirs / "config.toml"
    config.write_text('theme = "no-such-theme"\ndefault_filter = [1\n', encoding="utf-8")
    app = make_app(seeds_story, config_path=config)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.main.reach_filter is ReachFilter.EVERYTHING
        assert any("not valid TOML" in str(n.message) for n in app._notifications)
        config.write_text('theme = "no-such-theme"\ndefault_filter = "unique"\n', encoding="utf-8")
    app = make_app(seeds_story, config_path=config)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.main.reach_filter is ReachFilter.UNIQUE
        assert any("no-such-theme" in str(n.message) for n in app._notifications)


async def test_palette_offers_the_app_actions(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.main)}
        assert {"Save snapshot", "Cycle filter", "Compare articles", "Search", "Add a note"} <= titles
        assert f"Read 2: {seeds_story.articles[1].source}" in titles
