"""The reader's settings: a small TOML file that can never stop the app.

A hand-edited file is easy to get wrong, so every problem becomes one line of
warning and the affected setting falls back to its default; the settings that
were fine are kept. Whatever the file holds (arrays nested past Python's
recursion limit, a folder path with a NUL in it, ``~nouser/x``, any type
where another is expected), reading it gives warnings and defaults, never
a traceback: property-based tests feed it arbitrary bytes and tables.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType

from newsdiff.store import paths

FILTERS = ("all", "shared-all", "shared-some", "unique")
"""Passage filters a reader can start with, widest first."""

DEFAULT_THEME = "textual-dark"


def _no_keys() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from ``config.toml`` (every key optional).

    - ``theme``: name of a Textual theme, default ``"textual-dark"``.
    - ``default_filter``: passages shown first: ``"all"``, ``"shared-all"``
      (reported by every source), ``"shared-some"`` (by some sources) or
      ``"unique"`` (by one source only); default ``"all"``.
    - ``snapshots_dir``: folder for snapshots; ``~`` is expanded and a relative
      path is taken from the config file's folder; default: ``snapshots`` in
      the user data directory.
    - ``semantic``: match claims by meaning too, with the sentence encoder
      when it is installed (``newsdiff[semantic]``); default ``true``;
      ``false`` keeps to the lexical matcher (as ``--lexical`` does).
    - ``[keys]``: binding id to key, e.g. ``next_claim = "}"``; bindings not
      listed keep their default keys.
    """

    theme: str = DEFAULT_THEME
    default_filter: str = "all"
    snapshots_dir: Path | None = None
    semantic: bool = True
    keys: Mapping[str, str] = field(default_factory=_no_keys)


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file (default: the user config dir's ``config.toml``).

    A missing file is normal and gives the defaults silently. Returns the
    config and the warnings to show the reader, one line each.
    """
    path = paths.config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Config(), [f"{path}: cannot read the config ({reason}); using defaults"]
    except ValueError:  # a NUL in the path given with --config
        return Config(), [f"{path!r}: cannot read the config (a file name holds no NUL character); using defaults"]
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(), [f"{path}: the config is not UTF-8 text; using defaults"]
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"{path}: the config is not valid TOML ({error}); using defaults"]
    except RecursionError:  # tomllib recurses once per level of nesting
        return Config(), [f"{path}: the config nests arrays or tables too deeply to read; using defaults"]
    return config_from_table(table, source=str(path), base_dir=path.parent)


def config_from_table(table: Mapping[str, object], *, source: str, base_dir: Path) -> tuple[Config, list[str]]:
    """Build a ``Config`` from parsed TOML, keeping every setting that is valid.

    ``source`` names the file in warnings; ``base_dir`` anchors a relative
    ``snapshots_dir``.
    """
    warnings: list[str] = []
    config = Config()

    def warn(message: str) -> None:
        warnings.append(f"{source}: {message}")

    for name, value in table.items():
        if name == "theme":
            if isinstance(value, str) and value.strip():
                config = replace(config, theme=value.strip())
            else:
                warn(f"'theme' must be a theme name ({_got(value)}); using {DEFAULT_THEME!r}")
        elif name == "default_filter":
            if isinstance(value, str) and value in FILTERS:
                config = replace(config, default_filter=value)
            else:
                choices = ", ".join(repr(f) for f in FILTERS)
                warn(f"'default_filter' must be one of {choices} ({_got(value)}); using 'all'")
        elif name == "snapshots_dir":
            folder = _folder(value, base_dir)
            if isinstance(folder, Path):
                config = replace(config, snapshots_dir=folder)
            else:
                warn(f"'snapshots_dir' {folder}; using the default")
        elif name == "semantic":
            if isinstance(value, bool):
                config = replace(config, semantic=value)
            else:
                warn(f"'semantic' must be true or false ({_got(value)}); using true")
        elif name == "keys":
            if isinstance(value, Mapping):
                config = replace(config, keys=MappingProxyType(_keys(value, warn)))
            else:
                warn(f"'keys' must be a table such as [keys] ({_got(value)}); using default keys")
        else:
            warn(f"unknown setting {name!r} ignored")
    return config, warnings


def _folder(value: object, base_dir: Path) -> Path | str:
    """The folder ``value`` names (``~`` expanded, relative to ``base_dir``), or what is wrong with it."""
    if not (isinstance(value, str) and value.strip()):
        return f"must be a folder path ({_got(value)})"
    if "\x00" in value:
        return "must not hold a NUL character (no file name can)"
    try:
        return base_dir / Path(value.strip()).expanduser()
    except RuntimeError:  # "~someone" for a user this system does not know, or no home folder at all
        return f"names the home folder of an unknown user ({_got(value)})"


def _keys(table: Mapping[str, object], warn: Callable[[str], None]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for binding, key in table.items():
        if isinstance(key, str) and key.strip():
            keys[binding] = key.strip()
        else:
            warn(f'[keys] {binding!r} must be a key such as "}}" ({_got(key)}); kept its default')
    return keys


def _got(value: object) -> str:
    """``value`` for a warning: its TOML type, and the value itself when short."""
    kind = _toml_type(value)
    if isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 30:
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        return f"got {kind} {shown}"
    return f"got {kind}"


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "table"
    if isinstance(value, (datetime, date, time)):
        return "date/time"
    return type(value).__name__


def default_config_text() -> str:
    """A commented ``config.toml`` holding every default: what ``newsdiff config`` prints to start from."""
    filters = ", ".join(f'"{f}"' for f in FILTERS)
    return f"""\
# newsdiff settings. Every setting is optional: delete a line to get its default.

# Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox".
theme = "{DEFAULT_THEME}"

# Passages shown first: one of {filters}.
# "shared-all" = reported by every source, "shared-some" = by some sources,
# "unique" = by one source only.
default_filter = "all"

# Folder for snapshots ("~" is expanded; a relative path starts at this file's folder).
# Default: "snapshots" in newsdiff's user data folder.
# snapshots_dir = "~/newsdiff-snapshots"

# Also match claims by meaning, not only by shared wording, with the sentence
# encoder when it is installed (pip install 'newsdiff[semantic]'). false: the
# lexical matcher only, as newsdiff --lexical.
semantic = true

[keys]
# Rebind an action: binding id = key. Bindings not listed keep their keys.
# next_claim = "}}"
"""
