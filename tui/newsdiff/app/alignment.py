"""Lining up two or three articles on their shared claims, like a side-by-side diff.

The first article sets the order. Each of its passages is placed on a row
with the passages of the other articles that share a claim with it; the
other articles' passages met on the way are given rows of their own, so
every passage appears once and each column keeps its reading order.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.engine.model import Passage, Story

Row = tuple[Passage | None, ...]
"""One aligned row: a passage (or nothing) per compared article."""


def align(story: Story, article_ids: Sequence[str]) -> list[Row]:
    """Rows of passages from ``article_ids`` aligned on shared claims."""
    columns = [story.passages_of(a) for a in article_ids]
    claims = {p.id: {c.id for c in story.claims_of(p.id)} for column in columns for p in column}
    positions = [0] * len(columns)
    rows: list[Row] = []
    width = len(columns)
    for anchor in columns[0]:
        partners: list[Passage | None] = [anchor] + [None] * (width - 1)
        for column_index in range(1, width):
            column = columns[column_index]
            match = _first_sharing(column, positions[column_index], claims[anchor.id], claims)
            if match is None:
                continue
            for skipped in column[positions[column_index]:match]:
                rows.append(_alone(skipped, column_index, width))
            partners[column_index] = column[match]
            positions[column_index] = match + 1
        rows.append(tuple(partners))
    for column_index in range(1, width):
        for rest in columns[column_index][positions[column_index]:]:
            rows.append(_alone(rest, column_index, width))
    return rows


def _first_sharing(column: Sequence[Passage], start: int, wanted: set[str], claims: dict[str, set[str]]) -> int | None:
    if not wanted:
        return None
    for index in range(start, len(column)):
        if claims[column[index].id] & wanted:
            return index
    return None


def _alone(passage: Passage, column_index: int, width: int) -> Row:
    row: list[Passage | None] = [None] * width
    row[column_index] = passage
    return tuple(row)
