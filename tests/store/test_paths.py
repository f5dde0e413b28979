from pathlib import Path

from newsdiff.store import paths


def test_every_folder_follows_its_xdg_variable(user_dirs: dict[str, Path]) -> None:
    assert paths.data_dir() == user_dirs["data"] / "newsdiff"
    assert paths.config_dir() == user_dirs["config"] / "newsdiff"
    assert paths.cache_dir() == user_dirs["cache"] / "newsdiff"
    assert paths.config_path() == user_dirs["config"] / "newsdiff" / "config.toml"
    assert paths.notes_dir().parent == paths.data_dir()
    assert paths.default_snapshots_dir().parent == paths.data_dir()


def test_folders_are_looked_up_again_after_the_environment_changes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere" / "newsdiff"


def test_looking_up_a_folder_does_not_create_it() -> None:
    assert not paths.data_dir().exists()
    assert not paths.config_dir().exists()
