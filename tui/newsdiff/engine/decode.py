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
import re
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from newsdiff.engine.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest article accepted: far above any real article, small enough to analyse."""

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

_DECLARED = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})
"""Encodings the bytes themselves vouch for (valid UTF-8, or a byte-order mark); any other is a guess."""

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

_MAX_CONTROL_SHARE = 0.01
"""Above this share of control characters a "text" is really binary data."""


def read_article_file(path: Path, warn: Warn | None = None, assumed: str | None = None) -> str:
    """The file's text, decoded and newline-normalised; ``InputError`` if unusable.

    ``warn`` hears when the encoding had to be guessed, and ``assumed``
    replaces the guess (see ``decode_article_bytes``).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: file is too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    return decode_article_bytes(data, name=str(path), warn=warn, assumed=assumed)


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
