"""Sentence vectors on disk: exact round trip, keyed by encoder and version, bounded, and never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from newsdiff.engine import vector_cache  # noqa: E402
from newsdiff.engine.semantic import Encoder  # noqa: E402
from newsdiff.engine.vector_cache import VectorCache  # noqa: E402

DIM = 4


def vectors_for(texts: list[str]) -> object:
    """Distinct unit vectors, a deterministic function of each text."""
    rows = [np.random.default_rng(sum(map(ord, text))).standard_normal(DIM) for text in texts]
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def saved(folder: Path, texts: list[str], *, version: str = "1.0") -> VectorCache:
    cache = VectorCache(folder, "fake", version, DIM)
    cache.add(texts, vectors_for(texts))
    cache.save()
    return cache


def test_vectors_come_back_exactly_in_a_later_process_and_only_for_their_encoder_and_version(tmp_path: Path) -> None:
    texts = ["The minister resigned.", "Rates were left unchanged.", "Ünïcode and \ud800 lone surrogates"]
    saved(tmp_path, texts)

    again = VectorCache(tmp_path, "fake", "1.0", DIM).get([*texts, "never embedded"])

    assert list(again) == texts
    for text, vector in zip(texts, vectors_for(texts), strict=True):
        assert again[text].dtype == np.float32 and np.array_equal(again[text], vector)
    assert VectorCache(tmp_path, "fake", "2.0", DIM).get(texts) == {}
    assert VectorCache(tmp_path, "other", "1.0", DIM).get(texts) == {}


def test_vectors_added_since_the_last_save_are_found_before_it(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "fake", "1.0", DIM)
    cache.add(["a"], vectors_for(["a"]))
    assert np.array_equal(cache.get(["a"])["a"], vectors_for(["a"])[0])
    assert cache.paths() == []


def test_a_save_with_nothing_new_writes_nothing(tmp_path: Path) -> None:
    VectorCache(tmp_path, "fake", "1.0", DIM).save()
    assert list(tmp_path.iterdir()) == []
    cache = saved(tmp_path, ["a"])
    before = [(path, path.stat().st_mtime_ns) for path in cache.paths()]
    reader = VectorCache(tmp_path, "fake", "1.0", DIM)
    reader.get(["a"])
    reader.add(["a"], vectors_for(["a"]))  # already on disk: not new
    reader.save()
    assert [(path, path.stat().st_mtime_ns) for path in cache.paths()] == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1],  # one byte short
        lambda data: data + b"\0",  # one byte too many
        lambda data: b"",  # empty
        lambda data: os.urandom(len(data)),  # noise
        lambda data: b"\x93NUMPY" + data[6:40],  # a header and nothing after it
        lambda data: data.replace(b"(2, 20)", b"(9999999999, 20)", 1),  # a table said to be huge
        lambda data: data.replace(b"'<f4'", b"'|O'", 1),  # vectors said to be Python objects
    ],
)
def test_a_damaged_file_counts_as_empty_and_is_replaced(tmp_path: Path, damage: object) -> None:
    (path,) = saved(tmp_path, ["a", "b"]).paths()
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]

    reader = VectorCache(tmp_path, "fake", "1.0", DIM)
    assert reader.get(["a", "b"]) == {}
    reader.add(["c"], vectors_for(["c"]))
    reader.save()

    assert list(VectorCache(tmp_path, "fake", "1.0", DIM).get(["a", "b", "c"])) == ["c"]
    assert path not in reader.paths()


def test_a_vector_changed_on_disk_is_not_used_and_the_file_is_dropped(tmp_path: Path) -> None:
    (path,) = saved(tmp_path, ["a", "b"]).paths()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x40  # the last float of the last vector
    path.write_bytes(bytes(data))

    reader = VectorCache(tmp_path, "fake", "1.0", DIM)
    assert reader.get(["a", "b"]) == {}
    assert not path.exists()
    reader.add(["a"], vectors_for(["a"]))
    reader.save()
    assert list(VectorCache(tmp_path, "fake", "1.0", DIM).get(["a", "b"])) == ["a"]


def test_past_the_bounds_the_files_are_merged_and_the_oldest_vectors_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_cache, "MAX_VECTORS", 4)
    saved(tmp_path, ["old 1", "old 2"])
    later = saved(tmp_path, ["new 1", "new 2", "new 3"])  # 5 > 4: the newest 3 (KEPT_AFTER_TRIM) stay
    assert sorted(VectorCache(tmp_path, "fake", "1.0", DIM).get(["old 1", "old 2", "new 1", "new 2", "new 3"])) == [
        "new 1",
        "new 2",
        "new 3",
    ]
    assert len(later.paths()) == 1
    monkeypatch.setattr(vector_cache, "MAX_VECTORS", 100)
    monkeypatch.setattr(vector_cache, "MAX_FILES", 2)
    saved(tmp_path, ["third"])
    saved(tmp_path, ["fourth"])
    assert len(later.paths()) == 1
    merged = VectorCache(tmp_path, "fake", "1.0", DIM).get(["new 1", "new 2", "new 3", "third", "fourth"])
    assert sorted(merged) == ["fourth", "new 1", "new 2", "new 3", "third"]
    assert np.array_equal(merged["third"], vectors_for(["third"])[0])


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = saved(blocker / "vectors", ["a"])
    assert cache.get(["a"]) == {}


class _CountingModel:
    def __init__(self) -> None:
        self.embedded: list[str] = []

    def __call__(self, batch: list[str]) -> object:
        self.embedded.extend(batch)
        return vectors_for(batch)


def test_an_encoder_with_a_disk_cache_embeds_a_text_once_across_processes(tmp_path: Path) -> None:
    first_model, second_model = _CountingModel(), _CountingModel()
    first = Encoder("fake", DIM, first_model, vectors=VectorCache(tmp_path, "fake", "1.0", DIM))
    computed = first.encode(["a", "b"])
    first.save()
    second = Encoder("fake", DIM, second_model, vectors=VectorCache(tmp_path, "fake", "1.0", DIM))

    assert np.array_equal(second.encode(["b", "c", "a"]), np.stack([computed[1], vectors_for(["c"])[0], computed[0]]))
    assert first_model.embedded == ["a", "b"] and second_model.embedded == ["c"]
