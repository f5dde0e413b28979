"""The compare strip: how every other source reports the current passage's claim."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsdiff.app.palette import REACH_GLYPHS, Palette
from newsdiff.engine.model import Passage, Story


def passage_text(story: Story, passage: Passage, palette: Palette) -> Text:
    """A passage's words with the ones that differ from the other sources marked."""
    text = Text(passage.text.replace("\n", " "), end="")
    for span in story.differs_in(passage.id):
        text.stylize(palette.differs, span.start - passage.start, span.end - passage.start)
    return text


def compare_lines(story: Story, passage: Passage | None, palette: Palette) -> Text:
    """One line per other article: its wording of the same claim, or that it has none."""
    if not story.comparable:
        return Text("Nothing to compare: this story has one article.", style=Style(italic=True))
    if passage is None:
        return Text("Move to a passage to see how the other sources report it.", style=Style(dim=True))
    claims = story.claims_of(passage.id)
    if not claims:
        return Text("Boilerplate: not part of the story, not compared.", style=palette.boilerplate)
    claim_passages = [story.passage(pid) for claim in claims for pid in claim.passage_ids]
    lines = Text(end="")
    for article in story.articles:
        if article.id == passage.article_id:
            continue
        theirs = [p for p in claim_passages if p.article_id == article.id]
        if lines:
            lines.append("\n")
        reach = story.reach_of(theirs[0].id) if theirs else None
        lines.append(REACH_GLYPHS[reach] if theirs else "✗", style=palette.reach(reach) if theirs else Style(bold=True))
        lines.append(" ")
        lines.append(article.source, style=Style(bold=True))
        lines.append(": ")
        if not theirs:
            lines.append("does not report this.", style=Style(italic=True, dim=True))
            continue
        for number, theirs_passage in enumerate(dict.fromkeys(theirs)):
            if number:
                lines.append(" … ", style=Style(dim=True))
            lines.append_text(passage_text(story, theirs_passage, palette))
    return lines


class CompareStrip(VerticalScroll, can_focus=False):
    """Other sources' wording of the claim under the reader's cursor (scrolls when long)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Other sources"

    def compose(self) -> ComposeResult:
        yield Static(id="compare-lines")

    def show_passage(self, story: Story, passage: Passage | None, palette: Palette) -> None:
        self.query_one("#compare-lines", Static).update(compare_lines(story, passage, palette))
        self.scroll_home(animate=False)
