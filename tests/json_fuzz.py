"""Damaged JSON for the fuzz tests of the store's and the cache's files.

A file a user's disk holds can say anything; the loaders must turn any of it
into a story, a warning or a rebuild. Two kinds of damage: any JSON at all
(``json_values``), and a good document with one value changed or removed
(``places`` to pick where, ``changed`` to do it).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def places(value: object, here: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every place in a JSON document, as the keys and indices that lead to it."""
    if here:
        yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*here, index))


def changed(document: object, place: tuple[object, ...], value: object, delete: bool) -> object:
    """``document`` with the value at ``place`` replaced by ``value`` (or removed)."""
    result = copy.deepcopy(document)
    parent = result
    for step in place[:-1]:
        parent = parent[step]  # type: ignore[index]
    if delete:
        del parent[place[-1]]  # type: ignore[attr-defined]
    else:
        parent[place[-1]] = value  # type: ignore[index]
    return result
