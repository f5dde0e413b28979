"""A claim opened: each source's wording side by side, differences marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newsdiff.app.palette import FLAG_GLYPH, Palette
from newsdiff.app.screens.dialog_scroll import scroll_bindings, scroll_dialog
from newsdiff.app.shown import shown_content
from newsdiff.app.widgets.claim_list import source_names, support_dots
from newsdiff.app.widgets.compare_strip import NO_MATCH_GLYPH, NOT_FOUND_GLYPH, note_entry, passage_text
from newsdiff.engine.export.document import NEAR_PASSAGE, NO_MATCH, NOT_FOUND, absences, claim_citation, near_miss_score
from newsdiff.engine.model import Article, Claim, NearMiss, Passage, Story
from newsdiff.shown_text import ShownText
from newsdiff.store.notes import Note

MAX_COLUMNS = 3
MAX_OTHER_CLAIMS = 3
"""Other claims named under a wording; a passage is rarely in more."""


def claim_heading(story: Story, claim: Claim, palette: Palette, notes: Sequence[Note] = ()) -> Text:
    """Summary, support, the flags that say where the sources diverge, who does not report it, and the reader's notes.

    A source where no match was found shows the nearest passage found, under the
    article's number: the key that reads it.
    """
    heading = ShownText(end="")
    heading.append(support_dots(story, claim), style=palette.reach(claim.reach) + Style(bold=True))
    heading.append(f"  {claim.reach.label}  ", style=Style(dim=True))
    heading.append(source_names(story, claim), style=Style(italic=True))
    heading.append("\n")
    heading.append(claim.summary, style=Style(bold=True))
    for flag in claim.flags:
        heading.append(f"\n{FLAG_GLYPH} ", style=palette.differs)
        heading.append(f"{flag.kind.value}: ", style=Style(bold=True))
        heading.append(flag.detail)
    absent = absences(story, [claim])
    for miss in absent.no_match:
        heading.append(f"\n{NO_MATCH_GLYPH} {NO_MATCH} ", style=Style(bold=True))
        heading.append(numbered(story, miss.article_id), style=Style(bold=True))
        heading.append(f" ({NEAR_PASSAGE}, {near_miss_score(miss)}): ", style=Style(dim=True))
        heading.append_text(passage_text(story, story.passage(miss.passage_id), palette))
    if absent.not_found:
        heading.append(f"\n{NOT_FOUND_GLYPH} {NOT_FOUND}: ", style=Style(dim=True))
        heading.append(", ".join(numbered(story, a.id) for a in absent.not_found), style=Style(dim=True))
    for note in notes:
        heading.append("\n")
        heading.append_text(note_entry(note, palette))
    return heading


def numbered(story: Story, article_id: str) -> str:
    """``3 Source 004``: the source with its article's number, the key that reads it here and in the reader."""
    return f"{story.article_number(article_id)} {story.article(article_id).source}"


def article_by_number(screen: Screen[Any], story: Story, number: int) -> Article | None:
    """The story's article ``number`` (from 1), or None after telling the reader there is none."""
    if number <= len(story.articles):
        return story.articles[number - 1]
    screen.notify(f"There is no article {number}: this story has {len(story.articles)}.", timeout=2)
    return None


def also_in(story: Story, claim: Claim, passage: Passage) -> str:
    """``also in K6``: the other claims a wording's passage reports ("" when none).

    A sentence that reports two things is in two claims; in this claim's
    view the words of the other thing differ from every other source here,
    and this says where they are shared. It goes under the wording, so a
    narrow column cuts neither it nor the source name above.
    """
    others = [c.id for c in story.claims_of(passage.id) if c.id != claim.id]
    return f"also in {', '.join(others[:MAX_OTHER_CLAIMS])}" if others else ""


class ClaimScreen(ModalScreen[str | None]):
    """Shows one claim; escape goes back to the reader, a number reads the claim in that article.

    The result is the passage to read next (``None``: stay). A claim the
    article being read leaves out is opened from the claims panel, and its
    wordings are in other articles: their numbers lead there. The number of
    a source where no match was found leads to the nearest passage found.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="close_claim"),
        Binding("y", "copy_claim", "Copy the claim with every source's wording", id="copy_claim"),
        Binding(
            "m",
            "read_closest",
            "Read the nearest passage found in the first 'no match found' source",
            id="claim_closest_passage",
        ),
        *scroll_bindings("claim"),
        *(
            Binding(str(n), f"read_in({n})", f"Read the claim in article {n}", id=f"claim_article_{n}", show=False)
            for n in range(1, 10)
        ),
        # A modal screen does not see the app's bindings: quit and help again, under
        # their ids (so a rebinding moves them too) and without a description (so the
        # help lists them once, as working everywhere).
        Binding("q", "app.quit", id="quit", show=False),
        Binding("question_mark", "app.help", id="help", show=False),
    ]

    def __init__(
        self, story: Story, claim: Claim, palette: Palette, notes: Sequence[Note] = (), hint: str = ""
    ) -> None:
        """``hint`` goes under the dialog: the keys that work here, as the reader has them."""
        super().__init__()
        self.hint = hint
        self.story = story
        self.claim = claim
        self.palette = palette
        self.notes = tuple(notes)

    def compose(self) -> ComposeResult:
        story, claim = self.story, self.claim
        # One scroll for the heading and the wordings: a claim of many
        # sources (flags, a long "not found in") is taller than a screen.
        with VerticalScroll(id="claim-dialog") as dialog:
            dialog.border_title = shown_content(f"Claim {claim.id}")
            dialog.border_subtitle = shown_content(self.hint)
            yield Static(claim_heading(story, claim, self.palette, self.notes), id="claim-heading")
            grid = Grid(id="claim-grid")
            grid.styles.grid_size_columns = max(min(len(claim.passage_ids), MAX_COLUMNS), 1)
            with grid:
                for passage_id in claim.passage_ids:
                    passage = story.passage(passage_id)
                    column = Static(passage_text(story, passage, self.palette, claim), classes="claim-wording")
                    column.border_title = shown_content(numbered(story, passage.article_id))
                    column.border_subtitle = shown_content(also_in(story, claim, passage))
                    yield column

    def action_scroll_dialog(self, where: str) -> None:
        scroll_dialog(self, "claim-dialog", where)

    def action_read_in(self, number: int) -> None:
        """Close and read the claim's first passage in article ``number``, if it reports the claim."""
        article = article_by_number(self, self.story, number)
        if article is None:
            return
        here = [pid for pid in self.claim.passage_ids if self.story.passage(pid).article_id == article.id]
        miss = self.story.near_miss(self.claim.id, article.id)
        if here:
            self.dismiss(here[0])
        elif miss is not None:
            self._read_closest(miss)
        else:
            self.notify(f"Claim {self.claim.id} was {NOT_FOUND} {numbered(self.story, article.id)}.", timeout=3)

    def action_read_closest(self) -> None:
        """Close and read the nearest passage found in the first source where no match was found."""
        no_match = absences(self.story, [self.claim]).no_match
        if no_match:
            self._read_closest(no_match[0])
        else:
            self.notify(f"Every source reports claim {self.claim.id} or has no passage near it.", timeout=3)

    def _read_closest(self, miss: NearMiss) -> None:
        source = numbered(self.story, miss.article_id)
        self.notify(f"No match found in {source}: the {NEAR_PASSAGE} ({near_miss_score(miss)}).", timeout=3)
        self.dismiss(miss.passage_id)

    def action_copy_claim(self) -> None:
        """Put the claim, its flags and each source's wording with its citation on the clipboard."""
        self.app.copy_to_clipboard(claim_citation(self.story, self.claim))
        self.notify("Copied the claim with every source's wording.", timeout=2)
