"""Reopening a story does no matching work: analyses are cached on disk.

An entry is keyed by everything that decides the result: every field of
every article (texts, ids, titles, order) and a fingerprint of the engine
itself (its source code and the matching backend), so changing the
matcher's settings or code can never serve a stale story. Any entry that
cannot be read back whole, for whatever reason (truncated, edited, nested
past Python's recursion limit, naming ids it does not hold, outdated, or
the analysis of other articles than its key names), is removed and the
story analysed again; a cache that cannot be written never stops an
analysis.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from contextlib import suppress
from functools import cache
from pathlib import Path

from newsdiff.atomic import write_text_atomic
from newsdiff.engine.collector import collector_paused
from newsdiff.engine.model import Article, Story
from newsdiff.engine.serialize import story_from_data, story_to_data


class StoryCache:
    """A folder of analysed stories, one JSON file per key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(self, articles: Sequence[Article], backend: str) -> str:
        digest = hashlib.sha256()
        digest.update(engine_fingerprint().encode())
        digest.update(backend.encode())
        for article in articles:
            for value in (
                article.id,
                article.source,
                article.title,
                article.path,
                article.url,
                article.date,
                article.language,
                str(article.body_start),
                article.text,
            ):
                digest.update(b"\x00" + (value or "").encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:32]

    def get(self, key: str) -> Story | None:
        """The cached story, or ``None`` when there is none or it is unusable (and then it is removed).

        It is read with the garbage collector paused, as an analysis runs
        (``engine.collector``): a 200-article story is half a million objects,
        and the full passes they set off took more time than reading them
        (1.8 to 3.8 s of a 2.4 to 4.8 s reopen on a loaded machine).
        """
        with collector_paused():
            return self._read(key)

    def _read(self, key: str) -> Story | None:
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            self._discard(path)
            return None
        try:
            story = story_from_data(json.loads(text))
        except Exception:  # whatever went wrong, the entry can be rebuilt and must not be tried again
            self._discard(path)
            return None
        if self.key(story.articles, story.matcher) != key:  # edited, or copied under another key
            self._discard(path)
            return None
        return story

    @staticmethod
    def _discard(path: Path) -> None:
        with suppress(OSError):
            path.unlink()

    def put(self, key: str, story: Story) -> None:
        """Store a story; failing to write (read-only disk, full disk) is not an error."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self._path(key), json.dumps(story_to_data(story), ensure_ascii=False))
        except OSError:
            return

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"


@cache
def engine_fingerprint() -> str:
    """A hash of the engine's source files: any change to the code invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
