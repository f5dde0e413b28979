import json
from dataclasses import replace
from pathlib import Path

import pytest
from filelock import FileLock
from store_stories import two_source_story

from newsdiff.store import notes as notes_module
from newsdiff.store import paths
from newsdiff.store.errors import StoreError
from newsdiff.store.notes import Note, NoteStore, locate

KEY = "0123456789abcdef"


def passage_note(store: NoteStore, text: str = "check the time", **extra) -> Note:
    return store.add(
        "passage",
        "a:1",
        text,
        article_id="a",
        start=12,
        end=34,
        excerpt="The dam burst at dawn.",
        **extra,
    )


def test_a_new_store_is_empty_and_writes_nothing() -> None:
    store = NoteStore(KEY)
    assert store.notes == () and store.warnings == []
    assert not store.path.exists()
    assert store.path == paths.notes_dir() / f"{KEY}.json"


def test_notes_persist_across_store_instances() -> None:
    first = NoteStore(KEY)
    kept = passage_note(first, mark="dispute")
    claim = first.add("claim", "c1", "all agree on this")
    reopened = NoteStore(KEY)
    assert reopened.notes == (kept, claim)
    assert reopened.get(kept.id).mark == "dispute"
    assert reopened.warnings == []


def test_each_story_has_its_own_notes() -> None:
    passage_note(NoteStore(KEY))
    assert NoteStore("fedcba9876543210").notes == ()


def test_update_changes_text_and_mark_and_is_saved() -> None:
    store = NoteStore(KEY)
    note = passage_note(store, mark="check")
    updated = store.update(note.id, text="confirmed by AP", mark=None)
    assert (updated.text, updated.mark, updated.created) == ("confirmed by AP", None, note.created)
    assert updated.updated is not None
    assert NoteStore(KEY).notes == (updated,)


def test_two_stores_on_one_story_keep_each_others_notes() -> None:
    """Two windows on one story: each change starts from the file, so no save drops the other's notes."""
    first, second = NoteStore(KEY), NoteStore(KEY)
    mine = passage_note(first, "first window")
    theirs = second.add("claim", "c1", "second window")
    assert [n.text for n in NoteStore(KEY).notes] == ["first window", "second window"]
    edited = first.update(theirs.id, text="seen in both", mark="agree")
    assert first.notes == (mine, edited)
    second.delete(mine.id)
    assert NoteStore(KEY).notes == (edited,)


def test_delete_removes_the_note_on_disk() -> None:
    store = NoteStore(KEY)
    gone = passage_note(store)
    kept = store.add("claim", "c2", "unique to a")
    store.delete(gone.id)
    assert NoteStore(KEY).notes == (kept,)


def test_restore_puts_a_deleted_note_back_where_it_was(monkeypatch) -> None:
    """Undo of a delete: same id and times, back in the order of creation (offsets compared as instants)."""
    times = iter(["2026-11-24T09:00:00+00:00", "2026-11-24T11:30:00+02:00", "2026-11-24T10:00:00+00:00"])
    monkeypatch.setattr(notes_module, "now_iso", lambda: next(times))
    store = NoteStore(KEY)
    first, middle, last = (store.add("claim", f"c{n}", f"note {n}") for n in range(3))
    store.delete(middle.id)
    store.restore(middle)
    assert NoteStore(KEY).notes == (first, middle, last)


def test_restoring_a_note_that_is_there_changes_nothing() -> None:
    """Two windows may both undo the same delete; the note must not come back twice."""
    first, second = NoteStore(KEY), NoteStore(KEY)
    note = passage_note(first)
    first.delete(note.id)
    first.restore(note)
    second.restore(note)
    assert NoteStore(KEY).notes == (note,)


def test_unknown_ids_raise_key_error() -> None:
    store = NoteStore(KEY)
    with pytest.raises(KeyError):
        store.update("nope", text="x", mark=None)
    with pytest.raises(KeyError):
        store.delete("nope")


def test_ids_are_unique() -> None:
    store = NoteStore(KEY)
    ids = {passage_note(store).id for _ in range(20)}
    assert len(ids) == 20


@pytest.mark.parametrize(
    "bad",
    [
        {"target": "article"},
        {"mark": "like"},
        {"start": 5, "end": 2},
        {"start": 3, "end": None},
        {"start": True, "end": 4},
        {"text": None},
        {"id": ""},
    ],
)
def test_invalid_notes_are_refused(bad: dict) -> None:
    good = {"id": "n1", "target": "passage", "target_id": "a:1", "text": "t"}
    with pytest.raises(ValueError):
        Note(**{**good, **bad})


def test_a_refused_note_is_not_saved() -> None:
    store = NoteStore(KEY)
    with pytest.raises(ValueError):
        store.add("passage", "a:1", "x", mark="like")  # type: ignore[arg-type]
    assert store.notes == () and not store.path.exists()


def test_to_dict_round_trips_through_json() -> None:
    note = passage_note(NoteStore(KEY), mark="agree")
    data = json.loads(json.dumps(note.to_dict()))
    assert data["excerpt"] == "The dam burst at dawn." and data["mark"] == "agree"
    assert Note.from_dict(data) == note


def test_the_notes_file_is_a_documented_json_document() -> None:
    store = NoteStore(KEY)
    note = passage_note(store)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document == {"schema": "newsdiff.notes/1", "story_key": KEY, "notes": [note.to_dict()]}


def test_a_corrupt_file_is_kept_aside_and_the_store_starts_empty() -> None:
    path = paths.notes_dir() / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": "newsdiff.notes/1", "notes": [', encoding="utf-8")
    store = NoteStore(KEY)
    assert store.notes == ()
    assert len(store.warnings) == 1 and "\n" not in store.warnings[0]
    backups = list(path.parent.glob(f"{KEY}.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].name in store.warnings[0]
    assert backups[0].read_text(encoding="utf-8") == '{"schema": "newsdiff.notes/1", "notes": ['
    passage_note(store)
    assert backups[0].read_text(encoding="utf-8").endswith("[")
    assert len(NoteStore(KEY).notes) == 1


def test_a_second_corrupt_file_gets_its_own_backup() -> None:
    path = paths.notes_dir() / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    for content in ("first", "second"):
        path.write_text(content, encoding="utf-8")
        NoteStore(KEY)
    backups = sorted(p.read_text() for p in path.parent.glob(f"{KEY}.json.corrupt-*"))
    assert backups == ["first", "second"]


def test_readable_notes_of_a_damaged_file_are_kept() -> None:
    store = NoteStore(KEY)
    good = passage_note(store)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["notes"].append({**good.to_dict(), "id": "other", "mark": "like"})
    store.path.write_text(json.dumps(document), encoding="utf-8")
    reopened = NoteStore(KEY)
    assert reopened.notes == (good,)
    assert "note 2" in reopened.warnings[0] and "kept 1 of 2 notes" in reopened.warnings[0]
    assert len(list(store.path.parent.glob("*.corrupt-*"))) == 1
    assert NoteStore(KEY).warnings == []


def test_a_newer_format_is_kept_aside_not_overwritten() -> None:
    path = paths.notes_dir() / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": "newsdiff.notes/2", "notes": []}', encoding="utf-8")
    store = NoteStore(KEY)
    assert "newsdiff.notes/2" in store.warnings[0]
    passage_note(store)
    [backup] = path.parent.glob("*.corrupt-*")
    assert "notes/2" in backup.read_text(encoding="utf-8")


def test_a_failed_save_raises_and_changes_nothing(monkeypatch) -> None:
    store = NoteStore(KEY)
    first = passage_note(store)
    on_disk = store.path.read_bytes()

    def disk_full(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(notes_module, "write_text_atomic", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.add("claim", "c1", "lost?")
    with pytest.raises(StoreError):
        store.delete(first.id)
    assert store.notes == (first,)
    assert store.path.read_bytes() == on_disk


def test_a_story_key_must_be_a_file_name() -> None:
    with pytest.raises(ValueError):
        NoteStore("../escape")


def test_locate_keeps_a_passage_that_still_holds_the_excerpt() -> None:
    note = passage_note(NoteStore(KEY))
    assert locate(note, two_source_story()) == "a:1"


def test_locate_finds_a_renumbered_passage_by_its_offsets() -> None:
    note = replace(passage_note(NoteStore(KEY)), target_id="a:7")
    assert locate(note, two_source_story()) == "a:1"
    moved = replace(note, target_id="a:2")
    assert locate(moved, two_source_story()) == "a:1"


def test_locate_keeps_a_claim_that_holds_the_anchored_passage() -> None:
    store = NoteStore(KEY)
    note = store.add("claim", "c1", "n", article_id="b", start=11, end=33, excerpt="The dam")
    assert locate(note, two_source_story()) == "c1"
    assert locate(replace(note, target_id="c9"), two_source_story()) == "c1"


def test_locate_gives_none_when_nothing_fits() -> None:
    store = NoteStore(KEY)
    lost = store.add("passage", "z:1", "n", article_id="z", start=0, end=4, excerpt="Gone")
    assert locate(lost, two_source_story()) is None
    unanchored = store.add("claim", "c9", "n")
    assert locate(unanchored, two_source_story()) is None
    assert locate(replace(unanchored, target_id="c2"), two_source_story()) == "c2"


def test_a_file_that_cannot_be_moved_aside_blocks_saving(monkeypatch) -> None:
    path = paths.notes_dir() / f"{KEY}.json"
    path.parent.mkdir(parents=True)
    path.write_text("not json", encoding="utf-8")

    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(notes_module.os, "rename", refuse)
    store = NoteStore(KEY)
    assert store.notes == () and "not saved" in store.warnings[0]
    with pytest.raises(StoreError, match="not saved"):
        store.add("claim", "c1", "would overwrite the unread file")
    assert path.read_text(encoding="utf-8") == "not json"


def test_reload_shows_what_another_store_saved_and_is_quiet_otherwise() -> None:
    here, there = NoteStore(KEY), NoteStore(KEY)
    assert here.reload() is False
    theirs = passage_note(there, "from there")
    assert here.reload() is True and here.notes == (theirs,)
    assert here.reload() is False


def test_a_save_waits_for_the_lock_and_gives_up_in_one_line(monkeypatch) -> None:
    """While another window holds the notes lock (a hung save), a save ends with a StoreError, nothing written."""
    monkeypatch.setattr(notes_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    store = NoteStore(KEY)
    kept = passage_note(store)
    with FileLock(store.path.with_name(f"{store.path.name}.lock")):
        with pytest.raises(StoreError, match="another newsdiff") as refused:
            store.add("claim", "c1", "waits")
        assert "\n" not in str(refused.value)
    assert NoteStore(KEY).notes == (kept,) and store.notes == (kept,)
    assert store.add("claim", "c1", "saved once the lock is free").text == "saved once the lock is free"
