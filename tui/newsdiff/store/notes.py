"""The reader's notes on a story, kept on disk so they outlive the session.

Notes are filed under the story's content key (see ``story_key``), so they
come back whenever the same articles are opened again, from any folder. A
note remembers the excerpt and character offsets it was written on, so it
can be found again even if a later version of newsdiff numbers passages or
claims differently.

The notes file is the reader's own writing: a file that cannot be read is
moved aside as ``<key>.json.corrupt-<time>`` rather than overwritten, and
every change is written atomically before it is reported as done.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal, TypeGuard, get_args

from filelock import FileLock, Timeout

from newsdiff.atomic import write_text_atomic
from newsdiff.engine.model import Story
from newsdiff.store import paths
from newsdiff.store.errors import StoreError

Target = Literal["passage", "claim"]
Mark = Literal["check", "agree", "dispute"]
TARGETS: tuple[Target, ...] = get_args(Target)
MARKS: tuple[Mark, ...] = get_args(Mark)

NOTES_SCHEMA = "newsdiff.notes/1"
_KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
LOCK_TIMEOUT_SECONDS = 10.0
"""How long a save waits for another window's save; one takes milliseconds, so this only ends a hung one."""
LOCK_POLL_SECONDS = 0.005
"""How often a waiting save tries the lock again: a save takes a few milliseconds, so no longer than one."""


@dataclass(frozen=True, slots=True)
class Note:
    """A reader's note on one passage or one claim.

    ``article_id``, ``start``, ``end`` and ``excerpt`` record the passage the
    note was written on (for a claim note: the passage the reader was on), so
    ``locate`` can find the target again by its text rather than by its id.
    """

    id: str
    target: Target
    target_id: str
    text: str
    mark: Mark | None = None
    created: str = ""
    """ISO 8601 local time with offset, to the second."""
    updated: str | None = None
    article_id: str | None = None
    start: int | None = None
    end: int | None = None
    excerpt: str = ""

    def __post_init__(self) -> None:
        for name in ("id", "target_id", "text", "created", "excerpt"):
            _require(isinstance(getattr(self, name), str), f"{name} must be a string")
        _require(bool(self.id), "id must not be empty")
        _require(self.target in TARGETS, f"target must be one of {', '.join(TARGETS)}")
        _require(self.mark is None or self.mark in MARKS, f"mark must be one of {', '.join(MARKS)}")
        for name in ("updated", "article_id"):
            _require(
                getattr(self, name) is None or isinstance(getattr(self, name), str),
                f"{name} must be a string",
            )
        if self.start is None and self.end is None:
            return
        if not (_is_offset(self.start) and _is_offset(self.end)):
            raise ValueError("start and end must both be character offsets")
        _require(self.start <= self.end, "start must not exceed end")

    def to_dict(self) -> dict[str, object]:
        """The note as plain JSON-ready data (the notes file and exports use it)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Note:
        """A note from ``to_dict`` output; raises ``ValueError`` if it is not one."""
        if not isinstance(data, Mapping):
            raise ValueError("a note must be a JSON object")
        unknown = set(data) - set(cls.__slots__)
        if unknown:
            raise ValueError(f"unknown note field {sorted(unknown)[0]!r}")
        try:
            return cls(**data)  # type: ignore[arg-type]
        except TypeError as error:
            raise ValueError(f"incomplete note ({error})") from None


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _is_offset(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def notes_document(key: str, notes: Sequence[Note]) -> dict[str, object]:
    """The JSON document of a notes file (also stored in snapshots)."""
    return {"schema": NOTES_SCHEMA, "story_key": key, "notes": [n.to_dict() for n in notes]}


def notes_from_document(document: object) -> tuple[tuple[Note, ...], list[str]]:
    """The readable notes of a notes document, and a line for each problem.

    Raises ``ValueError`` if the document as a whole is not a notes file.
    Notes that cannot be read are left out (and reported); repeated ids keep
    the first note.
    """
    if not isinstance(document, Mapping):
        raise ValueError("not a notes file (expected a JSON object)")
    schema = document.get("schema")
    if schema != NOTES_SCHEMA:
        raise ValueError(f"unknown notes format {schema!r} (expected {NOTES_SCHEMA!r})")
    entries = document.get("notes")
    if not isinstance(entries, list):
        raise ValueError("not a notes file ('notes' is not a list)")
    notes: list[Note] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        try:
            note = Note.from_dict(entry)
        except ValueError as error:
            problems.append(f"note {number}: {error}")
            continue
        if note.id in seen:
            problems.append(f"note {number}: repeats id {note.id!r}")
            continue
        seen.add(note.id)
        notes.append(note)
    return tuple(notes), problems


def _later(iso: str, than: str) -> bool:
    """Whether time ``iso`` is after ``than``; times with different offsets compare as instants.

    ``False`` when either is not an ISO time with an offset (a hand-edited file).
    """
    try:
        a, b = datetime.fromisoformat(iso), datetime.fromisoformat(than)
    except ValueError:
        return False
    return a.tzinfo is not None and b.tzinfo is not None and a > b


def now_iso() -> str:
    """The current local time as ISO 8601 with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class NoteStore:
    """The notes on one story, saved atomically after every change.

    Reading problems never raise: they become ``warnings`` (one line each)
    and the unreadable file is kept aside. Writing problems raise
    ``StoreError`` and leave both the file and this object unchanged, so what
    the reader sees is always what is on disk.

    Two windows on one story (or a store kept open while another process
    saved) must keep each other's notes, so every change is a
    read-modify-write under a lock on ``<key>.json.lock``: the file is read
    again once the lock is held, the change applied to what it says, and the
    result written before the lock is let go. Without the lock, a save landing
    between another window's read and its write was lost (two processes
    adding 100 notes each kept about 100 of 200). Reading needs no lock:
    every write replaces the file atomically.
    """

    def __init__(self, key: str, directory: Path | None = None) -> None:
        if not _KEY_PATTERN.fullmatch(key):
            raise ValueError(f"story key {key!r} cannot name a file")
        self.key = key
        self.path = (paths.notes_dir() if directory is None else directory) / f"{key}.json"
        self.warnings: list[str] = []
        self._blocked: str | None = None
        self._lock = FileLock(
            self.path.with_name(f"{self.path.name}.lock"), timeout=LOCK_TIMEOUT_SECONDS, poll_interval=LOCK_POLL_SECONDS
        )
        self._seen = self._file_state()
        self._notes: tuple[Note, ...] = self._load()

    @property
    def notes(self) -> tuple[Note, ...]:
        """Every note, oldest first."""
        return self._notes

    def get(self, note_id: str) -> Note:
        """The note with ``note_id``; ``KeyError`` if there is none."""
        for note in self._notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def reload(self) -> bool:
        """Read the file again if another window changed it since this store last did; whether it had.

        One ``stat`` when nothing changed, so a window can call it often to
        show the notes another window added.
        """
        if self._blocked is not None or self._file_state() == self._seen:
            return False
        before = self._notes
        self._seen = self._file_state()
        self._notes = self._load()
        return self._notes != before

    def add(
        self,
        target: Target,
        target_id: str,
        text: str,
        *,
        mark: Mark | None = None,
        article_id: str | None = None,
        start: int | None = None,
        end: int | None = None,
        excerpt: str = "",
    ) -> Note:
        """Add a note and save; returns the note with its new id and time."""
        with self._changing():
            note = Note(
                id=self._new_id(),
                target=target,
                target_id=target_id,
                text=text,
                mark=mark,
                created=now_iso(),
                article_id=article_id,
                start=start,
                end=end,
                excerpt=excerpt,
            )
            self._save((*self._notes, note))
        return note

    def update(self, note_id: str, *, text: str, mark: Mark | None) -> Note:
        """Replace a note's text and mark and save; ``KeyError`` if there is no such note."""
        with self._changing():
            old = self.get(note_id)
            new = replace(old, text=text, mark=mark, updated=now_iso())
            self._save(tuple(new if n.id == note_id else n for n in self._notes))
        return new

    def delete(self, note_id: str) -> Note:
        """Remove a note and save; returns it (for ``restore``); ``KeyError`` if there is no such note."""
        with self._changing():
            gone = self.get(note_id)
            self._save(tuple(n for n in self._notes if n.id != note_id))
        return gone

    def restore(self, note: Note) -> None:
        """Put a deleted note back as it was (same id and times) and save.

        It goes back among the others in the order of creation. A note whose
        id is there again (another window restored it) is left as it is.
        """
        with self._changing():
            if any(n.id == note.id for n in self._notes):
                return
            later = next((i for i, n in enumerate(self._notes) if _later(n.created, note.created)), len(self._notes))
            self._save((*self._notes[:later], note, *self._notes[later:]))

    def _new_id(self) -> str:
        taken = {n.id for n in self._notes}
        while (candidate := secrets.token_hex(6)) in taken:
            continue
        return candidate

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Hold the lock and start from the file as it is now; ``StoreError`` if the lock cannot be had."""
        if self._blocked is not None:
            raise StoreError(self._blocked)
        with self._locked():
            self._seen = self._file_state()
            self._notes = self._load()
            if self._blocked is not None:  # the file went bad meanwhile and could not be moved aside
                raise StoreError(self._blocked)
            yield

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The notes file's lock, held by this store (again, if it holds it already) for the block."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"notes are not saved: another newsdiff has held {self._lock.lock_file} for"
                f" {LOCK_TIMEOUT_SECONDS:.0f} s; try again"
            ) from None
        except OSError as error:
            raise StoreError(f"cannot save notes to {self.path} ({_reason(error)})") from None
        try:
            yield
        finally:
            self._lock.release()

    def _save(self, notes: tuple[Note, ...]) -> None:
        """Write ``notes``; only ever called with the lock held."""
        text = json.dumps(notes_document(self.key, notes), ensure_ascii=False, indent=2) + "\n"
        try:
            write_text_atomic(self.path, text)
        except OSError as error:
            raise StoreError(f"cannot save notes to {self.path} ({_reason(error)})") from None
        self._notes = notes
        self._seen = self._file_state()

    def _file_state(self) -> tuple[int, int, int] | None:
        """The notes file's inode, modification time and size; ``None`` when there is no file.

        Every save is a new file (an atomic rename), so the inode changes even
        when two saves fall in one tick of the clock and have one size.
        """
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _load(self) -> tuple[Note, ...]:
        """The notes in the file; a damaged file is repaired (under the lock) and reported."""
        notes, damage = self._read()
        if damage is None:
            return notes
        try:
            with self._locked():
                notes, damage = self._read()  # another window may have repaired it meanwhile
                if damage is not None:
                    notes = self._repair(notes, damage)
        except StoreError as error:
            self.warnings.append(str(error))
        return notes

    def _read(self) -> tuple[tuple[Note, ...], str | None]:
        """The readable notes, and what is wrong with the file (``None`` when nothing is)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return (), None
        except OSError as error:
            return (), f"cannot read it ({_reason(error)})"
        try:
            notes, problems = notes_from_document(json.loads(raw.decode("utf-8")))
        except UnicodeDecodeError:
            return (), "it is not UTF-8 text"
        except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
            return (), str(error).splitlines()[0]
        if not problems:
            return notes, None
        total = len(notes) + len(problems)
        return notes, f"{problems[0]}; kept {len(notes)} of {total} notes"

    def _repair(self, notes: tuple[Note, ...], damage: str) -> tuple[Note, ...]:
        """Keep the damaged file aside and write back the notes that could be read."""
        self._set_aside(damage)
        if self._blocked is None and notes:
            try:
                self._save(notes)
            except StoreError as error:
                self.warnings.append(str(error))
        return notes

    def _set_aside(self, reason: str) -> None:
        """Move the unreadable notes file to a backup name, so no later save overwrites it."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while backup.exists():
            number += 1
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        try:
            os.rename(self.path, backup)
        except OSError as error:
            self._blocked = f"notes are not saved: {self.path} could not be read or moved aside ({_reason(error)})"
            self.warnings.append(f"{self.path}: {reason}; {self._blocked}")
            return
        self.warnings.append(f"{self.path}: {reason}; the file was kept as {backup.name}")


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def locate(note: Note, story: Story) -> str | None:
    """The id of the note's target in ``story``, found by text when ids have moved.

    A passage note keeps its id while that passage still holds the note's
    excerpt; otherwise the passage of the same article that best overlaps the
    note's offsets takes its place. A claim note keeps its claim while that
    claim still contains the anchored passage. ``None`` when nothing fits.
    """
    anchored = _anchored_passage(note, story)
    if note.target == "passage":
        return anchored
    if anchored is None:
        return note.target_id if _has_claim(story, note.target_id) else None
    claims = story.claims_of(anchored)
    if any(c.id == note.target_id for c in claims):
        return note.target_id
    return claims[0].id if claims else None


def _anchored_passage(note: Note, story: Story) -> str | None:
    """The passage the note was written on, by id and excerpt first, then by offsets."""
    if note.target == "passage":
        passage = next((p for p in story.passages if p.id == note.target_id), None)
        if passage is not None and (not note.excerpt or passage.text == note.excerpt):
            return passage.id
    if note.article_id is None or note.start is None or note.end is None:
        return None
    if not any(a.id == note.article_id for a in story.articles):
        return None
    best: tuple[int, str] | None = None
    for passage in story.passages_of(note.article_id):
        overlap = min(passage.end, note.end) - max(passage.start, note.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, passage.id)
    return None if best is None else best[1]


def _has_claim(story: Story, claim_id: str) -> bool:
    return any(c.id == claim_id for c in story.claims)
