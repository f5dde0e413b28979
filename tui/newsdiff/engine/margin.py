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

    The sentences are laid out one article after the other in one matrix
    (a sentence two articles share, wire copy, once in each), so every
    product is over real sentences: padded to the longest article, as this
    was first written, 200 real web articles (3,900 sentences, the longest
    article 150) made matrices of 30,000 rows, most of them zeros.
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
        self._flat = np.zeros((len(chosen), dim), dtype=np.float32)
        if chosen:
            np.stack(chosen, out=self._flat)  # type: ignore[arg-type]
        self._bounds: list[tuple[int, int]] = []
        self._where: dict[int, int] = {}
        self._articles_of: dict[int, set[int]] = {}
        start = 0
        for a, rows in enumerate(self._articles):
            self._bounds.append((start, start + len(rows)))
            for j, row in enumerate(rows, start=start):
                self._where.setdefault(row, j)
                self._articles_of.setdefault(row, set()).add(a)
            start += len(rows)
        self._neighbourhood = (
            _neighbourhoods(self._flat, self._bounds)
            if len(self._articles) > 1
            else np.zeros(len(chosen), dtype=np.float32)
        )

    @property
    def article_count(self) -> int:
        """Articles with at least one sentence."""
        return len(self._articles)

    def mutual_pairs(self, min_margin: float = MIN_MARGIN) -> list[MutualPair]:
        """Mutual best pairs by ratio margin, at least ``min_margin``, for every pair of articles.

        Cost: one article's sentences against every later article's at a
        time; each article's best in each other article is found for all of
        them at once (``np.maximum.reduceat`` over the other articles' runs
        of columns).
        """
        articles, flat, bounds, neighbourhood = self._articles, self._flat, self._bounds, self._neighbourhood
        found: list[MutualPair] = []
        for a in range(len(articles) - 1):
            start, end = bounds[a]
            rows = articles[a]
            later = np.array([b[0] for b in bounds[a + 1 :]], dtype=np.int64) - end
            cosines = flat[start:end] @ flat[end:].T
            scale = (neighbourhood[start:end, None] + neighbourhood[None, end:]) / 2
            valid = scale > 0
            margins = np.where(valid, cosines / np.where(valid, scale, 1.0), -np.inf)
            best = np.maximum.reduceat(margins, later, axis=1)
            lengths = np.diff(np.append(later, margins.shape[1]))
            columns = np.broadcast_to(np.arange(margins.shape[1]), margins.shape)
            at_best = np.where(margins == np.repeat(best, lengths, axis=1), columns, margins.shape[1])
            best_of_mine = np.minimum.reduceat(at_best, later, axis=1)  # the first best, as argmax takes it
            best_of_theirs = margins.argmax(axis=0)
            mutual = best_of_theirs[best_of_mine] == np.arange(len(rows))[:, None]
            for i, offset in zip(*np.nonzero(mutual & (best >= min_margin)), strict=True):
                j = int(best_of_mine[i, offset] - later[offset])
                found.append(MutualPair(rows[i], articles[a + 1 + offset][j], float(best[i, offset])))
        return found

    def best_in_others(self, sentence: int) -> Iterator[int | None]:
        """The best match by margin of ``sentence`` in each article it is not in, article by article (lazily).

        None for an article where no margin is defined (every neighbourhood
        mean at or below zero), as ``mutual_pairs`` leaves such pairs out. A
        sentence that several articles share (wire copy) is compared with
        the articles it is not in only, never with its own copies.
        """
        position = self._where[sentence]
        vector = self._flat[position]
        for a, rows in enumerate(self._articles):
            if a in self._articles_of[sentence]:
                continue
            start, end = self._bounds[a]
            scale = (self._neighbourhood[position] + self._neighbourhood[start:end]) / 2
            cosines = self._flat[start:end] @ vector
            margins = np.where(scale > 0, cosines / np.where(scale > 0, scale, 1.0), -np.inf)
            best = int(np.argmax(margins))
            yield rows[best] if np.isfinite(margins[best]) else None


def mutual_pairs(articles: Sequence[Sequence[int]], vectors: Sequence[NDArray[np.float32] | None]) -> list[MutualPair]:
    """Mutual best pairs by ratio margin, at least ``MIN_MARGIN``, for every pair of articles (see ``Margins``)."""
    return Margins(articles, vectors).mutual_pairs()


def _neighbourhoods(flat: NDArray[np.float32], bounds: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
    """Each sentence's mean cosine with its ``NEIGHBOURS`` nearest sentences of the other articles."""
    result = np.zeros(len(flat), dtype=np.float32)
    k = min(NEIGHBOURS, len(flat) - max(end - start for start, end in bounds))
    for start, end in bounds:
        cosines = flat[start:end] @ flat.T
        cosines[:, start:end] = -np.inf
        top = -np.partition(-cosines, k - 1, axis=1)[:, :k]
        result[start:end] = top.mean(axis=1)
    return result
