import tomllib
from pathlib import Path

import pytest

from newsdiff.store import paths
from newsdiff.store.config import FILTERS, Config, default_config_text, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_file_gives_defaults_without_warnings() -> None:
    assert load_config() == (Config(), [])


def test_the_default_location_is_read(user_dirs: dict[str, Path]) -> None:
    write(paths.config_path(), 'theme = "nord"\n')
    config, warnings = load_config()
    assert config.theme == "nord" and warnings == []


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        'theme = "gruvbox"\ndefault_filter = "unique"\nsnapshots_dir = "/srv/snaps"\n'
        'semantic = true\n[keys]\nnext_claim = "}"\nprevious_claim = "{"\n',
    )
    config, warnings = load_config(path)
    assert warnings == []
    assert config.theme == "gruvbox"
    assert config.default_filter == "unique"
    assert config.snapshots_dir == Path("/srv/snaps")
    assert config.semantic is True
    assert dict(config.keys) == {"next_claim": "}", "previous_claim": "{"}


def test_a_relative_snapshots_dir_starts_at_the_config_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "config.toml", 'snapshots_dir = "snaps"\n')
    assert load_config(path)[0].snapshots_dir == tmp_path / "conf" / "snaps"


def test_home_is_expanded_in_snapshots_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(tmp_path / "config.toml", 'snapshots_dir = "~/snaps"\n')
    assert load_config(path)[0].snapshots_dir == tmp_path / "home" / "snaps"


def test_broken_toml_gives_defaults_and_one_warning_line(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'theme = "nord"\ndefault_filter = \n')
    config, warnings = load_config(path)
    assert config == Config()
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert str(path) in warnings[0] and "not valid TOML" in warnings[0]
    assert "line 2" in warnings[0]


def test_a_file_that_is_not_utf8_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "caf\xe9"\n')
    config, warnings = load_config(path)
    assert config == Config() and len(warnings) == 1 and "UTF-8" in warnings[0]


def test_an_unreadable_config_gives_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config, warnings = load_config(folder)
    assert config == Config() and len(warnings) == 1 and "cannot read" in warnings[0]


@pytest.mark.parametrize(
    ("line", "setting"),
    [
        ("theme = 3", "theme"),
        ('theme = ""', "theme"),
        ('default_filter = "shared"', "default_filter"),
        ("default_filter = 1", "default_filter"),
        ("snapshots_dir = false", "snapshots_dir"),
        ('semantic = "yes"', "semantic"),
        ('keys = "}"', "keys"),
    ],
)
def test_a_bad_value_warns_and_keeps_the_other_settings(tmp_path: Path, line: str, setting: str) -> None:
    good = 'theme = "nord"' if setting != "theme" else 'default_filter = "unique"'
    path = write(tmp_path / "config.toml", f"{good}\n{line}\n")
    config, warnings = load_config(path)
    assert len(warnings) == 1 and f"'{setting}'" in warnings[0] and "\n" not in warnings[0]
    assert getattr(config, setting) == getattr(Config(), setting)
    if setting == "theme":
        assert config.default_filter == "unique"
    else:
        assert config.theme == "nord"


def test_the_warning_names_the_allowed_filters(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'default_filter = "shared"\n')
    warning = load_config(path)[1][0]
    assert all(repr(name) in warning for name in FILTERS) and "'shared'" in warning


def test_a_bad_key_binding_is_dropped_and_the_others_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[keys]\nnext_claim = "}"\nquit = 5\nhelp = " "\n')
    config, warnings = load_config(path)
    assert dict(config.keys) == {"next_claim": "}"}
    assert len(warnings) == 2
    assert "'quit'" in warnings[0] and "integer" in warnings[0]
    assert "'help'" in warnings[1]


def test_unknown_settings_are_reported_not_fatal(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'colour = "red"\ntheme = "nord"\n')
    config, warnings = load_config(path)
    assert config.theme == "nord"
    assert warnings == [f"{path}: unknown setting 'colour' ignored"]


def test_the_config_cannot_be_changed_after_loading() -> None:
    config = Config()
    with pytest.raises(AttributeError):
        config.theme = "nord"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.keys["quit"] = "q"  # type: ignore[index]


def test_the_documented_config_is_valid_and_holds_the_defaults(tmp_path: Path) -> None:
    text = default_config_text()
    assert tomllib.loads(text)
    path = write(tmp_path / "config.toml", text)
    assert load_config(path) == (Config(), [])
    for setting in ("theme", "default_filter", "snapshots_dir", "semantic", "[keys]"):
        assert setting in text
        assert setting.strip("[]") in (Config.__doc__ or "")


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nests arrays or tables too deeply"),
        ("x = " + "{ y = " * 5_000 + "1" + " }" * 5_000 + "\n", "nests arrays or tables too deeply"),
        ('snapshots_dir = "snaps\\u0000/x"\n', "must not hold a NUL character"),
        ('snapshots_dir = "~nouser-of-this-system/x"\n', "home folder of an unknown user"),
    ],
    ids=["arrays-100000-deep", "inline-tables-5000-deep", "nul-in-snapshots-dir", "unknown-user-home"],
)
def test_a_config_that_once_raised_is_a_warning_and_defaults(tmp_path: Path, text: str, warned: str) -> None:
    """Deep nesting was a RecursionError, a NUL a ValueError and ~nouser a RuntimeError."""
    config, warnings = load_config(write(tmp_path / "config.toml", text + 'theme = "nord"\n'))
    assert len(warnings) == 1 and warned in warnings[0] and "\n" not in warnings[0]
    assert config.snapshots_dir is None


def test_a_config_path_holding_a_nul_is_a_warning(tmp_path: Path) -> None:
    config, warnings = load_config(tmp_path / "con\x00fig.toml")
    assert config == Config() and len(warnings) == 1 and "NUL" in warnings[0]
