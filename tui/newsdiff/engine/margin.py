"""Mutual nearest sentences of two articles by ratio margin (semantic path only).

Why: a raw cosine means different things in different places. Some
sentences are close to everything (short quotes, "he said" lines: hubs),
and reports of one event share many words and so many moderate cosines.
Artetxe & Schwenk ("Margin-based Parallel Corpus Mining with Multilingual
Sentence Embeddings", ACL 2019; the scoring behind LASER's WikiMatrix and
CCMatrix) score a pair by its cosine *relative to both sentences'
neighbourhoods*, the ratio margin

    margin(x, y) = cos(x, y) / ((mean cos of x's k nearest + mean cos of y's k nearest) / 2)

and keep pairs that are each other's best by margin. The neighbourhood of a
sentence is its k nearest sentences in the *rest of the story* (every other
article), as the paper takes them in the whole other-language corpus: a
sentence about the event's general topic is near many sentences of many
outlets and gets no margin from any of them, while a paraphrase stands out
from what else the story says. Measured per article pair instead (the
k nearest in the other article only), a margin is easy to reach for any
two sentences on one topic: on synthetic stories it linked different facts
of one event (precision 0.823 to 0.791 at 50 articles); story-wide it does
not (0.823), and the seed story keeps the same gain.

The paper's k and the CCMatrix threshold are used as published, not tuned
here. Only imported when the matcher has sentence vectors (numpy is there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

NEIGHBOURS = 4
"""k of the k nearest neighbours in the margin's denominator (Artetxe & Schwenk use k = 4);
fewer when the other articles have fewer sentences."""
MIN_MARGIN = 1.06
"""Ratio margin a mutual best pair needs: the CCMatrix mining threshold (Schwenk et al. 2021)."""


@dataclass(frozen=True, slots=True)
class MutualPair:
    """Two sentences of different articles that are each other's best match by margin."""

    first: int
    """Index into the vectors given of the sentence of the earlier article."""
    second: int
    margin: float


def mutual_pairs(articles: Sequence[Sequence[int]], vectors: Sequence[NDArray[np.float32] | None]) -> list[MutualPair]:
    """Mutual best pairs by ratio margin, at least ``MIN_MARGIN``, for every pair of articles.

    ``articles`` lists, per article, the indices into ``vectors`` (unit
    vectors, one per sentence; ``ValueError`` if one is missing) of its
    sentences. Cost: two passes of one
    article's sentences against the whole story (neighbourhoods, then
    margins), a few seconds for 8,000 sentences.
    """
    articles = [rows for rows in articles if rows]
    if len(articles) < 2:
        return []
    matrix = np.stack([v for v in vectors if v is not None])
    if len(matrix) != len(vectors):
        raise ValueError("every sentence needs a vector")
    sizes = np.array([len(rows) for rows in articles])
    width = int(sizes.max())
    dim = matrix.shape[1]
    padded = np.zeros((len(articles), width, dim), dtype=np.float32)
    present = np.zeros((len(articles), width), dtype=bool)
    for a, rows in enumerate(articles):
        padded[a, : len(rows)] = matrix[list(rows)]
        present[a, : len(rows)] = True
    flat = padded.reshape(-1, dim)
    neighbourhood = _neighbourhoods(padded, present)
    found: list[MutualPair] = []
    for a in range(len(articles) - 1):
        rows = articles[a]
        others = len(articles) - a - 1
        cosines = (padded[a, : len(rows)] @ flat[(a + 1) * width :].T).reshape(len(rows), others, width)
        scale = (neighbourhood[a, : len(rows), None, None] + neighbourhood[None, a + 1 :]) / 2
        valid = present[None, a + 1 :] & (scale > 0)
        margins = np.where(valid, cosines / np.where(valid, scale, 1.0), -np.inf)
        best_of_mine = margins.argmax(axis=2)
        best_of_theirs = margins.argmax(axis=0)
        blocks = np.arange(others)
        mutual = best_of_theirs[blocks[None, :], best_of_mine] == np.arange(len(rows))[:, None]
        best = np.take_along_axis(margins, best_of_mine[:, :, None], axis=2)[..., 0]
        for i, offset in zip(*np.nonzero(mutual & (best >= MIN_MARGIN))):
            j = int(best_of_mine[i, offset])
            found.append(MutualPair(rows[i], articles[a + 1 + offset][j], float(best[i, offset])))
    return found


def _neighbourhoods(padded: NDArray[np.float32], present: NDArray[np.bool_]) -> NDArray[np.float32]:
    """Each sentence's mean cosine with its ``NEIGHBOURS`` nearest sentences of the other articles."""
    count, width, dim = padded.shape
    flat = padded.reshape(-1, dim)
    mask = present.reshape(-1)
    result = np.zeros((count, width), dtype=np.float32)
    fewest_others = int(mask.sum() - present.sum(axis=1).max())
    k = min(NEIGHBOURS, fewest_others)
    for a in range(count):
        cosines = padded[a] @ flat.T
        cosines[:, ~mask] = -np.inf
        cosines[:, a * width : (a + 1) * width] = -np.inf
        top = -np.partition(-cosines, k - 1, axis=1)[:, :k]
        result[a] = top.mean(axis=1)
    return result
