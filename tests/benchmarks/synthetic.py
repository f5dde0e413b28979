"""Large synthetic stories built from real news wording, for speed and scale tests.

Why: the seed story has three articles; the engine must stay fast and right
at 50 or 200. A synthetic story is one event reported by many "outlets":

- the event's *facts* are real sentences of one ECB+ corpus topic
  (``../shared/corpus/ecb/topic*/``, one sentence per line), near-duplicates
  removed so that two facts really are two different statements;
- each outlet reports a subset of the facts, popular ones more often
  (a Zipf-like weight by fact rank), in roughly rank order (news lead with
  the main facts), each lightly reworded: synonym swaps, a leading clause or
  a trailing attribution moved, a modifier dropped — or kept verbatim, as
  outlets copying a wire do;
- about one sentence in ten is the outlet's own: a sentence of another
  topic, which no other outlet reports.

Every generated sentence remembers its fact, so ``SyntheticStory.sentences``
is a gold alignment for the story (same fact, different outlets = same
claim). Everything is deterministic for a given seed (``random.Random(seed)``)
and corpus. The corpus is read where it lives, never copied into the project.

Write a story folder to open in the app by hand::

    .venv/bin/python tests/benchmarks/synthetic.py --articles 50 --out /tmp/story50
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench_data import ECB, need
from rapidfuzz import fuzz, process, utils

from newsdiff.atomic import write_text_atomic
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article

CORPUS = ECB

SIZES = (3, 10, 50, 200)
"""The story sizes (articles) the benchmarks measure."""

UNIQUE_SHARE = 0.1
"""Share of an article's sentences that only this outlet reports."""
POPULARITY_EXPONENT = 0.7
"""Fact of rank r is picked with weight (r + 1) ** -exponent: a few facts nearly everyone reports."""
ORDER_JITTER = 0.15
"""Standard deviation of the reading-order noise, as a share of the fact pool."""
POOL_PER_SENTENCE = 3
"""Facts in the pool per sentence of an article: outlets overlap without all telling the same."""
MIN_WORDS, MAX_WORDS = 6, 60
"""Corpus lines outside this length are headers, fragments or run-ons, not facts."""
NEAR_DUPLICATE_RATIO = 80.0
"""token_set_ratio from which two corpus sentences count as one fact (only the first is kept)."""
VERBATIM_SHARE = 0.2
"""Share of copies kept word for word."""
SYNONYM_CHANCE = 0.5
REORDER_CHANCE = 0.4
DROP_CHANCE = 0.5

SYNONYMS: dict[str, str] = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "announced": "revealed",
    "killed": "slain",
    "died": "perished",
    "began": "started",
    "started": "began",
    "after": "following",
    "about": "around",
    "nearly": "almost",
    "almost": "nearly",
    "big": "large",
    "large": "big",
    "help": "assist",
    "bought": "purchased",
    "buy": "purchase",
    "company": "firm",
    "home": "house",
    "car": "vehicle",
    "attack": "assault",
    "police": "officers",
    "people": "persons",
    "near": "close to",
    "arrested": "detained",
    "injured": "hurt",
    "hurt": "injured",
    "shot": "fired at",
    "quickly": "rapidly",
    "later": "subsequently",
    "officials": "authorities",
    "show": "display",
    "showed": "displayed",
    "largest": "biggest",
    "biggest": "largest",
    "received": "got",
    "despite": "in spite of",
    "because": "since",
    "also": "as well",
    "named": "appointed",
    "fired": "dismissed",
    "won": "took",
    "hit": "struck",
    "struck": "hit",
    "earlier": "previously",
    "top": "leading",
    "major": "significant",
}
"""Single newswire words and a replacement that keeps the statement."""

DROPPABLE = frozenset(
    {
        "also",
        "very",
        "just",
        "still",
        "already",
        "reportedly",
        "recently",
        "now",
        "even",
        "then",
        "currently",
        "really",
        "quite",
        "about",
        "nearly",
        "almost",
        "new",
        "that",
    }
)
"""Words whose removal leaves the statement intact (negations are never dropped)."""

_SUBORDINATORS = "After|When|While|Although|Before|As|Since|If|Despite|Because|Though|Once|Until"
_LEADING_CLAUSE = re.compile(rf"^(?P<sub>{_SUBORDINATORS}) (?P<clause>[^,]{{3,}}), (?P<rest>.+?)(?P<stop>[.!?])$")
_TRAILING_SAID = re.compile(
    r"^(?P<body>[^“”\"]{20,}?), (?P<who>(?:[A-Z][\w.'-]*\s){0,4}?(?:[A-Z][\w.'-]*|he|she|they|police|officials)) "
    r"(?P<verb>said|says|told reporters|added)(?P<stop>[.!?])$"
)
_LOWER_STARTS = frozenset(
    {"The", "A", "An", "It", "This", "That", "There", "These", "Those", "Its", "Their", "His", "Her"}
)
_WORD = re.compile(r"[A-Za-z]+")

_OUTLET_PLACES = ("Daily", "Evening", "Morning", "Global", "National", "Metro", "City", "Coastal", "Valley", "Northern")
_OUTLET_KINDS = (
    "Courier",
    "Herald",
    "Gazette",
    "Tribune",
    "Post",
    "Ledger",
    "Observer",
    "Sentinel",
    "Chronicle",
    "Dispatch",
    "Times",
    "Record",
    "Wire",
    "Journal",
)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One generated sentence: its span in the article text and the fact it states."""

    start: int
    end: int
    fact: int


@dataclass(frozen=True, slots=True)
class SyntheticStory:
    """The articles and, for each, its sentences with their facts (a gold alignment)."""

    articles: tuple[Article, ...]
    sentences: tuple[tuple[GoldSentence, ...], ...]
    topic: str


def generate_story(
    n_articles: int, sentences_per_article: int = 40, seed: int = 0, corpus: Path = CORPUS
) -> list[Article]:
    """``n_articles`` articles of ``sentences_per_article`` sentences about one event."""
    return list(build_story(n_articles, sentences_per_article, seed, corpus).articles)


def build_story(
    n_articles: int, sentences_per_article: int = 40, seed: int = 0, corpus: Path = CORPUS
) -> SyntheticStory:
    """The story of ``generate_story`` with the fact behind every sentence."""
    if n_articles < 1 or sentences_per_article < 1:
        raise ValueError("a story needs at least one article of at least one sentence")
    rng = random.Random(seed)
    topics = _topics(corpus)
    pool_size = POOL_PER_SENTENCE * sentences_per_article
    roomy = [t for t in sorted(topics) if len(topics[t]) >= pool_size]
    topic = rng.choice(roomy or sorted(topics, key=lambda t: -len(topics[t]))[:1])
    facts = list(_distinct(topics[topic]))
    rng.shuffle(facts)
    facts = facts[:pool_size]
    others = [s for t in sorted(topics) if t != topic for s in topics[t]]
    rng.shuffle(others)
    outlets = _outlet_names(n_articles, rng)
    unique_count = round(UNIQUE_SHARE * sentences_per_article) if n_articles > 1 else 0
    shared_count = min(len(facts), sentences_per_article - unique_count)
    articles: list[Article] = []
    golds: list[tuple[GoldSentence, ...]] = []
    for number in range(n_articles):
        chosen = _pick_facts(len(facts), shared_count, rng)
        order = sorted(chosen, key=lambda r: r + rng.gauss(0.0, ORDER_JITTER * len(facts)))
        picked = [(fact, facts[fact]) for fact in order]
        for k in range(unique_count):
            index = (number * unique_count + k) % max(1, len(others))
            picked.insert(rng.randrange(len(picked) + 1), (len(facts) + index, others[index]))
        sentences = [(fact, reword(text, rng)) for fact, text in picked]
        article_id = f"{number:03d}_{_slug(outlets[number])}"
        text, gold = _layout(outlets[number], sentences, rng)
        articles.append(article_from_text(text, article_id=article_id))
        golds.append(gold)
    return SyntheticStory(tuple(articles), tuple(golds), topic)


def reword(sentence: str, rng: random.Random) -> str:
    """A light rewording that keeps the statement (or the sentence itself, sometimes)."""
    if rng.random() < VERBATIM_SHARE:
        return sentence
    if rng.random() < REORDER_CHANCE:
        sentence = _reorder(sentence)
    if rng.random() < SYNONYM_CHANCE:
        sentence = _swap_synonyms(sentence, rng)
    if rng.random() < DROP_CHANCE:
        sentence = _drop_word(sentence, rng)
    return sentence


def _reorder(sentence: str) -> str:
    """Move a leading subordinate clause to the end, or a trailing "…, X said." to the front."""
    lead = _LEADING_CLAUSE.match(sentence)
    if lead:
        return f"{_capitalised(lead['rest'])} {lead['sub'].lower()} {lead['clause']}{lead['stop']}"
    said = _TRAILING_SAID.match(sentence)
    if said:
        return f"{_capitalised(said['who'])} {said['verb']} {_decapitalised(said['body'])}{said['stop']}"
    return sentence


def _swap_synonyms(sentence: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = SYNONYMS.get(word.lower())
        if replacement is None or rng.random() >= SYNONYM_CHANCE:
            return word
        return _capitalised(replacement) if word[0].isupper() else replacement

    return _WORD.sub(swap, sentence)


def _drop_word(sentence: str, rng: random.Random) -> str:
    """Drop one droppable word that is not the sentence's first."""
    matches = [m for m in _WORD.finditer(sentence) if m.start() > 0 and m.group(0).lower() in DROPPABLE]
    if not matches:
        return sentence
    match = rng.choice(matches)
    before = sentence[: match.start()].rstrip(" ")
    return f"{before}{sentence[match.end() :]}" if before else sentence


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _decapitalised(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in _LOWER_STARTS else text


def _pick_facts(pool: int, count: int, rng: random.Random) -> list[int]:
    """``count`` distinct fact ranks, popular (low) ranks more likely (weighted sampling without replacement)."""
    keys = [(rng.random() ** ((rank + 1) ** POPULARITY_EXPONENT), rank) for rank in range(pool)]
    return [rank for _, rank in sorted(keys, reverse=True)[:count]]


def _layout(outlet: str, sentences: list[tuple[int, str]], rng: random.Random) -> tuple[str, tuple[GoldSentence, ...]]:
    """The article file: front matter naming the outlet, then paragraphs of one to three sentences."""
    parts = [f"---\nsource: {outlet}\n---\n"]
    offset = len(parts[0])
    gold: list[GoldSentence] = []
    left_in_paragraph = rng.randint(1, 3)
    for n, (fact, sentence) in enumerate(sentences):
        gold.append(GoldSentence(offset, offset + len(sentence), fact))
        parts.append(sentence)
        offset += len(sentence)
        left_in_paragraph -= 1
        last = n == len(sentences) - 1
        separator = "\n" if last else ("\n\n" if left_in_paragraph == 0 else " ")
        if left_in_paragraph == 0:
            left_in_paragraph = rng.randint(1, 3)
        parts.append(separator)
        offset += len(separator)
    return "".join(parts), tuple(gold)


def _outlet_names(count: int, rng: random.Random) -> list[str]:
    names = [f"{place} {kind}" for place in _OUTLET_PLACES for kind in _OUTLET_KINDS]
    rng.shuffle(names)
    return [names[n % len(names)] + (f" {n // len(names) + 1}" if n >= len(names) else "") for n in range(count)]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@lru_cache(maxsize=4)
def _topics(corpus: Path) -> dict[str, tuple[str, ...]]:
    """Each topic's sentences of a fact's length, in file and line order."""
    need(corpus)
    topics: dict[str, tuple[str, ...]] = {}
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        lines = [
            " ".join(line.split())
            for path in sorted(folder.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
        topics[folder.name] = tuple(s for s in lines if MIN_WORDS <= len(s.split()) <= MAX_WORDS)
    return topics


def _distinct(sentences: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences minus near-duplicates of an earlier one: each fact once.

    ``extractOne`` against the sentences kept so far, rather than a ``cdist``
    matrix, because ``cdist`` needs numpy and the test install has none.
    """
    kept: list[str] = []
    for sentence in sentences:
        duplicate = process.extractOne(
            sentence,
            kept,
            scorer=fuzz.token_set_ratio,
            processor=utils.default_process,
            score_cutoff=NEAR_DUPLICATE_RATIO,
        )
        if duplicate is None:
            kept.append(sentence)
    return tuple(kept)


def write_story(articles: list[Article], folder: Path) -> None:
    """One ``.txt`` file per article, named by article id so the folder keeps the story's order."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        write_text_atomic(folder / f"{article.id}.txt", article.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic story folder (one .txt per article).")
    parser.add_argument("--articles", type=int, required=True, help="number of articles (outlets)")
    parser.add_argument("--sentences", type=int, default=40, help="sentences per article (default 40)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created if missing)")
    args = parser.parse_args(argv)
    try:
        articles = generate_story(args.articles, args.sentences, args.seed)
    except (ValueError, FileNotFoundError) as error:
        print(f"synthetic: {error}", file=sys.stderr)
        return 2
    if args.out.exists() and any(args.out.iterdir()):
        print(f"synthetic: {args.out} is not empty; give a new or empty folder", file=sys.stderr)
        return 2
    write_story(articles, args.out)
    print(f"wrote {len(articles)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
