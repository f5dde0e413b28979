"""How quickly the app shows a story and answers a key, measured headless with ``App.run_test()``.

Run from the project root::

    .venv/bin/python tests/benchmarks/app_speed.py              # seeds + 50-article story
    .venv/bin/python tests/benchmarks/app_speed.py --articles 200 --presses 50

It prints:

- launch: time from starting the app on the seed folder (analysis included,
  as ``newsdiff seeds/`` does it) to the first screen showing the story, both
  after imports and since this script started (imports included); then the
  same on the synthetic story (``synthetic.generate_story``);
- keys: on the synthetic story (analysed beforehand, as a ready ``story``),
  the mean, median and worst time of one key press handled and the screen
  settled (``await pilot.press(key)`` + ``await pilot.pause()``), for the
  passage cursor (j/k), page down/up, next/previous divergence (] / [) and
  next/previous claim (} / {). Each key is pressed ``--presses`` times,
  turning back (the key's opposite) whenever a press no longer moves
  anything, so every sample is a real step of a reader going through the
  article.

Targets: first screen ≤ 1 s on the seeds; ≤ 16 ms mean per key on 50 articles.
The terminal is 160×45 cells; config, notes and snapshots go to a
temporary folder, never the user's.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable, Hashable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from textual.pilot import Pilot  # noqa: E402

from newsdiff.app.app import NewsdiffApp  # noqa: E402
from newsdiff.app.widgets.claim_list import ClaimList  # noqa: E402
from newsdiff.app.widgets.reader import Reader  # noqa: E402
from newsdiff.engine.model import Article, Story  # noqa: E402
from newsdiff.engine.story import analyze  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate_story  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SIZE = (160, 45)
LAUNCH_TARGET_S = 1.0
KEY_TARGET_MS = 16.0
LAUNCH_TIMEOUT_S = 120.0

KEYS: tuple[tuple[str, str, str], ...] = (
    ("j / k (next passage)", "j", "k"),
    ("PgDn / PgUp", "pagedown", "pageup"),
    ("] / [ (next divergence)", "right_square_bracket", "left_square_bracket"),
    ("} / { (next claim)", "right_curly_bracket", "left_curly_bracket"),
)
"""What is timed: a label, the key, and the key that goes back the other way."""


def make_app(folder: Path, sources: Sequence[str | Path | Article] = (), story: Story | None = None) -> NewsdiffApp:
    app = NewsdiffApp(sources, story=story, config_path=folder / "config.toml",
                      snapshots_dir=folder / "snapshots", notes_dir=folder / "notes")
    app.animation_level = "none"
    return app


async def launch_seconds(folder: Path, sources: Sequence[str | Path | Article]) -> float:
    """Seconds from creating the app to its main screen holding the analysed story, painted."""
    start = time.perf_counter()
    app = make_app(folder, sources)
    async with app.run_test(size=SIZE) as pilot:
        while app.main.story is None:
            if time.perf_counter() - start > LAUNCH_TIMEOUT_S:
                raise TimeoutError("the story never appeared")
            await pilot.pause(0.001)
        await pilot.pause()
        return time.perf_counter() - start


async def key_times(folder: Path, story: Story, presses: int) -> dict[str, list[float]]:
    """Seconds per handled key press, for each of ``KEYS``."""
    app = make_app(folder, story=story)
    results: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.main.query_one(Reader)
        claims = app.main.query_one(ClaimList)
        probes: dict[str, Callable[[], Hashable]] = {
            "j": lambda: reader.passage.id if reader.passage else None,
            "pagedown": lambda: reader.scroll_y,
            "right_square_bracket": lambda: reader.passage.id if reader.passage else None,
            "right_curly_bracket": lambda: (claims.claim_id, reader.passage.id if reader.passage else None),
        }
        for label, forward, backward in KEYS:
            await pilot.press("g")
            await pilot.pause()
            results[label] = await _bounce(pilot, forward, backward, probes[forward], presses)
    return results


async def _bounce(pilot: Pilot, forward: str, backward: str, probe: Callable[[], Hashable], presses: int) -> list[float]:
    """Time ``presses`` presses, switching direction when a press changes nothing."""
    key = forward
    times: list[float] = []
    for _ in range(presses):
        before = probe()
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - start)
        if probe() == before:
            key = backward if key == forward else forward
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50, help="articles in the synthetic story (default 50)")
    parser.add_argument("--presses", type=int, default=100, help="presses per key (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    imported = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(folder / name.lower())
        seeds_launch = asyncio.run(launch_seconds(folder, [SEEDS]))
        since_start = time.perf_counter() - STARTED
        print(f"imports: {imported - STARTED:.2f} s")
        print(f"launch on seeds: first screen with the story {seeds_launch * 1000:.0f} ms after imports, "
              f"{since_start:.2f} s since the script started")
        articles = generate_story(args.articles, seed=args.seed)
        synthetic_launch = asyncio.run(launch_seconds(folder, articles))
        print(f"launch on {args.articles} articles: first screen with the story {synthetic_launch:.2f} s (analysis included)")
        story = analyze(articles)
        times = asyncio.run(key_times(folder, story, args.presses))
    print(f"\nkeys on {args.articles} articles ({len(story.passages)} passages, {len(story.claims)} claims), "
          f"{args.presses} presses each, press + pause:")
    print(f"  {'key':<26} {'mean ms':>8} {'median':>8} {'worst':>8}")
    means = []
    for label, samples in times.items():
        ms = [s * 1000 for s in samples]
        means.append(statistics.mean(ms))
        print(f"  {label:<26} {statistics.mean(ms):>8.1f} {statistics.median(ms):>8.1f} {max(ms):>8.1f}")
    checks = [
        (f"seed launch <= {LAUNCH_TARGET_S:.0f} s", seeds_launch <= LAUNCH_TARGET_S, f"{seeds_launch * 1000:.0f} ms"),
        (f"mean key <= {KEY_TARGET_MS:.0f} ms (every key)", max(means) <= KEY_TARGET_MS, f"worst mean {max(means):.1f} ms"),
    ]
    print("\ntargets:")
    for label, ok, value in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
