"""Atomic writes: the target holds the old bytes or the new ones, never a mix, and no debris."""

from __future__ import annotations

import os
import stat
import threading

import pytest

import newsdiff.atomic as atomic
from newsdiff.atomic import write_bytes_atomic, write_text_atomic


def test_writes_a_new_file(tmp_path) -> None:
    target = tmp_path / "out.txt"
    write_text_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    assert os.listdir(tmp_path) == ["out.txt"]


def test_replaces_an_existing_file(tmp_path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("failing_step", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_old_file_intact_and_no_temporary_file(
    tmp_path, monkeypatch, failing_step: str
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old content")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, failing_step, fail)
    with pytest.raises(OSError, match="No space left"):
        write_bytes_atomic(target, b"new content that never lands")
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_text_that_cannot_be_encoded_touches_nothing(tmp_path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "snowman ☃", encoding="ascii")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_missing_folder_raises_oserror(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomic(tmp_path / "missing" / "out.txt", "x")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_an_existing_file_keeps_its_permissions(tmp_path) -> None:
    target = tmp_path / "private.txt"
    target.write_text("old")
    target.chmod(0o600)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_file_gets_the_permissions_open_would_give_it(tmp_path) -> None:
    umask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path) -> None:
    (tmp_path / "real.json").write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert (tmp_path / "real.json").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("through_link", [False, True])
def test_a_named_pipe_is_written_to_not_replaced(tmp_path, through_link: bool) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = tmp_path / "link" if through_link else pipe
    if through_link:
        target.symlink_to(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_text_atomic(target, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(os.listdir(tmp_path)) == (["link", "pipe"] if through_link else ["pipe"])


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_read_only_file_is_refused_not_replaced(tmp_path) -> None:
    """The rename needs only the folder writable: a file made read-only to keep it was silently replaced."""
    target = tmp_path / "kept.json"
    target.write_text("keep me")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_text_atomic(target, "new")
    assert target.read_text() == "keep me"
    assert os.listdir(tmp_path) == ["kept.json"]


def _left_behind(path, content: str, age: float):
    """A file as a write left it ``age`` seconds ago."""
    path.write_text(content)
    moment = path.stat().st_mtime - age
    os.utime(path, (moment, moment))
    return path


def test_a_killed_writes_temporary_file_goes_at_the_next_write_of_that_target(tmp_path) -> None:
    old = atomic.STALE_SECONDS + 60
    _left_behind(tmp_path / ".notes.json.0a1b2c3d.tmp", "half", old)
    kept = [
        _left_behind(tmp_path / ".notes.json.99887766.tmp", "half", 0),  # another process's write, just begun
        _left_behind(tmp_path / ".other.json.0a1b2c3d.tmp", "half", old),  # another target's: its own write cleans it
        _left_behind(tmp_path / ".notes.json.backup.tmp", "mine", old),  # not a name this module makes
    ]
    write_text_atomic(tmp_path / "notes.json", "whole")
    assert sorted(os.listdir(tmp_path)) == sorted(["notes.json", *(p.name for p in kept)])
