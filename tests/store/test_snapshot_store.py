import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store_stories import two_source_story

from newsdiff.store import paths
from newsdiff.store import snapshots as snapshots_module
from newsdiff.store.config import Config
from newsdiff.store.errors import StoreError
from newsdiff.store.notes import Note
from newsdiff.store.snapshots import (
    ReadingPosition,
    list_snapshots,
    load_snapshot,
    resolve_snapshot,
    save_snapshot,
    snapshots_dir,
)
from newsdiff.store.story_key import story_key

SVG = "<svg><text>screen</text></svg>"
NOON = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


def story_json(story) -> str:
    """A story export as the JSON contract describes it (articles with their texts)."""
    articles = [
        {"id": a.id, "source": a.source, "title": a.title, "path": a.path, "text": a.text} for a in story.articles
    ]
    return json.dumps({"schema": "newsdiff.story/1", "articles": articles, "claims": []})


def exports(story) -> dict[str, str]:
    return {"story.json": story_json(story), "story.md": "# Dam", "story.html": "<h1>Dam</h1>"}


NOTES = (
    Note(
        "n1",
        "passage",
        "a:1",
        "check",
        created="2026-11-23T11:00:00+00:00",
        article_id="a",
        start=12,
        end=34,
        excerpt="The dam burst at dawn.",
    ),
    Note("n2", "claim", "c1", "agreed", mark="agree", created="2026-11-23T11:05:00+00:00"),
)


def at(moment: datetime, monkeypatch) -> None:
    monkeypatch.setattr(snapshots_module, "_now", lambda: moment)


def save(base: Path | None = None, **options) -> Path:
    story = two_source_story()
    return save_snapshot(story, NOTES, SVG, exports=exports(story), base_dir=base, **options)


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    """A folder of its own for snapshots (``tmp_path`` also holds the XDG folders)."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_snapshot_folder_holds_every_file(tmp: Path, monkeypatch) -> None:
    at(NOON, monkeypatch)
    folder = save(tmp)
    assert folder.parent == tmp
    assert folder.name == "2026-11-23T12-00-00_dam-bursts"
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.json",
        "screen.svg",
        "snapshot.json",
        "story.html",
        "story.json",
        "story.md",
    ]
    assert (folder / "screen.svg").read_text(encoding="utf-8") == SVG
    assert (folder / "story.md").read_text(encoding="utf-8") == "# Dam"


def test_the_manifest_describes_the_snapshot(tmp: Path) -> None:
    folder = save(tmp, label="Before the update")
    manifest = json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))
    story = two_source_story()
    assert manifest["schema"] == "newsdiff.snapshot/1"
    assert manifest["story_key"] == story_key(story.articles)
    assert manifest["label"] == "Before the update"
    assert manifest["note_count"] == 2
    assert manifest["articles"] == [
        {"id": "a", "source": "Source a", "title": "Dam bursts.", "path": "in/a.txt"},
        {"id": "b", "source": "Source b", "title": "Flood news", "path": "in/b.txt"},
    ]
    assert set(manifest["files"]) == {p.name for p in folder.iterdir()} - {"snapshot.json"}
    assert datetime.fromisoformat(manifest["created"]).tzinfo is not None
    assert "before-the-update" in folder.name


def test_the_default_folder_is_in_the_user_data_dir() -> None:
    assert save().parent == paths.default_snapshots_dir()


def test_two_saves_in_the_same_second_make_two_folders(tmp: Path, monkeypatch) -> None:
    at(NOON, monkeypatch)
    first, second = save(tmp), save(tmp)
    assert first != second and second.name == f"{first.name}-2"
    assert save(tmp).name == f"{first.name}-3"
    assert len(list_snapshots(tmp)) == 3


def test_an_existing_folder_of_that_name_is_never_touched(tmp: Path, monkeypatch) -> None:
    at(NOON, monkeypatch)
    taken = tmp / "2026-11-23T12-00-00_dam-bursts"
    taken.mkdir()
    folder = save(tmp)
    assert folder != taken and list(taken.iterdir()) == []


def test_snapshots_are_listed_newest_first(tmp: Path, monkeypatch) -> None:
    names = {}
    for hours, label in ((1, "middle"), (0, "oldest"), (2, "newest")):
        at(NOON + timedelta(hours=hours), monkeypatch)
        names[label] = save(tmp, label=label).name
    listed = list_snapshots(tmp)
    assert [i.label for i in listed] == ["newest", "middle", "oldest"]
    assert [i.name for i in listed] == [names["newest"], names["middle"], names["oldest"]]
    assert listed[0].note_count == 2 and listed[0].title == "Dam bursts."
    assert [a.source for a in listed[0].articles] == ["Source a", "Source b"]


def test_listing_skips_what_is_not_a_snapshot(tmp: Path) -> None:
    good = save(tmp)
    (tmp / "empty").mkdir()
    (tmp / "broken").mkdir()
    (tmp / "broken" / "snapshot.json").write_text("{not json", encoding="utf-8")
    (tmp / "wrong").mkdir()
    (tmp / "wrong" / "snapshot.json").write_text('{"schema": "x"}', encoding="utf-8")
    (tmp / ".partial-123").mkdir()
    (tmp / "notes.txt").write_text("a file", encoding="utf-8")
    assert [i.path for i in list_snapshots(tmp)] == [good]


def test_listing_a_missing_folder_gives_nothing(tmp: Path) -> None:
    assert list_snapshots(tmp / "none") == []


def test_a_failed_save_leaves_no_folder_and_changes_no_snapshot(tmp: Path, monkeypatch) -> None:
    at(NOON, monkeypatch)
    existing = save(tmp)
    before = tree(existing)
    real_write = snapshots_module.write_text_atomic
    written: list[str] = []

    def fail_on_third_file(path: Path, text: str) -> None:
        written.append(Path(path).name)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(snapshots_module, "write_text_atomic", fail_on_third_file)
    with pytest.raises(StoreError, match="No space left on device"):
        save(tmp)
    assert [p.name for p in tmp.iterdir()] == [existing.name]
    assert tree(existing) == before


def test_an_interrupted_save_also_cleans_up(tmp: Path, monkeypatch) -> None:
    def interrupted(path: Path, text: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(snapshots_module, "write_text_atomic", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save(tmp)
    assert list(tmp.iterdir()) == []


def test_a_base_dir_that_cannot_be_created_raises_store_error(tmp: Path) -> None:
    blocker = tmp / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError):
        save(blocker / "snaps")


@pytest.mark.parametrize("name", ["snapshot.json", "notes.json", "screen.svg", "../x", ".h", ""])
def test_export_names_must_be_plain_new_files(tmp: Path, name: str) -> None:
    story = two_source_story()
    with pytest.raises(ValueError):
        save_snapshot(story, (), SVG, exports={name: "x"}, base_dir=tmp)
    assert list(tmp.iterdir()) == []


def test_a_loaded_snapshot_gives_back_articles_and_notes(tmp: Path) -> None:
    story = two_source_story()
    folder = save(tmp)
    loaded = load_snapshot(folder)
    assert loaded.warnings == ()
    assert loaded.notes == NOTES
    assert [(a.id, a.source, a.title, a.path, a.text) for a in loaded.articles] == [
        (a.id, a.source, a.title, a.path, a.text) for a in story.articles
    ]
    assert story_key(loaded.articles) == loaded.info.story_key
    assert loaded.story_json["schema"] == "newsdiff.story/1"


def test_a_snapshot_reopens_after_the_original_files_are_gone(tmp: Path) -> None:
    folder = save(tmp / "snaps")
    assert not (tmp / "in").exists()
    assert [a.text for a in load_snapshot(folder).articles] == [a.text for a in two_source_story().articles]


def test_loading_never_changes_the_snapshot(tmp: Path) -> None:
    folder = save(tmp)
    (folder / "notes.json").write_text("garbage", encoding="utf-8")
    before = tree(folder)
    loaded = load_snapshot(folder)
    assert loaded.notes == () and "notes.json" in loaded.warnings[0]
    assert tree(folder) == before


def test_a_snapshot_without_its_story_cannot_be_loaded(tmp: Path) -> None:
    folder = save(tmp)
    (folder / "story.json").unlink()
    with pytest.raises(StoreError, match="no story"):
        load_snapshot(folder)


def test_a_story_without_article_texts_cannot_be_loaded(tmp: Path) -> None:
    folder = save(tmp)
    (folder / "story.json").write_text('{"articles": [{"id": "a"}]}', encoding="utf-8")
    with pytest.raises(StoreError, match="cannot rebuild the articles"):
        load_snapshot(folder)


def test_a_folder_that_is_not_a_snapshot_cannot_be_loaded(tmp: Path) -> None:
    with pytest.raises(StoreError, match="not a snapshot"):
        load_snapshot(tmp)


def test_edited_article_texts_are_reported(tmp: Path) -> None:
    folder = save(tmp)
    document = json.loads((folder / "story.json").read_text(encoding="utf-8"))
    document["articles"][0]["text"] += " Edited."
    (folder / "story.json").write_text(json.dumps(document), encoding="utf-8")
    assert "story key" in load_snapshot(folder).warnings[0]


def test_a_snapshot_is_found_by_name_or_path(tmp: Path, monkeypatch) -> None:
    folder = save(tmp / "snaps")
    assert resolve_snapshot(folder.name, tmp / "snaps") == folder
    assert resolve_snapshot(str(folder)) == folder
    monkeypatch.chdir(tmp)
    assert resolve_snapshot(f"snaps/{folder.name}") == Path(f"snaps/{folder.name}")
    with pytest.raises(StoreError, match="no snapshot"):
        resolve_snapshot("2020-01-01T00-00-00_x", tmp / "snaps")


def test_the_command_line_beats_the_config_which_beats_the_default(tmp: Path) -> None:
    configured = Config(snapshots_dir=tmp / "from-config")
    assert snapshots_dir(configured, tmp / "flag") == tmp / "flag"
    assert snapshots_dir(configured, None) == tmp / "from-config"
    assert snapshots_dir(Config(), None) == paths.default_snapshots_dir()


def test_the_reading_position_comes_back_and_a_damaged_one_is_dropped(tmp: Path) -> None:
    where = ReadingPosition("b", 40, "shared-some")
    assert load_snapshot(save(tmp, position=where)).info.position == where
    assert load_snapshot(save(tmp)).info.position is None  # saved without one (or by an older newsdiff)
    for damaged in ({"article": "b", "offset": -1, "filter": "all"}, {"article": 3, "offset": 0, "filter": "all"}, "b"):
        folder = save(tmp, position=where)
        manifest = json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))
        manifest["position"] = damaged
        (folder / "snapshot.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert load_snapshot(folder).info.position is None  # the snapshot still opens


def test_a_snapshot_knows_whether_a_sentence_encoder_made_its_claims(tmp: Path) -> None:
    story = two_source_story()
    for matcher, expected in ((None, False), ("lexical", False), ("use-m3", True)):
        document = json.loads(story_json(story))
        if matcher is not None:
            document["matcher"] = matcher
        folder = save_snapshot(story, (), SVG, exports={"story.json": json.dumps(document)}, base_dir=tmp)
        assert load_snapshot(folder).matched_by_encoder is expected


def test_a_story_whose_articles_share_an_id_is_refused_in_one_line(tmp: Path) -> None:
    folder = save(tmp)
    document = json.loads((folder / "story.json").read_text(encoding="utf-8"))
    document["articles"][1]["id"] = document["articles"][0]["id"]
    (folder / "story.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(StoreError, match="two articles have the id 'a'") as refused:
        load_snapshot(folder)
    assert "\n" not in str(refused.value)


def test_a_position_in_an_article_the_story_lacks_is_dropped_with_a_warning(tmp: Path) -> None:
    """Opening it said "Opened where the snapshot was saved" while it opened at the start."""
    folder = save(tmp, position=ReadingPosition("no-such-article", 0, "all"))
    loaded = load_snapshot(folder)
    assert loaded.info.position is None
    assert any("names no article" in warning for warning in loaded.warnings)


def _left_behind(folder: Path, age: float) -> Path:
    """A folder as a save left it ``age`` seconds ago, with a file and a temporary file in it."""
    folder.mkdir(parents=True)
    (folder / "screen.svg").write_text(SVG, encoding="utf-8")
    (folder / ".story.md.0a1b2c3d.tmp").write_text("# half", encoding="utf-8")
    moment = folder.stat().st_mtime - age
    os.utime(folder, (moment, moment))
    return folder


@pytest.mark.parametrize("next_step", ["save", "list"])
def test_a_killed_saves_folder_goes_at_the_next_save_or_listing(tmp: Path, next_step: str) -> None:
    old = snapshots_module.STALE_SECONDS + 60
    finished = save(tmp)
    os.utime(finished, (finished.stat().st_mtime - old,) * 2)  # an old snapshot is never touched
    before = tree(finished)
    _left_behind(tmp / ".partial-killed", old)
    in_progress = _left_behind(tmp / ".partial-saving", 0)  # another window's save, under way
    if next_step == "save":
        save(tmp)
    else:
        assert [s.path for s in list_snapshots(tmp)] == [finished]
    assert not (tmp / ".partial-killed").exists()
    assert in_progress.is_dir() and tree(finished) == before
