"""Precision and recall of the page-furniture detector on hand-labelled ECB+ lines.

Run from the project root::

    .venv/bin/python tests/benchmarks/eval_furniture.py            # precision / recall, and the errors
    .venv/bin/python tests/benchmarks/eval_furniture.py --sample   # the lines to label (seeded draw)

The labels (``tests/benchmarks/data/furniture_labels.tsv``) are lines of the
raw web articles in ``../shared/corpus/ecbplus`` drawn at random with a fixed
seed across all topics, each judged by reading it: ``furniture`` (the page
around the article: its URL, a timestamp or "Updated / Posted / Published"
line, a byline, a credit, a prompt, a letterhead or a date line with no news
in it) or ``content`` (the article's own words, headlines and subheads
included). A line is predicted furniture when the segmenter makes every
passage on it a boilerplate passage, so the figure covers the detector as
the engine uses it. Furniture is the positive class: precision is the share
of hidden lines that were furniture (a miss there hides a sentence from a
fact-checker), recall the share of furniture hidden.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from bench_data import ECBPLUS, need

from newsdiff.engine.load import load_paths
from newsdiff.engine.segment import segment

LABELS = Path(__file__).resolve().parent / "data" / "furniture_labels.tsv"
SAMPLE_SEED = 18
SAMPLE_SIZE = 1000
SNIPPET_CHARS = 60


def corpus_lines() -> list[tuple[str, int, str]]:
    """``(file, line number from 1, line)`` of every non-blank ECB+ line."""
    lines = []
    for path in sorted(ECBPLUS.glob("topic*/*.txt")):
        name = f"{path.parent.name}/{path.name}"
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.strip():
                lines.append((name, number, line))
    return lines


def sample() -> None:
    """Print the seeded draw as TSV rows to label (label column left as ``?``)."""
    drawn = sorted(random.Random(SAMPLE_SEED).sample(corpus_lines(), SAMPLE_SIZE))
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["file", "line", "label", "snippet"])
    for name, number, line in drawn:
        writer.writerow([name, number, "?", line.strip()[:SNIPPET_CHARS]])


def predicted_furniture(files: set[str]) -> set[tuple[str, int]]:
    """``(file, line number)`` of each line whose passages are all boilerplate."""
    hidden: set[tuple[str, int]] = set()
    for name in sorted(files):
        (article,) = load_paths([ECBPLUS / name])
        starts = [0]
        for line in article.text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        kinds: dict[int, set[bool]] = {}
        for passage in segment(article):
            line = next(i for i in range(len(starts) - 1) if starts[i] <= passage.start < starts[i + 1])
            kinds.setdefault(line + 1, set()).add(passage.is_content)
        hidden.update((name, number) for number, content in kinds.items() if content == {False})
    return hidden


def evaluate(show_errors: bool) -> None:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    hidden = predicted_furniture({row["file"] for row in rows})
    verdicts = [(row, row["label"] == "furniture", (row["file"], int(row["line"])) in hidden) for row in rows]
    print(f"{len(rows)} labelled lines, {sum(truth for _row, truth, _guess in verdicts)} furniture")
    print("all lines:              " + _scores(verdicts))
    print("without the URL line 1: " + _scores([v for v in verdicts if v[0]["line"] != "1"]))
    errors = [
        f"  {'hidden content' if guess else 'missed furniture':16} {row['file']}:{row['line']}  {row['snippet']}"
        for row, truth, guess in verdicts
        if truth != guess
    ]
    if show_errors and errors:
        print("errors:")
        print("\n".join(errors))


def _scores(verdicts: list[tuple[dict[str, str], bool, bool]]) -> str:
    tp = sum(truth and guess for _row, truth, guess in verdicts)
    hidden = sum(guess for _row, _truth, guess in verdicts)
    furniture = sum(truth for _row, truth, _guess in verdicts)
    precision = f"{tp / hidden:.3f}" if hidden else "n/a"
    recall = f"{tp / furniture:.3f}" if furniture else "n/a"
    return f"precision {precision} ({tp}/{hidden})   recall {recall} ({tp}/{furniture})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", action="store_true", help="print the seeded draw of lines to label")
    parser.add_argument("--quiet", action="store_true", help="figures only, not the errors")
    args = parser.parse_args()
    need(ECBPLUS)
    if args.sample:
        sample()
    else:
        evaluate(not args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
