"""CPU seconds, wall seconds and memory after each stage of one analysis of a ``real_text.py`` story.

``real_text.py`` gives a story's peak RSS over several analyses and wall
time per stage; on a shared, loaded machine wall time says little, and
where the memory goes needs the stages apart. This analyses one story
once, in this process, and prints for the clustering, the coverage and the
search for what each article leaves out (``engine.absence``) the CPU and
wall seconds and the RSS after it, then the peak RSS. With ``--trace``,
tracemalloc also gives each stage's traced memory before, at its peak and
after, and the largest allocations left at the end (slower: about 2x).

    .venv/bin/python tests/benchmarks/stage_memory.py real-200
    .venv/bin/python tests/benchmarks/stage_memory.py pile-1000 --trace
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench_data import ECB, ECBPLUS, encoder_or_exit, need
from real_text import STORIES, story_articles

from newsdiff.engine import story as story_module

STAGES = {"cluster_passages": "cluster", "article_coverage": "coverage", "near_misses": "absence"}


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(label: str, function: Callable[..., object], rows: list[str], trace: bool) -> Callable[..., object]:
    def wrapper(*args: object, **kwargs: object) -> object:
        cpu, wall = time.process_time(), time.perf_counter()
        if trace:
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
        result = function(*args, **kwargs)
        row = f"{label}: {time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.2f} s wall, RSS {rss_mb():.0f} MB"
        if trace:
            now, peak = tracemalloc.get_traced_memory()
            row += f"; traced {before / 2**20:.0f} MB before, {peak / 2**20:.0f} MB at peak, {now / 2**20:.0f} MB after"
        rows.append(row)
        return result

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("story", choices=STORIES)
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder")
    parser.add_argument("--trace", action="store_true", help="tracemalloc per stage (slower)")
    options = parser.parse_args(argv)
    need(ECB, ECBPLUS)
    articles = story_articles(options.story)
    encoder = encoder_or_exit(options.semantic)
    rows: list[str] = []
    for name, label in STAGES.items():
        setattr(story_module, name, timed(label, getattr(story_module, name), rows, options.trace))
    if options.trace:
        tracemalloc.start()
    print(f"{options.story}: {len(articles)} articles read, RSS {rss_mb():.0f} MB", flush=True)
    cpu, wall = time.process_time(), time.perf_counter()
    story = story_module.analyze(articles, encoder=encoder)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print("\n".join(rows))
    print(
        f"{len(story.passages)} passages, {len(story.claims)} claims, {len(story.near_misses)} near misses; "
        f"analysis {cpu:.2f} s CPU, {wall:.2f} s wall; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if options.trace:
        for statistic in tracemalloc.take_snapshot().statistics("lineno")[:15]:
            print(f"  {statistic}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
