"""The clustering stage alone, best of several runs, and whether it still makes the same claims and links.

``real_text.py`` times each stage once, in wall seconds, which a shared
machine blurs. This splits a story as ``analyze`` does, then runs only
``cluster.cluster_passages`` on it several times (a new ``Matcher`` each
time, the cyclic collector paused and BLAS on one thread, as ``analyze``
has them) and prints the best wall and CPU seconds, the scored pairs and
links, and the load average. ``--record`` writes the claims (passage ids)
and the counts of scored and linked pairs to a file; ``--check`` compares a
later run with it, so a change meant to be faster can show it decides the
same. With ``--semantic`` the first run embeds the story and
the best is a later one (the encoder keeps the vectors).

    .venv/bin/python tests/benchmarks/cluster_stage.py real-200 --runs 3 --record /tmp/real-200.json
    .venv/bin/python tests/benchmarks/cluster_stage.py real-200 --runs 3 --check /tmp/real-200.json
    .venv/bin/python tests/benchmarks/cluster_stage.py seeds --semantic
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from bench_data import ECB, ECBPLUS, encoder_or_exit, need
from real_text import STORIES, story_articles

from newsdiff.engine import story as story_module
from newsdiff.engine.blas import blas_limited
from newsdiff.engine.cluster import ClusterStats, cluster_passages
from newsdiff.engine.collector import collector_paused
from newsdiff.engine.load import load_paths
from newsdiff.engine.model import Passage
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.similarity import Matcher

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class _Split(Exception):
    """Raised to stop ``analyze`` once its passages are ready for the clustering."""

    def __init__(self, passages: tuple[Passage, ...], prior: object) -> None:
        super().__init__("split")
        self.passages, self.prior = passages, prior


def split_story(name: str, encoder: Encoder | None) -> _Split:
    """The content ``analyze`` hands the clustering for a named story, a corpus folder or ``seeds``."""
    if name == "seeds":
        articles = load_paths([SEEDS])
    elif name in STORIES:
        articles = story_articles(name)
    else:
        articles = load_paths([Path(name)])

    def stop(passages: tuple[Passage, ...], progress: object = None, **options: object) -> object:
        raise _Split(passages, options["prior"])

    saved = story_module.cluster_passages
    story_module.cluster_passages = stop  # type: ignore[assignment]
    try:
        story_module.analyze(articles, encoder=encoder)
    except _Split as split:
        return split
    finally:
        story_module.cluster_passages = saved
    raise SystemExit(f"{name}: the analysis never reached the clustering")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("story", help=f"seeds, one of {', '.join(STORIES)}, or a folder of articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder")
    parser.add_argument("--record", type=Path, help="write the claims and links here")
    parser.add_argument("--check", type=Path, help="compare the claims and links with a recorded file")
    options = parser.parse_args(argv)
    need(ECB, ECBPLUS)
    encoder = encoder_or_exit(options.semantic)
    split = split_story(options.story, encoder)
    texts = [p.content_text for p in split.passages if p.is_content]
    wall = cpu = float("inf")
    for _ in range(options.runs):
        stats = ClusterStats()
        matcher = Matcher(texts, encoder=encoder)
        with collector_paused(), blas_limited() if encoder is not None else nullcontext():
            started, used = time.perf_counter(), time.process_time()
            groups = cluster_passages(
                split.passages,
                encoder=encoder,
                prior=split.prior,
                stats=stats,
                matcher=matcher,  # type: ignore[arg-type]
            )
            wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.process_time() - used)
    print(
        f"{options.story}{' (encoder)' if encoder else ''}: cluster_passages best of {options.runs}: "
        f"{wall:.2f} s wall, {cpu:.2f} s CPU; {stats.units} texts, {stats.scored} pairs scored, {stats.linked} linked, "
        f"{len(groups)} claims; load average {os.getloadavg()[0]:.1f}"
    )
    found = {"claims": [[p.id for p in group] for group in groups], "scored": stats.scored, "linked": stats.linked}
    if options.record:
        options.record.write_text(json.dumps(found), encoding="utf-8")
    if options.check:
        recorded = json.loads(options.check.read_text(encoding="utf-8"))
        same = recorded == found
        print("the same claims, scored and linked pairs as recorded" if same else "DIFFERENT from the recorded run")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
