"""``SettledMatcher`` gives the pair model's very probabilities, and its bound never rules out a pair that reaches.

The absence search (``engine.absence``) scores only the pairs whose bound
(``SettledMatcher.log_odds_bounds``) may reach their floor (``least_bound``):
a bound below the model's own log-odds would drop a near passage and say
"not found in" where the article may report the claim. So the bound is
checked against the exact model on every pair of real web text (the four
ECB+ test articles and the pile's) and on generated sentences full of
alike spellings, figures and negations, with and without a sentence encoder.
"""

from __future__ import annotations

import math
import zlib
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pile_texts import pile_articles

from newsdiff.engine.load import load_paths
from newsdiff.engine.segment import segment
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.similarity import CONTAINED_PROBABILITY, Matcher, SettledMatcher, least_bound

np = pytest.importorskip("numpy")

DATA = Path(__file__).parent / "data" / "ecb"
FLOORS = (0.0, 0.02, 0.1, 0.3, 0.5, 0.9, 0.999)
WORDS = ["bridge", "bridges", "fridge", "mayor", "mayors", "opened", "openly", "river", "rivers", "monday"]
WORDS += ["not", "no", "the", "a", "of", "on", "12", "1,200", "crowds", "crowded", "police", "policy"]


def _real_texts() -> list[str]:
    articles = load_paths([DATA]) + pile_articles()[0]
    return [p.content_text for article in articles for p in segment(article) if p.is_content]


def _stand_in_encoder() -> Encoder:
    """Vectors from each text's words (so alike sentences have high cosines), a little noise from its hash."""

    def embed(texts: list[str]) -> object:
        rows = []
        for text in texts:
            vector = 0.3 * np.random.default_rng(zlib.crc32(text.encode())).normal(size=32)
            for word in text.lower().split():
                vector += np.random.default_rng(zlib.crc32(word.encode())).normal(size=32)
            rows.append(vector)
        return np.array(rows)

    return Encoder("stand-in", 32, embed)


def _check(texts: list[str], encoder: Encoder | None = None) -> int:
    """Every pair of ``texts``: the same probability as ``Matcher.model_probability`` at every floor, and a bound
    never below the model's log-odds. Returns how many pairs the bound rules out at the lowest floor."""
    matcher = Matcher(texts, encoder=encoder)
    matcher.embed(texts)
    profiles = [matcher.profile(text) for text in texts]
    settled = SettledMatcher(matcher, profiles)
    pairs = [(n, m) for n, m in product(range(len(texts)), repeat=2) if n != m]
    cosines = None
    if encoder is not None:
        cosines = [float(profiles[n].vector @ profiles[m].vector) for n, m in pairs]  # type: ignore[operator]
    bounds = settled.log_odds_bounds([n for n, _ in pairs], [m for _, m in pairs], cosines)
    ruled_out = 0
    for (n, m), bound in zip(pairs, bounds.tolist(), strict=True):
        exact = matcher.model_probability(profiles[n], profiles[m])
        assert settled.model_probability(n, m) == exact
        for floor in FLOORS:
            at_floor = settled.model_probability(n, m, floor)
            assert at_floor == matcher.model_probability(profiles[n], profiles[m], floor)
            if bound < least_bound(floor):
                assert exact < floor, (texts[n], texts[m], floor, exact, bound)
                assert at_floor < floor
        if 0.0 < exact < 1.0 and exact != CONTAINED_PROBABILITY:
            assert math.log(exact / (1.0 - exact)) <= bound + 1e-9, (texts[n], texts[m], exact, bound)
        ruled_out += bound < least_bound(FLOORS[1])
    return ruled_out


def test_on_real_web_text_the_bound_is_never_below_the_model_and_the_probabilities_are_the_model_s() -> None:
    texts = list(dict.fromkeys(_real_texts()))
    assert len(texts) > 50
    assert _check(texts) > len(texts) ** 2 / 2  # and it rules out most pairs, or it would not be worth its time


def test_with_a_sentence_encoder_too() -> None:
    assert _check(list(dict.fromkeys(_real_texts())), _stand_in_encoder()) > 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=2, max_size=7))
def test_on_sentences_of_alike_spellings_figures_and_negations(sentences: list[list[str]]) -> None:
    _check(list(dict.fromkeys(" ".join(words).capitalize() + "." for words in sentences)))


def test_no_pairs_no_bounds() -> None:
    matcher = Matcher(["The mayor opened the bridge."])
    settled = SettledMatcher(matcher, [matcher.profile("The mayor opened the bridge.")])
    assert settled.log_odds_bounds([], []).shape == (0,)
    assert least_bound(0.0) == -math.inf
