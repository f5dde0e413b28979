"""The help screen: every binding, grouped by where it works."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdiff.app.keys import KeyHelp


def help_table(rows: Sequence[KeyHelp]) -> Table:
    """A table of keys; a context's name heads its first row."""
    table = Table(box=None, show_header=True, expand=True, pad_edge=False)
    table.add_column("Where", style=Style(dim=True), no_wrap=True)
    table.add_column("Keys", style=Style(bold=True), no_wrap=True)
    table.add_column("Does")
    table.add_column("Binding id", style=Style(dim=True), no_wrap=True)
    previous = None
    for row in rows:
        where = row.context if row.context != previous else ""
        previous = row.context
        table.add_row(Text(where), Text(" ".join(row.keys)), Text(row.description), Text(row.binding_id or ""))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="close_help")]

    def __init__(self, rows: Sequence[KeyHelp], legend: Text) -> None:
        super().__init__()
        self.rows = rows
        self.legend = legend

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = Content("Keys")
            dialog.border_subtitle = Content("rebind in config.toml: [keys] binding_id = \"key\"")
            yield Static(self.legend, id="help-legend")
            yield Static(help_table(self.rows), id="help-table")
