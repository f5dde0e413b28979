"""The analysis progress line, shown until the story is ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from newsdiff.app.shown import shown_content


class AnalysisStatus(Horizontal):
    """What the analysis is doing and how far it got."""

    def compose(self) -> ComposeResult:
        yield Label(shown_content("Reading the articles…"), id="analysis-message")
        yield ProgressBar(total=1.0, show_eta=False, id="analysis-bar")

    def show_progress(self, message: str, share: float) -> None:
        self.query_one("#analysis-message", Label).update(shown_content(message))
        self.query_one("#analysis-bar", ProgressBar).update(progress=min(max(share, 0.0), 1.0))

    def show_failure(self, reason: str) -> None:
        self.query_one("#analysis-message", Label).update(shown_content(reason))
        self.query_one("#analysis-bar", ProgressBar).display = False
        self.add_class("-failed")
