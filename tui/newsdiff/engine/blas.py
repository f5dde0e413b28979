"""NumPy's matrix products on one thread while a story is matched with the sentence encoder.

Why: the semantic path's products are many and small (the model's
micro-batches of about 384 tokens, one article's sentences against the rest
of the story, one claim against one article), and OpenBLAS threads spent on
them mostly wait for each other; on a machine busy with other work they
wait for a core too. On the 2-core test machine under load, an 8-article
story spent 1.1 s in ``margin`` with NumPy's default threads and 2 ms with
one, and its 237 sentences took 16 s to embed with two threads against
0.70 s with one. One thread also leaves the other cores to the reader's
other programs.

The limit needs ``threadpoolctl`` (installed with the ``semantic`` extra);
without it nothing is limited. It is process-wide while it lasts, so it is
entered before the encoder starts loading in another thread
(``semantic.EncoderLoad``), whose own limit then restores it as it found it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

BLAS_THREADS = 1
"""Threads NumPy's BLAS may use during a semantic analysis."""


@contextmanager
def blas_limited() -> Iterator[None]:
    """Limit NumPy's BLAS to ``BLAS_THREADS`` for the ``with`` block (nothing without ``threadpoolctl``)."""
    try:
        import numpy  # noqa: F401  (the limit applies to the BLAS libraries loaded when it is entered)
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        yield
