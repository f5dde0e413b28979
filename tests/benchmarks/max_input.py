"""Time and peak memory of one very long article beside a normal one, through the real command.

Run from the project root (needs GNU time at /usr/bin/time)::

    .venv/bin/python tests/benchmarks/max_input.py                    # 0.5, 1, 2, 5, 20 MB
    .venv/bin/python tests/benchmarks/max_input.py --mb 2 --kinds vocab50

Two kinds of long article, each in a story folder with the first ECB+
article of topic 21 beside it:

- ``vocab50``: random sentences of 5 to 25 words drawn from 50 common news
  words (seeded): every word is in thousands of sentences, the worst case
  for finding candidate pairs through rare words;
- ``realistic``: every line of the ECB+ corpus (``../shared/corpus``, raw web
  text and cleaned), shuffled (seeded), repeated only past its own size (3.8 MB).

Each runs ``newsdiff export --no-cache -f json`` under ``/usr/bin/time -v``
with user folders in a temporary directory, and prints the wall time,
the peak resident memory, the exit status and the first line the command
wrote to stderr (an article over the limit is refused there in one line).
Nothing is asserted: the issue's targets are a minute and 1 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_data import DATA, need

CORPUS = DATA / "corpus"
NEWSDIFF = Path(sys.executable).with_name("newsdiff")
WORDS = [
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "was",
    "for",
    "on",
    "that",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "an",
    "be",
    "this",
    "have",
    "are",
    "were",
    "which",
    "said",
    "government",
    "police",
    "minister",
    "people",
    "city",
    "year",
    "report",
    "told",
    "state",
    "market",
    "bank",
    "court",
    "two",
    "three",
    "week",
    "officials",
    "after",
    "before",
    "could",
    "would",
    "new",
    "first",
    "last",
    "house",
    "war",
]


def vocab50(size: int) -> str:
    rng = random.Random(0)
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 25))).capitalize() + "."
        sentence += "\n" if rng.random() < 0.2 else " "
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)[:size]


def realistic(size: int) -> str:
    lines = [line for f in sorted(CORPUS.glob("*/topic*/*.txt")) for line in f.read_text().splitlines() if line.strip()]
    random.Random(0).shuffle(lines)
    block = "\n".join(lines) + "\n"
    return (block * (size // len(block) + 1))[:size]


def run(folder: Path, home: Path) -> tuple[str, str, int, str]:
    """(wall time, peak RSS, exit status, first stderr line of the command) of one export."""
    env = {
        **os.environ,
        **{name: str(home / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")},
    }
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(NEWSDIFF), "export", "--no-cache", "-f", "json", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    said = next((line for line in done.stderr.splitlines() if line.startswith("newsdiff:")), "")
    return (
        (wall.group(1) if wall else "?"),
        (f"{int(rss.group(1)) / 1024:.0f} MB" if rss else "?"),
        done.returncode,
        said,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1, 2, 5, 20], help="sizes in MB (1 MB = 10^6)")
    parser.add_argument("--kinds", nargs="+", default=["vocab50", "realistic"], choices=["vocab50", "realistic"])
    args = parser.parse_args(argv)
    need(CORPUS / "ecbplus", CORPUS / "ecb")
    makers = {"vocab50": vocab50, "realistic": realistic}
    normal = CORPUS / "ecbplus" / "topic21" / "21_1.txt"
    print(f"{'kind':<10} {'MB':>5} {'wall':>8} {'peak RSS':>9} {'exit':>4}  message")
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        for kind in args.kinds:
            for mb in args.mb:
                folder = home / f"{kind}-{mb}"
                folder.mkdir()
                (folder / "big.txt").write_text(makers[kind](int(mb * 1_000_000)), encoding="utf-8")
                (folder / "normal.txt").write_bytes(normal.read_bytes())
                wall, rss, status, said = run(folder, home)
                print(f"{kind:<10} {mb:>5} {wall:>8} {rss:>9} {status:>4}  {said[:90]}", flush=True)
                (folder / "big.txt").unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
