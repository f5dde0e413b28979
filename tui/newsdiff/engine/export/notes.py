"""Reader notes as the exports see them.

The app owns notes (how they are made, stored and edited); an export only
receives them as plain mappings with the keys ``target`` ("passage" or
"claim"), ``target_id``, ``mark``, ``text``, ``created`` and ``updated``. Reading them
here, once, means every format shows the same note the same way and a note
whose target is no longer in the story is still exported, not lost. The JSON
export keeps every field the app gave (ids, offsets, excerpts) so a note can
be read back from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newsdiff.engine.model import Story


@dataclass(frozen=True, slots=True)
class ReaderNote:
    """One note, every field as text."""

    target: str
    target_id: str
    mark: str
    text: str
    created: str
    updated: str = ""

    @property
    def heading(self) -> str:
        """The mark and the text as one line: "dispute: check the date", or either alone."""
        return ": ".join(part for part in (self.mark, self.text) if part)

    @property
    def when(self) -> str:
        """When it was written and, if since, edited: a reader of an export asks which version this is."""
        return f"{self.created}, edited {self.updated}" if self.updated else self.created


def reader_notes(notes: Sequence[Mapping[str, object]]) -> tuple[ReaderNote, ...]:
    """Read the caller's note mappings; a missing key reads as empty text."""
    return tuple(
        ReaderNote(
            target=_text(note.get("target")),
            target_id=_text(note.get("target_id")),
            mark=_text(note.get("mark")),
            text=_text(note.get("text")),
            created=_text(note.get("created")),
            updated=_text(note.get("updated")),
        )
        for note in notes
    )


def json_note(note: Mapping[str, object]) -> dict[str, object]:
    """The note as given, every field kept (the app's own fields too), made JSON-safe."""
    return {str(key): _json_value(value) for key, value in note.items()}


def note_target(story: Story, note: ReaderNote) -> str:
    """What the note is about, in words: the claim's summary or the passage's text.

    Returns the words as plain text; each format escapes them itself.
    """
    if note.target == "claim":
        try:
            claim = story.claim(note.target_id)
        except KeyError:
            return f"claim {note.target_id} (not in this story)"
        return f"claim {claim.id}: {claim.summary}"
    if note.target == "passage":
        try:
            passage = story.passage(note.target_id)
        except KeyError:
            return f"passage {note.target_id} (not in this story)"
        source = _source_of(story, passage.article_id)
        return f"{source}: {' '.join(passage.text.split())}"
    return f"{note.target or 'unknown target'} {note.target_id}".strip()


def _source_of(story: Story, article_id: str) -> str:
    try:
        return story.article(article_id).source
    except KeyError:
        return article_id


def _json_value(value: object) -> object:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _text(value)


def _text(value: object) -> str:
    """Dates as ISO text, nothing as empty text, anything else as ``str``."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
