"""The theme picked in the app: remembered, but never over a later edit of the config."""

from __future__ import annotations

import pytest

from newsdiff.store.errors import StoreError
from newsdiff.store.theme_choice import ThemeChoice, load_theme_choice, save_theme_choice, theme_path, theme_to_use


def test_a_pick_is_remembered_in_the_data_folder() -> None:
    assert load_theme_choice() is None
    save_theme_choice(ThemeChoice("nord", "textual-dark"))
    assert theme_path().name == "theme.json"
    assert load_theme_choice() == ThemeChoice("nord", "textual-dark")


def test_the_pick_holds_only_while_the_config_names_what_it_was_picked_over() -> None:
    choice = ThemeChoice("nord", "textual-dark")
    assert theme_to_use("textual-dark", choice) == "nord"
    assert theme_to_use("gruvbox", choice) == "gruvbox"  # the config was edited since: it wins
    assert theme_to_use("textual-dark", None) == "textual-dark"


@pytest.mark.parametrize("content", [b"", b"{not json", b'["nord"]', b'{"theme": 1, "over": "x"}', b"\xff\xfe"])
def test_an_unreadable_file_is_no_pick(content: bytes) -> None:
    theme_path().parent.mkdir(parents=True)
    theme_path().write_bytes(content)
    assert load_theme_choice() is None


def test_a_place_that_cannot_be_written_is_a_store_error(tmp_path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot remember the theme"):
        save_theme_choice(ThemeChoice("nord", "textual-dark"), blocker / "theme.json")
