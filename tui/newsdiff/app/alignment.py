"""Lining up two or three articles on their shared claims, like a side-by-side diff.

The first article is the anchor. With every other article it is aligned on
the longest run of passage pairs that share a claim and keep both reading
orders (a longest common subsequence, as ``diff`` finds for lines), so one
passage that matches far away cannot push everything in between apart.
Between two matched rows, the passages left unmatched on either side fill
the rows side by side, like a changed hunk in a side-by-side diff; only the
surplus of one side gets rows of its own. Every passage appears once and
each column keeps its reading order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from newsdiff.engine.model import Passage, Story

Row = tuple[Passage | None, ...]
"""One aligned row: a passage (or nothing) per compared article."""


def align(story: Story, article_ids: Sequence[str]) -> list[Row]:
    """Rows of passages from ``article_ids`` aligned on shared claims."""
    columns = [story.passages_of(a) for a in article_ids]
    if not columns:
        return []
    claim_ids = [[frozenset(c.id for c in story.claims_of(p.id)) for p in column] for column in columns]
    anchor, others = columns[0], columns[1:]
    placements = [_place(claim_ids[0], claims) for claims in claim_ids[1:]]
    rows: list[Row] = []
    for index in range(len(anchor) + 1):
        own_rows = [p.before[index] for p in placements]
        for line in range(max(map(len, own_rows), default=0)):
            rows.append(
                (
                    None,
                    *(
                        column[own[line]] if line < len(own) else None
                        for column, own in zip(others, own_rows, strict=True)
                    ),
                )
            )
        if index < len(anchor):
            beside = [p.beside[index] for p in placements]
            rows.append(
                (
                    anchor[index],
                    *(column[b] if b is not None else None for column, b in zip(others, beside, strict=True)),
                )
            )
    return rows


class _Placement:
    """Where one other column's passages go relative to the anchor's rows.

    ``beside[i]`` is the passage on anchor row ``i`` (its match, or a gap
    filler) and ``before[i]`` the passages that need rows of their own just
    before anchor row ``i`` (index ``len(anchor)``: after the last one).
    """

    def __init__(self, anchor_length: int) -> None:
        self.beside: list[int | None] = [None] * anchor_length
        self.before: list[list[int]] = [[] for _ in range(anchor_length + 1)]


def _place(anchor: Sequence[frozenset[str]], other: Sequence[frozenset[str]]) -> _Placement:
    placement = _Placement(len(anchor))
    matches = [*matched_pairs(anchor, other), (len(anchor), len(other))]
    anchor_from, other_from = 0, 0
    for anchor_to, other_to in matches:
        gap_rows = range(anchor_from, anchor_to)
        gap_passages = list(range(other_from, other_to))
        for row, passage in zip(gap_rows, gap_passages, strict=False):
            placement.beside[row] = passage
        placement.before[anchor_to].extend(gap_passages[len(gap_rows) :])
        if anchor_to < len(anchor):
            placement.beside[anchor_to] = other_to
        anchor_from, other_from = anchor_to + 1, other_to + 1
    return placement


def matched_pairs(first: Sequence[frozenset[str]], second: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """The longest chain of index pairs ``(i, j)`` sharing a claim, increasing in both.

    Only pairs that share a claim are candidates, so this is a longest
    increasing subsequence over them (pairs sorted by ``i``, ties by
    descending ``j`` so one ``i`` is used at most once): fast even for an
    article of thousands of sentences beside a short one.
    """
    by_claim: dict[str, list[int]] = {}
    for j, claims in enumerate(second):
        for claim_id in claims:
            by_claim.setdefault(claim_id, []).append(j)
    pairs: list[tuple[int, int]] = []
    for i, claims in enumerate(first):
        partners = sorted({j for claim_id in claims for j in by_claim.get(claim_id, ())}, reverse=True)
        pairs.extend((i, j) for j in partners)
    tails: list[int] = []
    tail_pair: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for number, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_pair.append(number)
        else:
            tails[length] = j
            tail_pair[length] = number
        previous[number] = tail_pair[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    number = tail_pair[-1] if tail_pair else -1
    while number != -1:
        chain.append(pairs[number])
        number = previous[number]
    return chain[::-1]
