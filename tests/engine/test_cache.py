"""The analysis cache: same story back, never a stale or broken one."""

import dataclasses
import json
from pathlib import Path

import pytest

from newsdiff.engine import story as story_module
from newsdiff.engine.cache import StoryCache
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import LEXICAL_MATCHER
from newsdiff.engine.story import (
    analyze,
    cached_story,
    collect_articles,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the matching work really runs."""
    calls: list[int] = []
    real = story_module._analyze_articles

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(story_module, "_analyze_articles", counting)
    return calls


def test_reopening_a_story_does_no_matching_work(tmp_path: Path, counted: list[int]) -> None:
    first = analyze([SEEDS], cache_dir=tmp_path)
    second = analyze([SEEDS], cache_dir=tmp_path)
    assert len(counted) == 1
    assert second == first
    assert second.claims_of(second.passages[0].id) == first.claims_of(first.passages[0].id)


def test_a_changed_article_is_analysed_again(tmp_path: Path, counted: list[int]) -> None:
    a = article_from_text("Rain fell on Paris on Monday. Trains stopped.", article_id="a")
    b = article_from_text("Heavy rain fell on Paris on Monday.", article_id="b")
    b2 = article_from_text("Heavy rain fell on Lyon on Monday.", article_id="b")
    analyze([a, b], cache_dir=tmp_path)
    story = analyze([a, b2], cache_dir=tmp_path)
    assert len(counted) == 2
    assert "Lyon" in story.article("b").text


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "{not json",
        '{"format": "newsdiff.story-cache/2"}',
        "[1, 2]",
        # deeper than Python's recursion limit: was a RecursionError on every run until --no-cache
        pytest.param("[" * 100_000 + "]" * 100_000, id="nested-100000-deep"),
    ],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, counted: list[int], damage: str) -> None:
    story = analyze([SEEDS], cache_dir=tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text(damage, encoding="utf-8")
    again = analyze([SEEDS], cache_dir=tmp_path)
    assert again == story
    assert len(counted) == 2
    assert analyze([SEEDS], cache_dir=tmp_path) == story
    assert len(counted) == 2


def _unknown_article_in_a_claim(data: dict) -> None:
    data["claims"][0]["article_ids"].append("no-such-article")


def _unknown_passage_in_a_flag(data: dict) -> None:
    flagged = next(c for c in data["claims"] if c["flags"])
    flagged["flags"][0]["passage_ids"].append("no-such-passage")


def _unknown_missing_claim(data: dict) -> None:
    data["coverage"][0]["missing_claim_ids"].append("no-such-claim")


def _two_articles_one_id(data: dict) -> None:
    data["articles"][1]["id"] = data["articles"][0]["id"]


def _title_not_text(data: dict) -> None:
    data["articles"][0]["title"] = 5


def _offset_as_text(data: dict) -> None:
    data["passages"][0]["start"] = "0"


def _ratio_as_boolean(data: dict) -> None:
    next(c for c in data["claims"] if c["diffs"])["diffs"][0]["shared_ratio"] = True


def _near_miss_past_the_claims(data: dict) -> None:
    data["near_misses"]["claims"][0] = len(data["claims"])


def _near_miss_row_as_boolean(data: dict) -> None:
    data["near_misses"]["passages"][0] = True


def _near_miss_columns_of_two_lengths(data: dict) -> None:
    data["near_misses"]["cosines"].append(None)


def _another_storys_text(data: dict) -> None:
    """A whole, consistent story, but not of these articles: the key's articles are what counts."""
    data["articles"][0]["source"] = "Someone Else"


@pytest.mark.parametrize(
    "damage",
    [
        _unknown_article_in_a_claim,
        _unknown_passage_in_a_flag,
        _unknown_missing_claim,
        _two_articles_one_id,
        _title_not_text,
        _offset_as_text,
        _ratio_as_boolean,
        _near_miss_past_the_claims,
        _near_miss_row_as_boolean,
        _near_miss_columns_of_two_lengths,
        _another_storys_text,
    ],
)
def test_an_entry_that_cannot_be_trusted_is_removed_and_rebuilt(tmp_path: Path, counted: list[int], damage) -> None:
    """An unknown article was a KeyError in report and the Markdown and HTML exports."""
    story = analyze([SEEDS], cache_dir=tmp_path)
    (entry,) = tmp_path.glob("*.json")
    good = entry.read_text(encoding="utf-8")
    data = json.loads(good)
    damage(data)
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert StoryCache(tmp_path).get(entry.stem) is None
    assert not entry.exists()  # removed, so no later run tries it again
    assert analyze([SEEDS], cache_dir=tmp_path) == story
    assert len(counted) == 2
    assert json.loads(entry.read_text(encoding="utf-8")) == json.loads(good)


def test_an_unwritable_cache_never_stops_the_analysis(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    story = analyze([SEEDS], cache_dir=blocker / "cache")
    assert story.claims


def test_key_depends_on_order_and_backend(tmp_path: Path) -> None:
    a = article_from_text("One thing happened.", article_id="a")
    b = article_from_text("Another thing happened.", article_id="b")
    cache = StoryCache(tmp_path)
    assert cache.key([a, b], "lexical") != cache.key([b, a], "lexical")
    assert cache.key([a, b], "lexical") != cache.key([a, b], "semantic")


def test_cached_story_finds_what_analyze_stored_for_that_backend_only(tmp_path: Path) -> None:
    articles = collect_articles([SEEDS])
    assert cached_story(articles, cache_dir=tmp_path, backend=LEXICAL_MATCHER) is None
    story = analyze(articles, cache_dir=tmp_path)
    messages: list[str] = []
    found = cached_story(
        articles, cache_dir=tmp_path, backend=LEXICAL_MATCHER, progress=lambda message, share: messages.append(message)
    )
    assert found == story
    assert messages == ["Done (from cache)"]
    assert cached_story(articles, cache_dir=tmp_path, backend="use-m3") is None


def test_a_cached_story_keeps_the_matcher_that_made_it(tmp_path: Path) -> None:
    story = analyze([SEEDS])
    assert story.matcher == LEXICAL_MATCHER
    cache = StoryCache(tmp_path)
    key = cache.key(story.articles, "use-m3")
    cache.put(key, dataclasses.replace(story, matcher="use-m3"))
    assert cache.get(key).matcher == "use-m3"


def test_the_near_misses_come_back_whole_from_their_columns(tmp_path: Path) -> None:
    """They are kept as columns of row numbers (a 200-article story has 143,000): each must name the same records."""
    story = analyze([SEEDS], cache_dir=tmp_path)
    assert story.near_misses
    (entry,) = tmp_path.glob("*.json")
    columns = json.loads(entry.read_text(encoding="utf-8"))["near_misses"]
    assert {len(column) for column in columns.values()} == {len(story.near_misses)}
    cached = StoryCache(tmp_path).get(entry.stem)
    assert cached is not None and cached.near_misses == story.near_misses
