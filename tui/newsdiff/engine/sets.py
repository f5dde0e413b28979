"""Frozen sets that a big story keeps tens of thousands of, made as small as they can be.

Every text a story profiles keeps several frozensets (its runs of words, its
figures, its names...). CPython 3.11 makes a new 216-byte object for every
empty frozenset, and one built from an iterable grows its hash table an item
at a time, to more slots than a set of that size needs. With 1,000 articles
(``tests/benchmarks/stage_memory.py pile-1000``) these sets were the largest
part of the peak memory.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

_Item = TypeVar("_Item", bound=Hashable)

NOTHING: frozenset[object] = frozenset()
"""The one empty set that ``compact_set`` gives for no items."""


def compact_set(items: Iterable[_Item]) -> frozenset[_Item]:
    """``frozenset(items)``: the shared empty set for none, else with a hash table sized for the count.

    A frozenset copied from a set gets a table sized for its items (64 slots
    for 19 to 31 items) where one built from an iterable grows as they come
    (128 slots for 19): real-200's profile run sets went from 32.6 to 26.4 MB.
    """
    found = set(items)
    return frozenset(found) if found else NOTHING  # type: ignore[return-value]
