"""Fixtures shared by the engine's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def without_consensus(monkeypatch: pytest.MonkeyPatch) -> None:
    """``cluster._join_by_consensus`` switched off: it would also place a paraphrase whose best match in every article
    is in the claim, so a test of one way of linking (leads, the sentences after them) would not see that rule work."""
    monkeypatch.setattr("newsdiff.engine.cluster._join_by_consensus", lambda *args: None)
