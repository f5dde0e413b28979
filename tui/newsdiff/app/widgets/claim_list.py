"""The claims panel: every claim, who reports it, and how widely.

It lists the claims of the article being read in its reading order, then
the claims that article leaves out, so following the reader's scroll walks
down the list. The order is worked out once per article and kept.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsdiff.app.filters import ReachFilter
from newsdiff.app.messages import ClaimChosen
from newsdiff.app.palette import FLAG_GLYPH, NOTE_GLYPH, Palette
from newsdiff.engine.model import Claim, Story

MAX_DOTS = 12
"""Beyond this many articles the dots would not fit: only the count is shown."""
MAX_NAMES = 3
NOT_HERE = "✗ not in this article"


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


def absent_sources(story: Story, article_ids: Collection[str]) -> list[str]:
    """Names of the story's sources, in story order, whose article is not among ``article_ids``."""
    return [a.source for a in story.articles if a.id not in article_ids]


def reading_order(story: Story, article_id: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The article's claims as it reports them, and the story's other claims in story order."""
    here: dict[str, None] = {}
    if article_id is not None:
        for passage in story.passages_of(article_id):
            here.update((claim.id, None) for claim in story.claims_of(passage.id))
    return tuple(here), tuple(c.id for c in story.claims if c.id not in here)


def claim_prompt(story: Story, claim: Claim, palette: Palette, noted: bool, *, missing: bool = False) -> Text:
    """A claim's row: support, reach, summary and sources, as plain text.

    ``missing`` marks a claim the article being read does not report.
    """
    prompt = Text(end="")
    prompt.append(support_dots(story, claim), style=palette.reach(claim.reach) + Style(bold=True))
    prompt.append(f"  {claim.reach.value}", style=Style(dim=True))
    if claim.flags:
        prompt.append(f"  {FLAG_GLYPH}{len(claim.flags)}", style=palette.differs)
    if noted:
        prompt.append(f" {NOTE_GLYPH}", style=palette.note)
    if missing:
        prompt.append(f"  {NOT_HERE}", style=Style(italic=True, bold=True))
    prompt.append("\n")
    prompt.append(claim.summary)
    prompt.append("\n")
    prompt.append(source_names(story, claim), style=Style(dim=True, italic=True))
    return prompt


class ClaimList(OptionList):
    """Claims that pass the filter, the current article's first; it follows the reader."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="claims_down", show=False),
        Binding("k", "cursor_up", "Up", id="claims_up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Claims"
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._orders: dict[str | None, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._story: Story | None = None

    def show_claims(
        self, story: Story, palette: Palette, reach_filter: ReachFilter, noted: Collection[str], article_id: str | None
    ) -> None:
        """List the claims passing the filter: ``article_id``'s in its order, then the rest."""
        if story is not self._story:
            self._story, self._orders = story, {}
        if article_id not in self._orders:
            self._orders[article_id] = reading_order(story, article_id)
        here_ids, elsewhere_ids = self._orders[article_id]
        here = [c for c in map(story.claim, here_ids) if reach_filter.keeps(c.reach)]
        elsewhere = [c for c in map(story.claim, elsewhere_ids) if reach_filter.keeps(c.reach)]
        self._ids = [c.id for c in here + elsewhere]
        self._index = {claim_id: n for n, claim_id in enumerate(self._ids)}
        options: list[Option | None] = []
        for number, claim in enumerate(here + elsewhere):
            if options:
                options.append(None)
            missing = article_id is not None and number >= len(here)
            options.append(Option(claim_prompt(story, claim, palette, claim.id in noted, missing=missing), id=claim.id))
        self.set_options(options)
        shown = f"{len(here)} here · {len(elsewhere)} elsewhere" if article_id is not None else f"{len(here + elsewhere)}"
        self.border_subtitle = f"{shown} of {len(story.claims)}"

    @property
    def claim_id(self) -> str | None:
        """The highlighted claim."""
        if self.highlighted is None or not self._ids:
            return None
        return self._ids[self.highlighted]

    def follow(self, claim_ids: Collection[str]) -> None:
        """Highlight the claim among ``claim_ids`` (the current passage's) nearest the highlighted one.

        Reading on, a passage's new claim is just below the highlight, while
        one it shares with an earlier passage is far above: taking the
        nearest keeps the highlight walking down the list with the reader,
        not jumping back and forth, and leaves ``}`` on the claim it chose.
        """
        listed = [self._index[claim_id] for claim_id in claim_ids if claim_id in self._index]
        if not listed:
            return
        current = self.highlighted
        self._highlight(listed[0] if current is None else min(listed, key=lambda index: abs(index - current)))

    def step(self, direction: int) -> str | None:
        """Highlight the next or previous claim; its id."""
        if not self._ids:
            return None
        current = self.highlighted if self.highlighted is not None else -direction
        self._highlight(min(max(current + direction, 0), len(self._ids) - 1))
        return self.claim_id

    def _highlight(self, index: int) -> None:
        """Move the highlight, repainting only the two options it leaves and reaches.

        Setting ``highlighted`` repaints every line of the panel, on every
        step of the reader; this does what its watcher does (bring the
        option into view, announce it) and repaints just those options,
        unless the list had to scroll.
        """
        previous = self.highlighted
        if index == previous or not self.is_mounted or index not in self._index_to_line:
            self.highlighted = index
            return
        self.set_reactive(ClaimList.highlighted, index)
        if not self._bring_into_view(index):
            for option in (previous, index):
                if option is not None:
                    self.refresh_lines(self._index_to_line[option], self._heights[option])
        self.post_message(self.OptionHighlighted(self, self.options[index], index))

    def _bring_into_view(self, index: int) -> bool:
        """Scroll so option ``index`` shows; whether the list scrolled.

        An option below the view goes to the top, one above it to the
        bottom: following the reader down then scrolls once a screenful of
        claims (showing the ones to come), not at every step. An option
        taller than the view (a small terminal) always shows its first
        lines, where its support and sources are.
        """
        first = self._index_to_line[index]
        last = first + self._heights[index] - 1
        top, height = round(self.scroll_y), max(self.scrollable_content_region.height, 1)
        if first >= top and last < top + height:
            return False
        target = first if first > top or last - first + 1 > height else last - height + 1
        self.scroll_to(y=max(min(target, self.max_scroll_y), 0), animate=False, immediate=True)
        return round(self.scroll_y) != top

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ClaimChosen(event.option.id))
