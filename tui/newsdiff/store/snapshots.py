"""Snapshots: a folder that keeps one moment of reading for later.

A snapshot holds the screen as SVG, the story's exports (rendered by the
caller, so this module stays independent of the export formats), the notes,
and a ``snapshot.json`` manifest. The story's JSON export carries the article
texts, so a snapshot can be reopened and re-analysed after the original files
are gone.

The manifest also keeps where the reader was (article, passage, filter), so
reopening a snapshot goes back to the moment it keeps, not to the first page.

A snapshot is never changed once written: it is assembled in a hidden
temporary folder and renamed into place in one step, under a name that does
not exist yet, so a failed save leaves nothing behind and touches no other
snapshot. A save that was killed cannot clean up after itself, so the next
save or listing removes hidden ``.partial-*`` folders older than
``atomic.STALE_SECONDS`` (a save in progress is younger; a finished snapshot
never has that name).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from newsdiff.atomic import STALE_SECONDS, write_text_atomic
from newsdiff.engine.model import LEXICAL_MATCHER, Article, Story
from newsdiff.store import paths
from newsdiff.store.config import Config
from newsdiff.store.errors import StoreError
from newsdiff.store.notes import Note, notes_document, notes_from_document
from newsdiff.store.story_key import story_key

SNAPSHOT_SCHEMA = "newsdiff.snapshot/1"
MANIFEST = "snapshot.json"
SCREEN = "screen.svg"
NOTES = "notes.json"
STORY_JSON = "story.json"
_RESERVED = frozenset({MANIFEST, SCREEN, NOTES})
_TEMP_PREFIX = ".partial-"
_SLUG_LENGTH = 40


@dataclass(frozen=True, slots=True)
class SnapshotArticle:
    """An article as the manifest lists it (its text lives in ``story.json``)."""

    id: str
    source: str
    title: str
    path: str | None


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where the reader was: the article, the start of the current passage (an offset into
    the article's text, which outlives a re-analysis that numbers passages differently),
    and the filter's config name."""

    article_id: str
    offset: int | None
    reach_filter: str

    def to_dict(self) -> dict[str, object]:
        return {"article": self.article_id, "offset": self.offset, "filter": self.reach_filter}

    @classmethod
    def from_dict(cls, data: object) -> ReadingPosition | None:
        """The position a manifest records; ``None`` when there is none or it is not one.

        A position only saves the reader a few keys, so a damaged one is
        dropped rather than making the snapshot unreadable.
        """
        if not isinstance(data, Mapping):
            return None
        article, offset, reach_filter = data.get("article"), data.get("offset"), data.get("filter")
        offset_ok = offset is None or (isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0)
        if not (isinstance(article, str) and isinstance(reach_filter, str) and offset_ok):
            return None
        return cls(article, offset, reach_filter)


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What a snapshot's manifest says, enough to list and choose it."""

    path: Path
    created: datetime
    label: str | None
    story_key: str
    title: str
    articles: tuple[SnapshotArticle, ...]
    note_count: int
    files: tuple[str, ...]
    position: ReadingPosition | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True, slots=True)
class LoadedSnapshot:
    """A snapshot read back: what it takes to reopen the story and its notes.

    ``articles`` are rebuilt from ``story.json`` and can be analysed again;
    ``story_json`` is that export as parsed. ``warnings`` are one line each
    (for instance unreadable notes, which load as none).
    """

    info: SnapshotInfo
    articles: tuple[Article, ...]
    story_json: Mapping[str, object]
    notes: tuple[Note, ...]
    warnings: tuple[str, ...]

    @property
    def matched_by_encoder(self) -> bool:
        """Whether the saved story's claims came from a sentence encoder: reopening should match the same way."""
        matcher = self.story_json.get("matcher")
        return isinstance(matcher, str) and matcher != LEXICAL_MATCHER


def snapshots_dir(config: Config, override: str | Path | None = None) -> Path:
    """Where snapshots go: ``--snapshots-dir`` beats the config, which beats the default.

    ``StoreError`` when ``override`` starts with ``~user`` for a user this system does not know.
    """
    if override is not None:
        try:
            return Path(override).expanduser()
        except RuntimeError:
            raise StoreError(f"cannot find the home folder in {str(override)!r} (no such user)") from None
    if config.snapshots_dir is not None:
        return config.snapshots_dir
    return paths.default_snapshots_dir()


def save_snapshot(
    story: Story,
    notes: Sequence[Note],
    svg: str,
    *,
    exports: Mapping[str, str],
    base_dir: Path | None = None,
    label: str | None = None,
    position: ReadingPosition | None = None,
) -> Path:
    """Write a new snapshot folder under ``base_dir`` and return its path.

    ``exports`` maps file names (``story.json``, ``story.md``, ...) to their
    rendered text; ``story.json`` is what ``load_snapshot`` reopens. The folder
    is named ``<local time>_<label or title>`` with ``-2``, ``-3``... added if
    that name is taken. Raises ``StoreError`` if it cannot be written, having
    removed everything it wrote.
    """
    for name in exports:
        if name in _RESERVED or name.startswith(".") or Path(name).name != name or not name:
            raise ValueError(f"{name!r} cannot name an export file in a snapshot")
    base = paths.default_snapshots_dir() if base_dir is None else base_dir
    created = _now()
    key = story_key(story.articles)
    title = story.articles[0].title if story.articles else ""
    files = {SCREEN: svg, **exports, NOTES: _json(notes_document(key, notes))}
    manifest = {
        "schema": SNAPSHOT_SCHEMA,
        "created": created.isoformat(),
        "label": label,
        "story_key": key,
        "title": title,
        "articles": [{"id": a.id, "source": a.source, "title": a.title, "path": a.path} for a in story.articles],
        "note_count": len(notes),
        "files": sorted(files),
        "position": position.to_dict() if position is not None else None,
    }
    stem = f"{created.strftime('%Y-%m-%dT%H-%M-%S')}_{_slug(label or title) or key[:8]}"
    try:
        base.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(base)
        temporary = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=base))
    except OSError as error:
        raise StoreError(f"cannot create a snapshot in {base} ({_reason(error)})") from None
    try:
        for name, text in files.items():
            write_text_atomic(temporary / name, text)
        write_text_atomic(temporary / MANIFEST, _json(manifest))
        return _move_into_place(temporary, base, stem)
    except BaseException as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write a snapshot in {base} ({_reason(error)})") from None
        raise


def _move_into_place(temporary: Path, base: Path, stem: str) -> Path:
    """Rename the finished folder to the first free name; never onto an existing one."""
    number = 1
    while True:
        final = base / (stem if number == 1 else f"{stem}-{number}")
        if not final.exists() and not final.is_symlink():
            try:
                os.rename(temporary, final)
                return final
            except OSError as error:
                if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
        number += 1


def _remove_stale_partials(base: Path) -> None:
    """Remove the hidden folders of saves that were killed: ``.partial-*`` folders older than ``STALE_SECONDS``.

    A symbolic link of that name is left alone (it is nothing a save makes).
    """
    oldest = time.time() - STALE_SECONDS
    try:
        candidates = list(base.glob(f"{_TEMP_PREFIX}*"))
    except OSError:
        return
    for candidate in candidates:
        try:
            status = candidate.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(status.st_mode) and status.st_mtime < oldest:
            shutil.rmtree(candidate, ignore_errors=True)


def list_snapshots(base_dir: Path | None = None) -> list[SnapshotInfo]:
    """Every readable snapshot under ``base_dir``, newest first.

    Folders without a readable manifest (unfinished saves, other files) are
    skipped: a listing should show what can be opened.
    """
    base = paths.default_snapshots_dir() if base_dir is None else base_dir
    _remove_stale_partials(base)
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    infos: list[SnapshotInfo] = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        try:
            infos.append(read_manifest(entry))
        except StoreError:
            continue
    infos.sort(key=lambda i: (i.created.timestamp(), i.name), reverse=True)
    return infos


def read_manifest(folder: Path) -> SnapshotInfo:
    """The snapshot's manifest; ``StoreError`` if ``folder`` is not a readable snapshot."""
    data = _read_json(folder / MANIFEST, f"{folder} is not a snapshot")
    try:
        if data.get("schema") != SNAPSHOT_SCHEMA:
            raise ValueError(f"unknown format {data.get('schema')!r}")
        created = datetime.fromisoformat(_string(data, "created"))
        if created.tzinfo is None:
            raise ValueError("'created' has no time zone")
        label = data.get("label")
        if label is not None and not isinstance(label, str):
            raise ValueError("'label' is not a string")
        articles = tuple(_manifest_article(a) for a in _list(data, "articles"))
        note_count = data.get("note_count")
        if not isinstance(note_count, int) or isinstance(note_count, bool) or note_count < 0:
            raise ValueError("'note_count' is not a count")
        files = tuple(f for f in _list(data, "files") if isinstance(f, str))
        if len(files) != len(_list(data, "files")):
            raise ValueError("'files' holds a non-name")
        return SnapshotInfo(
            path=folder,
            created=created,
            label=label,
            story_key=_string(data, "story_key"),
            title=_string(data, "title"),
            articles=articles,
            note_count=note_count,
            files=files,
            position=ReadingPosition.from_dict(data.get("position")),
        )
    except ValueError as error:
        raise StoreError(f"{folder / MANIFEST}: broken manifest ({error})") from None


def resolve_snapshot(name: str | Path, base_dir: Path | None = None) -> Path:
    """The folder meant by ``name``: a path to a snapshot, a folder name in ``base_dir``, or its number.

    The number is the one ``newsdiff snapshots`` shows (1 is the newest),
    so nobody has to copy a long folder name.
    """
    given = Path(name).expanduser()
    if (given / MANIFEST).is_file():
        return given
    base = paths.default_snapshots_dir() if base_dir is None else base_dir
    if given.name == str(name) and (base / given / MANIFEST).is_file():
        return base / given
    if str(name).isdigit():
        listed = list_snapshots(base)
        if 1 <= int(str(name)) <= len(listed):
            return listed[int(str(name)) - 1].path
        raise StoreError(f"no snapshot number {name}: there are {len(listed)} in {base}")
    if given.is_dir():
        raise StoreError(
            f"{given} is a folder but not a snapshot (it has no {MANIFEST}); 'newsdiff snapshots' lists them"
        )
    raise StoreError(f"no snapshot {str(name)!r} (looked in the current folder and {base})")


def load_snapshot(path: Path) -> LoadedSnapshot:
    """Read a snapshot back to reopen it; the folder itself is never changed.

    Raises ``StoreError`` when the manifest or ``story.json`` cannot be read,
    since then there is nothing to reopen; unreadable notes only warn.
    """
    info = read_manifest(path)
    story_json = _read_json(path / STORY_JSON, f"{path} has no story to reopen")
    try:
        articles = tuple(_story_article(a) for a in _list(story_json, "articles"))
        ids = [a.id for a in articles]
        twice = next((i for i in ids if ids.count(i) > 1), None)
        if twice is not None:
            raise ValueError(f"two articles have the id {twice!r}")
    except ValueError as error:
        raise StoreError(f"{path / STORY_JSON}: cannot rebuild the articles ({error})") from None
    warnings: list[str] = []
    if story_key(articles) != info.story_key:
        warnings.append(f"{path}: the article texts do not match the snapshot's story key")
    if info.position is not None and info.position.article_id not in ids:
        warnings.append(f"{path / MANIFEST}: the reading position names no article of the story; opened at the start")
        info = replace(info, position=None)
    try:
        notes, problems = notes_from_document(_read_json(path / NOTES, "the file is missing"))
        warnings.extend(f"{path / NOTES}: {problem}; left out" for problem in problems)
    except (StoreError, ValueError) as error:
        notes = ()
        warnings.append(f"{path / NOTES}: notes not loaded ({error})")
    return LoadedSnapshot(info, articles, story_json, notes, tuple(warnings))


def _story_article(entry: object) -> Article:
    """An ``Article`` from the export contract's article object (id, source, title, text...)."""
    if not isinstance(entry, Mapping):
        raise ValueError("an article is not a JSON object")
    optional = {}
    for name in ("path", "url", "date", "language"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"article {name!r} is not a string")
        optional[name] = value
    body_start = entry.get("body_start", 0)
    if not isinstance(body_start, int) or isinstance(body_start, bool) or body_start < 0:
        raise ValueError("article 'body_start' is not an offset")
    return Article(
        id=_string(entry, "id"),
        source=_string(entry, "source"),
        title=_string(entry, "title"),
        text=_string(entry, "text"),
        body_start=body_start,
        **optional,
    )


def _manifest_article(entry: object) -> SnapshotArticle:
    if not isinstance(entry, Mapping):
        raise ValueError("an article is not a JSON object")
    path = entry.get("path")
    if path is not None and not isinstance(path, str):
        raise ValueError("article 'path' is not a string")
    return SnapshotArticle(
        id=_string(entry, "id"),
        source=_string(entry, "source"),
        title=_string(entry, "title"),
        path=path,
    )


def _string(data: Mapping[str, object], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{name!r} is not a string")
    return value


def _list(data: Mapping[str, object], name: str) -> list[object]:
    value = data.get(name)
    if not isinstance(value, list):
        raise ValueError(f"{name!r} is not a list")
    return value


def _read_json(path: Path, missing: str) -> Mapping[str, object]:
    """A JSON object from ``path``; ``StoreError`` (one line) if it is missing or not one."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise StoreError(missing) from None
    except OSError as error:
        raise StoreError(f"cannot read {path} ({_reason(error)})") from None
    except (ValueError, RecursionError) as error:  # bad UTF-8, bad JSON, absurd nesting
        raise StoreError(f"{path} is not valid JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(data, Mapping):
        raise StoreError(f"{path} is not a JSON object")
    return data


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _slug(text: str) -> str:
    """A short file-name-safe form of a label or title (ASCII words joined by ``-``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _SLUG_LENGTH:
            break
        slug = candidate
    return slug or "-".join(words)[:_SLUG_LENGTH]


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _now() -> datetime:
    """The local time with its offset; the one clock of this module."""
    return datetime.now().astimezone()
