"""Two writers on one story's notes, as real processes: no note is ever lost.

Each process is a window on the same story. They add notes as fast as they
can, at the same moment (a barrier starts them together), so every save of
one lands while the other is between reading the file and writing it back.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

from newsdiff.store.notes import NoteStore

KEY = "0123456789abcdef"
NOTES_EACH = 100


def add_notes(directory: str, prefix: str, count: int, start: Barrier) -> None:
    """One window: open the story's notes, wait for the other, then add ``count`` notes one by one."""
    store = NoteStore(KEY, Path(directory))
    start.wait()
    for number in range(count):
        store.add("claim", f"c{number % 7}", f"{prefix} {number}")


def run_writers(directory: Path, prefixes: tuple[str, ...], count: int) -> None:
    """Run one process per prefix, all adding ``count`` notes at once; each must exit cleanly."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a second window is
    start = context.Barrier(len(prefixes))
    writers = [context.Process(target=add_notes, args=(str(directory), p, count, start)) for p in prefixes]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0] * len(writers)


def test_two_processes_adding_100_notes_each_keep_all_200(tmp_path: Path) -> None:
    run_writers(tmp_path, ("left", "right"), NOTES_EACH)
    kept = NoteStore(KEY, tmp_path).notes
    texts = {note.text for note in kept}
    assert len(kept) == 2 * NOTES_EACH, f"kept {len(kept)} of {2 * NOTES_EACH} notes"
    assert texts == {f"{side} {n}" for side in ("left", "right") for n in range(NOTES_EACH)}
    assert len({note.id for note in kept}) == len(kept)
