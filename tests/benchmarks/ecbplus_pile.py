"""All ECB+ raw web articles analysed as one story: furniture claims and cross-event links.

Run from the project root::

    .venv/bin/python tests/benchmarks/ecbplus_pile.py --build /tmp/pile      # the folder, once
    .venv/bin/newsdiff export --no-cache --format json /tmp/pile > /tmp/pile.json
    .venv/bin/python tests/benchmarks/ecbplus_pile.py /tmp/pile.json [--list]

``--build`` links every ``../shared/corpus/ecbplus/topicN/N_n.txt`` into one
folder as ``topicN_N_n.txt`` (the topic prefix is the event label). Given an
export of that folder it prints:

- claims of two or more articles, and those made only of timestamps: every
  passage, stripped of date and time words, has no word left. The judge is
  deliberately independent of ``engine/boilerplate.py`` (a plain word list),
  so the figure measures the detector instead of repeating it;
- linked article pairs (two articles sharing at least one claim) and how many
  join different events, with the claims behind them;
- articles whose title is a timestamp or a URL.

``--list`` prints the timestamp claims and the cross-event claims.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from itertools import combinations
from pathlib import Path

from bench_data import ECBPLUS, need

_TIME_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "a.m",
        "p.m",
        "hrs",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "et",
        "pt",
        "ct",
        "mt",
        "ist",
        "hkt",
        "uk",
        "updated",
        "update",
        "posted",
        "published",
        "first",
        "last",
        "at",
        "on",
        "by",
        "released",
        "release",
        "date",
        "time",
        "th",
        "st",
        "nd",
        "rd",
    ]
)
_WORD = re.compile(r"[A-Za-z]+|\d+")


def event_of(article_id: str) -> str:
    """The topic an article of the pile belongs to (its file name's prefix)."""
    return article_id.split("_", 1)[0]


def is_timestamp(text: str) -> bool:
    """Whether ``text`` holds nothing but dates, times and their labels ("Updated 9:06 AM ET")."""
    words = _WORD.findall(text)
    return bool(words) and all(w.isdigit() or w.lower() in _TIME_WORDS for w in words)


def is_url(text: str) -> bool:
    return re.fullmatch(r"\s*https?://\S+\s*", text) is not None


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(ECBPLUS.glob("topic*/*.txt")):
        link = folder / f"{path.parent.name}_{path.name}"
        if not link.exists():
            link.symlink_to(path.resolve())
        count += 1
    print(f"{count} articles linked into {folder}")


def report(export: Path, listing: bool) -> None:
    story = json.loads(export.read_text(encoding="utf-8"))
    claims = [c for c in story["claims"] if len(c["sources"]) >= 2]
    timestamps = [c for c in claims if all(is_timestamp(p["text"]) for p in c["passages"])]
    pairs: dict[tuple[str, str], list[str]] = {}
    for claim in claims:
        for a, b in combinations(sorted(claim["sources"]), 2):
            pairs.setdefault((a, b), []).append(claim["id"])
    cross = {pair: ids for pair, ids in pairs.items() if event_of(pair[0]) != event_of(pair[1])}
    cross_claims = {i for ids in cross.values() for i in ids}
    within = len(pairs) - len(cross)
    bad_titles = [a for a in story["articles"] if is_timestamp(a["title"]) or is_url(a["title"])]
    print(f"matcher: {story['matcher']}; articles: {len(story['articles'])}; claims: {len(story['claims'])}")
    print(f"claims of 2+ articles: {len(claims)}; made only of timestamps: {len(timestamps)}")
    print(
        f"linked article pairs: {len(pairs)}; within one event: {within}; "
        f"across events: {len(cross)} ({len(cross) / max(1, len(pairs)):.1%}), from {len(cross_claims)} claims"
    )
    print(f"titles that are a timestamp or a URL: {len(bad_titles)}")
    if listing:
        by_id = {c["id"]: c for c in claims}
        for title, group in (("timestamp claims", [c["id"] for c in timestamps]), ("cross-event claims", cross_claims)):
            print(f"\n{title}:")
            for claim_id in sorted(group, key=lambda i: int(i.lstrip("K"))):
                texts = " | ".join(f"{p['article']}: {p['text'][:70]}" for p in by_id[claim_id]["passages"])
                print(f"  {claim_id}: {texts}")
        for article in bad_titles:
            print(f"  title of {article['id']}: {article['title']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", nargs="?", type=Path, help="JSON export of the pile folder")
    parser.add_argument("--build", type=Path, help="link the ECB+ articles into this folder and stop")
    parser.add_argument("--list", action="store_true", help="print the claims behind the figures")
    args = parser.parse_args()
    need(ECBPLUS)
    if args.build:
        build(args.build)
        return 0
    if args.export is None:
        parser.error("give an export, or --build FOLDER")
    report(args.export, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
