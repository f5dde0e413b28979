"""Every store test runs with its own user folders, never the real ones."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point the XDG folders (which platformdirs follows) into ``tmp_path``."""
    dirs = {
        "data": tmp_path / "xdg-data",
        "config": tmp_path / "xdg-config",
        "cache": tmp_path / "xdg-cache",
    }
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    return dirs
