"""Property-based fuzzing of the reader's own files: settings, notes and snapshots.

Whatever a hand-edited or damaged file holds, reading it gives warnings (one
line each) and defaults, or one ``StoreError`` line: never a traceback.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_fuzz import changed, json_values, places
from store_stories import two_source_story

from newsdiff.store.config import FILTERS, Config, config_from_table, load_config
from newsdiff.store.errors import StoreError
from newsdiff.store.notes import Note, NoteStore, notes_from_document
from newsdiff.store.snapshots import ReadingPosition, load_snapshot, read_manifest, save_snapshot

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

toml_scalars = (
    st.text(max_size=12)
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.datetimes(timezones=st.none() | st.just(UTC))
    | st.dates()
    | st.times()
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
SETTING_NAMES = ["theme", "default_filter", "snapshots_dir", "semantic", "keys"]
config_tables = st.dictionaries(st.sampled_from(SETTING_NAMES) | st.text(max_size=8), toml_values, max_size=6)


def _one_line_each(warnings: list[str]) -> bool:
    return all(isinstance(w, str) and w and "\n" not in w for w in warnings)


# -- settings ----------------------------------------------------------------------------


@FUZZ
@given(table=config_tables, snapshot_folder=st.text(max_size=12))
def test_any_settings_table_gives_a_valid_config_and_one_line_warnings(table: dict, snapshot_folder: str) -> None:
    if "snapshots_dir" not in table:
        table = {**table, "snapshots_dir": snapshot_folder}
    config, warnings = config_from_table(table, source="config.toml", base_dir=Path("/base"))
    assert isinstance(config.theme, str) and config.theme.strip()
    assert config.default_filter in FILTERS
    assert config.snapshots_dir is None or (
        isinstance(config.snapshots_dir, Path) and "\0" not in str(config.snapshots_dir)
    )
    assert isinstance(config.semantic, bool)
    assert all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in config.keys.items())
    assert _one_line_each(warnings)


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_config_file_reads_as_settings_and_warnings(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    config, warnings = load_config(path)
    assert isinstance(config, Config) and _one_line_each(warnings)


@pytest.mark.parametrize("value", [datetime(2026, 1, 1), date(2026, 1, 1), time(12, 0), [1], {"a": 1}, 1.5])
def test_a_setting_of_the_wrong_toml_type_is_one_warning(value: object) -> None:
    for name in SETTING_NAMES:
        config, warnings = config_from_table({name: value}, source="c.toml", base_dir=Path("/"))
        if name == "keys" and isinstance(value, dict):
            assert config.keys == {} and len(warnings) == 1  # a table, but its key is not a key name
        else:
            assert config == Config() and len(warnings) == 1, (name, value)


# -- notes -------------------------------------------------------------------------------

KEY = "0123456789abcdef"
GOOD_NOTE = {
    "id": "n1",
    "target": "passage",
    "target_id": "a:1",
    "text": "check",
    "mark": "dispute",
    "created": "2026-11-23T11:00:00+00:00",
    "updated": None,
    "article_id": "a",
    "start": 12,
    "end": 34,
    "excerpt": "The dam burst at dawn.",
}
GOOD_NOTES = {"schema": "newsdiff.notes/1", "story_key": KEY, "notes": [GOOD_NOTE, {**GOOD_NOTE, "id": "n2"}]}


@FUZZ
@given(
    document=json_values
    | st.builds(changed, st.just(GOOD_NOTES), st.sampled_from(list(places(GOOD_NOTES))), json_values, st.booleans())
)
def test_any_notes_document_is_notes_or_one_value_error(document: object) -> None:
    try:
        notes, problems = notes_from_document(document)
    except ValueError as error:
        assert "\n" not in str(error)
        return
    assert all(isinstance(note, Note) for note in notes) and _one_line_each(problems)
    assert len({note.id for note in notes}) == len(notes)


@FUZZ
@given(raw=st.binary(max_size=120) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_notes_file_opens_warns_and_keeps_its_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{KEY}.json"
        path.write_bytes(raw)
        store = NoteStore(KEY, Path(folder))
        assert _one_line_each(store.warnings)
        kept = {p.read_bytes() for p in Path(folder).glob(f"{KEY}.json*") if not p.name.endswith(".lock")}
        assert raw in kept or store.warnings == []  # a file not read whole is kept aside, never lost
        added = store.add("claim", "c1", "still works")
        assert NoteStore(KEY, Path(folder)).get(added.id) == added


# -- snapshots ---------------------------------------------------------------------------


def _saved_snapshot(base: Path) -> Path:
    story = two_source_story()
    articles = [
        {"id": a.id, "source": a.source, "title": a.title, "path": a.path, "text": a.text} for a in story.articles
    ]
    story_json = json.dumps({"schema": "newsdiff.story/1", "articles": articles, "claims": []})
    notes = (Note("n1", "claim", "c1", "agreed", created="2026-11-23T11:05:00+00:00"),)
    return save_snapshot(
        story,
        notes,
        "<svg/>",
        exports={"story.json": story_json},
        base_dir=base,
        position=ReadingPosition("b", 3, "all"),
    )


with tempfile.TemporaryDirectory() as _folder:
    _sample = _saved_snapshot(Path(_folder))
    SNAPSHOT_FILES = {
        name: json.loads((_sample / name).read_text(encoding="utf-8"))
        for name in ("snapshot.json", "story.json", "notes.json")
    }


@FUZZ
@given(
    data=st.data(),
    name=st.sampled_from(sorted(SNAPSHOT_FILES)),
    value=json_values,
    delete=st.booleans(),
)
def test_a_snapshot_with_any_one_value_changed_loads_or_is_one_store_error(
    data, name: str, value: object, delete: bool
) -> None:
    document = SNAPSHOT_FILES[name]
    place = data.draw(st.sampled_from(list(places(document))))
    with tempfile.TemporaryDirectory() as folder:
        snapshot = _saved_snapshot(Path(folder))
        (snapshot / name).write_text(json.dumps(changed(document, place, value, delete)), encoding="utf-8")
        before = {p.name: p.read_bytes() for p in snapshot.iterdir()}
        try:
            loaded = load_snapshot(snapshot)
        except StoreError as error:
            assert "\n" not in str(error)
        else:
            assert _one_line_each(list(loaded.warnings))
            ids = [a.id for a in loaded.articles]
            assert len(set(ids)) == len(ids)
            assert loaded.info.position is None or loaded.info.position.article_id in ids
        assert {p.name: p.read_bytes() for p in snapshot.iterdir()} == before  # loading never changes it


@FUZZ
@given(raw=st.binary(max_size=120) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_manifest_is_a_snapshot_or_one_store_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "snapshot.json").write_bytes(raw)
        try:
            read_manifest(Path(folder))
        except StoreError as error:
            assert "\n" not in str(error)
