"""Two windows on one story save notes at the same moment: the app keeps every note, and shows the other's.

The other window is a real process writing to the same notes file while the
app saves notes from its dialog, key by key, as a reader would.
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

from waiting import until

from newsdiff.app.widgets.reader import Reader
from newsdiff.store import paths
from newsdiff.store.notes import NoteStore
from newsdiff.store.story_key import story_key

NOTES_EACH = 15


def other_window(directory: str, key: str, claim_id: str, start: Event, stop: Event, added: Synchronized[int]) -> None:
    """A second window: from the app's first note to its last, save a note every 10 ms (faster than anyone types).

    A loop with no pause at all would hold the lock nearly all the time, and
    a lock that is polled for is not taken in turn: the app would wait.
    """
    store = NoteStore(key, Path(directory))
    start.wait(timeout=60)
    while not stop.is_set():
        store.add("claim", claim_id, f"other window {added.value}")
        added.value += 1
        time.sleep(0.01)


async def test_two_windows_saving_at_once_keep_every_note_and_see_each_other(make_app, seeds_story) -> None:
    key, claim_id = story_key(seeds_story.articles), seeds_story.claims[0].id
    context = multiprocessing.get_context("spawn")
    start, stop, added = context.Event(), context.Event(), context.Value("i", 0)
    writer = context.Process(target=other_window, args=(str(paths.notes_dir()), key, claim_id, start, stop, added))
    writer.start()
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        start.set()
        for number in range(NOTES_EACH):
            await pilot.press("a", *f"here {number}", "enter")
            await pilot.pause()
            assert [n.message for n in app._notifications][-1] == "Note saved."
        stop.set()
        writer.join(timeout=60)
        assert writer.exitcode == 0 and added.value > 0
        on_disk = {note.text for note in NoteStore(key).notes}
        written = NOTES_EACH + added.value
        assert {f"here {n}" for n in range(NOTES_EACH)} <= on_disk, (
            f"the app kept {len({t for t in on_disk if t.startswith('here')})} of its {NOTES_EACH} notes"
        )
        assert len(on_disk) == written, f"kept {len(on_disk)} of {written} notes"
        await until(
            pilot, lambda: {note.text for note in app.notes} == on_disk, "the other window's notes"
        )  # the app looks again on its own
        assert len(app.main.noted_claims[claim_id]) == added.value  # shown without a key pressed


async def test_a_note_added_in_another_window_shows_without_any_key(make_app, seeds_story) -> None:
    app = make_app(seeds_story)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        passage = app.main.query_one(Reader).passage
        assert passage is not None and passage.id not in app.main.query_one(Reader).noted
        NoteStore(story_key(seeds_story.articles)).add(
            "passage",
            passage.id,
            "from the other window",
            article_id=passage.article_id,
            start=passage.start,
            end=passage.end,
            excerpt=passage.text,
        )
        await until(pilot, lambda: passage.id in app.main.query_one(Reader).noted, "the note mark in the reader")
        assert [n.text for n in app.notes] == ["from the other window"]
