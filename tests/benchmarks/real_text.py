"""The engine on real news text: candidate pairs, time per stage, peak memory, against the naive reference.

Synthetic stories (``scale.py``) reword one event's sentences; real web
text behaves differently: page furniture, many events, long lists of
near-identical wire copy. This script measures the engine on stories read
from the ECB+ corpus as they are:

- ``ecbplus-298``: every raw web article of ``corpus/ecbplus`` (25 events) as one story;
- ``real-200``: 200 of them, spread over every topic, as one story, with the
  naive reference (every cross-source pair scored by ``rapidfuzz.process.cdist``)
  run beside it on the same machine, and the speed-up;
- ``one-event``: the largest single-event folder of ``corpus/ecb`` as it is;
- ``synthetic-200``: 200 articles recombined from one event's real sentences
  (``synthetic.build_story``), the biggest single-event story real sentences make;
- ``pile-1000``: every article of ``corpus/ecbplus`` and ``corpus/ecb`` (778, 68
  events) and 222 more re-drawn from them to reach 1,000: each a random article
  (seeded) with every sentence-like line reworded as ``synthetic.reword`` does,
  another outlet rewriting a report. It measures issue 20's memory target
  (1,000 articles, peak RSS).

Each story is measured in a fresh interpreter (honest peak memory): the best
wall time of the analysis (``--runs``), CPU time, the time by stage, the
candidate pairs the pair model scored, passages, claims and the process's
peak RSS. ``--semantic`` runs the engine with the sentence encoder (loaded
outside the timings). Nothing is asserted: a shared machine's figures are
quoted as medians of several runs by whoever reads them.

    .venv/bin/python tests/benchmarks/real_text.py                 # every story (a few minutes)
    .venv/bin/python tests/benchmarks/real_text.py --stories real-200 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_data import ECB, ECBPLUS, MSRP, need
from scale import SEMANTIC_ENV, engine_analyze, instrumented, naive_analyze, naive_threshold
from synthetic import MIN_WORDS, build_story, reword

from newsdiff.engine.load import article_from_text, load_paths
from newsdiff.engine.model import Article

STORIES = ("ecbplus-298", "real-200", "one-event", "synthetic-200", "pile-1000")
REAL_SAMPLE = 200
PILE_SIZE = 1000
PILE_SEED = 1000


def story_articles(name: str) -> list[Article]:
    """The articles of one named story, read from the corpus."""
    if name == "synthetic-200":
        return list(build_story(REAL_SAMPLE).articles)
    if name == "one-event":
        largest = max((t for t in ECB.iterdir() if t.is_dir()), key=lambda t: (len(list(t.glob("*.txt"))), t.name))
        return load_paths([largest])
    if name == "pile-1000":
        return pile_articles()
    files = _corpus_files(ECBPLUS)
    if name == "real-200":
        step = len(files) / REAL_SAMPLE
        files = [files[int(n * step)] for n in range(REAL_SAMPLE)]
    return _linked(files, "")


def pile_articles() -> list[Article]:
    """Every ECB+ and ECB article, then rewrites of randomly drawn ones up to ``PILE_SIZE`` (``pile-1000``)."""
    files = _corpus_files(ECBPLUS) + _corpus_files(ECB)
    articles = _linked(_corpus_files(ECBPLUS), "plus_") + _linked(_corpus_files(ECB), "ecb_")
    rng = random.Random(PILE_SEED)
    for number in range(PILE_SIZE - len(articles)):
        drawn = rng.choice(files)
        lines = drawn.read_text(encoding="utf-8").splitlines()
        text = "\n".join(reword(line, rng) if len(line.split()) >= MIN_WORDS else line for line in lines)
        articles.append(article_from_text(text, article_id=f"redrawn{number:03d}_{drawn.parent.name}_{drawn.stem}"))
    return articles


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("topic*/*.txt"), key=lambda f: (int(f.parent.name.removeprefix("topic")), f.name))


def _linked(files: list[Path], prefix: str) -> list[Article]:
    """The articles of ``files``, read as one folder (each named by its topic and file name)."""
    with tempfile.TemporaryDirectory() as folder:
        for file in files:
            (Path(folder) / f"{prefix}{file.parent.name}_{file.name}").symlink_to(file)
        return load_paths([Path(folder)])


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def engine_worker(name: str, runs: int) -> dict[str, object]:
    articles = story_articles(name)
    analyze = engine_analyze()
    best, best_cpu, story = float("inf"), float("inf"), None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        story = analyze(articles)
        best = min(best, time.perf_counter() - wall)
        best_cpu = min(best_cpu, cpu_seconds() - cpu)
    assert story is not None
    with instrumented() as (stages, counts):
        analyze(articles)
    return {
        "story": name,
        "articles": len(articles),
        "passages": len(story.passages),
        "claims": len(story.claims),
        "shared_claims": sum(1 for c in story.claims if len(c.article_ids) > 1),
        "pairs": counts["scored"],
        "seconds": best,
        "cpu": best_cpu,
        "stages": dict(stages),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def naive_worker(name: str) -> dict[str, object]:
    articles = story_articles(name)
    threshold = naive_threshold()
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = naive_analyze(articles, threshold)
    return {
        "story": name,
        "seconds": time.perf_counter() - wall,
        "cpu": cpu_seconds() - cpu,
        "pairs": result.pairs_scored,
        "claims": len(result.story.claims),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_subprocess(*arguments: str) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(stories: list[str], runs: int, semantic: bool) -> None:
    matcher = "semantic (encoder loaded outside the timings)" if semantic else "lexical"
    print(f"engine: {matcher}; best of {runs} run(s) per story; each story in its own interpreter")
    print(
        f"{'story':<14} {'arts':>5} {'pass':>6} {'claims':>6} {'shared':>6} {'pairs':>8} {'wall s':>7} {'cpu s':>7} {'RSS MB':>7}"
    )
    for name in stories:
        row = in_subprocess("engine", name, str(runs))
        print(
            f"{name:<14} {row['articles']:>5} {row['passages']:>6} {row['claims']:>6} {row['shared_claims']:>6} "
            f"{row['pairs']:>8} {row['seconds']:>7.2f} {row['cpu']:>7.2f} {row['peak_rss_mb']:>7.0f}"
        )
        stages = row["stages"]
        assert isinstance(stages, dict)
        print("    stages: " + ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in stages.items()))
        if name == "real-200":
            naive = in_subprocess("naive", name)
            print(
                f"    naive reference: {naive['seconds']:.2f} s wall, {naive['cpu']:.2f} s CPU, "
                f"{naive['pairs']} pairs, {naive['peak_rss_mb']:.0f} MB; "
                f"newsdiff {float(naive['seconds']) / float(row['seconds']):.1f}x faster (wall), "
                f"{float(naive['cpu']) / float(row['cpu']):.1f}x (CPU)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", nargs="+", choices=STORIES, default=list(STORIES))
    parser.add_argument("--runs", type=int, default=1, help="analyses per story; the best is reported")
    parser.add_argument("--semantic", action="store_true", help="the engine with the sentence encoder")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    need(ECB, ECBPLUS, MSRP)
    if args.semantic:
        os.environ[SEMANTIC_ENV] = "1"
    if args.worker:
        kind, name, *rest = args.worker
        row = engine_worker(name, int(rest[0])) if kind == "engine" else naive_worker(name)
        print(json.dumps(row))
        return 0
    report(args.stories, args.runs, args.semantic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
