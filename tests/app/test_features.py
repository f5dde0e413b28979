"""Search, filter, compare, notes, snapshots, help, config and the command palette."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey
from waiting import until, until_analysed

from newsdiff import cli
from newsdiff.app.alignment import align
from newsdiff.app.filters import ReachFilter
from newsdiff.app.keys import KeyHelp
from newsdiff.app.palette import NOTE_GLYPH, palette_for
from newsdiff.app.screens.annotate import AnnotateScreen
from newsdiff.app.screens.claim import ClaimScreen, also_in
from newsdiff.app.screens.compare import CompareScreen, ranked_partners
from newsdiff.app.screens.help import LEXICAL_CHOSEN_HINT, SEMANTIC_HINT, HelpScreen, help_table, numbered_rows
from newsdiff.app.screens.rename import RenameScreen
from newsdiff.app.widgets.article_list import ArticleList
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.compare_strip import CompareStrip, compare_entries, note_entry
from newsdiff.app.widgets.compare_view import SEPARATOR, CompareView
from newsdiff.app.widgets.reader import Reader, search_pattern
from newsdiff.app.widgets.search_bar import SearchBar, search_summary
from newsdiff.engine.export.document import absences
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Reach
from newsdiff.engine.semantic import encoder_installed
from newsdiff.engine.story import analyze, collect_articles
from newsdiff.store import notes as notes_module
from newsdiff.store.notes import MARKS, Note, NoteStore
from newsdiff.store.source_names import save_source_name
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
        assert first == 0  # the reader starts at the top, so the search goes to the first match
        await pilot.press("n")
        assert reader._current_match == first + 1
        await pilot.press("N", "N")  # back past the first match: the previous article (going round) with one
        assert reader.article is seeds_story.articles[-1]
        assert (
            reader._current_match == reader.match_count - 1 == seeds_story.articles[-1].text.lower().count("korea") - 1
        )
        start, _ = reader._matches[reader._current_match]
        assert reader.passage.start <= start < reader.passage.end
        await pilot.press("slash", "backspace", "enter")  # the last query comes back selected
        assert reader.match_count == 0
        assert app.main.query_one(SearchBar).display is False


async def test_y_copies_the_passage_with_its_source(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "y")
        await pilot.pause()
        passage = app.main.query_one(Reader).passage
        article = seeds_story.article(passage.article_id)
        assert app.clipboard.startswith(" ".join(passage.text.split()) + " \u2014 " + article.source)
        assert str(list(app._notifications)[-1].message) == "Copied the passage with its source."


async def test_y_in_the_claim_view_copies_the_claim_with_every_wording(make_app, seeds_story) -> None:
    shared = next(c for c in seeds_story.claims if len(c.article_ids) == 3)
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        reader.move_to(next(p for p in shared.passage_ids if seeds_story.passage(p).article_id == reader.article.id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard.splitlines()
        assert copied[0].startswith(f"Claim {app.screen.claim.id} (3 of 3 sources): ")
        for article in seeds_story.articles:
            assert any(line.startswith("- ") and f"\u2014 {article.source}" in line for line in copied)


async def test_a_claim_taller_than_the_screen_scrolls_with_the_readers_keys(make_app, story_from_texts) -> None:
    texts = {
        f"Outlet {n}": "The mayor opened the new bridge over the river on Monday, officials said.\n"
        for n in range(1, 16)
    }
    texts |= {f"Other {n}": "Whisk the eggs with sugar until pale, then fold in the flour.\n" for n in range(1, 4)}
    story = story_from_texts(texts)
    app = make_app(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.main.query_one(Reader).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        dialog = app.screen.query_one("#claim-dialog")
        assert len(app.screen.claim.article_ids) == 15
        assert dialog.has_focus and dialog.max_scroll_y > 10
        await pilot.press("j", "j")
        assert dialog.scroll_y == 2
        await pilot.press("k")
        assert dialog.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        last = list(app.screen.query(".claim-wording"))[-1]
        assert last.region.bottom <= dialog.region.bottom  # the last source's wording is in view
        await pilot.press("g")
        assert dialog.scroll_y == 0
        heading = app.screen.query_one("#claim-heading", Static).render()
        assert "not found in: 16 Other 1, 17 Other 2, 18 Other 3" in str(heading)


def test_a_wording_in_two_claims_names_the_other_under_it(seeds_story) -> None:
    claim, passage = next(
        (claim, seeds_story.passage(pid))
        for claim in seeds_story.claims
        for pid in claim.passage_ids
        if len(seeds_story.claims_of(pid)) > 1
    )
    others = [c.id for c in seeds_story.claims_of(passage.id) if c.id != claim.id]
    assert also_in(seeds_story, claim, passage) == f"also in {', '.join(others)}"
    alone = next(pid for pid in claim.passage_ids if len(seeds_story.claims_of(pid)) == 1)
    assert also_in(seeds_story, claim, seeds_story.passage(alone)) == ""


def test_search_matches_across_outlets_spelling_styles() -> None:
    pattern = search_pattern("kim jong un")
    assert [bool(pattern.search(text)) for text in ("Kim Jong-un", "KIM JONG UN", "Kim Jong\u2013Un", "Kimjongun")] == [
        True,
        True,
        True,
        False,
    ]
    apostrophe = search_pattern("Putin's")
    assert apostrophe.search("Putin\u2019s visit") and apostrophe.search("putin's visit")
    assert search_pattern(" - ") is None
    assert search_pattern("[bold]").search("a [BOLD] word")  # the query is text, never a pattern


def occurrences(article, word: str) -> int:
    return article.text[article.body_start :].lower().count(word)


async def test_search_names_the_other_articles_with_matches_and_they_keep_them(make_app, seeds_story) -> None:
    first, second, third = seeds_story.articles
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        assert all(occurrences(article, "weapons") > 1 for article in seeds_story.articles)
        await pilot.press("slash", *"weapons", "enter")
        await pilot.pause()
        assert str(list(app._notifications)[-1].message) == (
            f"{occurrences(first, 'weapons')} matches here · also {occurrences(second, 'weapons')} in {second.source}"
            f" (article 2), {occurrences(third, 'weapons')} in {third.source} (article 3)"
        )
        await pilot.press("3")  # the article named in the toast opens with its matches marked
        await pilot.pause()
        assert reader.article is third and reader.match_count == occurrences(third, "weapons") > 0
        await pilot.press("n")
        start, _ = reader._matches[reader._current_match]
        assert reader.passage.start <= start < reader.passage.end
        for _ in range(reader.match_count - 1):
            await pilot.press("n")
        assert reader.article is third and reader._current_match == reader.match_count - 1
        await pilot.press("n")  # past the last match of the last article: round to the first article's first
        await pilot.pause()
        assert reader.article is first and reader._current_match == 0
        assert (
            str(list(app._notifications)[-1].message) == f"Match 1 of {occurrences(first, 'weapons')} in {first.source}"
        )


def test_a_search_with_no_match_here_says_where_there_are_some(seeds_story) -> None:
    first, second, third = seeds_story.articles
    only_elsewhere = next(
        word
        for word in ("jakarta", "thursday", "hanoi", "pyongyang", "vietnam")
        if occurrences(first, word) == 0 and occurrences(second, word) + occurrences(third, word) > 0
    )
    counts = [
        (occurrences(article, only_elsewhere), article.source, number) for number, article in ((2, second), (3, third))
    ]
    expected = ", ".join(f"{count} in {source} (article {number})" for count, source, number in counts if count)
    assert search_summary(seeds_story, first.id, only_elsewhere, 0) == f"No match here · {expected}"
    assert search_summary(seeds_story, first.id, "no such words anywhere", 0) == "No match in any article"
    only_here = next(
        word
        for word in ("mirror", "vietnam", "deterrent", "ballistic")
        if occurrences(first, word) and not occurrences(second, word) + occurrences(third, word)
    )
    assert search_summary(seeds_story, first.id, only_here, 1) == "1 match here, none in the other articles"


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
            assert len(claims.claim_ids) == sum(c.reach is reach for c in seeds_story.claims)
            assert app.main.query_one(Reader).reach_filter is reach_filter
        await pilot.press("f")
        assert app.main.reach_filter is ReachFilter.EVERYTHING
        assert len(claims.claim_ids) == len(seeds_story.claims)


async def test_with_a_filter_on_j_and_k_walk_only_the_passages_it_keeps(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        reader.focus()
        article = seeds_story.articles[0].id
        kept = [p.id for p in seeds_story.passages_of(article) if seeds_story.reach_of(p.id) is Reach.ALL]
        assert len(kept) >= 3
        reader.move_to(kept[0])
        await pilot.press("f")
        assert app.main.reach_filter is ReachFilter.SHARED_BY_ALL
        visited = [reader.passage.id]
        for _ in range(len(kept) + 2):
            await pilot.press("j")
            visited.append(reader.passage.id)
        assert list(dict.fromkeys(visited)) == kept
        await pilot.press("k")
        assert reader.passage.id == kept[-2]


async def test_a_filter_moves_the_current_passage_off_one_it_hides(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        article = seeds_story.articles[0].id
        first = seeds_story.passages_of(article)[0]
        assert seeds_story.reach_of(first.id) is Reach.ALL
        reader.move_to(first.id)
        await pilot.press("f", "f")
        assert app.main.reach_filter is ReachFilter.SHARED_BY_SOME
        assert seeds_story.reach_of(reader.passage.id) is Reach.SOME
        assert reader.passage.index > first.index
        claim = seeds_story.claims_of(reader.passage.id)[0]
        other = next(seeds_story.passage(p) for p in claim.passage_ids if not p.startswith(article))
        assert " ".join(other.text.split()[:4]) in app.main.query_one(CompareStrip).plain
        await pilot.press("3")
        await pilot.pause()
        assert seeds_story.reach_of(reader.passage.id) is Reach.SOME


def test_a_third_column_matching_the_first_is_linked_across_a_filler_in_the_middle(story_from_texts) -> None:
    story = story_from_texts(
        {
            "Wire": "The mayor opened the new bridge on Monday after three years of work.\n",
            "Recipes": "Whisk two eggs with sugar until pale, then fold in the flour.\n",
            "Daily": "After three years of work the mayor opened the new bridge on Monday.\n",
        }
    )
    view = CompareView(story, align(story, ["a1", "a2", "a3"]), palette_for(dark=True))
    (row,) = view.rows
    assert [p.article_id for p in row if p is not None] == ["a1", "a2", "a3"]
    assert view._linked == [(False, True)]


async def test_compare_mode_aligns_articles_side_by_side(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j", "j", "j")
        here = app.main.query_one(Reader).passage
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        view = app.screen.query_one(CompareView)
        assert view.has_focus
        assert all(len(row) == 3 for row in view.rows)
        start = next(n for n, row in enumerate(view.rows) if row[0] == here)
        assert view.scroll_offset.y == min(view.line_of_row(start), view.max_scroll_y) > 0
        for row, linked in zip(view.rows, view._linked, strict=True):
            claims = [{c.id for c in seeds_story.claims_of(p.id)} if p is not None else set() for p in row]
            for column, same in enumerate(linked, start=1):
                assert same == any(claims[column] & left for left in claims[:column])
        first_linked = next(n for n, links in enumerate(view._linked) if links[0])
        painted = view._paint(view.line_of_row(first_linked), view.rich_style).text
        assert SEPARATOR in painted
        before = app.screen.article_ids
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.article_ids != before
        await pilot.press("minus")
        await pilot.pause()
        assert len(app.screen.article_ids) == 2
        await pilot.press("plus")
        await pilot.pause()
        assert len(app.screen.article_ids) == 3
        await pilot.press("c")
        assert app.screen is app.main


@pytest.mark.parametrize(("width", "columns"), [(80, 2), (119, 2), (120, 3), (160, 3)])
async def test_compare_mode_shows_as_many_columns_as_fit(make_app, seeds_story, width, columns) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert all(len(row) == columns for row in view.rows)
        assert view.column_width >= 37


async def test_compare_mode_follows_the_width_until_the_reader_chooses(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert len(app.screen.article_ids) == 3
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert len(app.screen.article_ids) == 2
        await pilot.press("plus")
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert len(app.screen.article_ids) == 3


async def test_compare_view_scrolls_with_the_reader_keys(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        assert view.scroll_offset.y == 0
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        assert view.scroll_offset.y == 1
        await pilot.press("down", "up", "up")
        assert view.scroll_offset.y == 0
        for key in ("space", "pagedown"):
            before = view.scroll_offset.y
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_offset.y > before
        await pilot.press("pageup")
        await pilot.pause()
        assert 0 < view.scroll_offset.y < view.max_scroll_y
        for key, edge in (("G", view.max_scroll_y), ("g", 0), ("end", view.max_scroll_y), ("home", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_offset.y == edge, key
        await pilot.press("escape")
        assert app.screen is app.main


async def test_compare_view_jumps_without_animating(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    app.animation_level = "full"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        view = app.screen.query_one(CompareView)
        # Called directly: the position must be there before any frame passes.
        for action, edge in ((view.action_scroll_end, view.max_scroll_y), (view.action_scroll_home, 0)):
            action()
            assert view.scroll_y == edge, action.__name__
        view.action_page_down()
        assert view.scroll_y > 0


async def test_a_note_is_saved_marked_and_comes_back(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        passage = app.main.query_one(Reader).passage

        def chosen() -> list[str]:
            return [b.id for b in app.screen.query("#annotate-mark RadioButton") if "●" in str(b.render())]

        assert chosen() == ["mark-none"]
        await pilot.click("#mark-dispute")
        await pilot.pause()
        assert chosen() == ["mark-dispute"]  # the choice has a shape, not only a colour
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
        strip = again.main.query_one(Reader).paint_line(
            again.main.query_one(Reader)._layout.first_line(passage.index), again.main.query_one(Reader).rich_style
        )
        assert "✎" in strip.text


async def test_enter_on_the_mark_picks_it_and_saves_the_note(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "a")
        await pilot.pause()
        passage = app.main.query_one(Reader).passage
        await pilot.press(*"two counts, not one", "tab", "right", "right", "enter")
        await pilot.pause()
        assert app.screen is app.main
    [note] = NoteStore(story_key(seeds_story.articles)).notes
    assert (note.target_id, note.text, note.mark) == (passage.id, "two counts, not one", MARKS[1])


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


async def note_then_edit_it(app, pilot, text: str) -> None:
    """Note the second passage, then open the dialog again and choose that note for editing."""
    await pilot.press("j", "a", *text, "enter", "a")
    await pilot.pause()
    await edit_earlier_note(app, pilot)


async def edit_earlier_note(app, pilot) -> None:
    """In the open note dialog, choose the first note already there for editing, as shift+tab then enter do."""
    app.screen.query_one("#annotate-earlier", OptionList).focus()
    await pilot.press("enter")
    await pilot.pause()


def test_the_strip_shows_each_sources_closest_wording_first(seeds_story) -> None:
    first, _, third = seeds_story.articles
    quote = next(
        p for p in seeds_story.passages_of(first.id) if p.text.startswith("\u201cI said, including in Pyongyang")
    )
    entries = compare_entries(seeds_story, quote, palette_for(dark=True))
    theirs = next(entry.plain for entry in entries if entry.plain.startswith(f"\u25cf {third.source}: "))
    assert " \u2026 " in theirs  # the source has more than one passage in the quote's claims
    assert theirs.removeprefix(f"\u25cf {third.source}: ").startswith('"I said, including in Pyongyang')


def test_a_note_in_the_strip_reads_as_its_mark_and_text_without_a_dangling_colon() -> None:
    palette = palette_for(dark=True)

    def shown(text: str, mark: str | None) -> str:
        return note_entry(Note(id="n", target="claim", target_id="K1", text=text, mark=mark), palette).plain

    assert shown("check the date", "dispute") == "✎ dispute: check the date"
    assert shown("check the date", None) == "✎ note: check the date"
    assert shown("", "dispute") == "✎ dispute"


async def test_a_note_shows_in_the_strip_and_can_be_edited_then_deleted(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        strip = app.main.query_one(CompareStrip)
        await pilot.press("j", "a", *"check the date", "enter")
        await pilot.pause()
        assert strip.plain.splitlines()[0] == "✎ note: check the date"  # the note comes before the sources

        await pilot.press("a")
        await pilot.pause()
        earlier = app.screen.query_one("#annotate-earlier", OptionList)
        assert earlier.option_count == 1
        assert app.screen.query_one("#annotate-delete").display is False  # nothing to delete until a note is chosen
        earlier.focus()
        await pilot.press("enter")  # choose the note: it is loaded for editing
        await pilot.pause()
        text = app.screen.query_one("#annotate-text", Input)
        assert text.value == "check the date" and text.has_focus
        await pilot.press(*" twice")
        await pilot.click("#mark-check")
        text.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        [note] = NoteStore(story_key(seeds_story.articles)).notes
        assert (note.text, note.mark) == ("check the date twice", "check") and note.updated is not None
        assert strip.plain.splitlines()[0] == "✎ check: check the date twice"

        await pilot.press("a")
        await pilot.pause()
        await edit_earlier_note(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is app.main
        assert NoteStore(story_key(seeds_story.articles)).notes == ()
        assert not app.main.query_one(Reader).noted
        assert "✎" not in strip.plain
        assert "u brings it back" in [n.message for n in app._notifications][-1]

        await pilot.press("u")  # undo the delete
        await pilot.pause()
        assert NoteStore(story_key(seeds_story.articles)).notes == (note,)
        assert strip.plain.splitlines()[0] == "✎ check: check the date twice"
        await pilot.press("u")  # nothing more to bring back
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "No deleted note to bring back."
        assert NoteStore(story_key(seeds_story.articles)).notes == (note,)


async def test_a_note_deleted_in_another_window_while_edited_here_is_kept_as_a_new_note(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_then_edit_it(app, pilot, "first take")  # editing it here ...
        other_window = NoteStore(story_key(seeds_story.articles))
        other_window.delete(other_window.notes[0].id)  # ... while another window deletes it
        await pilot.press(*", second take", "enter")
        await pilot.pause()
        assert app.screen is app.main
        [note] = NoteStore(story_key(seeds_story.articles)).notes
        assert note.text == "first take, second take"
        assert "saved as a new note" in [n.message for n in app._notifications][-1]

        await pilot.press("a")
        await pilot.pause()
        await edit_earlier_note(app, pilot)
        other_window.delete(note.id)
        await pilot.press("ctrl+r")  # deleting what is already gone is no error
        await pilot.pause()
        assert app.screen is app.main
        assert "already deleted" in [n.message for n in app._notifications][-1]
        assert NoteStore(story_key(seeds_story.articles)).notes == ()


def snapshot_note(story) -> Note:
    """A note as a reopened snapshot carries it: on a content passage, not in the story's notes file."""
    passage = next(p for p in story.passages_of(story.articles[0].id) if p.is_content)
    return Note(
        id="0123abcd4567",
        target="passage",
        target_id=passage.id,
        text="from the snapshot",
        mark="check",
        created="2026-11-20T10:00:00+00:00",
        article_id=passage.article_id,
        start=passage.start,
        end=passage.end,
        excerpt=passage.text,
    )


async def open_note_for_editing(app, pilot, passage_id: str) -> None:
    app.main.query_one(Reader).move_to(passage_id)
    await pilot.press("a")
    await pilot.pause()
    await edit_earlier_note(app, pilot)


async def test_editing_a_snapshot_note_makes_it_one_of_the_storys_notes(make_app, seeds_story) -> None:
    carried = snapshot_note(seeds_story)
    app = make_app(seeds_story, notes=[carried])
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await open_note_for_editing(app, pilot, carried.target_id)
        await pilot.press(*", confirmed", "enter")
        await pilot.pause()
        assert app.screen is app.main
    [note] = NoteStore(story_key(seeds_story.articles)).notes
    assert (note.id, note.text, note.created) == (carried.id, "from the snapshot, confirmed", carried.created)


async def test_a_deleted_snapshot_note_goes_and_u_brings_it_back(make_app, seeds_story) -> None:
    carried = snapshot_note(seeds_story)
    app = make_app(seeds_story, notes=[carried])
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await open_note_for_editing(app, pilot, carried.target_id)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.notes == () and not app.main.noted_passages
        assert NoteStore(story_key(seeds_story.articles)).notes == ()
        await pilot.press("u")
        await pilot.pause()
        assert app.notes == (carried,) and carried.target_id in app.main.noted_passages
    assert NoteStore(story_key(seeds_story.articles)).notes == (carried,)


async def test_a_note_that_cannot_be_saved_again_after_another_window_deleted_it_is_an_error_toast(
    make_app, seeds_story, monkeypatch
) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_then_edit_it(app, pilot, "first take")
        other_window = NoteStore(story_key(seeds_story.articles))
        other_window.delete(other_window.notes[0].id)

        def disk_full(path: Path, text: str) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(notes_module, "write_text_atomic", disk_full)
        await pilot.press(*", second take", "enter")
        await pilot.pause()
        assert app.is_running and app.screen is app.main
        error = [n for n in app._notifications if n.severity == "error"][-1]
        assert error.title == "Note not saved" and "No space left" in str(error.message)


async def test_an_emptied_note_is_not_saved_and_the_dialog_stays(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_then_edit_it(app, pilot, "keep me")
        app.screen.query_one("#annotate-text", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("escape")
    [note] = NoteStore(story_key(seeds_story.articles)).notes
    assert note.text == "keep me"


async def test_the_claim_view_shows_the_notes_on_the_claim(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        claims.focus()
        await pilot.press("a", *"two sources only", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        heading = app.screen.query_one("#claim-heading", Static).render()
        assert str(heading).splitlines()[-1] == "✎ note: two sources only"


async def test_in_the_claim_view_a_number_reads_the_claim_in_that_article(make_app, seeds_story) -> None:
    seeds_story = dataclasses.replace(seeds_story, near_misses=())  # every absence confident: "not found in"
    first, second, third = (a.id for a in seeds_story.articles)
    claim = next(c for c in seeds_story.claims if c.article_ids == (third,))
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.main.open_claim(claim.id)
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        titles = [str(w.border_title) for w in app.screen.query(".claim-wording")]
        assert titles == [f"3 {seeds_story.article(third).source}"] * len(claim.passage_ids)
        heading = str(app.screen.query_one("#claim-heading", Static).render())
        names = (seeds_story.article(first).source, seeds_story.article(second).source)
        assert "✗ not found in: 1 {}, 2 {}".format(*names) in heading
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert [n.message for n in app._notifications][-1] == f"Claim {claim.id} was not found in 2 {names[1]}."
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert [n.message for n in app._notifications][-1] == "There is no article 9: this story has 3."
        await pilot.press("3")
        await pilot.pause()
        assert app.screen is app.main
        assert app.main.article_id == third
        reader = app.main.query_one(Reader)
        assert reader.passage.id in claim.passage_ids and reader.passage.article_id == third


async def test_in_the_claim_view_a_source_with_no_match_shows_its_closest_passage_and_leads_there(
    make_app, seeds_story
) -> None:
    miss = next(m for m in seeds_story.near_misses if len(seeds_story.claim(m.claim_id).article_ids) == 1)
    number = seeds_story.article_number(miss.article_id)
    closest = seeds_story.passage(miss.passage_id)
    first_miss = absences(seeds_story, [seeds_story.claim(miss.claim_id)]).no_match[0]
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for key, expected in ((str(number), closest.id), ("m", first_miss.passage_id)):
            app.main.open_claim(miss.claim_id)
            await pilot.pause()
            heading = " ".join(str(app.screen.query_one("#claim-heading", Static).render()).split())
            source = f"{number} {seeds_story.article(miss.article_id).source}"
            assert f"? no match found in {source} (nearest passage found, score {miss.probability:.2f}): " in heading
            assert " ".join(closest.text.split()) in heading
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.main
            assert app.main.query_one(Reader).passage.id == expected
            assert [n.message for n in app._notifications][-1].startswith("No match found in ")


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
    assert {"screen.svg", "story.json", "story.md", "story.html", "story.csv", "notes.json", "snapshot.json"} <= names
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
    # The footer comes back some frames after the palette closes: the screen is captured with it.
    assert "Open&#160;claim" in svg


async def test_help_says_which_matcher_made_the_claims(make_app, seeds_story) -> None:
    for matcher, expected, hint in (
        ("lexical", "the lexical matcher", True),
        ("use-m3", "the sentence encoder use-m3", False),
    ):
        app = make_app(dataclasses.replace(seeds_story, matcher=matcher))
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            about = str(app.screen.query_one("#help-about", Static).render())
            assert f"Matched by {expected}." in about
            assert ((LEXICAL_CHOSEN_HINT if encoder_installed() else SEMANTIC_HINT) in about) is hint


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
        dialog = app.screen.query_one("#help-dialog")
        await pilot.press("G")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert dialog.scroll_y == 0
        await pilot.press("j", "j", "k")
        assert dialog.scroll_y == 1
        await pilot.press("escape")
        assert app.screen is app.main


def configured_app(make_app, story, user_dirs: Path, config_text: str):
    """An app showing ``story`` with ``config_text`` as the user's config.toml."""
    config = user_dirs / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    return make_app(story, config_path=config)


async def test_the_footer_shows_help_first_even_at_80_columns_and_rebound(
    make_app, seeds_story, user_dirs: Path
) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, '[keys]\nhelp = "h"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):
            keys = list(app.main.query(FooterKey))
            assert (keys[0].key, keys[0].description) == ("h", "Help")
            assert keys[0].region.right <= 80
            await pilot.press("tab")
            await pilot.pause()
        await pilot.click(app.main.query(FooterKey).first())
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_help_shows_a_numbered_family_of_keys_as_one_row() -> None:
    rows = [
        KeyHelp("Main screen", ("c",), "Compare", "compare"),
        *(KeyHelp("Main screen", (str(n),), f"Read article {n}", f"article_{n}") for n in range(1, 10)),
        *(KeyHelp("Claim", (str(n),), f"Read the claim in article {n}", f"claim_article_{n}") for n in range(1, 4)),
        KeyHelp("Claims", ("home",), "First", None),
    ]
    assert numbered_rows(rows) == [
        rows[0],
        KeyHelp("Main screen", ("1…9",), "Read article 1…9", "article_1 … article_9"),
        KeyHelp("Claim", ("1…3",), "Read the claim in article 1…3", "claim_article_1 … claim_article_3"),
        rows[-1],
    ]
    rebound = [*rows[:3], KeyHelp("Main screen", ("w",), "Read article 3", "article_3"), *rows[4:10]]
    assert numbered_rows(rebound)[1].keys == ("1", "2", "w", *map(str, range(4, 10)))
    table = Console(width=120, record=True)
    table.print(help_table(rows))
    assert "—" in table.export_text().splitlines()[-1]


async def test_keys_can_be_rebound_in_the_config(make_app, seeds_story, user_dirs: Path) -> None:
    app = configured_app(
        make_app, seeds_story, user_dirs, '[keys]\nnext_claim = "x"\nno_such_binding = "y"\nnext_disputed = "ctrl+t"\n'
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        claims = app.main.query_one(ClaimList)
        start = claims.highlighted
        await pilot.press("x")
        assert claims.highlighted == start + 1
        assert any("no_such_binding" in str(n.message) for n in app._notifications)
        rows = {row.binding_id: row for row in app.key_reference()}
        assert rows["next_claim"].keys == ("x",)
        await pilot.press("question_mark")
        await pilot.pause()
        start_line = str(app.screen.query_one("#help-start", Static).render())
        assert start_line.startswith("Start here: ") and "^t where sources disagree" in start_line


async def test_note_hints_name_the_keys_as_rebound(make_app, seeds_story, user_dirs: Path) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, '[keys]\ndelete_note = "ctrl+o"\nundo_delete_note = "U"\n')
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await note_then_edit_it(app, pilot, "to go")
        assert str(app.screen.query_one("#annotate-dialog").border_subtitle).endswith("^o deletes")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "Note deleted; U brings it back."
        await pilot.press("U")
        await pilot.pause()
        assert [n.text for n in NoteStore(story_key(seeds_story.articles)).notes] == ["to go"]


async def config_warnings(make_app, story, user_dirs: Path, config_text: str) -> list[str]:
    """The warnings the app shows when it starts with this config file."""
    app = configured_app(make_app, story, user_dirs, config_text)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_a_rebound_key_that_another_binding_uses_is_a_warning(make_app, seeds_story, user_dirs: Path) -> None:
    config_text = '[keys]\nnext_claim = "j"\nannotate = "n"\nclose_claim = "q"\n'
    warnings = await config_warnings(make_app, seeds_story, user_dirs, config_text)
    assert any(w.startswith("[keys] next_claim uses 'j', which is also 'Next passage'") for w in warnings)
    assert any(w.startswith("[keys] annotate uses 'n', which is also 'Next match'") for w in warnings)
    # q quits everywhere, so it clashes on the claim screen too.
    assert any(w.startswith("[keys] close_claim uses 'q'") for w in warnings)
    assert len(warnings) == 3


async def test_a_rebound_key_that_a_focused_text_field_takes_is_a_warning(
    make_app, seeds_story, user_dirs: Path
) -> None:
    config_text = '[keys]\ndelete_note = "ctrl+k"\nclose_search = "x"\ncancel_note = "ctrl+o"\n'
    warnings = await config_warnings(make_app, seeds_story, user_dirs, config_text)
    assert warnings == [
        "[keys] close_search uses 'x', which the search text field takes first (typing):"
        " it works only when the field is not focused",
        "[keys] delete_note uses 'ctrl+k', which the note text field takes first (delete all to the right):"
        " it works only when the field is not focused",
    ]


async def test_a_broken_config_warns_and_uses_defaults(make_app, seeds_story, user_dirs: Path) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, 'theme = "no-such-theme"\ndefault_filter = [1\n')
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.main.reach_filter is ReachFilter.EVERYTHING
        assert any("not valid TOML" in str(n.message) for n in app._notifications)
    app = configured_app(make_app, seeds_story, user_dirs, 'theme = "no-such-theme"\ndefault_filter = "unique"\n')
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
        assert "Theme" in titles and not {"Keys", "Screenshot"} & titles


async def test_a_light_theme_from_the_config_paints_with_the_light_palette(
    make_app, seeds_story, user_dirs: Path
) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, 'theme = "textual-light"\n')
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        reader = app.main.query_one(Reader)
        assert reader.palette == palette_for(dark=False)
        assert not [n for n in app._notifications if n.severity != "information"]
        app.theme = "textual-dark"
        await pilot.pause()
        assert reader.palette == palette_for(dark=True)


async def test_a_theme_picked_in_the_app_comes_back_until_the_config_changes(
    make_app, seeds_story, user_dirs: Path
) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, 'theme = "textual-dark"\n')
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    again = make_app(seeds_story, config_path=user_dirs / "config.toml")
    async with again.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
    edited = configured_app(make_app, seeds_story, user_dirs, 'theme = "textual-light"\n')
    async with edited.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert edited.theme == "textual-light"


async def test_q_quits_but_closes_help_first(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is app.main and app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_in_the_claim_view_help_opens_and_q_quits_with_the_keys_as_rebound(
    make_app, seeds_story, user_dirs: Path
) -> None:
    app = configured_app(make_app, seeds_story, user_dirs, '[keys]\nquit = "x"\nhelp = "h"\n')
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.main.open_claim(seeds_story.claims[0].id)
        await pilot.pause()
        await pilot.press("q", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen) and app.is_running
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert [row.description for row in app.key_reference() if row.binding_id == "quit"] == ["Quit"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_newsdiff_open_brings_back_the_snapshot_and_its_notes(
    make_app, seeds_story, seeds_dir, tmp_path: Path, monkeypatch
) -> None:
    shots = tmp_path / "shots"
    app = make_app(seeds_story, snapshots_dir=shots, notes_dir=tmp_path / "notes-then")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j", "a", *"check the date", "enter")
        await pilot.pause()
        noted = app.main.query_one(Reader).passage
        await pilot.press("2", "f", "j", "j")
        await pilot.pause()
        there = (app.main.article_id, app.main.query_one(Reader).passage.start, app.main.reach_filter)
        assert there[0] != seeds_story.articles[0].id and there[2] is not ReachFilter.EVERYTHING
        await pilot.press("s")
        await pilot.pause()
    [snapshot] = list(shots.iterdir())

    opened: list[tuple[object, dict[str, object]]] = []

    def remember(sources: object, **options: object) -> int:
        opened.append((sources, options))
        return 0

    monkeypatch.setattr("newsdiff.app.run_app", remember)
    assert cli.main(["open", snapshot.name, "--snapshots-dir", str(shots)]) == 0
    [(sources, options)] = opened
    again = make_app(None, sources=sources, notes_dir=tmp_path / "notes-now", **options)
    async with again.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: again.story is not None, "the reopened story")
        assert [a.text for a in again.story.articles] == [a.text for a in seeds_story.articles]
        assert [n.text for n in again.notes] == ["check the date"]
        await pilot.pause()
        reader = again.main.query_one(Reader)
        assert (
            again.main.article_id,
            reader.passage.start,
            again.main.reach_filter,
        ) == there  # back where it was saved
        assert noted.id in again.main.noted_passages
        again.main.open_article(noted.article_id)
        assert NOTE_GLYPH in reader.paint_line(reader._layout.first_line(noted.index), reader.rich_style).text


def test_compare_partners_are_the_articles_sharing_most_claims_first() -> None:
    texts = {
        "a": "Storms flooded the river valley overnight. Officials closed the old bridge. Schools stay shut today.",
        "b": "A poet won the national prize for her third book. The jury praised its quiet humour.",
        "c": "Storms flooded the river valley overnight. Officials closed the old bridge. Schools stay shut today.",
        "d": "Storms flooded the river valley overnight. The mayor asked residents to stay home.",
    }
    story = analyze([article_from_text(text, article_id=key) for key, text in texts.items()])
    assert ranked_partners(story, "a") == ["c", "d", "b"]


async def test_r_names_the_source_for_every_later_reading_and_empty_gives_its_own_back(make_app, seeds_dir) -> None:
    app = make_app(None, sources=[str(seeds_dir)])
    async with app.run_test(size=(160, 45)) as pilot:
        await until_analysed(pilot)
        first, second, _ = app.story.articles
        app.main.query_one(Reader).focus()
        await pilot.press("j", "j", "j")
        here = app.main.query_one(Reader).passage
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)
        await pilot.press(*second.source, "enter")  # another article's name: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)
        app.screen.query_one(Input).value = ""
        story = app.story
        await pilot.press(*"Reuters [b]x[/b]", "enter")
        await until_analysed(pilot, before=story)
        assert [a.source for a in app.story.articles][:2] == ["Reuters [b]x[/b]", second.source]
        assert app.main.query_one(Reader).passage == here  # the reader stays where it was
        assert "Reuters [b]x[/b]" in "\n".join(app.main.query_one(ArticleList).render_line(y).text for y in range(3))
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")  # cancel: nothing changes
        assert app.screen is app.main and app.story.articles[0].source == "Reuters [b]x[/b]"

    again = make_app(None, sources=[str(seeds_dir)])
    async with again.run_test(size=(160, 45)) as pilot:
        await until_analysed(pilot)
        assert again.story.articles[0].source == "Reuters [b]x[/b]"  # kept for the next reading
        again.main.query_one(Reader).focus()
        await pilot.press("r")
        await pilot.pause()
        again.screen.query_one(Input).value = ""
        story = again.story
        await pilot.press("enter")
        await until_analysed(pilot, before=story)
        assert again.story.articles[0].source == first.source


async def test_a_name_is_refused_when_another_article_has_it_shown_as_its_own_or_on_disk(make_app, seeds_dir) -> None:
    articles = collect_articles([seeds_dir])
    app = make_app(None, sources=articles)
    async with app.run_test(size=(160, 45)) as pilot:
        await until_analysed(pilot)
        first, second, third = articles
        story = app.story
        app.rename_source(first.id, "Reuters")
        await until_analysed(pilot, before=story)
        save_source_name(third, "AFP")  # named in another window since this one read the story
        taken = app.names_taken(second.id)
        assert {
            "Reuters",
            first.source,
            "AFP",
            third.source,
        } <= taken  # first.source comes back if "Reuters" is emptied
        assert second.source not in taken
        app.main.query_one(Reader).focus()
        await pilot.press("2", "r")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await pilot.press(*first.source, "enter")
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)  # refused: the dialog stays open
