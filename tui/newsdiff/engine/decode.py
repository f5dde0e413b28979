"""Turn an article file's bytes into the exact text every offset refers to.

Articles come from the web in whatever encoding the outlet used, so UTF-8 is
only the first guess; charset-normalizer names the codec otherwise. Newlines
are normalised the way ``Path.read_text`` does (universal newlines), so the
text — and every passage offset into it — matches what any other Python tool
reading the same file sees.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from newsdiff.engine.errors import InputError

MAX_FILE_BYTES = 20_000_000
"""Largest file read (20.0 MB): a saved web page carries scripts and styles around its article,
so this is far above any article's text, whose own limit is ``load.MAX_ARTICLE_CHARS``."""

_READ_CHUNK = 1 << 20
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
"""What a path may name besides a regular file, as the reader is told."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks, longest first (the UTF-32 LE mark starts with UTF-16 LE's)."""

Warn = Callable[[str], None]
"""Where what the reader should know about the input goes (a guessed encoding, a file left out)."""

_DECLARED = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"})
"""Encodings the bytes themselves vouch for (valid UTF-8, a byte-order mark, or UTF-16's
zero bytes on one side of every pair, ``_utf16_without_bom``); any other is a guess."""

_UTF16_SAMPLE_BYTES = 65_536
_UTF16_MIN_ZERO_SHARE = 0.3
"""Share of a UTF-16 text's byte pairs whose high byte is zero, at least: Latin-script text has it in
nearly every pair (an ASCII character is one zero byte and one letter)."""
_UTF16_MAX_OTHER_SHARE = 0.05
"""Share of pairs with a zero low byte, at most (U+0100, U+4E00 and the like); what fits both and is not
text (an array of small numbers) decodes to control characters and is refused as binary."""

_WESTERN = "cp1252"
"""Preferred among equally clean guesses: legacy Western news is Windows-1252,
and short texts of it also decode cleanly (and wrongly) as Central European."""

_CHAOS_MARGIN = 0.01
"""How much more "chaos" (charset-normalizer's measure of odd characters) a
guess may show and still count as equally clean. On a short text the measure
moves by a few thousandths between codecs: a cp1252 line with curly quotes,
a dash, "€" and "crème brûlée" scored 0.096 as cp1252 and 0.093 as cp775
(Baltic DOS), which turned its quotes into "ō" and "ö"."""

_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters no text article contains (tab, newline, form feed are fine)."""

_SURROGATE = re.compile("[\ud800-\udfff]")
"""How Python keeps a file name's bytes that are not UTF-8 (PEP 383)."""

_MAX_CONTROL_SHARE = 0.01
"""Above this share of control characters a "text" is really binary data."""


def read_article_file(path: Path, warn: Warn | None = None, assumed: str | None = None) -> str:
    """The file's text, decoded and newline-normalised; ``InputError`` if unusable.

    ``warn`` hears when the encoding had to be guessed, and ``assumed``
    replaces the guess (see ``decode_article_bytes``).
    """
    name = readable_name(path)
    return decode_article_bytes(read_limited(path, MAX_FILE_BYTES), name=name, warn=warn, assumed=assumed)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (a symbolic link is followed), at most ``limit``; else ``InputError``.

    A named pipe would block the reader until some other program writes
    to it, and ``/dev/zero`` never ends while ``stat`` calls it empty, so
    the file is opened without blocking and must be a regular file once
    open (no race with a file swapped in meanwhile), and the read stops at
    ``limit + 1`` bytes whatever its size said.
    """
    name = readable_name(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        try:
            mode = os.fstat(descriptor).st_mode
            kind = next((kind for is_kind, kind in _NOT_REGULAR if is_kind(mode)), None)
            if kind is not None or not stat.S_ISREG(mode):
                raise InputError(f"{name}: is {kind or 'not a regular file'}{_target(path)}, not an article file")
            size = os.fstat(descriptor).st_size
            if size > limit:
                raise InputError(f"{name}: file is too large ({file_size_versus(size, limit)})")
            data = _read_at_most(stream, limit + 1)
        except OSError as error:
            raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
    if len(data) > limit:
        raise InputError(f"{name}: file is too large (it holds more than the limit of {limit:,} bytes)")
    return data


def _read_at_most(stream: io.RawIOBase, count: int) -> bytes:
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = stream.read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _target(path: Path) -> str:
    """`` (a link to /dev/zero)`` when ``path`` is a symbolic link, so the reader sees what was refused."""
    try:
        return f" (a link to {readable_name(path.resolve())})" if path.is_symlink() else ""
    except (OSError, RuntimeError):
        return ""


def file_size_versus(size: int, limit: int) -> str:
    """ "21.0 MB; the limit is 20.0 MB": in MB when the two differ at one decimal, else in bytes."""
    shown, allowed = f"{size / 1e6:.1f} MB", f"{limit / 1e6:.1f} MB"
    if shown == allowed:
        shown, allowed = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{shown}; the limit is {allowed}"


def readable_name(path: Path | str) -> str:
    """A file name as valid text: each byte that is not UTF-8 (a lone surrogate, PEP 383) as U+FFFD.

    A file name is bytes; Python keeps the bytes that do not decode as lone
    surrogates, which no UTF-8 writer accepts, so one such name broke
    every export of its story. The name is only ever shown, never reopened.
    """
    return _SURROGATE.sub("\ufffd", str(path))


def decode_article_bytes(data: bytes, *, name: str, warn: Warn | None = None, assumed: str | None = None) -> str:
    """Decode ``data`` (the contents of ``name``) to text, refusing binary data.

    Text that is not UTF-8 and has no byte-order mark is decoded in
    ``assumed`` when the reader names an encoding (``--encoding``), else in
    the encoding that fits it best. That is a guess, and on a short text
    often a wrong one (Czech cp1250 and Turkish cp1254 come out as cp1252),
    so ``warn`` is told which encoding was guessed and how to name another.
    """
    encoding = detect_encoding(data, name=name, assumed=assumed)
    text = _decode(data, encoding, name=name)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not a text article")
    if warn is not None and encoding not in _DECLARED and assumed is None:
        warn(f"{name}: not UTF-8; read as {encoding}, a guess (check its accented letters; --encoding names another)")
    return text


def detect_encoding(data: bytes, *, name: str, assumed: str | None = None) -> str:
    """The Python codec for ``data``: a byte-order mark, else UTF-8, else ``assumed``, else detected."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not a text article")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    if assumed is not None:
        return assumed
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(f"{name}: cannot tell the text encoding (binary file?)")
    least_chaos = min(match.chaos for match in matches)
    plausible = [match for match in matches if match.chaos <= least_chaos + _CHAOS_MARGIN]
    if any(_WESTERN in match.could_be_from_charset for match in plausible):
        return _WESTERN
    return plausible[0].encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark, else ``None``.

    Windows tools write UTF-16 without a mark; its zero bytes made it look
    binary. Text in a Latin script has a zero byte in most pairs, always on
    the same side (the high byte of each character); the other side has
    few (a character such as "Ā", U+0100, has a zero low byte).
    """
    sample = data[:_UTF16_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if len(data) % 2 or pairs == 0:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= _UTF16_MIN_ZERO_SHARE * pairs and even <= _UTF16_MAX_OTHER_SHARE * pairs:
        return "utf-16-le"
    if even >= _UTF16_MIN_ZERO_SHARE * pairs and odd <= _UTF16_MAX_OTHER_SHARE * pairs:
        return "utf-16-be"
    return None


def codec_name(name: str) -> str:
    """The canonical name of the Python codec ``name`` ("Windows-1254" is "cp1254"); ``InputError`` if unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding: {name}") from None


def _decode(data: bytes, encoding: str, *, name: str) -> str:
    """Decode with universal newlines, exactly like ``open(..., newline=None)``."""
    try:
        with io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=None) as stream:
            return stream.read()
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: cannot decode the text as {encoding}") from None


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL_CHARS.findall(text))
    return "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1)
