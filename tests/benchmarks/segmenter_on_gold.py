"""Measure sentence splitters against the seed gold, the ECB corpus and a 5 MB text.

Run from the project root::

    .venv/bin/python tests/benchmarks/segmenter_on_gold.py

It prints, for newsdiff's own splitter and for the pysbd and syntok libraries
(each given one line at a time, since a line is a paragraph in these files):

- the share of gold sentence spans reproduced exactly, and the spans it
  produced that are not gold;
- on the ECB corpus (one sentence per line), how many lines each splits in
  more than one sentence: every such split is an over-split;
- how long newsdiff takes to segment a 5 MB article.

The gold is only measured against, never tuned on.
"""

from __future__ import annotations

import json
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path

import pysbd
from bench_data import ECB, need
from bench_data import SEED_GOLD as GOLD
from syntok import segmenter as syntok_segmenter

from newsdiff.engine.load import load_paths
from newsdiff.engine.model import Article
from newsdiff.engine.segment import segment

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
LARGE_BYTES = 5_000_000

Spans = list[tuple[int, int]]
Splitter = Callable[[Article], Spans]


def newsdiff_spans(article: Article) -> Spans:
    return [(p.start, p.end) for p in segment(article) if p.is_content]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    if not piece.strip():
        return None
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return start, end


_PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=True)


def pysbd_spans(article: Article) -> Spans:
    spans: Spans = []
    for offset, line in _lines(article.text):
        if line.strip():
            for piece in _PYSBD.segment(line):
                span = _stripped(article.text, offset + piece.start, offset + piece.end)
                if span:
                    spans.append(span)
    return spans


def syntok_spans(article: Article) -> Spans:
    spans: Spans = []
    for offset, line in _lines(article.text):
        if not line.strip():
            continue
        for paragraph in syntok_segmenter.analyze(line):
            for sentence in paragraph:
                first, last = sentence[0], sentence[-1]
                start = offset + first.offset
                end = offset + last.offset + len(last.value)
                spans.append((start, end))
    return spans


SPLITTERS: dict[str, Splitter] = {
    "newsdiff": newsdiff_spans,
    "pysbd": pysbd_spans,
    "syntok": syntok_spans,
}


def gold_match(articles: list[Article]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    print("Exact sentence spans against the seed gold")
    for name, splitter in SPLITTERS.items():
        matched = total = extra = 0
        for article in articles:
            wanted = {(s["start"], s["end"]) for s in gold[article.id]["sentences"]}
            found = set(splitter(article))
            matched += len(wanted & found)
            total += len(wanted)
            extra += len(found - wanted)
        print(f"  {name:9} {matched}/{total} = {matched / total:.1%}   not in gold: {extra}")


def ecb_over_splits() -> None:
    files = sorted(ECB.glob("*/*.txt"))
    if not files:
        print("ECB corpus not found; skipped")
        return
    articles = load_paths(files)
    lines = sum(1 for a in articles for line in a.text.split("\n") if line.strip())
    print(f"Over-splits on ECB ({len(articles)} articles, {lines} one-sentence lines)")
    for name, splitter in SPLITTERS.items():
        over = 0
        for article in articles:
            starts = [offset for offset, _line in _lines(article.text)]
            spans = splitter(article)
            over += len(spans) - len({bisect_right(starts, start) for start, _end in spans})
        print(f"  {name:9} {over} extra splits ({over / lines:.2%} of lines)")


def large_article_timing(articles: list[Article]) -> None:
    unit = "\n".join(a.text for a in articles) + "\n"
    text = unit * (LARGE_BYTES // len(unit.encode("utf-8")) + 1)
    article = Article(id="large", source="large", title="large", text=text)
    started = time.perf_counter()
    passages = segment(article)
    elapsed = time.perf_counter() - started
    size = len(text.encode("utf-8")) / 1e6
    print(f"newsdiff segments {size:.1f} MB into {len(passages)} passages in {elapsed:.2f} s")


def main() -> int:
    need(GOLD, ECB)
    articles = load_paths([SEEDS])
    gold_match(articles)
    ecb_over_splits()
    large_article_timing(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
