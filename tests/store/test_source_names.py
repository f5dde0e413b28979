"""Outlet names given in the app: kept by the article's text, forgotten on request, never a crash."""

from __future__ import annotations

import pytest

from newsdiff.engine.load import article_from_text
from newsdiff.store.errors import StoreError
from newsdiff.store.source_names import (
    MAX_NAME_CHARS,
    clean_name,
    load_source_names,
    save_source_name,
    source_names_path,
    with_source_names,
)

WIRE = article_from_text("The mayor opened the bridge on Monday.", article_id="000_efafae1ce283e261")
DAILY = article_from_text("On Monday the mayor opened the bridge.", article_id="002_9be4d31c")


def test_a_name_is_kept_for_the_article_wherever_it_is_read_from() -> None:
    save_source_name(WIRE, "Reuters")
    copy = article_from_text(WIRE.text, article_id="elsewhere", path="/another/folder/x.txt")
    named = with_source_names([copy, DAILY], load_source_names())
    assert [a.source for a in named] == ["Reuters", DAILY.source]
    assert source_names_path().name == "source-names.json"


def test_an_empty_name_gives_the_article_its_own_name_back() -> None:
    save_source_name(WIRE, "Reuters")
    save_source_name(DAILY, "AFP")
    save_source_name(WIRE, "  ")
    assert [a.source for a in with_source_names([WIRE, DAILY], load_source_names())] == [WIRE.source, "AFP"]


def test_names_given_in_another_window_are_kept() -> None:
    save_source_name(WIRE, "Reuters")
    source_names_path().write_text(source_names_path().read_text().replace("}", ', "feedfeedfeedfeed": "BBC"}'))
    save_source_name(DAILY, "AFP")
    assert sorted(load_source_names().values()) == ["AFP", "BBC", "Reuters"]


def test_a_name_is_one_short_line_of_text() -> None:
    assert clean_name("  The\\nGuardian \x1b[31m ") == "The\\nGuardian [31m"
    assert clean_name("Le\tMonde\n") == "Le Monde"
    assert len(clean_name("x" * 500)) == MAX_NAME_CHARS


@pytest.mark.parametrize("content", [b"", b"{not json", b'["Reuters"]', b'{"abc": 1}', b"\xff\xfe"])
def test_an_unreadable_file_names_nothing_and_is_replaced_on_the_next_save(content: bytes) -> None:
    source_names_path().parent.mkdir(parents=True)
    source_names_path().write_bytes(content)
    assert load_source_names() == {}
    save_source_name(WIRE, "Reuters")
    assert list(load_source_names().values()) == ["Reuters"]


def test_a_name_that_cannot_be_written_is_a_store_error() -> None:
    source_names_path().parent.mkdir(parents=True)
    source_names_path().mkdir()  # a folder where the file should be
    with pytest.raises(StoreError, match="cannot keep the source name"):
        save_source_name(WIRE, "Reuters")
