"""Input that must not hang, exhaust memory or break an export: only regular files, read up to a limit.

Named pipes, devices and links to them are refused in one line before a
byte is read; a file name of any bytes shows with U+FFFD; UTF-16 without a
byte-order mark is text; sizes and lengths are said exactly.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from newsdiff.engine import decode
from newsdiff.engine.decode import file_size_versus, read_limited, readable_name
from newsdiff.engine.errors import InputError
from newsdiff.engine.export import RENDERERS
from newsdiff.engine.load import MAX_ARTICLE_CHARS, article_from_text, load_paths
from newsdiff.engine.story import analyze

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes, devices and byte file names are POSIX")

REPORT = "Putin arrived in Hanoi on Thursday for talks with To Lam.\nHe signed eleven agreements.\n"


def refusal(paths: list[Path]) -> str:
    """The one line ``load_paths`` refuses ``paths`` with, got within seconds (a hang fails the test)."""
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_paths(paths)
        except BaseException as error:  # handed to the test thread
            outcome.append(error)
        else:
            outcome.append(None)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert outcome, "loading hung"
    (error,) = outcome
    assert isinstance(error, InputError), error
    assert "\n" not in str(error)
    return str(error)


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert "named pipe" in refusal([pipe])


@posix_only
def test_a_device_and_a_link_to_it_are_refused_without_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert "character device" in refusal([Path("/dev/zero")])
    message = refusal([link])
    assert "zero.txt" in message and "character device" in message and "/dev/zero" in message


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "socket" in refusal([path])


@posix_only
def test_a_named_pipe_in_a_folder_is_left_out_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    warnings: list[str] = []
    (article,) = load_paths([tmp_path], warn=warnings.append)
    assert article.id == "a"
    assert len(warnings) == 1 and "b.txt" in warnings[0] and "named pipe" in warnings[0]


def test_the_read_stops_at_the_limit_whatever_the_size_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 1000)
    real_fstat = os.fstat

    class Lying:
        """``stat`` of a device or a growing file: size 0, whatever the file holds."""

        def __init__(self, result: os.stat_result) -> None:
            self.st_mode, self.st_size = result.st_mode, 0

    monkeypatch.setattr(os, "fstat", lambda fd: Lying(real_fstat(fd)))
    with pytest.raises(InputError, match=r"too large \(it holds more than the limit of 400 bytes\)"):
        read_limited(path, 400)
    assert read_limited(path, 1000) == b"x" * 1000


def test_the_size_message_never_shows_equal_looking_numbers() -> None:
    assert file_size_versus(21_000_000, 20_000_000) == "21.0 MB; the limit is 20.0 MB"
    assert file_size_versus(20_000_001, 20_000_000) == "20,000,001 bytes; the limit is 20,000,000 bytes"


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_FILE_BYTES", 2_000_000)
    path = tmp_path / "big.txt"
    path.write_bytes(b"Putin spoke. " * 170_000)
    assert refusal([path]).endswith("big.txt: file is too large (2.2 MB; the limit is 2.0 MB)")


def test_an_article_over_the_length_limit_is_refused_up_front() -> None:
    text = "Putin spoke in Hanoi. " * (MAX_ARTICLE_CHARS // 22 + 1)
    with pytest.raises(
        InputError, match=rf"too long to analyse \({len(text):,} characters of text; the limit is 2,000,000\)"
    ):
        article_from_text(text, article_id="long")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path: Path, codec: str) -> None:
    text = "Putin arrived in Hanoi — for talks “at last” with Ānanda.\nHe signed eleven agreements on trade.\n" * 3
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode(codec))
    warnings: list[str] = []
    (article,) = load_paths([path], warn=warnings.append)
    assert article.text == text
    assert warnings == []


def test_binary_with_zero_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_bytes(bytes(range(1, 20)) * 2 * 50 + b"\x00\x01" * 100)
    assert "binary" in refusal([path])


@posix_only
def test_a_file_name_of_any_bytes_shows_with_replacement_symbols_and_exports(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    odd = os.fsdecode(bytes(folder) + b"/inv\xff\xfe.txt")
    Path(odd).write_text(REPORT.replace("eleven", "twelve"), encoding="utf-8")
    story = analyze([folder])
    article = story.articles[1]
    assert article.id == "inv\ufffd\ufffd"
    assert article.path == str(folder / "inv\ufffd\ufffd.txt")
    for name, render in RENDERERS.items():
        content = render(story, [])
        content.encode("utf-8")
        if name == "json":
            assert json.loads(content)["articles"][1]["path"] == article.path


def test_readable_name_replaces_each_undecodable_byte() -> None:
    assert readable_name(os.fsdecode(b"inv\xff\xfe.txt")) == "inv\ufffd\ufffd.txt"
    assert readable_name("plain.txt") == "plain.txt"


def test_long_front_matter_values_are_cut_with_a_warning() -> None:
    title = "T" * 5_000_000
    warnings: list[str] = []
    text = f"---\ntitle: {title}\nsource: Reuters\nurl: https://example.com/{'p' * 3000}\n---\n{REPORT}"
    article = article_from_text(text, article_id="a", warn=warnings.append)
    assert len(article.title) == 300 and article.title.endswith("…")
    assert article.source == "Reuters"
    assert article.url is not None and len(article.url) == 2000 and article.url.endswith("…")
    assert len(warnings) == 2 and "5,000,000 characters" in warnings[0]
    assert article.text == text


def test_an_article_of_too_many_passages_is_refused_before_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsdiff.engine.story.MAX_ARTICLE_PASSAGES", 50)
    lines = article_from_text("word\n" * 60, article_id="lines")
    with pytest.raises(InputError, match=r"^lines: too many passages to analyse \(60; the limit is 50\)$"):
        analyze([lines, article_from_text(REPORT, article_id="report")])
