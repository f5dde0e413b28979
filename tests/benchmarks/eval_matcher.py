"""Measure (and refit) the same-claim matcher.

Usage (from the project root):

    .venv/bin/python tests/benchmarks/eval_matcher.py          # measure
    .venv/bin/python tests/benchmarks/eval_matcher.py --fit    # also print refitted constants

What it prints:

1. Seed gold: the seed story's claims exported as JSON (schema
   "newsdiff.story/1", by ``newsdiff export``) and scored by ``shared/eval/score_alignment.py``:
   pairwise precision / recall / F1 and sentence coverage.
2. MSRP (``shared/bench/msrp_train_sample.tsv``): accuracy and F1 of the
   same-claim decision and Spearman correlation of the similarity with the
   labels, by 5-fold cross-validation: the logistic regression and its
   threshold are fitted on four folds and measured on the fifth, mean over
   folds. The strength of the regression's L2 penalty is chosen on those
   four folds too, by an inner 5-fold cross-validation (nested), so the
   held-out fold plays no part in any choice. Beside it the lexical baseline (one threshold on a stemmed
   token_set_ratio, fitted the same way) and the constants shipped in
   ``similarity.py`` measured on all pairs (in-sample, for reference).
3. Mixed ECB+ topics: stories of two unrelated events, where a claim that
   links the two events is an error (a precision check the seeds cannot give).
4. Timings: clustering the seed story and a large synthetic story made of
   ECB+ corpus articles, the time per pair, and (``--semantic``) the time
   to load the sentence encoder.

Only MSRP is used for fitting; the seed gold is for measuring only. Fitting
uses numpy (a test-time dependency of this script only; the engine never
imports it).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_data import ECB as CORPUS
from bench_data import MSRP, SCORER, need
from rapidfuzz import fuzz

from newsdiff.engine import similarity as sim
from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.load import load_paths
from newsdiff.engine.model import Article, Passage
from newsdiff.engine.normalize import tokenize
from newsdiff.engine.segment import segment
from newsdiff.engine.semantic import Encoder, load_encoder
from newsdiff.engine.story import analyze

ROOT = Path(__file__).resolve().parents[2]
FOLDS = 5
L2_GRID = (1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5)
"""Strengths of the L2 penalty (times the number of pairs) that cross-validation chooses from.

Held-out accuracy is flat from 3e-4 down (within 0.002 on MSRP), so which of
the small values a fold picks is noise; what the choice settles is that the
penalties of 1e-3 and up cost accuracy."""


def export_story(paths: list[Path], semantic: bool) -> dict[str, object]:
    """The story's JSON export (schema "newsdiff.story/1"), as ``newsdiff export`` writes it."""
    command = [sys.executable, "-m", "newsdiff", "export", "--no-cache", "--format", "json", *map(str, paths)]
    if semantic:
        command.insert(-len(paths), "--semantic")
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def score_seeds(verbose: bool, semantic: bool) -> None:
    export = export_story([ROOT / "seeds"], semantic)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(export, handle)
    command = [sys.executable, str(SCORER), handle.name] + (["-v"] if verbose else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    Path(handle.name).unlink()
    print("== seed gold ==")
    print(result.stdout.rstrip())


def load_msrp() -> tuple[list[tuple[str, str]], np.ndarray]:
    pairs: list[tuple[str, str]] = []
    labels: list[int] = []
    with MSRP.open(encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) == 5:
                labels.append(int(row[0]))
                pairs.append((row[3], row[4]))
    return pairs, np.array(labels, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method: (coefficients, intercept)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * len(x) * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold on ``scores`` with the best accuracy (midpoint between scores)."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1e-9], (values[1:] + values[:-1]) / 2, [values[-1] + 1e-9]])
    accuracy = [np.mean((scores >= c) == (y == 1)) for c in cuts]
    return float(cuts[int(np.argmax(accuracy))])


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = _ranks(a), _ranks(b)
    ra, rb = ra - ra.mean(), rb - rb.mean()
    denominator = math.sqrt(float((ra**2).sum() * (rb**2).sum()))
    return float((ra * rb).sum() / denominator) if denominator else 0.0


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_values = values[order]
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or sorted_values[end] != sorted_values[start]:
            ranks[order[start:end]] = (start + end - 1) / 2
            start = end
    return ranks


def metrics(predicted: np.ndarray, scores: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(predicted & (y == 1)))
    precision = tp / max(1.0, float(predicted.sum()))
    recall = tp / max(1.0, float((y == 1).sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(np.mean(predicted == (y == 1))), f1, spearman(scores, y)


def baseline_scores(pairs: list[tuple[str, str]]) -> np.ndarray:
    def stemmed(text: str) -> str:
        return " ".join(t.norm for t in tokenize(text))

    return np.array([fuzz.token_set_ratio(stemmed(a), stemmed(b)) / 100 for a, b in pairs])


def fitted_probability(
    x: np.ndarray, contained: np.ndarray, y: np.ndarray, train: np.ndarray, l2: float
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Fit on the ``train`` rows; probabilities as ``Matcher.probability`` computes them.

    Returns the probabilities of all rows, the coefficients, the intercept
    and the contained-pair probability (the share of contained training
    pairs labelled "same").
    """
    coefficients, intercept = fit_logistic(x[train], y[train], l2)
    probability = 1 / (1 + np.exp(-(x @ coefficients + intercept)))
    inside = train & contained
    contained_probability = float(y[inside].mean()) if inside.any() else 1.0
    probability = np.where(contained, np.maximum(probability, contained_probability), probability)
    return probability, coefficients, intercept, contained_probability


def fold_of(count: int, seed: int = 7) -> np.ndarray:
    """The fold of each pair: a fixed shuffle, the same in every run."""
    folds = np.array([n % FOLDS for n in range(count)])
    random.Random(seed).shuffle(folds)
    return folds


def choose_l2(x: np.ndarray, contained: np.ndarray, y: np.ndarray, rows: np.ndarray) -> float:
    """The ``L2_GRID`` penalty with the best held-out accuracy by 5-fold cross-validation within ``rows``.

    Too strong a penalty shrinks every coefficient towards zero: at 1e-3
    it costs each coefficient about 3 (1e-3 x 3,260 pairs) against features
    in [0, 1], and the held-out accuracy of the semantic model is almost a
    point lower than at 1e-4. The strongest penalty among equally good ones
    wins a tie.
    """
    inner = np.full(len(y), -1)
    inner[rows] = fold_of(int(rows.sum()), seed=11)
    scores = []
    for l2 in L2_GRID:
        correct = 0
        for k in range(FOLDS):
            train, test = (inner >= 0) & (inner != k), inner == k
            probability = fitted_probability(x, contained, y, train, l2)[0]
            cut = best_threshold(probability[train], y[train])
            correct += int(np.sum((probability[test] >= cut) == (y[test] == 1)))
        scores.append(correct)
    return L2_GRID[int(np.argmax(scores))]


MUTUAL_FLOOR_PERCENTILE = 1.0
"""``similarity.MUTUAL_FLOOR`` is this percentile of the held-out probabilities of same-statement pairs."""


def mutual_floor(x: np.ndarray, contained: np.ndarray, y: np.ndarray) -> float:
    """The probability that only 1 % of same-statement pairs fall below, each scored by a model fitted without it.

    Each of those models has its own penalty, chosen on its training folds
    like the final model's (on all pairs).
    """
    folds = fold_of(len(y))
    held_out = np.zeros(len(y))
    for k in range(FOLDS):
        train = folds != k
        held_out[~train] = fitted_probability(x, contained, y, train, choose_l2(x, contained, y, train))[0][~train]
    return float(np.percentile(held_out[y == 1], MUTUAL_FLOOR_PERCENTILE))


def cross_validate(x: np.ndarray, contained: np.ndarray, baseline: np.ndarray, y: np.ndarray) -> None:
    folds = fold_of(len(y))
    model, base = [], []
    chosen = []
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        chosen.append(choose_l2(x, contained, y, train))
        probability = fitted_probability(x, contained, y, train, chosen[-1])[0]
        cut = best_threshold(probability[train], y[train])
        model.append(metrics(probability[test] >= cut, probability[test], y[test]))
        cut = best_threshold(baseline[train], y[train])
        base.append(metrics(baseline[test] >= cut, baseline[test], y[test]))
    print(f"== MSRP, {FOLDS}-fold cross-validation, {len(y)} pairs (held-out means) ==")
    for name, rows in (("matcher", model), ("baseline token_set_ratio", base)):
        acc, f1, rho = np.mean(rows, axis=0)
        print(f"{name:26s} accuracy {acc:.3f}  F1 {f1:.3f}  Spearman {rho:.3f}")
    print("L2 chosen on each fold's training pairs: " + ", ".join(f"{l2:g}" for l2 in chosen))


def shipped(pairs: list[tuple[str, str]], y: np.ndarray, matcher: sim.Matcher) -> None:
    scores = np.array([matcher.similarity(a, b) for a, b in pairs])
    decided = np.array([matcher.decide(s) for s in scores])
    acc, f1, rho = metrics(decided, scores, y)
    print(f"{'shipped constants (all)':26s} accuracy {acc:.3f}  F1 {f1:.3f}  Spearman {rho:.3f}  (in-sample)")


def fit_all(x: np.ndarray, contained: np.ndarray, y: np.ndarray) -> None:
    everything = np.ones(len(y), dtype=bool)
    l2 = choose_l2(x, contained, y, everything)
    probability, coefficients, intercept, contained_probability = fitted_probability(x, contained, y, everything, l2)
    cut = best_threshold(probability, y)
    prefix = "SEMANTIC_" if x.shape[1] > len(sim.FEATURE_NAMES) else ""
    print(f"== constants for similarity.py (fitted on all MSRP pairs, L2 {l2:g} chosen by cross-validation) ==")
    print(f"{prefix}COEFFICIENTS: tuple[float, ...] = (" + ", ".join(f"{c:.4f}" for c in coefficients) + ")")
    for name, c in zip(sim.SEMANTIC_FEATURE_NAMES, coefficients, strict=True):
        print(f"#   {name}: {c:+.3f}")
    print(f"{prefix}INTERCEPT: float = {intercept:.4f}")
    print(f"{prefix}{'THRESHOLD' if prefix else 'SAME_CLAIM_THRESHOLD'}: float = {cut:.4f}")
    print(f"CONTAINED_PROBABILITY: float = {contained_probability:.4f}  # {int(contained.sum())} contained pairs")
    if prefix:
        print(f"MUTUAL_FLOOR: float = {mutual_floor(x, contained, y):.4f}")


def time_pairs(matcher: sim.Matcher, pairs: list[tuple[str, str]]) -> float:
    """Microseconds per ``Matcher.probability`` call over the MSRP pairs, their texts profiled (and embedded) before.

    This is the cost of one candidate pair in a story, where every passage
    is profiled once and then compared with many others.
    """
    profiled = [(matcher.profile(a), matcher.profile(b)) for a, b in pairs]
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        for a, b in profiled:
            matcher.probability(a, b)
        best = min(best, time.perf_counter() - start)
    return best / len(profiled) * 1e6


def time_clustering(encoder: Encoder | None) -> None:
    articles = load_paths([ROOT / "seeds"])
    passages = [p for a in articles for p in segment(a)]
    cluster_passages(passages, encoder=encoder)
    start = time.perf_counter()
    cluster_passages(passages, encoder=encoder)
    seeds = time.perf_counter() - start
    large = synthetic_story(200)
    passages = [p for a in large for p in segment(a)]
    start = time.perf_counter()
    groups = cluster_passages(passages, encoder=encoder)
    elapsed = time.perf_counter() - start
    linked = sum(1 for g in groups if len({p.article_id for p in g}) > 1)
    print("== timings ==")
    print(f"seed story ({sum(p.is_content for p in segment_all(articles))} passages, warm): {seeds * 1000:.1f} ms")
    print(f"synthetic story (200 articles, {len(passages)} passages): {elapsed:.2f} s, {linked} cross-source claims")


def segment_all(articles: list[Article]) -> list[Passage]:
    return [p for a in articles for p in segment(a)]


def synthetic_story(count: int) -> list[Article]:
    """``count`` articles recombined from one ECB+ topic's sentences (a large story on one event)."""
    topics = sorted(CORPUS.iterdir(), key=lambda t: -len(list(t.iterdir())))
    sentences = [
        s for f in sorted(topics[0].iterdir()) for s in f.read_text(encoding="utf-8").splitlines() if s.strip()
    ]
    pick = random.Random(3)
    articles = []
    for n in range(count):
        text = "\n".join(pick.sample(sentences, min(40, len(sentences)))) + "\n"
        articles.append(Article(id=f"s{n}", source=f"s{n}", title=f"s{n}", text=text))
    return articles


def mixed_topics(encoder: Encoder | None) -> None:
    """Stories of three articles from each of two ECB+ topics: links across topics are errors."""
    topics = sorted(t for t in CORPUS.iterdir() if t.is_dir())
    within = across = 0
    for first, second in zip(topics[::2], topics[1::2], strict=False):
        articles = []
        for topic in (first, second):
            for path in sorted(topic.iterdir())[:3]:
                text = path.read_text(encoding="utf-8")
                articles.append(Article(id=f"{topic.name}/{path.stem}", source=path.stem, title=path.stem, text=text))
        for claim in analyze(articles, encoder=encoder).claims:
            if len(claim.article_ids) < 2:
                continue
            if len({article_id.split("/")[0] for article_id in claim.article_ids}) > 1:
                across += 1
            else:
                within += 1
    print("== mixed ECB+ topics (2 topics x 3 articles per story) ==")
    print(f"cross-source claims within one topic {within}, linking two topics {across}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="print constants refitted on all MSRP pairs")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed and wrong seed pairs")
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder (extra 'semantic')")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    need(SCORER, MSRP, CORPUS)
    encoder = None
    if args.semantic:
        start = time.perf_counter()
        encoder = load_encoder()
        load_seconds = time.perf_counter() - start
        if encoder is None:
            print("the semantic extra is not installed", file=sys.stderr)
            return 1
    score_seeds(args.verbose, encoder is not None)
    mixed_topics(encoder)
    pairs, y = load_msrp()
    matcher = sim.Matcher(encoder=encoder)
    matcher.embed([text for pair in pairs for text in pair])
    comparisons = [sim.compare(matcher.profile(a), matcher.profile(b)) for a, b in pairs]
    x = np.array([c.features for c in comparisons])
    contained = np.array([c.contained for c in comparisons])
    cross_validate(x, contained, baseline_scores(pairs), y)
    shipped(pairs, y, matcher)
    if args.fit:
        fit_all(x, contained, y)
    if not args.no_timing:
        time_clustering(encoder)
        print(f"one pair ({len(pairs)} MSRP pairs, texts profiled before): {time_pairs(matcher, pairs):.1f} µs")
        if encoder is not None:
            print(f"loading the sentence encoder (with a first sentence): {load_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
