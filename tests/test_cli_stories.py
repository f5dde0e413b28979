"""``newsdiff stories`` and the pile options of ``report``/``export`` (``--story``, ``--as-one-story``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pile_texts import PILE

from newsdiff.cli import main


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))


@pytest.fixture
def pile(tmp_path: Path) -> Path:
    """A folder of nine articles about three events."""
    folder = tmp_path / "pile"
    folder.mkdir()
    for event, texts in PILE.items():
        for number, text in enumerate(texts, start=1):
            (folder / f"{event}_{number}.txt").write_text(text, encoding="utf-8")
    return folder


def test_stories_json_puts_every_article_in_exactly_one_story(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--format", "json", str(pile)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "newsdiff.stories/1"
    paths = [article["path"] for story in document["stories"] for article in story["articles"]]
    assert sorted(paths) == sorted(str(p) for p in pile.iterdir())
    for story in document["stories"]:
        assert len({Path(article["path"]).stem.split("_")[0] for article in story["articles"]}) == 1
    assert [story["id"] for story in document["stories"]] == [1, 2, 3]


def test_stories_text_lists_headlines_and_files(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", str(pile)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 stories in 9 articles")
    assert "3 articles, 3 outlets" in out
    assert str(pile / "phone_2.txt") in out


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_pile_without_story_is_one_helpful_line(command: str, pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, str(pile)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "hold 3 stories" in err and "--story ID" in err and "--as-one-story" in err


def test_export_with_story_exports_only_that_story(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--format", "json", str(pile)]) == 0
    listed = json.loads(capsys.readouterr().out)["stories"][1]
    assert main(["export", "--no-cache", "--format", "json", "--story", "2", str(pile)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert len(exported["articles"]) == len(listed["articles"])


def test_as_one_story_reads_every_article(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--no-cache", "--format", "json", "--as-one-story", str(pile)]) == 0
    assert len(json.loads(capsys.readouterr().out)["articles"]) == 9


def test_an_unknown_story_id_is_one_line(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--story", "7", str(pile)]) == 2
    assert "no story 7" in capsys.readouterr().err


def test_a_story_id_is_a_positive_number(pile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--story", "two", str(pile)]) == 2
    assert "a story id is a number" in capsys.readouterr().err


def test_a_folder_about_one_event_reports_as_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "chile"
    folder.mkdir()
    for number, text in enumerate(PILE["chile"], start=1):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    assert main(["export", "--no-cache", "--format", "json", str(folder)]) == 0
    assert len(json.loads(capsys.readouterr().out)["articles"]) == 3
