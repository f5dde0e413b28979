"""Where newsdiff keeps the reader's files, per platform conventions.

The directories are looked up on every call rather than cached, so that the
``XDG_*`` variables (which platformdirs honours on Linux) can point a test or
a portable setup somewhere else at any time.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "newsdiff"
CONFIG_FILE_NAME = "config.toml"


def data_dir() -> Path:
    """The user data directory: notes and snapshots live below it."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config directory, home of ``config.toml``."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The user cache directory: anything here can be rebuilt (analysis cache)."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    """The config file read when no other path is given."""
    return config_dir() / CONFIG_FILE_NAME


def notes_dir() -> Path:
    """Where each story's notes file is kept (``<story_key>.json``)."""
    return data_dir() / "notes"


def default_snapshots_dir() -> Path:
    """Where snapshots go when neither the command line nor the config says otherwise."""
    return data_dir() / "snapshots"
