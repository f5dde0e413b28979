"""Fuzzing the analysis cache: whatever an entry holds, a read gives the story or a rebuild, never a traceback.

An entry that is read back must be a story every front end can render whole
(the report and each export); one that cannot be read is removed.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
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

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(value: object, here: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every place in a JSON document, as the keys and indices that lead to it."""
    if here:
        yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


PLACES = list(_paths(DATA))


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
    data = copy.deepcopy(DATA)
    parent: object = data
    for step in place[:-1]:
        parent = parent[step]  # type: ignore[index]
    if delete:
        del parent[place[-1]]  # type: ignore[attr-defined]
    else:
        parent[place[-1]] = value  # type: ignore[index]
    story, kept = _read_back(json.dumps(data))
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
