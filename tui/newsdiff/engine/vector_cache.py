"""Sentence vectors kept on disk across stories, so a sentence is embedded once per reader.

Why: the encoder costs about 1 ms of CPU per sentence (more on a busy
machine), and the same sentences come back: the story opened again after an
edit, wire copy that many stories share, a folder read as one story and
then story by story. A vector depends only on the encoder, its model
version and the text, so that is its key (a 16-byte BLAKE2b digest; the
text itself is not kept).

Format, chosen by measuring 9,000 look-ups among 50,000 vectors: files
holding two NumPy arrays one after the other, the row table (key and CRC-32
of each vector) read whole, then the float32 vectors, mapped into memory so
only the rows a story asks for are read (0.05 s in a first trial, against
0.27–0.40 s for SQLite from the stdlib, which also took 223 MB of disk for
100 MB of vectors). Each analysis that embedded new sentences writes one
more file with those only, atomically (``newsdiff.atomic``): rewriting one
100 MB file took 2 s on the loaded test machine, more than embedding a small
story. Past ``MAX_VECTORS`` vectors or ``MAX_FILES`` files, the files are
merged into one, the oldest vectors dropped. Two processes writing at once lose
nothing: each writes a file of its own.

A file that does not read back exactly (truncated, edited, of another
size or type), or with a vector that does not match its checksum, is not
used and is removed, so its sentences are embedded again. A cache that
cannot be written is no error.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
import zlib
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

from newsdiff.atomic import write_with_atomic

MAX_VECTORS = 50_000
"""Vectors kept at most (512 float32 each: about 100 MB); the oldest files go first."""
KEPT_AFTER_TRIM = 0.75
"""Share of ``MAX_VECTORS`` (the newest) kept when the files outgrow it."""
MAX_FILES = 32
"""Files kept at most before they are merged into one (each look-up opens all of them)."""
KEY_BYTES = 16
"""BLAKE2b digest of encoder, model version and text."""
_ROW_BYTES = KEY_BYTES + 4
"""A row of the table: the key, then the CRC-32 of the vector's bytes (little-endian)."""
_WRITE_ROWS = 4096
"""Vectors copied per write call when files are merged: bounded memory whatever their size."""

Vector = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class _File:
    """One file of vectors: its row table in memory and its vectors mapped."""

    path: Path
    table: NDArray[np.uint8]
    vectors: NDArray[np.float32]


class VectorCache:
    """The vectors of one encoder and model version in ``folder``, read on first use, written by ``save``."""

    def __init__(self, folder: Path, encoder: str, version: str, dim: int) -> None:
        safe_version = "".join(c if c.isalnum() or c in ".+-" else "_" for c in version)
        self.folder = folder
        self._prefix = f"{encoder}-{safe_version}."
        self._namespace = f"{encoder}\x00{version}\x00".encode()
        self._dim = dim
        self._files: list[_File] | None = None
        self._rows: dict[bytes, tuple[int, int]] = {}
        self._new: dict[bytes, Vector] = {}

    def key(self, text: str) -> bytes:
        return hashlib.blake2b(self._namespace + text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest()

    def paths(self) -> list[Path]:
        """This encoder's files, oldest first (their names start with the time they were written)."""
        try:
            found = [path for path in self.folder.iterdir() if path.name.startswith(self._prefix)]
        except OSError:
            return []
        return sorted(path for path in found if path.suffix == ".vectors")

    def get(self, texts: Sequence[str]) -> dict[str, Vector]:
        """The vectors on disk (or added since) of those ``texts`` that have one."""
        files = self._read()
        found: dict[str, Vector] = {}
        wanted: dict[int, list[tuple[str, int]]] = {}
        for text in texts:
            key = self.key(text)
            if key in self._new:
                found[text] = self._new[key]
            elif (place := self._rows.get(key)) is not None:
                wanted.setdefault(place[0], []).append((text, place[1]))
        for number, rows in wanted.items():
            gathered = _gathered(files[number], rows)
            if gathered is None:  # a damaged file: none of its vectors is used, so they count as new when added
                self._rows = {key: place for key, place in self._rows.items() if place[0] != number}
            found.update(gathered or {})
        return found

    def add(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Remember new vectors; they reach the disk with ``save``."""
        for text, vector in zip(texts, vectors, strict=True):
            key = self.key(text)
            if key not in self._rows:
                self._new[key] = np.ascontiguousarray(vector, dtype=np.float32)

    def save(self) -> None:
        """Write the vectors added since the last save to a file of their own, then keep within the bounds."""
        if not self._new:
            return
        self._files = None  # let go of the mappings: old files may be removed or merged
        self._rows = {}
        keys = list(self._new)
        table = np.empty((len(keys), _ROW_BYTES), dtype=np.uint8)
        for n, key in enumerate(keys):
            table[n] = np.frombuffer(key + _crc(self._new[key]), dtype=np.uint8)
        vectors = np.stack([self._new[key] for key in keys])
        self._new = {}
        with suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write(table, [vectors])
            self._keep_within_bounds()

    def _write(self, table: NDArray[np.uint8], parts: Sequence[NDArray[np.float32]]) -> None:
        name = f"{self._prefix}{time.time_ns():020d}-{secrets.token_hex(4)}.vectors"

        def write(stream: BinaryIO) -> None:
            np.lib.format.write_array(stream, table, allow_pickle=False)
            header = {"descr": "<f4", "fortran_order": False, "shape": (len(table), self._dim)}
            np.lib.format.write_array_header_1_0(stream, header)
            for part in parts:
                for start in range(0, len(part), _WRITE_ROWS):
                    stream.write(np.ascontiguousarray(part[start : start + _WRITE_ROWS], dtype="<f4").tobytes())

        write_with_atomic(self.folder / name, write)

    def _keep_within_bounds(self) -> None:
        """Past ``MAX_VECTORS`` or ``MAX_FILES``, merge the files into one, newest rows first.

        Past the size bound only the newest ``KEPT_AFTER_TRIM`` of ``MAX_VECTORS`` stay, so the next
        stories add files for a while before the next merge.
        """
        files = [file for path in self.paths() if (file := _opened(path, self._dim)) is not None]
        total = sum(len(file.table) for file in files)
        if total <= MAX_VECTORS and len(files) <= MAX_FILES:
            return
        remaining = int(MAX_VECTORS * KEPT_AFTER_TRIM) if total > MAX_VECTORS else total
        tables: list[NDArray[np.uint8]] = []
        parts: list[NDArray[np.float32]] = []
        for file in reversed(files):
            take = min(remaining, len(file.table))
            if take:
                tables.insert(0, file.table[len(file.table) - take :])
                parts.insert(0, file.vectors[len(file.table) - take :])
            remaining -= take
        self._write(np.concatenate(tables), parts)
        parts.clear()  # let go of the mappings before removing the files (Windows refuses otherwise)
        for file in files:
            _remove(file.path)

    def _read(self) -> list[_File]:
        """Every usable file, read once; an unusable one is removed."""
        if self._files is None:
            self._files = []
            for path in self.paths():
                file = _opened(path, self._dim)
                if file is None:
                    _remove(path)
                    continue
                keys = file.table[:, :KEY_BYTES].tobytes()
                number = len(self._files)
                self._rows.update(
                    (keys[row * KEY_BYTES : (row + 1) * KEY_BYTES], (number, row)) for row in range(len(file.table))
                )
                self._files.append(file)
        return self._files


def _gathered(file: _File, rows: list[tuple[str, int]]) -> dict[str, Vector] | None:
    """The vectors of ``rows`` of one file, or ``None`` (and the file removed) when one does not match its checksum."""
    rows = sorted(rows, key=lambda pair: pair[1])
    numbers = np.array([row for _, row in rows], dtype=np.int64)
    try:
        vectors = np.array(file.vectors[numbers], dtype=np.float32)
    except OSError:  # the file could not be read under the mapping
        return None
    checksums = file.table[numbers, KEY_BYTES:].copy().view("<u4").ravel()
    if any(zlib.crc32(vector.tobytes()) != int(crc) for vector, crc in zip(vectors, checksums, strict=True)):
        _remove(file.path)
        return None
    return {text: vector for (text, _), vector in zip(rows, vectors, strict=True)}


def _remove(path: Path) -> None:
    with suppress(OSError):
        path.unlink()


def _crc(vector: Vector) -> bytes:
    return zlib.crc32(vector.tobytes()).to_bytes(4, "little")


def _opened(path: Path, dim: int) -> _File | None:
    """The file's row table and mapped vectors, or ``None`` for anything but a well-formed file."""
    try:
        table, vectors = _load(path, dim)
    except Exception:  # whatever is wrong with the file (cut, edited, gone), its vectors are embedded again
        return None
    return _File(path, table, vectors)


def _load(path: Path, dim: int) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """The row table and the mapped vectors; ``ValueError`` for anything but a well-formed file."""
    with open(path, "rb") as stream:
        table = np.lib.format.read_array(stream, allow_pickle=False)
        if table.dtype != np.uint8 or table.ndim != 2 or table.shape[1] != _ROW_BYTES:
            raise ValueError("not a row table")
        if np.lib.format.read_magic(stream) != (1, 0):
            raise ValueError("not a vector array")
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        offset = stream.tell()
    if fortran or dtype != np.dtype("<f4") or shape != (len(table), dim):
        raise ValueError("vectors of another shape")
    if os.path.getsize(path) != offset + len(table) * dim * 4:
        raise ValueError("truncated or padded")
    if not len(table):
        return table, np.zeros((0, dim), dtype=np.float32)
    vectors = np.memmap(path, dtype="<f4", mode="r", offset=offset, shape=(len(table), dim))
    return table, vectors
