"""Fuzzing the analysis cache: whatever an entry holds, a read gives the story or a rebuild, never a traceback.

An entry that is read back must be a story every front end can render whole
(the report and each export); one that cannot be read is removed.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from json_fuzz import changed, json_values, places
from rich.console import Console

from newsdiff.engine.cache import StoryCache
from newsdiff.engine.export import RENDERERS
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import LEXICAL_MATCHER, Story
from newsdiff.engine.serialize import story_to_data
from newsdiff.engine.story import analyze
from newsdiff.report import render_report

ARTICLES = [
    article_from_text(
        "Storm hits coast\nThe storm killed 30 people on Monday. Power failed in the port.", article_id="a1", source="A"
    ),
    article_from_text(
        "Coast storm\nThe storm killed 40 people on Monday. Schools stay shut.", article_id="a2", source="B"
    ),
]
STORY = analyze(ARTICLES)
DATA = story_to_data(STORY)


PLACES = list(places(DATA))


def _read_back(text: str) -> tuple[Story | None, bool]:
    """What the cache gives for an entry holding ``text``, and whether the entry is still on disk."""
    with tempfile.TemporaryDirectory() as folder:
        cache = StoryCache(Path(folder))
        key = cache.key(ARTICLES, LEXICAL_MATCHER)
        entry = Path(folder) / f"{key}.json"
        entry.write_text(text, encoding="utf-8")
        return cache.get(key), entry.exists()


def _render_everything(story: Story) -> None:
    for render in RENDERERS.values():
        render(story, [])
    render_report(story, Console(file=io.StringIO(), width=100))


def test_the_entry_as_written_is_read_back() -> None:
    story, kept = _read_back(json.dumps(DATA))
    assert story == STORY and kept


@settings(max_examples=200, deadline=None)
@given(place=st.sampled_from(PLACES), value=json_values, delete=st.booleans())
def test_an_entry_with_any_one_value_changed_is_a_whole_story_or_a_rebuild(
    place: tuple[object, ...], value: object, delete: bool
) -> None:
    story, kept = _read_back(json.dumps(changed(DATA, place, value, delete)))
    if story is None:
        assert not kept
    else:
        _render_everything(story)


@settings(max_examples=100, deadline=None)
@given(document=json_values)
def test_any_json_document_as_an_entry_is_a_rebuild(document: object) -> None:
    story, kept = _read_back(json.dumps(document))
    assert story is None and not kept


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=64))
def test_any_bytes_as_an_entry_are_a_rebuild(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cache = StoryCache(Path(folder))
        key = cache.key(ARTICLES, LEXICAL_MATCHER)
        (Path(folder) / f"{key}.json").write_bytes(raw)
        assert cache.get(key) is None
        assert not (Path(folder) / f"{key}.json").exists()
