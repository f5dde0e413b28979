"""Sentence vectors kept on disk across stories, so a sentence is embedded once per reader.

Why: the encoder costs about 1 ms of CPU per sentence (more on a busy
machine), and the same sentences come back: the story opened again after an
edit, wire copy that many stories share, a folder read as one story and
then story by story. A vector depends only on the encoder, its model
version and the text, so that is its key (a 16-byte BLAKE2b digest; the
text itself is not kept).

Format, chosen by measuring 9,000 look-ups among 50,000 vectors: one file
per encoder and model version holding two NumPy arrays one after the other,
the row table (key and CRC-32 of each vector) read whole (1 MB), then the
float32 vectors, mapped into memory so only the rows a story asks for are
read: 0.05 s, against 0.27–0.40 s for SQLite (stdlib ``sqlite3``, which
also took 223 MB of disk for 100 MB of vectors). The file is rewritten
whole, atomically (``newsdiff.atomic``), when a story added vectors; the
rows this story used move to the end and the oldest beyond
``MAX_VECTORS`` are dropped, so the file stays under about 100 MB. Two
processes writing at once lose nothing but vectors, which are recomputed.

A file that does not read back exactly (truncated, edited, of another
size or type) counts as empty and is replaced by the next write; a vector
whose checksum does not match is not used, and the whole file is dropped.
A cache that cannot be written is no error.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

from newsdiff.atomic import write_with_atomic

MAX_VECTORS = 50_000
"""Vectors kept at most (512 float32 each: about 100 MB); the least recently used go first."""
KEY_BYTES = 16
"""BLAKE2b digest of encoder, model version and text."""
_ROW_BYTES = KEY_BYTES + 4
"""A row of the table: the key, then the CRC-32 of the vector's bytes (little-endian)."""
_WRITE_ROWS = 4096
"""Vectors copied per write call when the file is rewritten: bounded memory whatever its size."""

Vector = NDArray[np.float32]


class VectorCache:
    """The vectors of one encoder and model version in ``folder``, read on first use, written by ``save``."""

    def __init__(self, folder: Path, encoder: str, version: str, dim: int) -> None:
        safe_version = "".join(c if c.isalnum() or c in ".+-" else "_" for c in version)
        self.path = folder / f"{encoder}-{safe_version}.vectors"
        self._namespace = f"{encoder}\x00{version}\x00".encode()
        self._dim = dim
        self._rows: dict[bytes, int] | None = None
        self._table: NDArray[np.uint8] = np.zeros((0, _ROW_BYTES), dtype=np.uint8)
        self._vectors: NDArray[np.float32] = np.zeros((0, dim), dtype=np.float32)
        self._used: set[int] = set()
        self._new: dict[bytes, Vector] = {}
        self._damaged = False
        """Set when a vector read did not match its checksum: the file is not read again, and the next save replaces it."""

    def key(self, text: str) -> bytes:
        return hashlib.blake2b(self._namespace + text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest()

    def get(self, texts: Sequence[str]) -> dict[str, Vector]:
        """The vectors on disk (or added since) of those ``texts`` that have one."""
        rows = self._read()
        found: dict[str, Vector] = {}
        wanted: list[tuple[str, int]] = []
        for text in texts:
            key = self.key(text)
            if key in self._new:
                found[text] = self._new[key]
            elif (row := rows.get(key)) is not None:
                wanted.append((text, row))
        if not wanted:
            return found
        order = sorted(range(len(wanted)), key=lambda n: wanted[n][1])
        numbers = np.array([wanted[n][1] for n in order], dtype=np.int64)
        try:
            vectors = np.array(self._vectors[numbers], dtype=np.float32)
        except OSError:  # the file could not be read under the mapping
            self._damaged = True
            self._forget()
            return found
        checksums = self._table[numbers, KEY_BYTES:].copy().view("<u4").ravel()
        if any(zlib.crc32(vector.tobytes()) != int(crc) for vector, crc in zip(vectors, checksums, strict=True)):
            self._damaged = True
            self._forget()
            return found
        self._used.update(int(n) for n in numbers)
        for position, n in enumerate(order):
            found[wanted[n][0]] = vectors[position]
        return found

    def add(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Remember new vectors; they reach the disk with ``save``."""
        for text, vector in zip(texts, vectors, strict=True):
            self._new[self.key(text)] = np.ascontiguousarray(vector, dtype=np.float32)

    def save(self) -> None:
        """Write the file again with the vectors added, if any; failing to write is not an error."""
        if not self._new:
            return
        rows = self._read()
        old = len(rows)
        kept_old = [n for n in range(old) if n not in self._used] + sorted(self._used)
        new_keys = [key for key in self._new if key not in rows]
        drop = max(0, len(kept_old) + len(new_keys) - MAX_VECTORS)
        kept_new = new_keys[max(0, drop - len(kept_old)) :]
        kept_old = kept_old[drop:]
        table = np.empty((len(kept_old) + len(kept_new), _ROW_BYTES), dtype=np.uint8)
        table[: len(kept_old)] = self._table[kept_old]
        for n, key in enumerate(kept_new, start=len(kept_old)):
            table[n] = np.frombuffer(key + _crc(self._new[key]), dtype=np.uint8)

        mapped = [self._vectors]
        self._vectors = np.zeros((0, self._dim), dtype=np.float32)

        def write(stream: BinaryIO) -> None:
            np.lib.format.write_array(stream, table, allow_pickle=False)
            header = {"descr": "<f4", "fortran_order": False, "shape": (len(table), self._dim)}
            np.lib.format.write_array_header_1_0(stream, header)
            for start in range(0, len(kept_old), _WRITE_ROWS):
                stream.write(np.ascontiguousarray(mapped[0][kept_old[start : start + _WRITE_ROWS]]).tobytes())
            mapped.clear()  # let go of the mapping before the rename (Windows refuses to replace a mapped file)
            for key in kept_new:
                stream.write(self._new[key].tobytes())

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_with_atomic(self.path, write)
        except OSError:
            pass
        mapped.clear()
        self._new = {}
        self._damaged = False
        self._forget()

    def _read(self) -> dict[bytes, int]:
        """Key to row of the file, read once; an unreadable file counts as empty."""
        if self._rows is None:
            self._rows = {}
            if self._damaged:
                return self._rows
            try:
                self._table, self._vectors = _load(self.path, self._dim)
            except Exception:  # whatever is wrong with the file (missing, cut, edited), it is rebuilt
                self._forget()
                self._rows = {}
                return self._rows
            self._rows = {bytes(row[:KEY_BYTES]): n for n, row in enumerate(self._table)}
        return self._rows

    def _forget(self) -> None:
        """Read the file again on the next use (after a write, or when it proved damaged: then it is rebuilt)."""
        self._rows = None
        self._used = set()
        self._table = np.zeros((0, _ROW_BYTES), dtype=np.uint8)
        self._vectors = np.zeros((0, self._dim), dtype=np.float32)


def _crc(vector: Vector) -> bytes:
    return zlib.crc32(vector.tobytes()).to_bytes(4, "little")


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
