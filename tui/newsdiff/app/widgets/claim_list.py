"""The claims panel: every claim, who reports it, and how widely."""

from __future__ import annotations

from collections.abc import Collection

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsdiff.app.filters import ReachFilter
from newsdiff.app.messages import ClaimChosen
from newsdiff.app.palette import NOTE_GLYPH, Palette
from newsdiff.engine.model import Claim, Story

MAX_DOTS = 12
"""Beyond this many articles the dots would not fit: only the count is shown."""
MAX_NAMES = 3


def support_dots(story: Story, claim: Claim) -> str:
    """``●●○ 2/3``: one dot per article in story order, filled when it reports the claim."""
    reporting = set(claim.article_ids)
    count = f"{len(reporting)}/{len(story.articles)}"
    if len(story.articles) > MAX_DOTS:
        return count
    dots = "".join("●" if a.id in reporting else "○" for a in story.articles)
    return f"{dots} {count}"


def source_names(story: Story, claim: Claim) -> str:
    """The reporting sources, the first few by name."""
    names = [story.article(a).source for a in claim.article_ids]
    shown = ", ".join(names[:MAX_NAMES])
    return shown if len(names) <= MAX_NAMES else f"{shown} +{len(names) - MAX_NAMES}"


def claim_prompt(story: Story, claim: Claim, palette: Palette, noted: bool) -> Text:
    """A claim's row: support, reach, summary and sources, as plain text."""
    prompt = Text(end="")
    prompt.append(support_dots(story, claim), style=palette.reach(claim.reach) + Style(bold=True))
    prompt.append(f"  {claim.reach.value}", style=Style(dim=True))
    if claim.flags:
        prompt.append(f"  ⚑{len(claim.flags)}", style=palette.differs)
    if noted:
        prompt.append(f" {NOTE_GLYPH}", style=palette.note)
    prompt.append("\n")
    prompt.append(claim.summary)
    prompt.append("\n")
    prompt.append(source_names(story, claim), style=Style(dim=True, italic=True))
    return prompt


class ClaimList(OptionList):
    """Claims that pass the filter; it follows the reader's current passage."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="claims_down", show=False),
        Binding("k", "cursor_up", "Up", id="claims_up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Claims"
        self._ids: list[str] = []
        self._index: dict[str, int] = {}

    def show_claims(self, story: Story, palette: Palette, reach_filter: ReachFilter, noted: Collection[str]) -> None:
        claims = [c for c in story.claims if reach_filter.keeps(c.reach)]
        self._ids = [c.id for c in claims]
        self._index = {claim_id: n for n, claim_id in enumerate(self._ids)}
        options: list[Option | None] = []
        for claim in claims:
            if options:
                options.append(None)
            options.append(Option(claim_prompt(story, claim, palette, claim.id in noted), id=claim.id))
        self.set_options(options)
        self.border_subtitle = f"{len(claims)} of {len(story.claims)}"

    @property
    def claim_id(self) -> str | None:
        """The highlighted claim."""
        if self.highlighted is None or not self._ids:
            return None
        return self._ids[self.highlighted]

    def follow(self, claim_ids: Collection[str]) -> None:
        """Highlight the first listed claim among ``claim_ids`` (the current passage's)."""
        for claim_id in claim_ids:
            if claim_id in self._index:
                self.highlighted = self._index[claim_id]
                return

    def step(self, direction: int) -> str | None:
        """Highlight the next or previous claim; its id."""
        if not self._ids:
            return None
        current = self.highlighted if self.highlighted is not None else -direction
        self.highlighted = min(max(current + direction, 0), len(self._ids) - 1)
        return self.claim_id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ClaimChosen(event.option.id))
