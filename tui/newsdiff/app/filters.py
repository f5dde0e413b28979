"""The reach filter cycled with ``f``: which passages and claims stay in focus."""

from __future__ import annotations

from enum import Enum

from newsdiff.engine.model import Reach


class ReachFilter(str, Enum):
    """Show everything, or only what all / some / one source reports."""

    EVERYTHING = "all"
    SHARED_BY_ALL = "shared-all"
    SHARED_BY_SOME = "shared-some"
    UNIQUE = "unique"

    @property
    def label(self) -> str:
        return _LABELS[self]

    def keeps(self, reach: Reach | None) -> bool:
        """Whether a passage or claim of this reach passes the filter."""
        wanted = _WANTED[self]
        return wanted is None or reach is wanted

    def next(self) -> ReachFilter:
        members = list(ReachFilter)
        return members[(members.index(self) + 1) % len(members)]

    @classmethod
    def parse(cls, value: str) -> ReachFilter:
        """A filter from its config name; unknown names fall back to everything."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            return cls.EVERYTHING


_LABELS = {
    ReachFilter.EVERYTHING: "everything",
    ReachFilter.SHARED_BY_ALL: "shared by all",
    ReachFilter.SHARED_BY_SOME: "shared by some",
    ReachFilter.UNIQUE: "unique",
}
_WANTED: dict[ReachFilter, Reach | None] = {
    ReachFilter.EVERYTHING: None,
    ReachFilter.SHARED_BY_ALL: Reach.ALL,
    ReachFilter.SHARED_BY_SOME: Reach.SOME,
    ReachFilter.UNIQUE: Reach.ONE,
}
