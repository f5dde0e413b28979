"""How honest is "not found in"? The absence floors measured on gold and real web text.

A claim's absence from an article is confident only when no passage of the
article comes near it (``engine.absence``: pair-model probability below
``PROBABILITY_FLOOR`` and, with the encoder, cosine below ``COSINE_FLOOR``).
This script shows the evidence for the floors and what they do:

1. MSRP: the share of true paraphrase pairs that score below each floor
   (a true report of the claim that the floors would call absent).
2. The seed gold: every absence of a claim from an article that the gold
   says reports it (a miss of the matcher), and whether the engine is
   confident about it (an error) or says "no match found".
3. Real ECB+ stories (raw web text): how many absences are confident and how
   many are "no match found", and, with ``--sample N``, N confident absences
   drawn at random (seeded) to be judged by reading the article.

    .venv/bin/python tests/benchmarks/absence.py [--semantic] [--sample 30] [--topics 21 22 ...]
    .venv/bin/python tests/benchmarks/absence.py --scale 50 200   # CPU time of the search

4. Whether a change to the search keeps its answers: ``--record FILE`` writes,
   for the seeds and the stories of ``real_text.py`` named, every claim's
   absences (article, status, closest passage, probability, cosine); after
   the change ``--check FILE`` analyses them again and prints each difference.

    .venv/bin/python tests/benchmarks/absence.py --record /tmp/before.json --stories seeds real-200
    .venv/bin/python tests/benchmarks/absence.py --check /tmp/before.json
    .venv/bin/python tests/benchmarks/absence.py --record /tmp/events.json --stories seeds ecbplus/topic21 ecb/topic1
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

from bench_data import ECBPLUS, MSRP, SEED_GOLD, encoder_or_exit, need

from newsdiff.engine import absence
from newsdiff.engine.model import Article, Story
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.similarity import Matcher
from newsdiff.engine.story import analyze

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_TOPICS = ("21", "24", "27", "30", "33", "36", "39", "42", "45")


def msrp_below_floors(encoder: Encoder | None) -> None:
    with MSRP.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r[0] == "1"]
    pairs = [(r[3], r[4]) for r in rows[1:] if len(r) >= 5]
    matcher = Matcher(cache=False, encoder=encoder)
    matcher.embed([t for pair in pairs for t in pair])
    below = 0
    for a, b in pairs:
        pa, pb = matcher.profile(a), matcher.profile(b)
        probability = matcher.probability(pa, pb)
        cosine = float(pa.vector @ pb.vector) if pa.vector is not None and pb.vector is not None else None
        floor = absence.PROBABILITY_FLOOR if cosine is not None else absence.LEXICAL_PROBABILITY_FLOOR
        if probability < floor and (cosine is None or cosine < absence.COSINE_FLOOR):
            below += 1
    print(f"MSRP true paraphrases below the floors: {below} of {len(pairs)} ({below / len(pairs):.1%})")


def seeds_against_gold(encoder: Encoder | None) -> None:
    import json

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    story = analyze([ROOT / "seeds"], encoder=encoder)
    sentence_article: dict[str, str] = {}
    spans: list[tuple[str, int, int, str]] = []
    for article_id, document in gold["documents"].items():
        for sentence in document["sentences"]:
            sentence_article[sentence["id"]] = article_id
            spans.append((article_id, sentence["start"], sentence["end"], sentence["id"]))
    gold_claims = [set(c["sentences"]) for c in gold["claims"]]
    confident_wrong = no_match_right = absences = confident = 0
    for claim in story.claims:
        sentences = {
            sid
            for pid in claim.passage_ids
            for p in (story.passage(pid),)
            for aid, start, end, sid in spans
            if aid == p.article_id and start < p.end and p.start < end
        }
        reporting = {sentence_article[s] for g in gold_claims if g & sentences for s in g}
        for article in story.articles:
            if article.id in claim.article_ids:
                continue
            absences += 1
            miss = story.near_miss(claim.id, article.id)
            confident += miss is None
            if article.id in reporting:
                if miss is None:
                    confident_wrong += 1
                    print(f"  confident but gold reports it: {claim.id} in {article.source}: {claim.summary[:70]}")
                else:
                    no_match_right += 1
    print(
        f"seeds: {absences} absences, {confident} confident; gold reports the claim in {confident_wrong + no_match_right}"
        f" of them: {no_match_right} said 'no match found', {confident_wrong} said 'not found in'"
    )


def ecb_stories(encoder: Encoder | None, topics: list[str], sample: int, seed: int) -> None:
    confident_cases: list[tuple[Story, str, str]] = []
    total = total_confident = 0
    for topic in topics:
        story = analyze([ECBPLUS / f"topic{topic}"], encoder=encoder)
        absences = [(c.id, a.id) for c in story.claims if len(c.article_ids) >= 2 for a in story.articles]
        absences = [(c, a) for c, a in absences if a not in story.claim(c).article_ids]
        sure = [(c, a) for c, a in absences if story.near_miss(c, a) is None]
        total += len(absences)
        total_confident += len(sure)
        confident_cases.extend((story, c, a) for c, a in sure)
        print(
            f"topic{topic}: {len(story.articles)} articles, {len(absences)} absences of claims of 2+ articles:"
            f" {len(sure)} 'not found in', {len(absences) - len(sure)} 'no match found'"
        )
    print(f"all: {total} absences, {total_confident} 'not found in', {total - total_confident} 'no match found'")
    for story, claim_id, article_id in random.Random(seed).sample(confident_cases, min(sample, len(confident_cases))):
        claim = story.claim(claim_id)
        article = story.article(article_id)
        print(f"\n=== {claim_id} not found in {article.path}")
        for pid in claim.passage_ids:
            print(f"  [{story.passage(pid).article_id}] {' '.join(story.passage(pid).text.split())}")


def scale(sizes: list[int]) -> None:
    """CPU time of the absence search against the whole analysis on synthetic one-event stories (lexical)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import generate_story

    for size in sizes:
        started = time.process_time()
        story = analyze(generate_story(size, seed=1))
        total = time.process_time() - started
        started = time.process_time()
        texts = [p.content_text for p in story.passages if p.is_content]
        absence.near_misses([a.id for a in story.articles], story.passages, story.claims, Matcher(texts))
        search = time.process_time() - started
        print(f"{size} synthetic articles: analysis {total:.2f} s CPU, of which the absence search {search:.2f} s")


def absences_of(story: Story) -> dict[str, dict[str, object]]:
    """Every claim's absences: per claim and article it leaves out, the status and the closest passage."""
    found: dict[str, dict[str, object]] = {}
    for claim in story.claims:
        absent: dict[str, object] = {}
        for article in story.articles:
            if article.id in claim.article_ids:
                continue
            miss = story.near_miss(claim.id, article.id)
            absent[article.id] = (
                "absent" if miss is None else ["no_match", miss.passage_id, miss.probability, miss.cosine]
            )
        found[claim.id] = {"passages": list(claim.passage_ids), "absences": absent}
    return found


def recorded(stories: list[str], encoder: Encoder | None) -> dict[str, object]:
    """The absences of each named story: ``seeds``, a story of ``real_text.py``, or a corpus folder
    (``ecbplus/topic21``, ``ecb/topic1``: one event each)."""
    from real_text import story_articles

    result: dict[str, object] = {}
    for name in stories:
        if name == "seeds":
            sources: list[Path] | list[Article] = [ROOT / "seeds"]
        elif "/" in name:
            sources = [need_folder(ECBPLUS.parent / name)]
        else:
            sources = story_articles(name)
        story = analyze(sources, encoder=encoder)
        result[name] = absences_of(story)
        print(f"{name}: {len(story.claims)} claims, {len(story.near_misses)} near misses")
    return result


def need_folder(folder: Path) -> Path:
    """``folder`` when it exists, else a stop with one line."""
    need(folder)
    return folder


def differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """One line per claim or absence that differs between two records."""
    lines: list[str] = []
    for name, claims in before.items():
        now = after[name]
        assert isinstance(claims, dict) and isinstance(now, dict)
        for claim_id in sorted(claims.keys() | now.keys()):
            old, new = claims.get(claim_id), now.get(claim_id)
            if old is None or new is None or old["passages"] != new["passages"]:
                lines.append(
                    f"{name} {claim_id}: the claim itself differs ({old and old['passages']} / {new and new['passages']})"
                )
                continue
            for article_id in sorted(old["absences"].keys() | new["absences"].keys()):
                a, b = old["absences"].get(article_id), new["absences"].get(article_id)
                if a != b:
                    lines.append(f"{name} {claim_id} in {article_id}: {a} -> {b}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--semantic", action="store_true", help="with the sentence encoder")
    parser.add_argument("--topics", nargs="*", default=list(DEFAULT_TOPICS), help="ECB+ topic numbers")
    parser.add_argument("--sample", type=int, default=0, help="print this many confident absences to judge")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--skip-msrp", action="store_true", help="leave out the MSRP count (slow with the encoder)")
    parser.add_argument("--scale", nargs="*", type=int, help="only time the search on synthetic stories of these sizes")
    parser.add_argument("--record", type=Path, help="write the absences of --stories to this JSON file")
    parser.add_argument("--check", type=Path, help="compare with the absences --record wrote to this file")
    parser.add_argument(
        "--stories",
        nargs="+",
        default=["seeds"],
        help="seeds, stories of real_text.py and/or corpus folders (ecbplus/topic21)",
    )
    options = parser.parse_args(argv)
    need(MSRP, SEED_GOLD, ECBPLUS)
    if options.scale:
        scale(options.scale)
        return 0
    encoder = encoder_or_exit(options.semantic)
    if options.record:
        options.record.write_text(json.dumps(recorded(options.stories, encoder)), encoding="utf-8")
        return 0
    if options.check:
        before = json.loads(options.check.read_text(encoding="utf-8"))
        lines = differences(before, recorded(list(before), encoder))
        print("\n".join(lines))
        print(f"{len(lines)} differences")
        return 0
    if encoder is None:
        print(f"floor: probability {absence.LEXICAL_PROBABILITY_FLOOR}")
    else:
        print(f"floors: probability {absence.PROBABILITY_FLOOR}, cosine {absence.COSINE_FLOOR}")
    if not options.skip_msrp:
        msrp_below_floors(encoder)
    seeds_against_gold(encoder)
    ecb_stories(encoder, options.topics, options.sample, options.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
