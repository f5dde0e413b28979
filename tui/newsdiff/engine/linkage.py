"""Average-linkage agglomerative clustering, stopped at a similarity threshold.

Average linkage merges two groups when their articles are, on average,
similar enough; unlike single linkage it does not chain one earthquake to
another through a pair of similar paragraphs, and unlike complete linkage it
tolerates one off-topic article in a story. The nearest-neighbour-chain
algorithm gives the same groups as merging the most similar pair again and
again, in O(n²) time instead of O(n³), because average linkage is
"reducible": merging two groups never brings a third closer than it was to
the nearer of the two. The same property lets a group whose best neighbour
is below the threshold be set aside for good.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def average_linkage(similarity: NDArray[np.floating], threshold: float) -> list[list[int]]:
    """Groups of row indices of the square, symmetric ``similarity``, each in ascending order.

    Two groups merge while the mean similarity between their members is at
    least ``threshold``; the groups come in the order of their first member.
    """
    size = len(similarity)
    scores = np.array(similarity, dtype=np.float64)
    np.fill_diagonal(scores, -np.inf)
    weights = np.ones(size)
    members: list[list[int]] = [[index] for index in range(size)]
    open_ = np.ones(size, dtype=bool)
    done: list[list[int]] = []
    chain: list[int] = []
    while chain or open_.any():
        if not chain:
            chain.append(int(np.argmax(open_)))
        top = chain[-1]
        nearest = int(np.argmax(scores[top]))
        best = scores[top, nearest]
        if not best >= threshold:
            chain.pop()
            done.append(members[top])
            _close(scores, open_, top)
            continue
        if len(chain) >= 2 and scores[top, chain[-2]] >= best:
            chain.pop()
            other = chain.pop()
            _merge(scores, weights, top, other)
            members[top].extend(members[other])
            _close(scores, open_, other)
            continue
        chain.append(nearest)
    return sorted((sorted(group) for group in done), key=lambda group: group[0])


def _merge(scores: NDArray[np.float64], weights: NDArray[np.float64], kept: int, gone: int) -> None:
    """Scores of the merged group: the size-weighted mean of its two parts' (Lance–Williams)."""
    total = weights[kept] + weights[gone]
    merged = (weights[kept] * scores[kept] + weights[gone] * scores[gone]) / total
    scores[kept] = merged
    scores[:, kept] = merged
    scores[kept, kept] = -np.inf
    weights[kept] = total


def _close(scores: NDArray[np.float64], open_: NDArray[np.bool_], index: int) -> None:
    scores[index] = -np.inf
    scores[:, index] = -np.inf
    open_[index] = False
