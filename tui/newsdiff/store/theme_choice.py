"""The theme the reader picked in the app, remembered for the next session.

Writing it into ``config.toml`` would rewrite the reader's own file and lose
its comments, so the pick goes to ``theme.json`` in the data folder instead.
The config stays in charge: a pick is used only while the config names the
theme it was picked over, so editing the config's ``theme`` later wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsdiff.atomic import write_text_atomic
from newsdiff.store import paths
from newsdiff.store.errors import StoreError


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    """``theme`` was picked in the app while the config named ``over``."""

    theme: str
    over: str


def theme_path() -> Path:
    """Where the pick is kept."""
    return paths.data_dir() / "theme.json"


def load_theme_choice(path: Path | None = None) -> ThemeChoice | None:
    """The remembered pick; ``None`` when there is none or the file is not one (it is only a convenience)."""
    try:
        data = json.loads((theme_path() if path is None else path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("theme", "over")):
        return None
    return ThemeChoice(data["theme"], data["over"])


def save_theme_choice(choice: ThemeChoice, path: Path | None = None) -> None:
    """Remember the pick atomically; ``StoreError`` when it cannot be written."""
    target = theme_path() if path is None else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps({"theme": choice.theme, "over": choice.over}) + "\n")
    except OSError as error:
        raise StoreError(f"cannot remember the theme in {target} ({error.strerror or type(error).__name__})") from None


def theme_to_use(config_theme: str, choice: ThemeChoice | None) -> str:
    """The remembered pick while the config still names the theme it was picked over, else the config's."""
    return choice.theme if choice is not None and choice.over == config_theme else config_theme
