"""The sentence encoder on a small real story, as a reader meets it: a fresh process, model load included.

Issue 20's target: an 8-article story exported with the encoder in at most
1.5 s cold (empty user cache, the model loaded in the process). Each run is
``newsdiff export --format json`` on 8 raw ECB+ web articles of one event,
in its own process with its own user cache folder:

- ``load``: ``load_encoder()`` alone in a fresh interpreter (imports included);
- ``cold``: an empty user cache: the model is loaded and every sentence embedded;
- ``warm``: the analysis cache emptied but the sentence vectors kept
  (``engine.vector_cache``): the model is loaded, nothing is embedded.

Wall and CPU time (user + system, all threads) per run, the best of
``--runs``. On a shared machine the CPU figure is the one to compare.

    .venv/bin/python tests/benchmarks/encoder_cold.py [--topic 36] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_data import ECBPLUS, need

ARTICLES = 8
LOAD = (
    "import time; t = time.perf_counter(); from newsdiff.engine.semantic import load_encoder; "
    "assert load_encoder() is not None; print(time.perf_counter() - t)"
)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command run in its own process with ``cache`` as the user cache."""
    environment = dict(os.environ, XDG_CACHE_HOME=str(cache))
    wall, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - wall, children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topic", type=int, default=36, help="the ECB+ topic whose first 8 articles are read")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    need(ECBPLUS)
    newsdiff = str(Path(sys.executable).with_name("newsdiff"))
    with tempfile.TemporaryDirectory() as work:
        story = Path(work) / "story"
        story.mkdir()
        for file in sorted((ECBPLUS / f"topic{args.topic}").glob("*.txt"))[:ARTICLES]:
            (story / file.name).symlink_to(file)
        export = [newsdiff, "export", "--semantic", "--format", "json", str(story)]
        rows: dict[str, list[tuple[float, float]]] = {"load": [], "cold": [], "warm": []}
        for run in range(args.runs):
            cache = Path(work) / f"cache{run}"
            rows["load"].append(timed([sys.executable, "-c", LOAD], cache))
            rows["cold"].append(timed(export, cache))
            shutil.rmtree(cache / "newsdiff" / "stories")
            rows["warm"].append(timed(export, cache))
    print(
        f"{ARTICLES} articles of ECB+ topic {args.topic}, best of {args.runs} fresh processes (load average {os.getloadavg()[0]:.1f})"
    )
    for name, timings in rows.items():
        wall = min(w for w, _ in timings)
        cpu = min(c for _, c in timings)
        print(f"  {name:<5} {wall:6.2f} s wall  {cpu:6.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
