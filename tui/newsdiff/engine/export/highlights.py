"""Cut an article's text into runs that a document can style one by one.

Every export shows the same highlights (which passages all / some / one
source report, which words differ), so the cutting happens once, here, on
exact article offsets; each renderer only decides how a run looks.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff.engine.model import Article, Passage, Reach, Span, Story


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch ``[start, end)`` of article text that is styled one way throughout."""

    start: int
    end: int
    passage: Passage | None
    """The passage the run lies in; ``None`` for text between passages."""
    reach: Reach | None
    """The passage's widest reach; ``None`` between passages and for boilerplate."""
    differs: bool = False
    """Whether these words are worded differently by the other sources."""

    @property
    def is_boilerplate(self) -> bool:
        return self.passage is not None and not self.passage.is_content


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one passage, marked when the other sources word it differently."""

    start: int
    end: int
    differs: bool


def article_runs(story: Story, article: Article, *, with_differences: bool = True) -> tuple[Run, ...]:
    """Runs that cover the whole article text in order, gaps included.

    With ``with_differences`` a passage is split further at the words the
    other sources word differently; without it each passage is one run.
    """
    runs: list[Run] = []
    position = 0
    for passage in sorted(story.passages_of(article.id), key=lambda p: p.start):
        if passage.start < position:
            continue
        if passage.start > position:
            runs.append(Run(position, passage.start, None, None))
        reach = story.reach_of(passage.id) if passage.is_content else None
        spans = story.differs_in(passage.id) if with_differences else ()
        runs.extend(
            Run(piece.start, piece.end, passage, reach, piece.differs) for piece in passage_pieces(passage, spans)
        )
        position = passage.end
    if position < len(article.text):
        runs.append(Run(position, len(article.text), None, None))
    return tuple(runs)


def passage_pieces(passage: Passage, spans: tuple[Span, ...]) -> tuple[Piece, ...]:
    """Split a passage at the given spans (article offsets), clipped to the passage.

    Overlapping or out-of-order spans are tolerated: each character is marked
    at most once, so the pieces always add up to exactly the passage.
    """
    pieces: list[Piece] = []
    position = passage.start
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start = max(span.start, position)
        end = min(span.end, passage.end)
        if start >= end:
            continue
        if start > position:
            pieces.append(Piece(position, start, False))
        pieces.append(Piece(start, end, True))
        position = end
    if position < passage.end or not pieces:
        pieces.append(Piece(position, passage.end, False))
    return tuple(pieces)
