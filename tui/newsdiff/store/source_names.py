"""Outlet names the reader gives articles in the app, kept for every later reading.

Files named only by number ("000_efafae1ce283e261.txt") read as "Source 000",
which nobody can cite, and a file's bytes may not be edited to add front
matter (the bundled sample's offsets refer to them). So a name given in the
app is kept in ``source-names.json`` in the data folder, keyed by the
article's text (``article_key``): the article keeps its name when it is
opened again from any folder, in the app and in every export. A name given
this way wins over front matter and file names, since it is the reader's
latest word.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsdiff.atomic import write_text_atomic
from newsdiff.engine.model import Article
from newsdiff.store import paths
from newsdiff.store.errors import StoreError
from newsdiff.store.story_key import article_key

MAX_NAME_CHARS = 60
"""Longest name kept: an outlet's name, not a note."""


def source_names_path() -> Path:
    """Where the names are kept."""
    return paths.data_dir() / "source-names.json"


def load_source_names(path: Path | None = None) -> dict[str, str]:
    """Names by article key; empty when there are none or the file is not readable (names are a convenience)."""
    try:
        data = json.loads((source_names_path() if path is None else path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: name for key, name in data.items() if isinstance(key, str) and isinstance(name, str) and name}


def with_source_names(articles: Sequence[Article], names: Mapping[str, str]) -> list[Article]:
    """The articles, each one the reader has named under that name."""
    return [
        dataclasses.replace(article, source=names[key]) if (key := article_key(article)) in names else article
        for article in articles
    ]


def clean_name(name: str) -> str:
    """The name as one line of at most ``MAX_NAME_CHARS`` characters (control characters dropped)."""
    flat = " ".join("".join(char for char in " ".join(name.split()) if char.isprintable()).split())
    return flat[:MAX_NAME_CHARS].rstrip()


def save_source_name(article: Article, name: str | None, path: Path | None = None) -> None:
    """Name ``article`` (``None`` or blank: forget its name, so its own comes back); ``StoreError`` if not written.

    The file is read again just before writing, so names given in another
    window are kept.
    """
    target = source_names_path() if path is None else path
    names = load_source_names(target)
    cleaned = clean_name(name or "")
    if cleaned:
        names[article_key(article)] = cleaned
    else:
        names.pop(article_key(article), None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    except OSError as error:
        raise StoreError(
            f"cannot keep the source name in {target} ({error.strerror or type(error).__name__})"
        ) from None
