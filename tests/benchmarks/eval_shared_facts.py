"""Shared-fact recall: of the facts of one article that another article reports, how many the engine puts in one claim.

Usage (from the project root):

    .venv/bin/python tests/benchmarks/eval_shared_facts.py              # lexical matcher
    .venv/bin/python tests/benchmarks/eval_shared_facts.py --semantic   # with the sentence encoder
    .venv/bin/python tests/benchmarks/eval_shared_facts.py -v           # also list the facts missed

The labels, ``tests/benchmarks/data/shared_facts.jsonl``, were made by hand
by reading ECB+ raw articles (``../shared/corpus/ecbplus``): for a few
topics, the first article's sentences (``a``, ``a_span``: character offsets
into the file) and, for each other article of the topic that reports the
same fact, where it does (``b``, ``b_spans``; several spans when it spreads
the fact over several sentences), with a ``note`` naming the fact in the
labeller's words. Headlines and timestamps were not labelled. Candidate
sentences were found by word overlap and sentence-encoder cosine and each
was judged by reading both articles, so a paraphrase that neither finds is
not in the set. Topic 35 (31 facts) was added later, labelled by reading
35_1 against 35_2 to 35_5 in full, before the engine was run on the topic
and without any search for candidates: it is the held-out part.

Each topic folder is analysed as one story. A fact is found when a claim
holds a passage of ``a`` inside ``a_span`` and a passage of ``b`` inside
one of ``b_spans``; "with the article" counts any passage of ``b`` (the
looser reading of "puts it in a claim with that article").
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bench_data import ECBPLUS, encoder_or_exit, need

from newsdiff.engine.model import Passage, Story
from newsdiff.engine.story import analyze

CORPUS = ECBPLUS
LABELS = Path(__file__).resolve().parent / "data" / "shared_facts.jsonl"


@dataclass(frozen=True, slots=True)
class Fact:
    topic: str
    a: str
    a_span: tuple[int, int]
    b: str
    b_spans: tuple[tuple[int, int], ...]
    note: str


def load_facts(path: Path) -> list[Fact]:
    facts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = tuple((int(s), int(e)) for s, e in row["b_spans"])
        facts.append(Fact(row["topic"], row["a"], tuple(row["a_span"]), row["b"], spans, row["note"]))
    return facts


def inside(passage: Passage, span: tuple[int, int]) -> bool:
    """Whether the passage overlaps the labelled span."""
    return passage.start < span[1] and span[0] < passage.end


def found(story: Story, fact: Fact, *, anywhere_in_b: bool) -> bool:
    ids = {Path(a.path).name: a.id for a in story.articles if a.path}
    a_id, b_id = ids[fact.a], ids[fact.b]
    for passage in story.passages_of(a_id):
        if not inside(passage, fact.a_span):
            continue
        for claim in story.claims_of(passage.id):
            for other in (story.passage(p) for p in claim.passage_ids):
                if other.article_id == b_id and (anywhere_in_b or any(inside(other, s) for s in fact.b_spans)):
                    return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder (extra 'semantic')")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the facts missed")
    args = parser.parse_args()
    need(CORPUS)
    encoder = encoder_or_exit(args.semantic)
    facts = load_facts(LABELS)
    hits = loose = 0
    missed: list[Fact] = []
    per_topic: list[str] = []
    for topic in sorted({f.topic for f in facts}):
        story = analyze([CORPUS / topic], encoder=encoder)
        topic_facts = [f for f in facts if f.topic == topic]
        topic_hits = 0
        for fact in topic_facts:
            if found(story, fact, anywhere_in_b=False):
                topic_hits += 1
            else:
                missed.append(fact)
            loose += found(story, fact, anywhere_in_b=True)
        hits += topic_hits
        per_topic.append(f"  {topic}: {topic_hits}/{len(topic_facts)}")
    matcher = encoder.name if encoder else "lexical"
    topics = len({f.topic for f in facts})
    print(f"== shared facts ({len(facts)} labelled, {topics} ECB+ topics, {matcher}) ==")
    print(f"in a claim with the labelled sentence: {hits}/{len(facts)} = {hits / len(facts):.3f}")
    print(f"in a claim with the article:           {loose}/{len(facts)} = {loose / len(facts):.3f}")
    print("\n".join(per_topic))
    if args.verbose:
        for fact in missed:
            print(f"missed {fact.topic} {fact.a} {fact.a_span} -> {fact.b} {list(fact.b_spans)}: {fact.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
