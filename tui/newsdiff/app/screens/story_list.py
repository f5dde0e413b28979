"""The story list: what a pile of articles about several events opens on.

Each row is one story found in the pile (``engine.stories``): its headline,
then how many articles and outlets report it and their date span, biggest
story first. ``enter`` opens the story; from the story, ``esc`` comes back
here. Headlines and outlet names are article text, so they reach the screen
as ``Text`` objects, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.engine.export.stories_list import story_counts
from newsdiff.engine.stories import PileStory
from newsdiff.shown_text import ShownText

MAX_OUTLETS_SHOWN = 4
_KEEP_SPACE = "\u00a0"
"""No-break space: an option's prompt loses ordinary spaces at the start of a line, and with them the alignment."""


class StoryListScreen(Screen[PileStory]):
    """Pick one story of a pile; the screen is dismissed with the story picked."""

    DEFAULT_CSS = """
    StoryListScreen #story-list-header { height: 1; padding: 0 1; }
    StoryListScreen #story-list { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_story", "Open story", id="open_story"),
        Binding("j", "move(1)", "Down", id="stories_down", show=False),
        Binding("k", "move(-1)", "Up", id="stories_up", show=False),
    ]

    def __init__(self, stories: Sequence[PileStory], current: int | None = None) -> None:
        super().__init__()
        self.stories = tuple(stories)
        self.current = current

    def compose(self) -> ComposeResult:
        total = sum(len(story.articles) for story in self.stories)
        yield Static(
            ShownText(f"{len(self.stories)} stories in {total} articles · biggest first · enter opens one"),
            id="story-list-header",
        )
        width = len(str(len(self.stories)))
        yield OptionList(*(Option(_row(story, width), id=str(story.id)) for story in self.stories), id="story-list")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [story.id for story in self.stories]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_open_story(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.stories[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.stories[event.option_index])


def _row(story: PileStory, width: int) -> ShownText:
    """Two lines: the headline in bold, then counts, dates and the first outlets, dimmed."""
    outlets = ", ".join(story.sources[:MAX_OUTLETS_SHOWN])
    if len(story.sources) > MAX_OUTLETS_SHOWN:
        outlets += f" and {len(story.sources) - MAX_OUTLETS_SHOWN} more"
    indent = _KEEP_SPACE * (width + 2)
    row = ShownText()
    row.append(f"{story.id:{_KEEP_SPACE}>{width}}{_KEEP_SPACE * 2}", style="bold")
    row.append(story.title or "(no headline)", style="bold")
    row.append(f"\n{indent}{story_counts(story)} · {outlets}", style="dim")
    return row
