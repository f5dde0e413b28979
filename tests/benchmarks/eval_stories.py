"""How well ``engine.stories`` sorts a pile of articles into stories (B-cubed), against a baseline.

Run from the project root::

    .venv/bin/python tests/benchmarks/eval_stories.py            # quality on both piles
    .venv/bin/python tests/benchmarks/eval_stories.py --scale 1000 2000 5000 10000

Piles (the folder is the label; ``ecb/topicN`` and ``ecbplus/topicN`` are two
different events of one kind, e.g. two earthquakes):

- **all**: every shared article, 778 articles about 68 events;
- **hard**: topics 21–45 of both parts, where every event has a same-kind twin.

B-cubed precision of an article: the share of its story that reports its event;
recall: the share of its event's articles in its story; both averaged over the
articles, F1 their harmonic mean.

Three rows per pile:

- **engine @ shipped**: ``group_stories`` as the app runs it (``THRESHOLD``);
- **engine, cross-fitted**: the threshold is chosen on the labels of four fifths
  of the topics (both parts of a topic number together, so twins stay on one
  side) and the other fifth is scored with it; the five held-out scores make
  the row, so no article is scored with a threshold fitted on its own label;
- **baseline, oracle**: plain TF-IDF (lower-cased words, English stopwords,
  raw counts, the whole file including web furniture) with cosine and the same
  average linkage, its threshold tuned on the very labels it is scored on
  (an upper bound for that method).

It also runs each of the 68 folders alone, since a folder about one event must
open as one story, and says how many do.

``--scale N...`` times ``group_stories`` on piles of N articles resampled from
the corpus: each is a corpus article with its body sentences shuffled and about a
fifth of them dropped (seeded), so no two are identical; each size runs in a
fresh subprocess and reports wall and CPU time (all threads; numpy's BLAS may use
both cores) and peak resident memory (``ru_maxrss``, what ``/usr/bin/time -v`` reports).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence

import numpy as np
from bench_data import DATA, need

from newsdiff.engine import stories
from newsdiff.engine.linkage import average_linkage
from newsdiff.engine.load import load_paths
from newsdiff.engine.model import Article
from newsdiff.engine.pile_terms import pile_terms
from newsdiff.engine.stopwords import STOPWORDS

CORPUS = DATA / "corpus"
THRESHOLDS = [round(0.02 + 0.01 * step, 2) for step in range(59)]
ENGINE_THRESHOLDS = [round(0.14 + 0.02 * step, 2) for step in range(11)]
ATTACH_VALUES = [0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 1.0]
"""1.0: no article left alone joins a story."""
FOLDS = 5
_WORD = re.compile(r"[a-z0-9]+")
_BASELINE_STOPWORDS = frozenset(STOPWORDS)

Labelled = tuple[list[Article], list[str]]


def load_pile(topics: range | None = None) -> Labelled:
    """Articles of every topic folder (of ``topics`` when given) and each one's label ``part/topicN``."""
    articles: list[Article] = []
    labels: list[str] = []
    for part in ("ecb", "ecbplus"):
        for folder in sorted((CORPUS / part).glob("topic*")):
            number = int(folder.name.removeprefix("topic"))
            if topics is not None and number not in topics:
                continue
            found = load_paths([folder])
            articles.extend(found)
            labels.extend([f"{part}/{folder.name}"] * len(found))
    return articles, labels


def bcubed(labels: Sequence[str], groups: Sequence[int], items: Sequence[int] | None = None) -> tuple[float, float]:
    """Mean B-cubed precision and recall over ``items`` (default: all)."""
    pairs = Counter(zip(groups, labels, strict=True))
    group_sizes = Counter(groups)
    label_sizes = Counter(labels)
    chosen = range(len(labels)) if items is None else items
    precision = sum(pairs[groups[i], labels[i]] / group_sizes[groups[i]] for i in chosen) / len(chosen)
    recall = sum(pairs[groups[i], labels[i]] / label_sizes[labels[i]] for i in chosen) / len(chosen)
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def engine_groups(vectors: np.ndarray, linked: list[list[int]], attach: float) -> list[int]:
    """Each article's group number, as ``group_stories`` groups it from the ``linked`` groups."""
    assignment = [0] * len(vectors)
    for number, group in enumerate(stories.attach_loners(vectors, linked, attach), start=1):
        for index in group:
            assignment[index] = number
    return assignment


def baseline_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Plain TF-IDF cosine over the whole file text (smoothed idf, raw counts, unit rows)."""
    counts = [Counter(w for w in _WORD.findall(a.text.lower()) if w not in _BASELINE_STOPWORDS) for a in articles]
    documents = Counter(term for c in counts for term in c)
    vocabulary = {term: column for column, term in enumerate(documents)}
    total = len(articles)
    matrix = np.zeros((total, len(vocabulary)), dtype=np.float32)
    for row, c in enumerate(counts):
        for term, count in c.items():
            matrix[row, vocabulary[term]] = count * (math.log((1 + total) / (1 + documents[term])) + 1)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return (matrix @ matrix.T).astype(np.float64)


def baseline_groups(similarity: np.ndarray, threshold: float) -> list[int]:
    assignment = [0] * len(similarity)
    for number, group in enumerate(average_linkage(similarity, threshold), start=1):
        for index in group:
            assignment[index] = number
    return assignment


def fold_of(label: str) -> int:
    return int(label.split("topic")[1]) % FOLDS


def evaluate(name: str, pile: Labelled) -> None:
    articles, labels = pile
    vectors = stories.story_vectors([pile_terms(a) for a in articles])
    linked = {t: stories.linked_groups(vectors, t) for t in ENGINE_THRESHOLDS}
    grid = {(t, a): engine_groups(vectors, linked[t], a) for t in ENGINE_THRESHOLDS for a in ATTACH_VALUES}
    print(f"\n## {name}: {len(articles)} articles, {len(set(labels))} events")
    print(f"{'method':36} {'threshold':>9} {'attach':>6} {'P':>6} {'R':>6} {'F1':>6} {'stories':>7}")
    shipped = [0] * len(articles)
    for number, story in enumerate(stories.group_stories(articles), start=1):
        for article in story.articles:
            shipped[articles.index(article)] = number
    _row("engine @ shipped (group_stories)", (stories.THRESHOLD, stories.ATTACH), labels, shipped)
    held_p = held_r = 0.0
    chosen: list[tuple[float, float]] = []
    for fold in range(FOLDS):
        train = [i for i, label in enumerate(labels) if fold_of(label) != fold]
        test = [i for i, label in enumerate(labels) if fold_of(label) == fold]
        if not test:
            continue
        best = max(grid, key=lambda key: (f1(*bcubed(labels, grid[key], train)), -key[0], key[1]))
        chosen.append(best)
        precision, recall = bcubed(labels, grid[best], test)
        held_p += precision * len(test)
        held_r += recall * len(test)
    precision, recall = held_p / len(labels), held_r / len(labels)
    picks = ", ".join(f"{t:.2f}/{a:.2f}" for t, a in chosen)
    print(f"{'engine, cross-fitted (5 folds)':36} {'':>16} {precision:6.3f} {recall:6.3f} {f1(precision, recall):6.3f}")
    print(f"  thresholds/attach picked per fold: {picks}")
    no_attach = max(ENGINE_THRESHOLDS, key=lambda t: f1(*bcubed(labels, grid[t, 1.0])))
    _row("engine without attach, oracle", (no_attach, 1.0), labels, grid[no_attach, 1.0])
    oracle = max(grid, key=lambda key: f1(*bcubed(labels, grid[key])))
    _row("engine, oracle", oracle, labels, grid[oracle])
    similarity = baseline_similarity(articles)
    scored = {t: baseline_groups(similarity, t) for t in THRESHOLDS}
    best_t = max(THRESHOLDS, key=lambda t: f1(*bcubed(labels, scored[t])))
    _row("baseline TF-IDF avg-link, oracle", (best_t, 1.0), labels, scored[best_t])


def _row(name: str, setting: tuple[float, float], labels: Sequence[str], groups: Sequence[int]) -> None:
    precision, recall = bcubed(labels, groups)
    threshold, attach = setting
    shown = "-" if attach >= 1.0 else f"{attach:.2f}"
    print(
        f"{name:36} {threshold:9.2f} {shown:>6} {precision:6.3f} {recall:6.3f} "
        f"{f1(precision, recall):6.3f} {len(set(groups)):7d}"
    )


def single_folders() -> None:
    """Each event's folder alone: how many open as one story."""
    whole = 0
    split: list[str] = []
    folders = sorted(CORPUS.glob("*/topic*"))
    for folder in folders:
        found = stories.group_stories(load_paths([folder]))
        if len(found) == 1:
            whole += 1
        else:
            sizes = "+".join(str(len(s.articles)) for s in found)
            split.append(f"{folder.parent.name}/{folder.name} ({sizes})")
    print(f"\n## single-event folders: {whole} of {len(folders)} open as one story")
    if split:
        print("split: " + ", ".join(split))


def resampled_pile(size: int, seed: int = 0) -> list[Article]:
    """``size`` articles: corpus articles with body lines shuffled and about a fifth dropped."""
    originals, _labels = load_pile()
    rng = random.Random(seed)
    pile: list[Article] = []
    for number in range(size):
        source = originals[number % len(originals)]
        lines = source.text.splitlines()
        head, body = lines[:1], lines[1:]
        kept = [line for line in body if rng.random() > 0.2] or body
        rng.shuffle(kept)
        text = "\n".join(head + kept) + "\n"
        pile.append(Article(id=f"a{number}", source=source.source, title=source.title, text=text))
    return pile


def time_scale(size: int) -> None:
    pile = resampled_pile(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    found = stories.group_stories(pile)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest = max(len(s.articles) for s in found)
    print(
        f"{size:6d} articles  {elapsed:6.1f} s wall, {cpu:5.1f} s CPU  peak RSS {peak / 1024:6.0f} MB (+{(peak - before) / 1024:.0f} MB "
        f"while grouping)  {len(found)} stories, largest {largest}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, nargs="*", metavar="N", help="time grouping N resampled articles")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    need(CORPUS / "ecb", CORPUS / "ecbplus")
    if options.one_size:
        time_scale(options.one_size)
        return
    if options.scale:
        for size in options.scale:
            subprocess.run([sys.executable, __file__, "--one-size", str(size)], check=True)
        return
    evaluate("all shared articles", load_pile())
    evaluate("hard pile: topics 21-45 of both parts", load_pile(range(21, 46)))
    single_folders()


if __name__ == "__main__":
    main()
