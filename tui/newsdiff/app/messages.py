"""Messages the app's widgets send each other (and the analysis worker sends the app)."""

from __future__ import annotations

from textual.message import Message

from newsdiff.engine.model import Article, Passage, Story


class PassageChanged(Message):
    """The reader's current passage moved (cursor or top of the viewport)."""

    def __init__(self, passage: Passage | None) -> None:
        super().__init__()
        self.passage = passage


class AnalysisPending(Message):
    """A key that needs the finished analysis was pressed before it was ready."""


class ArticleChosen(Message):
    """The user picked an article to read."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id


class PassageClaimWanted(Message):
    """The user asked for the claim of the reader's passage (enter in the reader).

    The reader does not choose which claim: a passage can be in several, and
    the claims panel may have been stepped to one (``}``, ``d``) that this
    article leaves out; the screen, which knows the panel, decides.
    """

    def __init__(self, passage: Passage | None) -> None:
        super().__init__()
        self.passage = passage


class ClaimChosen(Message):
    """The user opened a claim (enter or click in the claims panel)."""

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id


class AnalysisProgress(Message):
    """The analysis worker's progress: a short message and the share done."""

    def __init__(self, message: str, share: float) -> None:
        super().__init__()
        self.message = message
        self.share = share

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress matters, so floods of updates merge."""
        return isinstance(message, AnalysisProgress)


class ArticlesSplit(Message):
    """The analysis worker split the articles into passages; matching them is still to come."""

    def __init__(self, articles: tuple[Article, ...], passages: tuple[Passage, ...]) -> None:
        super().__init__()
        self.articles = articles
        self.passages = passages


class AnalysisDone(Message):
    """The analysis worker finished with a story."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story


class AnalysisFailed(Message):
    """The analysis worker stopped: ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class MainScreenReady(Message):
    """The main screen is composed: the app may show a story on it or start analysing."""
