"""Mutual nearest sentences by ratio margin (the semantic path's neighbourhood evidence)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from newsdiff.engine.margin import MIN_MARGIN, NEIGHBOURS, Margins, mutual_pairs


def unit(*values: float) -> object:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def brute_force_margin(x: int, y: int, articles: list[list[int]], vectors: list[object]) -> float:
    """The ratio margin written out: each side's k nearest among the other articles' sentences."""

    def neighbourhood(n: int) -> float:
        own = next(rows for rows in articles if n in rows)
        others = sorted(
            (float(vectors[n] @ vectors[m]) for rows in articles if rows is not own for m in rows), reverse=True
        )
        k = min(NEIGHBOURS, len(others))
        return sum(others[:k]) / k

    return float(vectors[x] @ vectors[y]) / ((neighbourhood(x) + neighbourhood(y)) / 2)


def test_each_others_clear_best_is_a_pair_with_the_published_margin() -> None:
    articles = [[0, 1], [2, 3, 4], [5, 6]]
    vectors = [
        unit(1, 0, 0, 0),
        unit(0, 1, 0, 0),
        unit(1, 0.1, 0, 0),
        unit(0, 0, 1, 0),
        unit(0, 0, 0, 1),
        unit(0, 0, 1, 1),
        unit(0, 1, 0, 1),
    ]
    pairs = {(p.first, p.second): p.margin for p in mutual_pairs(articles, vectors)}
    assert (0, 2) in pairs
    for (x, y), margin in pairs.items():
        assert margin == pytest.approx(brute_force_margin(x, y, articles, vectors), rel=1e-5)
        assert margin >= MIN_MARGIN


def test_a_sentence_near_everything_in_the_story_pairs_with_nothing() -> None:
    # Sentence 0 is fairly close to every other sentence; 1, 3 and 5 say one thing, 2, 4 and 6 another.
    hub = unit(1, 1, 0.5)
    vectors = [
        hub,
        unit(1, 0, 0),
        unit(0, 1, 0),
        unit(1, 0.05, 0),
        unit(0.05, 1, 0),
        unit(1, 0, 0.05),
        unit(0, 1, 0.05),
    ]
    pairs = {(p.first, p.second) for p in mutual_pairs([[0, 5, 6], [1, 2], [3, 4]], vectors)}
    assert {(1, 3), (2, 4), (5, 1), (6, 2)} <= pairs
    assert all(0 not in pair for pair in pairs)


def test_a_pair_no_closer_than_its_neighbourhood_is_not_a_pair() -> None:
    # Every cross-article cosine is equal: the best match is no better than the rest (margin 1).
    vectors = [unit(1, 1, 0, 0), unit(1, 0, 1, 0), unit(1, 0, 0, 1)]
    assert mutual_pairs([[0], [1], [2]], vectors) == []


def test_a_lower_floor_keeps_mutual_best_pairs_under_the_published_margin() -> None:
    # Three articles of one sentence each, all equally close: each is the others' best, by margin 1.
    vectors = [unit(1, 1, 0, 0), unit(1, 0, 1, 0), unit(1, 0, 0, 1)]
    pairs = Margins([[0], [1], [2]], vectors).mutual_pairs(min_margin=0.0)
    assert {(p.first, p.second) for p in pairs} == {(0, 1), (0, 2), (1, 2)}
    assert all(p.margin == pytest.approx(1.0) for p in pairs)


def test_single_article_or_empty_articles_give_no_pairs() -> None:
    assert mutual_pairs([[0, 1]], [unit(1, 0), unit(0, 1)]) == []
    assert mutual_pairs([[], [0]], [unit(1, 0)]) == []


def test_best_in_others_is_the_best_by_margin_in_each_other_article() -> None:
    articles = [[0, 1], [2, 3, 4], [5, 6]]
    rng = np.random.default_rng(5)
    vectors = [unit(*rng.uniform(size=6)) for _ in range(7)]  # all cosines positive, as on one topic
    margins = Margins(articles, vectors)
    for rows in articles:
        for x in rows:
            expected = [
                max(other, key=lambda y, x=x: brute_force_margin(x, y, articles, vectors))
                for other in articles
                if other is not rows
            ]
            assert list(margins.best_in_others(x)) == expected


def test_a_sentence_two_articles_share_is_compared_with_the_other_articles_only() -> None:
    vectors = [unit(1, 0, 0), unit(0, 1, 0), unit(0.9, 0.1, 0), unit(0, 0, 1)]
    # Sentence 0 is wire copy in the first two articles; the third holds 2 and 3.
    assert list(Margins([[0, 1], [0], [2, 3]], vectors).best_in_others(0)) == [2]


@pytest.mark.parametrize("seed", range(7))
def test_mutual_pairs_are_each_others_best_by_margin_in_stories_of_uneven_articles(seed: int) -> None:
    """Articles of 1 to 9 sentences: each pair found is the written-out mutual best, and none is missed."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 10, size=6)
    articles = [list(range(start, start + size)) for start, size in zip(np.cumsum(sizes) - sizes, sizes, strict=True)]
    base = rng.uniform(size=(8, 16))  # a few facts, reported in several articles in other words
    vectors = [unit(*(base[rng.integers(8)] + rng.uniform(0, 0.1, size=16))) for _ in range(int(sizes.sum()))]

    def best(x: int, among: list[int]) -> int:
        return max(among, key=lambda y: brute_force_margin(x, y, articles, vectors))

    expected = set()
    for a, rows in enumerate(articles):
        for other in articles[a + 1 :]:
            for x in rows:
                y = best(x, other)
                if best(y, rows) == x and brute_force_margin(x, y, articles, vectors) >= MIN_MARGIN:
                    expected.add((x, y))
    found = {(p.first, p.second): p.margin for p in mutual_pairs(articles, vectors)}
    assert set(found) == expected
    assert expected  # the story has pairs to find
    for (x, y), margin in found.items():
        assert margin == pytest.approx(brute_force_margin(x, y, articles, vectors), rel=1e-5)
