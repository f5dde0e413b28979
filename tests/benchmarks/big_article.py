"""How the app copes with one huge article: a 5 MB text beside a normal one.

Run from the project root::

    .venv/bin/python tests/benchmarks/big_article.py            # 5 MB
    .venv/bin/python tests/benchmarks/big_article.py --mb 2

The huge article is every sentence of the ECB+ corpus (``../shared/corpus/ecb``),
one per line, repeated until it reaches the size asked for; the normal
article is the corpus's first one. It prints the analysis time (no cache),
the passages and claims, and then in the app at 160×45 (headless, wall time
of press + pause, about 65 ms of which is the harness's own idle polling):
opening the huge article and the normal one (twice each, the second time
with the claims panel's row heights already known), each press of the
filter key, and a few reading keys. Nothing is asserted: the standards ask
that such an input be handled gracefully, and this is how to see it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article, Story
from newsdiff.engine.story import analyze

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_speed import SIZE, make_app
from bench_data import ECB, need


def big_story_articles(megabytes: float) -> list[Article]:
    """The huge article and the normal one."""
    need(ECB)
    files = sorted(ECB.glob("topic*/*.txt"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    block = "\n".join(lines) + "\n"
    huge = block * max(1, round(megabytes * 1_000_000 / len(block.encode("utf-8"))))
    return [
        article_from_text(huge, article_id="huge", source="Huge"),
        article_from_text(files[0].read_text(encoding="utf-8"), article_id="normal", source="Normal"),
    ]


async def timings(folder: Path, story: Story) -> list[tuple[str, float]]:
    """(what, seconds) for each press."""
    app = make_app(folder, story=story)
    results: list[tuple[str, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def press(label: str, key: str) -> None:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            results.append((label, time.perf_counter() - start))

        for label, key in (("open the normal article", "2"), ("open the huge article", "1")) * 2:
            await press(label, key)
        for number in range(4):
            await press(f"filter (f, press {number + 1})", "f")
        for key in ("j", "pagedown", "right_curly_bracket"):
            for _ in range(5):
                await press(key, key)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the huge article in MB (default 5)")
    args = parser.parse_args(argv)
    articles = big_story_articles(args.mb)
    start = time.perf_counter()
    story = analyze(articles)
    print(
        f"huge article {len(articles[0].text.encode('utf-8')) / 1e6:.1f} MB; analysis {time.perf_counter() - start:.1f} s; "
        f"{len(story.passages)} passages, {len(story.claims)} claims"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(folder / name.lower())
        results = asyncio.run(timings(folder, story))
    grouped: dict[str, list[float]] = {}
    for label, seconds in results:
        grouped.setdefault(label, []).append(seconds)
    print("\nin the app, press + pause (wall, ms):")
    for label, samples in grouped.items():
        shown = ", ".join(f"{s * 1000:.0f}" for s in samples)
        print(
            f"  {label:<28} {shown}" + (f"  (mean {statistics.mean(samples) * 1000:.0f})" if len(samples) > 2 else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
