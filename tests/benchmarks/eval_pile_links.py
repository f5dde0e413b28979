"""Many unrelated events analysed as one story: do claims join articles of different events?

Usage (from the project root):

    .venv/bin/python tests/benchmarks/eval_pile_links.py                 # all ECB+ raw articles (25 events)
    .venv/bin/python tests/benchmarks/eval_pile_links.py --semantic      # the same with the sentence encoder
    .venv/bin/python tests/benchmarks/eval_pile_links.py --corpus ecb --per-topic 6   # cleaned ECB text, 43 events

It builds one folder (in a temporary directory) of symbolic links to every
article of the chosen corpus (``../shared/corpus/ecbplus`` by default), each
named ``topic<N>_<file>`` so the event stays readable in the story, and
analyses the folder as ONE story. Every folder of the corpus is one event,
so a claim holding articles of two folders joins different events: an error
a fact-checker would act on.

It prints:

1. claims of two or more articles: how many stay within one event, how many
   cross events, and how many are made only of page furniture dates and
   times ("Updated 09/14/2013 01:03 PM"), counted apart (the boilerplate
   detector is meant to drop those; until it does they would swamp the
   figures);
2. linked article pairs (two articles in at least one claim together, the
   furniture-only claims left out): within one event, across events, and
   the share across (the target is at most 0.5 %);
3. ``--examples`` claims that cross events, with their passages.

``--json PATH`` also writes the figures and every cross-event claim, so two
runs (before and after a change) can be compared.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from bench_data import DATA, encoder_or_exit, need

from newsdiff.engine.model import Claim, Story
from newsdiff.engine.story import analyze

CORPORA = DATA / "corpus"
_TIME_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
    r"|\b(?:[ap]\.?m\.?|et|est|edt|ct|cst|cdt|mt|pt|pst|pdt|gmt|bst|utc|cet|ist|hrs?)\b"
    r"|\b(?:updated?|posted|published|first|last|modified|on|at|and|by|of|the|today|yesterday|time|date)\b"
    r"|\d+(?:st|nd|rd|th)?",
    re.IGNORECASE,
)
"""What a timestamp line is made of: dates, times, zones and the words that introduce them."""


@dataclass(frozen=True, slots=True)
class Figures:
    """What one analysed pile shows."""

    articles: int
    events: int
    claims_within: int
    claims_across: int
    furniture_claims: int
    pairs_within: int
    pairs_across: int
    seconds: float

    @property
    def share_across(self) -> float:
        linked = self.pairs_within + self.pairs_across
        return self.pairs_across / linked if linked else 0.0


def build_pile(corpus: Path, folder: Path, per_topic: int | None, topics: set[str] | None) -> dict[str, str]:
    """Link the corpus's articles into ``folder`` as ``topic<N>_<file>``; the event of each link name."""
    events: dict[str, str] = {}
    for topic in sorted(t for t in corpus.iterdir() if t.is_dir() and t.name.startswith("topic")):
        if topics is not None and topic.name.removeprefix("topic") not in topics:
            continue
        files = sorted(topic.glob("*.txt"), key=lambda p: [int(n) for n in re.findall(r"\d+", p.stem)])
        for path in files[:per_topic]:
            name = f"{topic.name}_{path.name}"
            (folder / name).symlink_to(path.resolve())
            events[name] = topic.name
    return events


def is_furniture(text: str) -> bool:
    """Whether a passage is only a date or time (with "Updated", "Posted" and the like) or a web address."""
    if re.fullmatch(r"\s*(?:https?://|www\.)\S+\s*", text):
        return True
    rest = _TIME_WORDS.sub(" ", text)
    return bool(re.search(r"\d", text)) and not re.search(r"[^\W\d_]", rest)


def event_of(story: Story, events: dict[str, str], article_id: str) -> str:
    path = story.article(article_id).path
    assert path is not None
    return events[Path(path).name]


def measure(story: Story, events: dict[str, str], seconds: float) -> tuple[Figures, list[Claim]]:
    """The figures of ``story`` and its claims that cross events (furniture-only ones left out)."""
    within = across = stamps = 0
    pairs: set[tuple[str, str]] = set()
    crossing: list[Claim] = []
    for claim in story.claims:
        if len(claim.article_ids) < 2:
            continue
        if all(is_furniture(story.passage(p).text) for p in claim.passage_ids):
            stamps += 1
            continue
        if len({event_of(story, events, a) for a in claim.article_ids}) > 1:
            across += 1
            crossing.append(claim)
        else:
            within += 1
        pairs.update(combinations(sorted(claim.article_ids), 2))
    pairs_across = sum(1 for a, b in pairs if event_of(story, events, a) != event_of(story, events, b))
    figures = Figures(
        articles=len(story.articles),
        events=len(set(events.values())),
        claims_within=within,
        claims_across=across,
        furniture_claims=stamps,
        pairs_within=len(pairs) - pairs_across,
        pairs_across=pairs_across,
        seconds=seconds,
    )
    return figures, crossing


def describe(story: Story, events: dict[str, str], claim: Claim) -> list[str]:
    lines = [f"claim {claim.id} ({len(claim.article_ids)} articles):"]
    for passage_id in claim.passage_ids:
        passage = story.passage(passage_id)
        text = " ".join(passage.text.split())
        lines.append(f"  [{event_of(story, events, passage.article_id)}] {text[:160]}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=("ecbplus", "ecb"), default="ecbplus")
    parser.add_argument("--per-topic", type=int, default=None, help="first N articles of each event (default all)")
    parser.add_argument("--topics", nargs="*", help="topic numbers to include (default all)")
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder (extra 'semantic')")
    parser.add_argument("--examples", type=int, default=10, help="cross-event claims to print")
    parser.add_argument("--json", type=Path, help="write the figures and cross-event claims here")
    args = parser.parse_args()
    need(CORPORA / args.corpus)
    encoder = encoder_or_exit(args.semantic)
    with tempfile.TemporaryDirectory(prefix="pile-") as tmp:
        folder = Path(tmp)
        events = build_pile(CORPORA / args.corpus, folder, args.per_topic, set(args.topics) if args.topics else None)
        start = time.perf_counter()
        story = analyze([folder], encoder=encoder)
        figures, crossing = measure(story, events, time.perf_counter() - start)
        examples = [describe(story, events, claim) for claim in crossing]
    matcher = encoder.name if encoder else "lexical"
    print(f"== {args.corpus}: {figures.articles} articles of {figures.events} events as one story ({matcher}) ==")
    print(f"analysis {figures.seconds:.1f} s")
    print(
        f"claims of 2+ articles: within one event {figures.claims_within}, across events {figures.claims_across}, "
        f"timestamp- or address-only (left out) {figures.furniture_claims}"
    )
    print(
        f"linked article pairs: within {figures.pairs_within}, across {figures.pairs_across} "
        f"({100 * figures.share_across:.2f} % across)"
    )
    for lines in examples[: args.examples]:
        print("\n".join(lines))
    if args.json:
        payload = {"matcher": matcher, **asdict(figures), "share_across": figures.share_across, "crossing": examples}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
