"""Sort a pile of articles about several events into stories, one event each.

A folder of 200 articles about 18 events read as one story would be 2,500
claims and "not found in" lists of 180 sites: the matcher compares articles
about one event. ``group_stories`` splits a pile first. Each article becomes a
TF-IDF vector of its event words (``pile_terms``: furniture left out, headline,
names and numbers counted more); articles group by average linkage on the
cosine of those vectors (``linkage``), stopped at ``THRESHOLD``.

Scale: vectors are hashed into ``DIMENSIONS`` columns (the "hashing trick",
with a sign per word so collisions cancel on average), so a pile of 10,000
articles is a dense 10,000 × 4,096 float32 matrix (160 MB) whatever its
vocabulary. Average linkage only merges groups that have a pair of articles
at least ``THRESHOLD`` apart, so the pile is first cut into the connected
parts of the graph of such pairs (found block by block) and each part is
clustered alone: the result is the same as clustering the whole pile, in
memory that grows with the largest part, not with the pile squared. An
article left alone then joins the story it is most like if its mean cosine
to it reaches ``ATTACH`` (``attach_loners``).

``THRESHOLD`` and ``ATTACH`` come from cross-validation across the topics of
the shared ECB/ECB+ corpus (``tests/benchmarks/eval_stories.py``, which also
reports the held-out scores): the folds pick 0.26–0.28 and 0.14; of the two
thresholds the lower is kept, since a folder about one event should stay one
story. A pile is read as several stories only when at least two of them have
``MIN_ARTICLES_A_STORY`` articles, so a folder about one event whose grouping
splits off a brief stays one: 63 of the 68 event folders open as one story
(58 without that rule).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from newsdiff.engine.linkage import average_linkage
from newsdiff.engine.model import Article
from newsdiff.engine.pile_terms import headline_of, pile_terms

THRESHOLD = 0.26
"""Mean cosine at which two groups of articles are one story."""
DIMENSIONS = 4096
"""Columns of the hashed vectors: enough that hash collisions move a cosine by about 0.01."""
ATTACH = 0.14
"""Mean cosine at which an article left alone joins the story it is most like (``attach_loners``)."""
PRIOR_DOCUMENTS = 1000
"""Documents added to the pile's count when weighting rare words, so that in a small pile about one
event its shared words still weigh: idf = log((n + PRIOR) / (df + 1)) + 1."""
MIN_ARTICLES_A_STORY = 3
"""A pile is several stories only when at least two of them have this many articles (``group_stories``)."""
_BLOCK_ROWS = 1024

Progress = Callable[[str, float], None]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PileStory:
    """One event's articles found in a pile, with what a list of stories shows of them."""

    id: int
    """1 for the biggest story, then by size (ties: the story whose first article comes first)."""
    title: str
    """The headline of the article most like the others of the story."""
    articles: tuple[Article, ...]
    """In the order they were given."""
    sources: tuple[str, ...]
    """Distinct outlet names, in the order of the articles."""
    first_date: str | None = None
    last_date: str | None = None
    """The span of the articles' dates (ISO ``YYYY-MM-DD``), when they have any."""


def group_stories(
    articles: Sequence[Article],
    *,
    threshold: float = THRESHOLD,
    attach: float = ATTACH,
    progress: Progress | None = None,
) -> tuple[PileStory, ...]:
    """The stories of ``articles``, biggest first; every article is in exactly one."""
    if not articles:
        return ()
    report = progress or _silent
    report("Reading what each article reports", 0.0)
    vectors = story_vectors([pile_terms(article) for article in articles])
    report("Sorting articles into stories", 0.5)
    groups = story_groups(vectors, threshold=threshold, attach=attach)
    groups.sort(key=lambda group: (-len(group), group[0]))
    report("Stories sorted", 1.0)
    return tuple(_story(number, articles, group, vectors) for number, group in enumerate(groups, start=1))


def story_groups(
    vectors: NDArray[np.float32], *, threshold: float = THRESHOLD, attach: float = ATTACH
) -> list[list[int]]:
    """The rows of ``vectors`` grouped into stories; one group when the pile reads as one story."""
    groups = attach_loners(vectors, linked_groups(vectors, threshold), attach)
    if sum(len(group) >= MIN_ARTICLES_A_STORY for group in groups) < 2:
        # One event's folder whose grouping splits off a brief or an oddly worded piece stays the one story
        # its reader saved; a few articles about two events then read as one story, as they always did.
        return [list(range(len(vectors)))]
    return groups


def linked_groups(vectors: NDArray[np.float32], threshold: float) -> list[list[int]]:
    """Average-linkage groups of the rows at ``threshold``, clustered part by part (same result, less memory)."""
    groups: list[list[int]] = []
    for part in connected_parts(vectors, threshold):
        local = part_similarity(vectors, part)
        groups.extend([part[i] for i in group] for group in average_linkage(local, threshold))
    return groups


def attach_loners(vectors: NDArray[np.float32], groups: list[list[int]], attach: float) -> list[list[int]]:
    """Each article left alone joins the group of two or more it is most like, when its mean cosine is ≥ ``attach``.

    A story's odd article (a late follow-up, a short brief) can miss the
    threshold against a whole group yet plainly belong to it; alone it would
    be a story of its own, and a folder about one event would open as a list.
    """
    loners = [group[0] for group in groups if len(group) == 1]
    kept = [list(group) for group in groups if len(group) > 1]
    if not loners or not kept:
        return groups
    centres = np.stack([vectors[group].mean(axis=0) for group in kept])
    scores = vectors[loners] @ centres.T
    alone: list[list[int]] = []
    for loner, row in zip(loners, scores, strict=True):
        best = int(np.argmax(row))
        if row[best] >= attach:
            kept[best].append(loner)
        else:
            alone.append([loner])
    return [sorted(group) for group in kept] + alone


def story_vectors(term_counts: Sequence[Mapping[str, float]]) -> NDArray[np.float32]:
    """Unit rows of sublinear TF-IDF, hashed into ``DIMENSIONS`` signed columns."""
    documents = Counter[str]()
    for counts in term_counts:
        documents.update(counts.keys())
    total = len(term_counts) + PRIOR_DOCUMENTS
    vectors = np.zeros((len(term_counts), DIMENSIONS), dtype=np.float32)
    for row, counts in enumerate(term_counts):
        for term, weight in counts.items():
            column, sign = _bucket(term)
            idf = math.log(total / (documents[term] + 1)) + 1.0
            vectors[row, column] += sign * (1.0 + math.log(weight)) * idf
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def connected_parts(vectors: NDArray[np.float32], threshold: float) -> list[list[int]]:
    """Rows joined by chains of pairs with cosine ≥ ``threshold``, each part in ascending order."""
    count = len(vectors)
    parent = np.arange(count)
    for start in range(0, count, _BLOCK_ROWS):
        block = vectors[start : start + _BLOCK_ROWS] @ vectors[start:].T
        rows, columns = np.nonzero(np.triu(block >= threshold, k=1))
        _join(parent, rows + start, columns + start)
    roots = _roots(parent)
    parts: dict[int, list[int]] = {}
    for index, root in enumerate(roots.tolist()):
        parts.setdefault(root, []).append(index)
    return list(parts.values())


def part_similarity(vectors: NDArray[np.float32], part: Sequence[int]) -> NDArray[np.float64]:
    """Cosines between the rows of one part."""
    rows = vectors[list(part)]
    return (rows @ rows.T).astype(np.float64)


def _join(parent: NDArray[np.int_], left: NDArray[np.int_], right: NDArray[np.int_]) -> None:
    """Union of the pairs' sets, vectorised: hook the larger root under the smaller until nothing moves."""
    while len(left):
        parent[:] = _roots(parent)
        a, b = parent[left], parent[right]
        differ = a != b
        if not differ.any():
            return
        left, right, a, b = left[differ], right[differ], a[differ], b[differ]
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))


def _roots(parent: NDArray[np.int_]) -> NDArray[np.int_]:
    """Each element's root, by pointer jumping."""
    roots = parent.copy()
    while True:
        jumped = roots[roots]
        if np.array_equal(jumped, roots):
            return roots
        roots = jumped


@lru_cache(maxsize=262144)
def _bucket(term: str) -> tuple[int, float]:
    """A stable column and sign for a word (``hash()`` changes from run to run; CRC-32 does not)."""
    code = zlib.crc32(term.encode("utf-8"))
    return code % DIMENSIONS, 1.0 if code >> 31 else -1.0


def _story(number: int, articles: Sequence[Article], group: list[int], vectors: NDArray[np.float32]) -> PileStory:
    members = tuple(articles[i] for i in group)
    centre = group[int(np.argmax(part_similarity(vectors, group).sum(axis=1)))]
    dates = sorted(match.group() for a in members if a.date and (match := _ISO_DATE.match(a.date)))
    return PileStory(
        id=number,
        title=headline_of(articles[centre]),
        articles=members,
        sources=tuple(dict.fromkeys(a.source for a in members)),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def _silent(message: str, share: float) -> None:
    """The default progress callback: grouping is quiet unless asked."""
