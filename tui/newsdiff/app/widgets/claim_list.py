"""The claims panel: every claim, who reports it, and how widely.

It lists the claims of the article being read in its reading order, then
the claims that article leaves out, so following the reader's scroll walks
down the list. The order is worked out once per article and kept.

It is drawn with the Line API like the reader, not as an ``OptionList``: on
a story of 41,000 claims (one 5 MB article), opening an article took 12.3 s
in this panel alone, 9.5 s of it in ``OptionList.set_options`` laying out
every option to learn its height and 2.7 s building every row's styled text.
A row's height depends on its claim and the width only, never on the order
or the filter, so it is worked out once per story, width and claim, by
wrapping the summary and the sources as offsets (``wrap_offsets``). Opening
an article or changing the filter then only puts ids in order and adds
their heights up; a row becomes styled text when one of its lines is painted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click, Leave, MouseEvent, MouseMove, Resize
from textual.geometry import Size
from textual.strip import Strip

from newsdiff.app.filters import ReachFilter
from newsdiff.app.messages import ClaimChosen
from newsdiff.app.palette import FLAG_GLYPH, NOTE_GLYPH, Palette, palette_for
from newsdiff.app.shown import shown_content
from newsdiff.app.text_layout import printable, wrap_offsets
from newsdiff.app.widgets.painted_lines import PaintedLines
from newsdiff.engine.model import Claim, Story
from newsdiff.shown_text import ShownText

MAX_DOTS = 12
"""Beyond this many articles the dots would not fit: only the count is shown."""
MAX_NAMES = 3
NOT_HERE = "✗ not in this article"
NOT_HERE_SHORT = "✗ not here"
"""``NOT_HERE`` where the header would be cut: with many articles the dots take the room (and its glyph alone
where even this would be)."""
NO_MATCH_HERE = "? no match found in this article"
"""For a claim the article may report in other words: the matcher found no passage, but one comes near."""
NO_MATCH_HERE_SHORT = "? no match here"
SOURCES_STYLE = Style(dim=True, italic=True)
ROW_INSET = 1
"""Cells of a row's background either side of its text, so a highlighted row's text never touches its edge."""
KEPT_WIDTHS = 4
"""Widths whose row heights are kept: the wide layout's panel, the compact one's, a resize or two."""


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


def reading_order(story: Story, article_id: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The article's claims as it reports them, and the story's other claims in story order."""
    here: dict[str, None] = {}
    if article_id is not None:
        for passage in story.passages_of(article_id):
            here.update((claim.id, None) for claim in story.claims_of(passage.id))
    return tuple(here), tuple(c.id for c in story.claims if c.id not in here)


def kept(story: Story, claim_ids: Sequence[str], reach_filter: ReachFilter) -> tuple[str, ...]:
    """The claims among ``claim_ids`` that pass the filter, in the same order."""
    return tuple(claim_id for claim_id in claim_ids if reach_filter.keeps(story.claim(claim_id).reach))


def claim_header(
    story: Story,
    claim: Claim,
    palette: Palette,
    noted: bool,
    *,
    missing: bool = False,
    near: bool = False,
    width: int | None = None,
) -> Text:
    """A row's first line: support, reach, disagreements, a note mark.

    ``missing`` marks a claim the article being read does not report, in
    words short enough for ``width`` cells where the full words would be cut;
    ``near`` says that a passage of the article comes near it ("no match
    found"), so the engine is not sure the article leaves it out.
    """
    header = ShownText(end="")
    header.append(support_dots(story, claim), style=palette.reach(claim.reach) + Style(bold=True))
    header.append(f"  {claim.reach.value}", style=Style(dim=True))
    if claim.flags:
        header.append(f"  {FLAG_GLYPH}{len(claim.flags)}", style=palette.differs)
    if noted:
        header.append(f" {NOTE_GLYPH}", style=palette.note)
    if missing:
        words = (NO_MATCH_HERE, NO_MATCH_HERE_SHORT) if near else (NOT_HERE, NOT_HERE_SHORT)
        # The glyph alone (its words are in the help) where even the short words would be cut.
        said = next((w for w in words if width is None or header.cell_len + 2 + cell_len(w) <= width), words[1][0])
        header.append(f"  {said}", style=Style(italic=True, bold=True))
    return header


def wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` broken into lines at most ``width`` cells wide, as ``wrap_offsets`` breaks it.

    Most source lists, and many summaries in a wide panel, fit on one line:
    measuring them spares walking them word by word, which is most of
    the cost of laying out tens of thousands of rows.
    """
    if "\n" not in text and cell_len(text) <= width:
        return (text,)
    return tuple(text[start:end].rstrip() for start, end in wrap_offsets(text, 0, len(text), width))


@dataclass(frozen=True)
class RowBody:
    """A row's lines below its header at one width: the summary's, then the sources'."""

    summary: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def height(self) -> int:
        """Lines of the whole row, the header included."""
        return 1 + len(self.summary) + len(self.sources)

    def line(self, number: int) -> Text:
        """Body line ``number`` (0 is the summary's first), styled."""
        if number < len(self.summary):
            return ShownText(self.summary[number], end="")
        return ShownText(end="").append(self.sources[number - len(self.summary)], style=SOURCES_STYLE)


def row_body(story: Story, claim: Claim, width: int) -> RowBody:
    """The claim's summary and its reporting sources, each wrapped at ``width``."""
    return RowBody(wrap(printable(claim.summary), width), wrap(printable(source_names(story, claim)), width))


@dataclass(frozen=True)
class Listing:
    """The claims listed, in order: the ``reported`` ones the article reports, then the ones it leaves out."""

    ids: tuple[str, ...] = ()
    reported: int = 0
    article_id: str | None = None
    index: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, here: tuple[str, ...], elsewhere: tuple[str, ...], article_id: str | None) -> Listing:
        ids = here + elsewhere
        return cls(ids, len(here), article_id, {claim_id: row for row, claim_id in enumerate(ids)})

    def missing(self, row: int) -> bool:
        """Whether row ``row`` is a claim the article being read leaves out."""
        return self.article_id is not None and row >= self.reported


@dataclass(frozen=True)
class RowLayout:
    """The listed rows at one width: each one's first line and height; a separator line follows all but the last."""

    starts: tuple[int, ...] = ()
    heights: tuple[int, ...] = ()

    @classmethod
    def of(cls, heights: Sequence[int]) -> RowLayout:
        starts = tuple(accumulate((height + 1 for height in heights), initial=0))[:-1]
        return cls(starts, tuple(heights))

    @property
    def line_count(self) -> int:
        return self.starts[-1] + self.heights[-1] if self.heights else 0

    def row_at(self, line: int) -> int:
        """The row that shows ``line``, or whose separator it is."""
        return bisect_right(self.starts, line) - 1

    def lines(self, row: int) -> range:
        """The lines row ``row`` takes, its separator left out."""
        return range(self.starts[row], self.starts[row] + self.heights[row])


class ClaimList(PaintedLines, can_focus=True):
    """Claims that pass the filter, the current article's first; it follows the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Select", show=False),
        Binding("j", "move(1)", "Down", id="claims_down", show=False),
        Binding("k", "move(-1)", "Up", id="claims_up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"claim-list--highlighted", "claim-list--hover", "claim-list--separator"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cache_size=256, id=id)
        self.border_title = shown_content("Claims")
        self._story: Story | None = None
        self._palette = palette_for(dark=True)
        self._noted: Collection[str] = frozenset()
        self._orders: dict[str | None, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._heights_by_width: LRUCache[int, dict[str, int]] = LRUCache(KEPT_WIDTHS)
        self._listing = Listing()
        self._rows = RowLayout()
        self._width = 0
        self._highlighted: int | None = None
        self._hovered: int | None = None

    # -- what is listed --------------------------------------------------

    def show_claims(
        self, story: Story, palette: Palette, reach_filter: ReachFilter, noted: Collection[str], article_id: str | None
    ) -> None:
        """List the claims passing the filter: ``article_id``'s in its order, then the rest, from the top."""
        if story is not self._story:
            self._story, self._orders = story, {}
            self._heights_by_width.clear()
        if article_id not in self._orders:
            self._orders[article_id] = reading_order(story, article_id)
        here_ids, elsewhere_ids = self._orders[article_id]
        here, elsewhere = kept(story, here_ids, reach_filter), kept(story, elsewhere_ids, reach_filter)
        self._listing = Listing.of(here, elsewhere, article_id)
        self._palette, self._noted = palette, noted
        self._highlighted = self._hovered = None
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)
        shown = (
            f"{len(here)} here · {len(elsewhere)} elsewhere" if article_id is not None else f"{len(self._listing.ids)}"
        )
        self.border_subtitle = shown_content(f"{shown} of {len(story.claims)}")

    def await_claims(self) -> None:
        """List nothing until the analysis is done: the claims of another story must not stand beside this one."""
        self._story, self._orders = None, {}
        self._heights_by_width.clear()
        self._listing = Listing()
        self._highlighted = self._hovered = None
        self._relayout()
        self.border_subtitle = shown_content("matching…")

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The listed claims, top to bottom."""
        return self._listing.ids

    @property
    def highlighted(self) -> int | None:
        """The highlighted row."""
        return self._highlighted

    @property
    def claim_id(self) -> str | None:
        """The highlighted claim."""
        return None if self._highlighted is None else self._listing.ids[self._highlighted]

    def row_lines(self, row: int) -> range:
        """The lines (from the top of the list) that row ``row`` takes."""
        return self._rows.lines(row)

    # -- layout ----------------------------------------------------------

    def _text_width(self) -> int:
        return self.scrollable_content_region.width - 2 * ROW_INSET

    def _relayout(self) -> None:
        """Lay the listed rows out at the current width; only claims new to this width are wrapped."""
        width = self._text_width()
        if self._story is None or width <= 0:
            self._rows, self._width = RowLayout(), 0
        else:
            self._rows, self._width = RowLayout.of(self._row_heights(self._story, width)), width
        self._painted.clear()
        self.set_content_size(Size(self.scrollable_content_region.width, self._rows.line_count))
        self.refresh()

    def _row_heights(self, story: Story, width: int) -> list[int]:
        """The listed rows' heights at ``width``, from the heights kept for that width."""
        heights = self._heights_by_width.get(width)
        if heights is None:
            heights = self._heights_by_width[width] = {}
        for claim_id in self._listing.ids:
            if claim_id not in heights:
                heights[claim_id] = row_body(story, story.claim(claim_id), width).height
        return [heights[claim_id] for claim_id in self._listing.ids]

    def on_resize(self, event: Resize) -> None:
        """Re-wrap when the width changed, the highlighted row then at the top; keep it in view either way."""
        rewrapped = self._text_width() != self._width
        if rewrapped:
            self._relayout()
        if self._highlighted is not None:
            self._bring_into_view(self._highlighted, top=rewrapped)

    def notify_style_update(self) -> None:
        """Forget the painted lines: focus tints the panel and recolours the highlight, a theme every colour."""
        super().notify_style_update()
        self._painted.clear()
        self.refresh()

    # -- the highlight -----------------------------------------------------

    def follow(self, claim_ids: Collection[str]) -> None:
        """Highlight the claim among ``claim_ids`` (the current passage's) nearest the highlighted one.

        Reading on, a passage's new claim is just below the highlight, while
        one it shares with an earlier passage is far above: taking the
        nearest keeps the highlight walking down the list with the reader,
        not jumping back and forth, and leaves ``}`` on the claim it chose.
        """
        index = self._listing.index
        listed = [index[claim_id] for claim_id in claim_ids if claim_id in index]
        if not listed:
            return
        current = self._highlighted
        self._highlight(listed[0] if current is None else min(listed, key=lambda row: abs(row - current)))

    def step(self, direction: int, wanted: Callable[[str], bool] | None = None) -> str | None:
        """Highlight the next or previous claim, or the nearest one that way that ``wanted`` accepts; its id.

        Plain steps stop at either end of the list; a wanted claim that is
        not there that way gives ``None`` and leaves the highlight alone.
        """
        ids = self._listing.ids
        if not ids:
            return None
        if wanted is None:
            current = self._highlighted if self._highlighted is not None else -direction
            self._highlight(min(max(current + direction, 0), len(ids) - 1))
            return self.claim_id
        start = self._highlighted if self._highlighted is not None else (-1 if direction > 0 else len(ids))
        ahead = range(start + 1, len(ids)) if direction > 0 else range(start - 1, -1, -1)
        row = next((row for row in ahead if wanted(ids[row])), None)
        if row is None:
            return None
        self._highlight(row)
        return self.claim_id

    def _highlight(self, row: int) -> None:
        """Move the highlight, repainting only the two rows it leaves and reaches.

        Scrolling them into view repaints the whole panel anyway; either
        way their painted lines are stale.
        """
        previous, self._highlighted = self._highlighted, row
        if row != previous:
            self._bring_into_view(row)
            self._repaint_rows(previous, row)

    def _repaint_rows(self, *rows: int | None) -> None:
        """Paint these rows again; rows not laid out yet (no width so far) have nothing painted."""
        for row in rows:
            if row is None or row >= len(self._rows.heights):
                continue
            lines = self._rows.lines(row)
            for line in lines:
                self._painted.discard(line)
            self.refresh_lines(lines.start, len(lines))

    def _bring_into_view(self, row: int, *, top: bool = False) -> None:
        """Scroll so row ``row`` shows (at the top with ``top``).

        A row below the view goes to the top, one above it to the bottom:
        following the reader down then scrolls once a screenful of claims
        (showing the ones to come), not at every step. A row taller than
        the view (a small terminal) always shows its first lines, where its
        support and summary are.
        """
        if row >= len(self._rows.heights):
            return
        lines = self._rows.lines(row)
        first, last = lines.start, lines.stop - 1
        shown, height = round(self.scroll_y), max(self.scrollable_content_region.height, 1)
        if not top and first >= shown and last < shown + height:
            return
        target = first if top or first > shown or len(lines) > height else last - height + 1
        self.scroll_to(y=max(min(target, self.max_scroll_y), 0), animate=False, immediate=True)

    # -- keys and the mouse --------------------------------------------------

    def action_move(self, direction: int) -> None:
        self.step(direction)

    def action_first(self) -> None:
        if self._listing.ids:
            self._highlight(0)

    def action_last(self) -> None:
        if self._listing.ids:
            self._highlight(len(self._listing.ids) - 1)

    def action_page(self, direction: int) -> None:
        """Highlight the row just past the bottom (or top) of the view: it shows at the far edge.

        A row below the view goes to the top and one above it to the
        bottom, so each press shows the next screenful, with no line
        skipped. Where that row is the highlighted one (a row taller than
        the view), the next row is taken instead.
        """
        rows = self._rows
        if not rows.heights:
            return
        top = round(self.scroll_y)
        if direction > 0:
            line = min(top + max(self.scrollable_content_region.height, 1), rows.line_count - 1)
            target = rows.row_at(line)
            if line >= rows.lines(target).stop:
                target += 1  # the line is a separator: the next screenful starts below it
        else:
            target = rows.row_at(max(top - 1, 0))
        if target == self._highlighted:
            target = min(max(target + direction, 0), len(rows.heights) - 1)
        self._highlight(target)

    def action_select(self) -> None:
        """Open the highlighted claim."""
        if self.claim_id is not None:
            self.post_message(ClaimChosen(self.claim_id))

    def on_click(self, event: Click) -> None:
        """Highlight the row clicked and open its claim, as enter would."""
        row = self._row_under(event)
        if row is not None:
            self._highlight(row)
            self.action_select()

    def on_mouse_move(self, event: MouseMove) -> None:
        self._hover(self._row_under(event))

    def on_leave(self, event: Leave) -> None:
        self._hover(None)

    def _row_under(self, event: MouseEvent) -> int | None:
        """The row under the mouse (a separator counts as the row above it), if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return self._rows.row_at(line) if 0 <= line < self._rows.line_count else None

    def _hover(self, row: int | None) -> None:
        previous, self._hovered = self._hovered, row
        if row != previous:
            self._repaint_rows(previous, row)

    # -- painting ------------------------------------------------------------

    def line_count(self) -> int:
        return self._rows.line_count

    def paint_line(self, index: int, base: Style) -> Strip:
        rows, width = self._rows, self._paint_width
        row = rows.row_at(index)
        number = index - rows.starts[row]
        if number == rows.heights[row]:
            separator = self.get_visual_style("claim-list--separator").rich_style
            return Strip([Segment("─" * width, separator)], width)
        style = self._row_style(row, base)
        text = self._row_line(row, number)
        text.truncate(self._width, overflow="crop")
        segments = [Segment(" " * ROW_INSET), *text.render(self.app.console)]
        # The row's style goes under the spans, not on the text: ``Text.render`` drops it from text without spans.
        strip = Strip(segments, ROW_INSET + text.cell_len).apply_style(style)
        return strip.crop_extend(0, width, style)

    def _row_style(self, row: int, base: Style) -> Style:
        """The highlighted row's style, the hovered one's, or the panel's."""
        if row == self._highlighted:
            return self.get_visual_style("claim-list--highlighted").rich_style
        if row == self._hovered:
            return self.get_visual_style("claim-list--hover").rich_style
        return base

    def _row_line(self, row: int, number: int) -> Text:
        """Line ``number`` of row ``row``: its header (cropped to the width, never wrapped), then its body."""
        assert self._story is not None
        story, claim = self._story, self._story.claim(self._listing.ids[row])
        if number == 0:
            missing = self._listing.missing(row)
            article_id = self._listing.article_id
            near = missing and article_id is not None and story.near_miss(claim.id, article_id) is not None
            return claim_header(
                story, claim, self._palette, claim.id in self._noted, missing=missing, near=near, width=self._width
            )
        return row_body(story, claim, self._width).line(number - 1)
