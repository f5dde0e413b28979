"""How fast ``analyze()`` is, how much memory it takes, and what quality it keeps, by story size.

Run from the project root::

    .venv/bin/python tests/benchmarks/scale.py                 # seeds + 3, 10, 50, 200 articles
    .venv/bin/python tests/benchmarks/scale.py --sizes 3 50    # some sizes only
    .venv/bin/python tests/benchmarks/scale.py --no-naive      # engine only

Stories are ``synthetic.build_story(n)`` (real ECB+ wording, reworded and
shuffled across n outlets, ~40 sentences each), which also knows the fact of
every sentence: a gold alignment at every size. Every measurement runs in a
fresh subprocess, so the process memory (``ru_maxrss``) it reports is honest
and the first call after imports is really the first.

For each size it prints, for the engine and for a naive reference:

- wall time of the whole step after imports (best of a few runs below 200
  articles), and the engine's time by stage;
- peak memory: ``tracemalloc`` peak of Python allocations during the run
  (numpy's included; not for the naive reference above 50 articles, where
  one more run takes minutes), and the growth of the process's maximum
  resident set during the first run;
- candidate pairs scored (the engine's ``cluster.ClusterStats``; the naive
  one scores every cross-source pair);
- pairwise F1 against the synthetic story's facts (same fact in two outlets =
  same claim), so speed is never bought with quality.

The naive reference scores every cross-source pair of content passages with
``rapidfuzz.process.cdist`` (``token_set_ratio`` on lower-cased text stripped
of punctuation) and groups linked passages into connected components. Its
threshold is mapped from the engine's decision the way that decision was
set: the cut that maximises accuracy on the MSRP tuning pairs
(``shared/bench/msrp_train_sample.tsv``).

It also prints the seed story's analyze time (first call after imports and
best warm call) and the seed-gold F1 of both (JSON export scored by
``shared/eval/score_alignment.py``), then checks the targets: seeds ≤ 50 ms,
200 articles ≤ 5 s and ≤ 500 MB, ≥ 5× faster than naive at 200 articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

import newsdiff.engine.story as story_module
from newsdiff.engine.cluster import ClusterStats
from newsdiff.engine.export import to_json
from newsdiff.engine.load import load_paths
from newsdiff.engine.model import Article, Claim, Passage, Story
from newsdiff.engine.segment import segment
from newsdiff.engine.semantic import load_encoder
from newsdiff.engine.story import analyze, reach_for

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_data import ECB, MSRP, SCORER, need
from synthetic import SIZES, SyntheticStory, build_story

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

SEED_TARGET_S = 0.050
LARGE_ARTICLES = 200
LARGE_TARGET_S = 5.0
SEMANTIC_LARGE_TARGET_S = 60.0
"""With the sentence encoder the issue asks for "well under a minute", not 5 s."""
LARGE_TARGET_MB = 500.0
SPEEDUP_TARGET = 5.0
NAIVE_TRACED_MAX = 50
"""Above this many articles the naive reference runs once more only for tracemalloc: skip it (minutes)."""
WARM_RUNS = 10
SEMANTIC_ENV = "NEWSDIFF_BENCH_SEMANTIC"
"""Set by ``--semantic`` for the measuring subprocesses."""
"""Warm runs of the seed story (the best one is reported)."""


def runs_for(articles: int) -> int:
    """Timed runs per size: the best of several where a run is cheap."""
    return 5 if articles <= 10 else 3 if articles <= 50 else 1


# -- the naive reference --------------------------------------------------------------


@dataclass(frozen=True)
class NaiveResult:
    story: Story
    pairs_scored: int


def naive_analyze(articles: Sequence[Article], threshold: float) -> NaiveResult:
    """Score every cross-source passage pair, group linked passages by connected components."""
    passages = tuple(p for a in articles for p in segment(a))
    content = [p for p in passages if p.is_content]
    texts = [utils.default_process(_content_text(p)) for p in content]
    parent = list(range(len(content)))
    pairs = 0
    start = 0
    while start < len(content):
        end = start
        while end < len(content) and content[end].article_id == content[start].article_id:
            end += 1
        if end < len(content):
            scores = process.cdist(
                texts[start:end],
                texts[end:],
                scorer=fuzz.token_set_ratio,
                score_cutoff=threshold,
                dtype="uint8",
                workers=-1,
            )
            pairs += scores.size
            for row, column in zip(*scores.nonzero(), strict=True):
                _union(parent, start + int(row), end + int(column))
        start = end
    groups: dict[int, list[Passage]] = defaultdict(list)
    for n, passage in enumerate(content):
        groups[_root(parent, n)].append(passage)
    claims = tuple(_naive_claim(number, group, len(articles)) for number, group in enumerate(groups.values(), start=1))
    return NaiveResult(Story(articles=tuple(articles), passages=passages, claims=claims, coverage=()), pairs)


def _content_text(passage: Passage) -> str:
    start = passage.content_start if passage.content_start is not None else passage.start
    return passage.text[max(0, start - passage.start) :]


def _root(parent: list[int], n: int) -> int:
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _naive_claim(number: int, group: list[Passage], article_count: int) -> Claim:
    article_ids = tuple(dict.fromkeys(p.article_id for p in group))
    return Claim(
        id=f"K{number}",
        summary=group[0].text,
        passage_ids=tuple(p.id for p in group),
        article_ids=article_ids,
        reach=reach_for(len(article_ids), article_count),
    )


def naive_threshold() -> float:
    """The token_set_ratio cut with the best accuracy on the MSRP pairs (as the engine's threshold was set)."""
    with MSRP.open(encoding="utf-8", newline="") as stream:
        rows = [
            (int(r[0]), r[3], r[4]) for r in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE) if r[0] in "01"
        ]
    scored = [(fuzz.token_set_ratio(a, b, processor=utils.default_process), label) for label, a, b in rows]
    positives = sum(label for _, label in scored)

    def accuracy(cut: float) -> float:
        right = sum(1 for score, label in scored if (score >= cut) == bool(label))
        return right / len(scored)

    best = max(sorted({round(score, 1) for score, _ in scored}), key=accuracy)
    print(
        f"naive threshold: token_set_ratio >= {best:.1f} (MSRP accuracy {accuracy(best):.3f}, "
        f"{len(scored)} pairs, {positives / len(scored):.0%} same)"
    )
    return best


# -- quality ------------------------------------------------------------------------------


def fact_f1(story: Story, synthetic: SyntheticStory) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over cross-source sentence pairs stating the same fact.

    A passage covers a generated sentence when they overlap by at least half
    of either, and a claim links the sentences its passages cover in one
    article to those in another (the rule of ``shared/eval/score_alignment.py``).
    """
    sentence_ids: dict[str, list[tuple[int, int, int]]] = {}
    fact_of: list[int] = []
    article_of: list[int] = []
    for number, (article, gold) in enumerate(zip(synthetic.articles, synthetic.sentences, strict=True)):
        rows = []
        for sentence in gold:
            rows.append((sentence.start, sentence.end, len(fact_of)))
            fact_of.append(sentence.fact)
            article_of.append(number)
        sentence_ids[article.id] = rows
    covered_by_claim = [
        {
            s
            for pid in claim.passage_ids
            for s in _covered(story.passage(pid), sentence_ids[story.passage(pid).article_id])
        }
        for claim in story.claims
    ]
    per_fact = Counter(fact_of)
    gold = sum(k * (k - 1) // 2 for k in per_fact.values())
    appearances = Counter(s for covered in covered_by_claim for s in covered)
    if all(count == 1 for count in appearances.values()):
        system, hits = _counted_pairs(covered_by_claim, fact_of, article_of)
    else:
        system, hits = _listed_pairs(covered_by_claim, fact_of, article_of)
    precision = hits / system if system else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _covered(passage: Passage, sentences: list[tuple[int, int, int]]) -> Iterator[int]:
    first = max(0, bisect_left(sentences, (passage.start, -1, -1)) - 1)
    for start, end, sentence in sentences[first:]:
        if start >= passage.end:
            break
        overlap = min(end, passage.end) - max(start, passage.start)
        if overlap > 0 and (2 * overlap >= end - start or 2 * overlap >= passage.end - passage.start):
            yield sentence


def _counted_pairs(claims: list[set[int]], fact_of: list[int], article_of: list[int]) -> tuple[int, int]:
    """System and correct pair counts when no sentence is in two claims (no pair counted twice)."""
    system = hits = 0
    for covered in claims:
        system += _cross_pairs(Counter(article_of[s] for s in covered), len(covered))
        by_fact: dict[int, Counter[int]] = defaultdict(Counter)
        for s in covered:
            by_fact[fact_of[s]][article_of[s]] += 1
        hits += sum(_cross_pairs(articles, sum(articles.values())) for articles in by_fact.values())
    return system, hits


def _cross_pairs(per_article: Counter[int], total: int) -> int:
    return total * (total - 1) // 2 - sum(k * (k - 1) // 2 for k in per_article.values())


def _listed_pairs(claims: list[set[int]], fact_of: list[int], article_of: list[int]) -> tuple[int, int]:
    """System and correct pair counts, listing pairs (a sentence may be in several claims)."""
    pairs: set[int] = set()
    width = len(fact_of)
    for covered in claims:
        ordered = sorted(covered)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if article_of[a] != article_of[b]:
                    pairs.add(a * width + b)
    hits = sum(1 for pair in pairs if fact_of[pair // width] == fact_of[pair % width])
    return len(pairs), hits


def seed_f1(story: Story) -> float:
    """F1 of the story's JSON export against the seed gold, as ``score_alignment.py`` prints it."""
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "story.json"
        export.write_text(to_json(story), encoding="utf-8")
        result = subprocess.run([sys.executable, str(SCORER), str(export)], capture_output=True, text=True, check=False)
    found = re.search(r"F1 ([0-9.]+)", result.stdout)
    if found is None:
        raise RuntimeError(f"score_alignment.py said: {result.stdout.strip()} {result.stderr.strip()}")
    return float(found.group(1))


# -- measuring --------------------------------------------------------------------------


def max_rss_mb() -> float:
    """The process's maximum resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Best wall time of ``runs`` calls, with the first call's time and the RSS growth during it."""
    before = max_rss_mb()
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    grown = max_rss_mb() - before
    best = first
    for _ in range(runs - 1):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best, first, grown


def traced_peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


@contextmanager
def instrumented() -> Iterator[tuple[dict[str, float], Counter[str]]]:
    """Time the pipeline's stages and count scored pairs, by wrapping functions from outside."""
    seconds: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    stages = {
        "segment": "segment",
        "find_quotes": "quotes",
        "cluster_passages": "cluster",
        "compare_wording": "wording",
        "representative": "summary",
        "article_coverage": "coverage",
        "near_misses": "absence",
    }
    saved = {name: getattr(story_module, name) for name in stages}

    def stage(name: str, function: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - start

        return wrapper

    def counted(*args: Any, **kwargs: Any) -> object:
        stats = ClusterStats()
        try:
            return saved["cluster_passages"](*args, **kwargs, stats=stats)
        finally:
            counts["scored"] += stats.scored
            counts["linked"] += stats.linked
            counts["units"] += stats.units

    for name, label in stages.items():
        function = counted if name == "cluster_passages" else saved[name]
        setattr(story_module, name, stage(label, function))
    try:
        yield seconds, counts
    finally:
        for name, function in saved.items():
            setattr(story_module, name, function)


def engine_analyze() -> Callable[..., Story]:
    """``analyze``, with the sentence encoder when ``--semantic`` asked for it.

    The encoder is loaded here, outside the timings (its load time is
    measured by ``encoders.py``). It keeps each sentence's vector, so only
    the first run of a size ("1st s") includes embedding the story.
    """
    if os.environ.get(SEMANTIC_ENV) != "1":
        return analyze
    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("--semantic needs the extra: pip install -e '.[semantic]'")
    return partial(analyze, encoder=encoder)


def engine_worker(articles: int, seed: int) -> dict[str, object]:
    synthetic = build_story(articles, seed=seed)
    sources = list(synthetic.articles)
    analyze = engine_analyze()
    result: list[Story] = []
    best, first, grown = timed(lambda: result.append(analyze(sources)), runs_for(articles))
    story = result[0]
    with instrumented() as (stages, counts):
        analyze(sources)
    peak = traced_peak_mb(lambda: analyze(sources))
    precision, recall, f1 = fact_f1(story, synthetic)
    return {
        "articles": articles,
        "passages": len(story.passages),
        "claims": len(story.claims),
        "seconds": best,
        "first": first,
        "rss_mb": grown,
        "rss_total_mb": max_rss_mb(),
        "traced_mb": peak,
        "pairs": counts["scored"],
        "stages": dict(stages),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "topic": synthetic.topic,
    }


def naive_worker(articles: int, seed: int, threshold: float) -> dict[str, object]:
    synthetic = build_story(articles, seed=seed)
    sources = list(synthetic.articles)
    result: list[NaiveResult] = []
    best, first, grown = timed(lambda: result.append(naive_analyze(sources, threshold)), runs_for(articles))
    peak = traced_peak_mb(lambda: naive_analyze(sources, threshold)) if articles <= NAIVE_TRACED_MAX else None
    precision, recall, f1 = fact_f1(result[0].story, synthetic)
    return {
        "articles": articles,
        "claims": len(result[0].story.claims),
        "seconds": best,
        "first": first,
        "rss_mb": grown,
        "rss_total_mb": max_rss_mb(),
        "traced_mb": peak,
        "pairs": result[0].pairs_scored,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def seeds_worker(threshold: float) -> dict[str, object]:
    articles = load_paths([SEEDS])
    analyze = engine_analyze()
    start = time.perf_counter()
    story = analyze(articles)
    cold = time.perf_counter() - start
    warm = min(_seconds(lambda: analyze(articles)) for _ in range(WARM_RUNS))
    naive = naive_analyze(articles, threshold)
    naive_seconds = min(_seconds(lambda: naive_analyze(articles, threshold)) for _ in range(WARM_RUNS))
    return {
        "cold": cold,
        "warm": warm,
        "f1": seed_f1(story),
        "naive_f1": seed_f1(naive.story),
        "naive_seconds": naive_seconds,
        "claims": len(story.claims),
        "naive_claims": len(naive.story.claims),
    }


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def in_subprocess(*arguments: str) -> dict[str, object]:
    """Run one measurement in a fresh interpreter (honest RSS, real first call) and read its JSON line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- the report ------------------------------------------------------------------------------


def report(seed: int, sizes: Sequence[int], with_naive: bool) -> int:
    threshold = naive_threshold()
    seeds = in_subprocess("seeds", "--threshold", str(threshold))
    print(
        f"\nseed story: analyze first call {seeds['cold'] * 1000:.0f} ms, best warm {seeds['warm'] * 1000:.0f} ms "
        f"(naive {seeds['naive_seconds'] * 1000:.0f} ms); seed-gold F1 engine {seeds['f1']:.3f} "
        f"({seeds['claims']} claims), naive {seeds['naive_f1']:.3f} ({seeds['naive_claims']} claims)"
    )
    rows: list[tuple[dict[str, object], dict[str, object] | None]] = []
    print()
    header = (
        f"{'arts':>4} {'pass':>5} {'claims':>6} | {'engine s':>8} {'1st s':>6} {'trace MB':>8} {'rss+MB':>6} "
        f"{'pairs':>8} {'F1':>5} | {'naive s':>7} {'trace MB':>8} {'rss+MB':>6} {'pairs':>9} {'F1':>5} | {'speedup':>7}"
    )
    print(header)
    print("-" * len(header))
    for articles in sizes:
        engine = in_subprocess("engine", "--articles", str(articles), "--seed", str(seed))
        naive = (
            in_subprocess("naive", "--articles", str(articles), "--seed", str(seed), "--threshold", str(threshold))
            if with_naive
            else None
        )
        rows.append((engine, naive))
        line = (
            f"{articles:>4} {engine['passages']:>5} {engine['claims']:>6} | {engine['seconds']:>8.3f} "
            f"{engine['first']:>6.2f} {engine['traced_mb']:>8.1f} {engine['rss_mb']:>6.0f} "
            f"{engine['pairs']:>8} {engine['f1']:>5.3f} |"
        )
        if naive is not None:
            traced = "-" if naive["traced_mb"] is None else f"{naive['traced_mb']:.1f}"
            line += (
                f" {naive['seconds']:>7.3f} {traced:>8} {naive['rss_mb']:>6.0f} "
                f"{naive['pairs']:>9} {naive['f1']:>5.3f} | {naive['seconds'] / engine['seconds']:>6.1f}x"
            )
        print(line, flush=True)
    print("\nengine time by stage (s), precision / recall against the synthetic facts:")
    for engine, naive in rows:
        stages = " ".join(f"{k} {v:.2f}" for k, v in sorted(engine["stages"].items(), key=lambda kv: -kv[1]))
        quality = f"P {engine['precision']:.3f} R {engine['recall']:.3f}"
        if naive is not None:
            quality += f"; naive P {naive['precision']:.3f} R {naive['recall']:.3f}"
        print(f"  {engine['articles']:>4}: {stages}  | {quality}  [{engine['topic']}]")
    by_size = {engine["articles"]: (engine, naive) for engine, naive in rows}
    if 50 in by_size and LARGE_ARTICLES in by_size:
        growth = by_size[LARGE_ARTICLES][0]["seconds"] / by_size[50][0]["seconds"]
        pairs = by_size[LARGE_ARTICLES][0]["pairs"] / max(1, by_size[50][0]["pairs"])
        print(f"\ngrowth 50 -> 200 articles: time x{growth:.1f}, pairs scored x{pairs:.1f} (linear x4, quadratic x16)")
    return _targets(seeds, by_size.get(LARGE_ARTICLES))


def _targets(seeds: dict[str, object], large: tuple[dict[str, object], dict[str, object] | None] | None) -> int:
    checks = [
        (
            f"seed analyze <= {SEED_TARGET_S * 1000:.0f} ms (warm)",
            seeds["warm"] <= SEED_TARGET_S,
            f"{seeds['warm'] * 1000:.0f} ms",
        )
    ]
    if large is not None:
        engine, naive = large
        limit = SEMANTIC_LARGE_TARGET_S if os.environ.get(SEMANTIC_ENV) == "1" else LARGE_TARGET_S
        checks.append(
            (f"{LARGE_ARTICLES} articles <= {limit:.0f} s", engine["seconds"] <= limit, f"{engine['seconds']:.2f} s")
        )
        memory = max(engine["traced_mb"], engine["rss_mb"])
        checks.append(
            (
                f"{LARGE_ARTICLES} articles <= {LARGE_TARGET_MB:.0f} MB peak",
                memory <= LARGE_TARGET_MB,
                f"{memory:.0f} MB",
            )
        )
        if naive is not None:
            speedup = naive["seconds"] / engine["seconds"]
            checks.append(
                (
                    f">= {SPEEDUP_TARGET:.0f}x faster than naive at {LARGE_ARTICLES}",
                    speedup >= SPEEDUP_TARGET,
                    f"{speedup:.1f}x",
                )
            )
            checks.append(
                (
                    f"F1 at {LARGE_ARTICLES} not below naive",
                    engine["f1"] >= naive["f1"],
                    f"{engine['f1']:.3f} vs {naive['f1']:.3f}",
                )
            )
    print("\ntargets:")
    for label, ok, value in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="articles per story")
    parser.add_argument("--seed", type=int, default=0, help="synthetic story seed")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive reference")
    parser.add_argument(
        "--semantic", action="store_true", help="the engine with the sentence encoder (extra 'semantic')"
    )
    parser.add_argument("--worker", choices=("engine", "naive", "seeds"), help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--threshold", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    need(SCORER, MSRP, ECB)
    if args.semantic:
        os.environ[SEMANTIC_ENV] = "1"
    if args.worker == "engine":
        print(json.dumps(engine_worker(args.articles, args.seed)))
        return 0
    if args.worker == "naive":
        print(json.dumps(naive_worker(args.articles, args.seed, args.threshold)))
        return 0
    if args.worker == "seeds":
        print(json.dumps(seeds_worker(args.threshold)))
        return 0
    return report(args.seed, args.sizes, not args.no_naive)


if __name__ == "__main__":
    sys.exit(main())
