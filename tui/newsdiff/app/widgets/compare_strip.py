"""The compare strip: how every other source reports the current passage's claim.

The reader's own notes on the passage and its claims come first, then the
sources that report it, each with its wording; then those where no match was
found but a passage comes near, each with that passage ("no match found");
the ones the engine is sure leave it out share one last line ("not found
in"), so in a story of many outlets the few that agree are never below the
fold.

It follows the reader's cursor, so it must be cheap to change. It is drawn
with the Line API like the reader and has a fixed height (and an always-shown
scrollbar), so a new passage swaps its lines and repaints the strip alone:
the screen is never laid out again. Each source's entry is wrapped as offsets
(``wrap_offsets``), once per passage and width; a line becomes styled text
only when it is painted, and only the lines in view are painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.strip import Strip

from newsdiff.app.palette import NOTE_GLYPH, REACH_GLYPHS, Palette
from newsdiff.app.shown import shown_content
from newsdiff.app.text_layout import printable, wrap_offsets
from newsdiff.app.widgets.painted_lines import PaintedLines
from newsdiff.engine.export.document import NEAR_PASSAGE, NO_MATCH, NOT_FOUND, absences, near_miss_score
from newsdiff.engine.model import Claim, NearMiss, Passage, Story
from newsdiff.engine.similarity import similarity
from newsdiff.shown_text import ShownText
from newsdiff.store.notes import Note

KEPT_PASSAGES = 64
"""Passages whose wrapped entries are kept, so going back and forth only looks them up."""
MAX_ABSENT_NAMES = 12
"""Sources named in the last line, "not found in": the rest are counted."""
MAX_NEAR_MISSES = 3
"""Sources with "no match found" shown with the nearest passage found; the rest are named on one line."""
NO_MATCH_GLYPH = "?"
NOT_FOUND_GLYPH = "✗"


def passage_text(story: Story, passage: Passage, palette: Palette, claim: Claim | None = None) -> Text:
    """A passage's words on one line, the ones that differ from the other sources marked.

    With a ``claim``, the differences from that claim's other sources only
    (a claim view); without, the words no source that reports any of its
    claims shares (``Story.differs_in``).
    """
    text = ShownText(printable(passage.text.replace("\n", " ")), end="")
    if claim is None:
        spans = story.differs_in(passage.id)
    else:
        diff = claim.diff_for(passage.id)
        spans = diff.differs if diff is not None else ()
    for span in spans:
        text.stylize(palette.differs, span.start - passage.start, span.end - passage.start)
    return text


def note_entry(note: Note, palette: Palette) -> Text:
    """``✎ dispute: check the date``: a note of the reader's, told apart from the sources by its glyph."""
    entry = ShownText(f"{NOTE_GLYPH} ", style=palette.note, end="")
    entry.append(f"{note.mark or 'note'}{': ' if note.text else ''}", style=palette.note)
    entry.append(note.text)
    return entry


def near_miss_entry(story: Story, miss: NearMiss, palette: Palette, jump_key: str = "") -> Text:
    """``? no match found in Source (nearest passage found, score 0.12; m reads it): …``: a miss the engine is unsure of."""
    entry = ShownText(f"{NO_MATCH_GLYPH} {NO_MATCH} ", style=Style(bold=True), end="")
    entry.append(story.article(miss.article_id).source, style=Style(bold=True))
    reads = f"; {jump_key} reads it" if jump_key else ""
    entry.append(f" ({NEAR_PASSAGE}, {near_miss_score(miss)}{reads}): ", style=Style(dim=True))
    entry.append_text(passage_text(story, story.passage(miss.passage_id), palette))
    return entry


def absence_entries(story: Story, claims: Sequence[Claim], palette: Palette, jump_key: str = "") -> list[Text]:
    """The articles that report none of ``claims``: the closest "no match found" first, then the confident "not found in"."""
    absent = absences(story, claims)
    entries = [
        near_miss_entry(story, miss, palette, jump_key if number == 0 else "")
        for number, miss in enumerate(absent.no_match[:MAX_NEAR_MISSES])
    ]
    entries.extend(
        _named(
            f"{NO_MATCH_GLYPH} {NO_MATCH}: ",
            [story.article(m.article_id).source for m in absent.no_match[MAX_NEAR_MISSES:]],
        )
    )
    entries.extend(_named(f"{NOT_FOUND_GLYPH} {NOT_FOUND}: ", [a.source for a in absent.not_found]))
    return entries


def _named(heading: str, names: Sequence[str]) -> list[Text]:
    """One entry naming ``names`` (the first ``MAX_ABSENT_NAMES``, then a count), or none."""
    if not names:
        return []
    more = len(names) - MAX_ABSENT_NAMES
    entry = ShownText(heading, style=Style(bold=True), end="")
    entry.append(
        ", ".join(names[:MAX_ABSENT_NAMES]) + (f" and {more} more" if more > 0 else ""),
        style=Style(italic=True, dim=True),
    )
    return [entry]


def compare_entries(
    story: Story, passage: Passage | None, palette: Palette, notes: Sequence[Note] = (), jump_key: str = ""
) -> list[Text]:
    """The reader's ``notes``, one entry per other article that reports the passage's claims, then those that do not.

    An article with several passages in those claims shows them closest
    wording first. Without a passage to compare (one article, no cursor,
    boilerplate) the entry after the notes says why. ``jump_key`` is the key
    that reads the nearest passage found in the first "no match found" article.
    """
    entries = [note_entry(note, palette) for note in notes]
    if not story.comparable:
        return [*entries, ShownText("Nothing to compare: this story has one article.", style=Style(italic=True))]
    if passage is None:
        return [*entries, ShownText("Move to a passage to see how the other sources report it.", style=Style(dim=True))]
    claims = story.claims_of(passage.id)
    if not claims:
        return [*entries, ShownText("Boilerplate: not part of the story, not compared.", style=palette.boilerplate)]
    by_article: dict[str, dict[str, Passage]] = {}
    for claim in claims:
        for pid in claim.passage_ids:
            other = story.passage(pid)
            by_article.setdefault(other.article_id, {})[pid] = other
    for article in story.articles:
        theirs = list(by_article.get(article.id, {}).values())
        if article.id == passage.article_id or not theirs:
            continue
        if len(theirs) > 1:  # its closest wording first: the quote beside the quote, not the lede
            theirs.sort(key=lambda other: -similarity(passage.text, other.text))
        entry = ShownText(end="")
        reach = story.reach_of(theirs[0].id)
        entry.append(REACH_GLYPHS[reach], style=palette.reach(reach))
        entry.append(" ")
        entry.append(article.source, style=Style(bold=True))
        entry.append(": ")
        for number, theirs_passage in enumerate(theirs):
            if number:
                entry.append(" … ", style=Style(dim=True))
            entry.append_text(passage_text(story, theirs_passage, palette))
        entries.append(entry)
    entries.extend(absence_entries(story, claims, palette, jump_key))
    return entries


def text_slice(text: Text, start: int, end: int) -> Text:
    """``text[start:end]`` with its styles, without ``Text.divide`` re-scanning the whole entry."""
    piece = ShownText(text.plain[start:end], style=text.style, end="")
    for span in text.spans:
        if span.end > start and span.start < end:
            piece.stylize(span.style, max(span.start, start) - start, min(span.end, end) - start)
    return piece


@dataclass(frozen=True)
class WrappedEntries:
    """Entries wrapped at one width: each screen line is ``(entry, start, end)`` into ``entry.plain``."""

    entries: Sequence[Text]
    lines: Sequence[tuple[int, int, int]]


def wrap_entries(entries: Sequence[Text], width: int) -> WrappedEntries:
    """Break every entry into lines at most ``width`` cells wide (offsets only, no styling)."""
    lines: list[tuple[int, int, int]] = []
    for number, entry in enumerate(entries):
        plain = entry.plain
        for start, end in wrap_offsets(plain, 0, len(plain), width):
            lines.append((number, start, start + len(plain[start:end].rstrip())))
    return WrappedEntries(entries, lines)


class CompareStrip(PaintedLines, can_focus=True):
    """Other sources' wording of the claim under the reader's cursor (scrolls when long).

    It can take focus (``tab``) so that a long list of sources can be read
    to its end with the reader's own keys, and grows while it has focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", id="strip_down", show=False),
        Binding("k", "scroll_up", "Up", id="strip_up", show=False),
        Binding("g", "scroll_home", "Top", id="strip_top", show=False),
        Binding("G", "scroll_end", "Bottom", id="strip_bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cache_size=256, id=id)
        self.border_title = shown_content("Other sources")
        self._shown: tuple[Story, Passage | None, Palette, tuple[Note, ...]] | None = None
        self._waiting: Text | None = None
        """What the strip says while there is no analysis to compare with (``show_waiting``)."""
        self.jump_key = ""
        """The key that reads the nearest passage found in a "no match found" article, named in its entry."""
        self._wrapped = WrappedEntries((), ())
        self._width = 0
        self._kept: LRUCache[tuple[str | None, int, tuple[Note, ...]], WrappedEntries] = LRUCache(KEPT_PASSAGES)

    def show_passage(self, story: Story, passage: Passage | None, palette: Palette, notes: Sequence[Note] = ()) -> None:
        """Show the reader's ``notes`` on ``passage`` and how the other sources report it, from the top."""
        if self._shown is None or self._shown[0] is not story or self._shown[2] is not palette:
            self._kept.clear()
        self._shown, self._waiting = (story, passage, palette, tuple(notes)), None
        self._width = 0
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    def show_waiting(self, message: str) -> None:
        """Say ``message`` instead of comparing: the articles are not matched yet, nothing can be said of them."""
        self._shown, self._waiting = None, ShownText(message, style=Style(dim=True, italic=True))
        self._width = 0
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    @property
    def plain(self) -> str:
        """The entries as plain text, one line per source (unwrapped)."""
        return "\n".join(entry.plain for entry in self._wrapped.entries)

    def on_resize(self, event: Resize) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        """Wrap the shown entries for the current width; the strip's own size never changes."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        if self._waiting is not None:
            self._show_wrapped(wrap_entries([self._waiting], width), width)
            return
        if self._shown is None:
            return
        story, passage, palette, notes = self._shown
        key = (passage.id if passage is not None else None, width, notes)
        wrapped = self._kept.get(key)
        if wrapped is None:
            wrapped = wrap_entries(compare_entries(story, passage, palette, notes, self.jump_key), width)
            self._kept[key] = wrapped
        self._show_wrapped(wrapped, width)

    def _show_wrapped(self, wrapped: WrappedEntries, width: int) -> None:
        self._wrapped, self._width = wrapped, width
        self._painted.clear()
        self.set_content_size(Size(width, len(wrapped.lines)))
        self.refresh()

    def line_count(self) -> int:
        return len(self._wrapped.lines)

    def paint_line(self, index: int, base: Style) -> Strip:
        number, start, end = self._wrapped.lines[index]
        line = ShownText(style=base, no_wrap=True, end="")
        line.append_text(text_slice(self._wrapped.entries[number], start, end))
        return Strip(line.render(self.app.console), line.cell_len)
