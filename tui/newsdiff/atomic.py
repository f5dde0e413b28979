"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Exports, snapshots and notes are written while the user may be reading the
previous version (or the disk may fill up, or the process may be killed), so
the bytes go to a temporary file next to the target, are flushed to disk, and
only then replace the target in one ``os.replace`` — a rename inside one
folder, which POSIX and Windows both perform atomically.

A rename replaces whatever has the target's name, so three kinds of target
are handled first: a symbolic link is followed (the file it points to gets
the new bytes and the link stays), a target that is no regular file (a named
pipe, ``/dev/stdout``) is written to in place, as ``open()`` would, and a
read-only file is refused, as ``open()`` would refuse it (the rename needs
only the folder to be writable, so ``export -o`` silently replaced a file
made read-only to keep it).

A write killed between creating its temporary file and the rename leaves
that file behind; the next write to the same target removes the ones older
than ``STALE_SECONDS``.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

_NEW_FILE_MODE = 0o666
"""Permissions for a new file before the umask, as ``open(path, "w")`` would use."""
STALE_SECONDS = 600.0
"""A temporary file or folder older than this was left by a killed write: one takes seconds at most."""
_TEMPORARY_SUFFIX = re.compile(r"[0-9a-f]{8}\.tmp")
"""What follows ``.<target name>.`` in a temporary file's name."""


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any error the old file is untouched.

    A file that already exists keeps its permission bits; a new one gets the
    same permissions ``open()`` would give it. A symbolic link is written
    through, and a pipe or device written to in place (see the module). Raises ``OSError`` (for
    example when the folder does not exist, the disk is full or the file is
    read-only) after removing the temporary file.
    """
    write_with_atomic(path, lambda stream: stream.write(data))


def write_with_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` atomically with what ``write`` writes to the stream it is given (see ``write_bytes_atomic``).

    For a file too big to build in memory first (the sentence vector cache):
    ``write`` streams it, and the file is replaced only once it returns.
    """
    if _is_special(path):
        with open(path, "wb") as stream:
            write(stream)
        return
    target = Path(os.path.realpath(path))
    existing_mode = _existing_mode(target)
    if existing_mode is not None and not _writable(target, existing_mode):
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    _remove_stale_temporaries(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, _NEW_FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if existing_mode is not None:
            os.chmod(temporary, existing_mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (see ``write_bytes_atomic``).

    The text is encoded before anything touches the disk, so text that
    cannot be encoded leaves no trace at all.
    """
    write_bytes_atomic(path, text.encode(encoding))


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (its links followed) exists and is no regular file: a pipe, a device, a folder."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False


def _existing_mode(target: Path) -> int | None:
    """The existing file's permission bits, so a rewrite neither loosens nor tightens them."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return None


def _writable(target: Path, mode: int) -> bool:
    """Whether ``open(target, "w")`` would be allowed, and the file is not marked read-only for everyone.

    The superuser may open any file, so for it the write bits alone tell a
    file someone made read-only (``chmod a-w``) on purpose.
    """
    return bool(mode & 0o222) and os.access(target, os.W_OK)


def _remove_stale_temporaries(target: Path) -> None:
    """Remove this target's temporary files that a killed write left (older than ``STALE_SECONDS``).

    Only names this module makes for this very target are touched, so a
    folder of the user's (an export's) loses nothing else; a fresh one may be
    another process's write in progress and is kept.
    """
    prefix = f".{target.name}."
    oldest = time.time() - STALE_SECONDS
    try:
        candidates = list(target.parent.glob(glob.escape(prefix) + "*.tmp"))
    except OSError:
        return
    for candidate in candidates:
        if not _TEMPORARY_SUFFIX.fullmatch(candidate.name[len(prefix) :]):
            continue
        with suppress(OSError):
            status = candidate.lstat()
            if stat.S_ISREG(status.st_mode) and status.st_mtime < oldest:
                candidate.unlink()


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename itself survives a crash (POSIX only)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
