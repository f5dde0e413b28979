"""Similarity: a probability that two passages report the same claim."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdiff.engine.similarity as similarity_module
from newsdiff.engine.similarity import (
    FEATURE_NAMES,
    MUTUAL_FLOOR,
    SAME_CLAIM_THRESHOLD,
    SEMANTIC_FEATURE_NAMES,
    Matcher,
    Profile,
    compare,
    same_claim,
    similarity,
)

PUTIN = "Putin said Russia might supply weapons to North Korea."


def test_identical_texts_are_certain() -> None:
    assert similarity(PUTIN, PUTIN) == 1.0
    assert same_claim(PUTIN, PUTIN)


def test_similarity_is_symmetric() -> None:
    other = "Russian President Vladimir Putin did not rule out sending arms to North Korea."
    assert similarity(PUTIN, other) == similarity(other, PUTIN)


def test_unrelated_sentences_score_low() -> None:
    other = "The earthquake destroyed three bridges near the coast on Sunday."
    assert similarity(PUTIN, other) < 0.2
    assert not same_claim(PUTIN, other)


def test_paraphrase_with_spelling_variants_is_the_same_claim() -> None:
    british = "The mutual defence pact signed by Putin and Kim Jong-un commits each side to military assistance."
    american = "The mutual defense pact signed by Putin and Kim Jong Un commits each side to military assistance."
    assert similarity(british, american) > 0.9
    assert same_claim(british, american)


def test_typo_in_a_name_still_matches() -> None:
    a = "Seoul said it would review its policy on supplying weapons to Ukraine after the Pyongyang pact."
    b = "Seoul said it would review its policy on supplying weapons to Ukraine after the Pyongyng pact."
    assert same_claim(a, b)


def test_short_sentence_contained_in_long_one_is_the_same_claim() -> None:
    short = "We are not asking anyone for help, he said."
    long = "Regarding the war, we are not asking anyone for help and no one has offered it, therefore there is no need, he said."
    assert same_claim(short, long)


def test_a_fragment_of_three_names_is_not_contained_in_whatever_names_them() -> None:
    statement = (
        "Christopher Gunness of the UN Relief and Works Agency said there were no militants or rockets in its school."
    )
    other = "Mr Ging struggled to contain his anger at the attack on the UN Relief and Works Agency school."
    assert not same_claim("the UN relief agency.", statement)
    assert not same_claim("the UN relief agency.", other)
    assert same_claim("There were no militants or rockets in its school.", statement)  # a claim, not a fragment


def test_different_numbers_lower_similarity() -> None:
    a = "The company sold the chain for $2.5 billion in 1998."
    b = "The company sold the chain for $1.8 billion in 1995."
    assert similarity(a, b) < similarity(a, a.replace("chain", "stores"))


def test_negation_on_one_side_lowers_similarity() -> None:
    a = "The minister said the army will withdraw its troops from the border."
    b = "The minister said the army will not withdraw its troops from the border."
    assert similarity(a, b) < similarity(a, a.replace("minister", "official"))


def test_a_story_matcher_counts_the_passages_that_use_a_word() -> None:
    story = [f"Putin said something about topic {n}." for n in range(10)] + ["Artillery shells were delivered."]
    matcher = Matcher(story)
    [putin] = matcher.profile("Putin").weights
    [artillery] = matcher.profile("artillery").weights
    assert matcher.document_frequency(putin) == 10
    assert matcher.document_frequency(artillery) == 1
    assert not matcher.profile("the").weights


def test_a_text_without_words_matches_nothing() -> None:
    assert similarity("...", PUTIN) == 0.0
    assert not same_claim("", "")


@given(st.text(), st.text())
def test_arbitrary_text_gives_a_symmetric_probability(a: str, b: str) -> None:
    value = similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == similarity(b, a)
    assert same_claim(a, b) == same_claim(b, a)


def test_an_encoder_adds_the_sentence_cosine_to_the_decision() -> None:
    np = pytest.importorskip("numpy")
    from newsdiff.engine.semantic import Encoder

    def embed(texts: list[str]) -> object:
        return np.array([[1.0, 0.0] if "arms" in t or "weapons" in t else [0.0, 1.0] for t in texts])

    a = "Putin said Russia might supply weapons to North Korea."
    b = "Putin did not exclude sending arms to North Korea."
    c = "Putin did not exclude sending troops to North Korea."
    matcher = Matcher(encoder=Encoder("fake", 2, embed))
    assert matcher.similarity(a, b) > matcher.similarity(a, c)
    assert Matcher().similarity(a, b) == Matcher().similarity(a, c.replace("troops", "arms"))


def test_figures_only_one_side_gives_are_counted() -> None:
    matcher = Matcher()
    a = matcher.profile("The storm killed 12 people and cut power to 4,000 homes on 3 May.")
    b = matcher.profile("The storm killed 12 people and cut power to 5,000 homes.")
    features = dict(zip(FEATURE_NAMES, compare(a, b).features, strict=True))
    assert features["numbers_only_one_side"] == 2.0
    assert dict(zip(FEATURE_NAMES, compare(a, a).features, strict=True))["numbers_only_one_side"] == 0.0


def test_the_worst_clause_cosine_finds_a_clause_the_other_sentence_does_not_report() -> None:
    np = pytest.importorskip("numpy")
    from newsdiff.engine.semantic import Encoder

    def embed(texts: list[str]) -> object:
        """Unit vectors by topic: weapons, soldiers, anything else."""
        rows = []
        for text in texts:
            row = np.array(["weapons" in text, "soldiers" in text, True], dtype=float)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows)

    matcher = Matcher(encoder=Encoder("fake", 3, embed))
    two_things = matcher.profile(
        "Putin said Russia might send heavy weapons and artillery shells to Pyongyang, but that it needed no North Korean soldiers."
    )
    soldiers = matcher.profile("He said Russia needed no North Korean soldiers.")
    assert two_things.clause_vectors is not None and len(two_things.clause_vectors) == 2
    assert soldiers.clause_vectors is None
    features = dict(zip(SEMANTIC_FEATURE_NAMES, compare(two_things, soldiers).features, strict=True))
    assert features["worst_clause_cosine"] == pytest.approx(0.5)
    assert features["worst_clause_cosine"] < features["cosine"]
    alone = dict(zip(SEMANTIC_FEATURE_NAMES, compare(soldiers, soldiers).features, strict=True))
    assert alone["worst_clause_cosine"] == pytest.approx(alone["cosine"]) == pytest.approx(1.0)


def test_the_worst_clause_cosine_shortcuts_give_the_full_computation_exactly() -> None:
    np = pytest.importorskip("numpy")
    import zlib

    from newsdiff.engine.semantic import Encoder

    def embed(texts: list[str]) -> object:
        """A fixed random direction per text."""
        return np.array([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(16) for t in texts])

    matcher = Matcher(encoder=Encoder("fake", 16, embed))
    profiles = [
        matcher.profile("The storm killed twelve people in the north."),
        matcher.profile(
            "The storm killed twelve people in the north, but the town of Leeds was spared from the floods."
        ),
        matcher.profile("Rescuers searched the coast, the police closed the roads, and schools stayed shut."),
        matcher.profile("Officials said the damage was severe."),
    ]
    assert [0 if p.clause_vectors is None else len(p.clause_vectors) for p in profiles] == [0, 2, 3, 0]

    def full(a: Profile, b: Profile) -> float:
        """Each side's clauses' best cosine with the other side's, the lowest of all, as the feature is defined."""
        left = [a.vector] if a.clause_vectors is None else list(a.clause_vectors)
        right = [b.vector] if b.clause_vectors is None else list(b.clause_vectors)
        worst_left = min(max(float(x @ y) for y in right) for x in left)
        worst_right = min(max(float(x @ y) for x in left) for y in right)
        return min(worst_left, worst_right)

    for a in profiles:
        for b in profiles:
            features = dict(zip(SEMANTIC_FEATURE_NAMES, compare(a, b).features, strict=True))
            assert features["worst_clause_cosine"] == pytest.approx(full(a, b), abs=1e-6)


def test_word_runs_see_order_that_a_bag_of_words_cannot() -> None:
    matcher = Matcher()
    a = matcher.profile("The minister told the board that the plan would be dropped.")
    swapped = matcher.profile("The board told the minister that the plan would be dropped.")
    features = dict(zip(FEATURE_NAMES, compare(a, swapped).features, strict=True))
    assert features["unigram_shorter"] == features["unigram_longer"] == 1.0
    assert features["trigram_longer"] < features["bigram_longer"] < 1.0


def test_a_higher_prior_lowers_the_bar_and_a_neutral_one_changes_nothing() -> None:
    matcher = Matcher()
    below = 0.9 * SAME_CLAIM_THRESHOLD
    assert not matcher.decide(below) and not matcher.decide(below, prior_odds=1.0)
    assert matcher.decide(below, prior_odds=2.0)
    assert not matcher.decide(0.1 * SAME_CLAIM_THRESHOLD, prior_odds=2.0)


def test_a_lower_prior_raises_the_bar_of_both_decisions_but_not_for_identical_texts() -> None:
    matcher = Matcher()
    above, above_floor = 1.1 * SAME_CLAIM_THRESHOLD, 1.1 * MUTUAL_FLOOR
    assert matcher.decide(above) and not matcher.decide(above, prior_odds=0.5)
    assert matcher.decide_mutual(above_floor) and not matcher.decide_mutual(above_floor, prior_odds=0.5)
    assert matcher.decide(1.0, prior_odds=0.01) and matcher.decide_mutual(1.0, prior_odds=0.01)


def test_every_feature_has_a_fitted_coefficient() -> None:
    # A feature added without refitting would be silently ignored by zip().
    assert len(similarity_module.COEFFICIENTS) == len(FEATURE_NAMES)
    assert len(similarity_module.SEMANTIC_COEFFICIENTS) == len(SEMANTIC_FEATURE_NAMES)
