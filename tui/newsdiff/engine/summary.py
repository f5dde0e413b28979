"""A one-line summary of a claim: the wording that best stands for all sources.

Writing new text would put words in the sources' mouths, so the summary is
one of the claim's own passages: the one whose content words overlap most
with the others' (the medoid), which is the wording the sources agree on
rather than one outlet's extra detail. Reporting sentences are preferred to
headlines and to sentences that are mostly quotation, because they state the
claim in the reporter's neutral voice. A dateline ("JAKARTA -") is skipped,
whitespace is collapsed and the text is cut at a word boundary, so the
summary fits one line of a list.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsdiff.engine.model import Passage, PassageKind
from newsdiff.engine.normalize import content_norms

SUMMARY_LENGTH = 100
"""Longest summary, in characters, the ellipsis included."""
_SAMPLE = 30
"""Passages each candidate is compared with in a large claim (evenly sampled)."""
_MOSTLY_QUOTED = 0.5
"""Share of a passage inside quotation marks above which it is quotation, not reporting."""


def representative(passages: Sequence[Passage], taken: Collection[str] = ()) -> Passage | None:
    """The passage whose wording best stands for the claim.

    ``taken`` holds the summaries other claims already have: a passage that
    supports two claims would give both the same summary, and so would an
    article that repeats a sentence word for word, and a reader could not
    tell the claims apart, so a passage with another summary is chosen when
    the claim has one.
    """
    content = [p for p in passages if p.is_content] or list(passages)
    content = [p for p in content if summary_of(p) not in taken] or content
    if not content:
        return None
    words = [_content_words(p) for p in content]
    sample = _evenly(range(len(content)), _SAMPLE)

    def centrality(i: int) -> float:
        return sum(_jaccard(words[i], words[j]) for j in sample if j != i)

    def rank(i: int) -> tuple[bool, float, int]:
        return (_is_reporting(content[i]), centrality(i), -i)

    return content[max(range(len(content)), key=rank)]


def summary_of(passage: Passage) -> str:
    """The summary a passage gives: its text past the dateline, shortened to one line."""
    return shorten(_content_text(passage))


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """``text`` with whitespace collapsed, cut at a word boundary with "…" if too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def _content_text(passage: Passage) -> str:
    """The passage text past its dateline."""
    start = passage.content_start if passage.content_start is not None else passage.start
    offset = min(max(start - passage.start, 0), len(passage.text))
    return passage.text[offset:] or passage.text


def _content_words(passage: Passage) -> frozenset[str]:
    return frozenset(content_norms(_content_text(passage)))


def _is_reporting(passage: Passage) -> bool:
    """Whether the passage is a body sentence in the reporter's own words."""
    quoted = sum(q.end - q.start for q in passage.quotes)
    return passage.kind is PassageKind.SENTENCE and quoted <= _MOSTLY_QUOTED * max(len(passage.text), 1)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _evenly(indices: range, count: int) -> list[int]:
    if len(indices) <= count:
        return list(indices)
    step = len(indices) / count
    return [indices[int(i * step)] for i in range(count)]
