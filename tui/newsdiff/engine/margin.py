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

from collections.abc import Iterator, Mapping, Sequence
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


class Margins:
    """Ratio margins between the sentences of a story's articles, neighbourhoods computed once.

    ``articles`` lists, per article, the indices into ``vectors`` (unit
    vectors; ``ValueError`` if one of these is missing) of its sentences;
    an article with none takes no part. Only the vectors listed are read.
    """

    def __init__(
        self,
        articles: Sequence[Sequence[int]],
        vectors: Sequence[NDArray[np.float32] | None] | Mapping[int, NDArray[np.float32] | None],
    ) -> None:
        self._articles = [list(rows) for rows in articles if rows]
        chosen = [vectors[row] for rows in self._articles for row in rows]
        if any(v is None for v in chosen):
            raise ValueError("every sentence needs a vector")
        dim = chosen[0].shape[0] if chosen else 1  # type: ignore[union-attr]
        self._width = max((len(rows) for rows in self._articles), default=0)
        self._padded = np.zeros((len(self._articles), self._width, dim), dtype=np.float32)
        self._present = np.zeros((len(self._articles), self._width), dtype=bool)
        self._where: dict[int, tuple[int, int]] = {}
        self._articles_of: dict[int, set[int]] = {}
        for a, rows in enumerate(self._articles):
            for j, row in enumerate(rows):
                self._padded[a, j] = vectors[row]
                self._where.setdefault(row, (a, j))
                self._articles_of.setdefault(row, set()).add(a)
            self._present[a, : len(rows)] = True
        self._neighbourhood = (
            _neighbourhoods(self._padded, self._present)
            if len(self._articles) > 1
            else np.zeros((len(self._articles), self._width), dtype=np.float32)
        )

    @property
    def article_count(self) -> int:
        """Articles with at least one sentence."""
        return len(self._articles)

    def mutual_pairs(self, min_margin: float = MIN_MARGIN) -> list[MutualPair]:
        """Mutual best pairs by ratio margin, at least ``min_margin``, for every pair of articles.

        Cost: one article's sentences against the rest of the story at a
        time, a few seconds for 8,000 sentences (with the neighbourhoods).
        """
        articles, padded, present, width = self._articles, self._padded, self._present, self._width
        if len(articles) < 2:
            return []
        flat = padded.reshape(-1, padded.shape[2])
        neighbourhood = self._neighbourhood
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
            for i, offset in zip(*np.nonzero(mutual & (best >= min_margin)), strict=True):
                j = int(best_of_mine[i, offset])
                found.append(MutualPair(rows[i], articles[a + 1 + offset][j], float(best[i, offset])))
        return found

    def best_in_others(self, sentence: int) -> Iterator[int | None]:
        """The best match by margin of ``sentence`` in each article it is not in, article by article (lazily).

        None for an article where no margin is defined (every neighbourhood
        mean at or below zero), as ``mutual_pairs`` leaves such pairs out. A
        sentence that several articles share (wire copy) is compared with
        the articles it is not in only, never with its own copies.
        """
        own, position = self._where[sentence]
        vector = self._padded[own, position]
        for a, rows in enumerate(self._articles):
            if a in self._articles_of[sentence]:
                continue
            scale = (self._neighbourhood[own, position] + self._neighbourhood[a, : len(rows)]) / 2
            cosines = self._padded[a, : len(rows)] @ vector
            margins = np.where(scale > 0, cosines / np.where(scale > 0, scale, 1.0), -np.inf)
            best = int(np.argmax(margins))
            yield rows[best] if np.isfinite(margins[best]) else None


def mutual_pairs(articles: Sequence[Sequence[int]], vectors: Sequence[NDArray[np.float32] | None]) -> list[MutualPair]:
    """Mutual best pairs by ratio margin, at least ``MIN_MARGIN``, for every pair of articles (see ``Margins``)."""
    return Margins(articles, vectors).mutual_pairs()


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
