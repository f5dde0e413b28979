"""The clustering's fast candidate search and pair pruning decide exactly as the plain versions do.

``cluster._KeyIndex`` ranks every text's candidates with numpy, a block
of texts at a time; ``_reference_candidates`` below is the search as it was
written first, a ``Counter`` over an inverted index, text by text: the
same pairs must come out in the same order (ties are common, and the order
is the order links are made in). ``_Decision.floor`` and ``possible`` skip
pairs whose articles surely report two events: they must never skip a
probability that ``accepts`` would take.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdiff.engine.cluster as cluster
from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.similarity import Matcher
from newsdiff.engine.statement import Evidence

WORDS = [f"w{n}" for n in range(12)]


def _reference_candidates(keys: list[list[str]], nodes: list[cluster._Node]) -> list[tuple[int, int]]:
    """The candidate search as first written: per text, a count over the index's postings, ``most_common``."""
    index: dict[str, dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, words in enumerate(keys):
        for word in words:
            index[word][nodes[n].only_article].append(n)
    pairs = []
    for n, words in enumerate(keys):
        own = nodes[n].only_article
        shared: Counter[int] = Counter()
        for word in words:
            for article, postings in index[word].items():
                if own is None or article != own:
                    shared.update(postings[bisect_right(postings, n) :])
        pairs += [(n, m) for m, _ in shared.most_common(cluster.MAX_CANDIDATES)]
    return pairs


def _ranked(keys: list[list[str]], nodes: list[cluster._Node], entries: int, texts: int) -> list[tuple[int, int]]:
    index = cluster._KeyIndex.of(keys, nodes)
    pairs = []
    for low, high in index.blocks(entries, texts):
        first, second = index.ranked(low, high)
        pairs += zip(first.tolist(), second.tolist(), strict=True)
    return pairs


@st.composite
def _texts(draw: st.DrawFn) -> tuple[list[list[str]], list[cluster._Node]]:
    """Texts of a few articles, some shared by several (wire copy), each with a few distinct keys in some order."""
    count = draw(st.integers(1, 40))
    articles = [draw(st.sets(st.sampled_from("abcde"), min_size=1, max_size=3)) for _ in range(count)]
    keys = [draw(st.lists(st.sampled_from(WORDS), max_size=6, unique=True)) for _ in range(count)]
    nodes = [cluster._Node(f"text {n}", [n], set(found)) for n, found in enumerate(articles)]
    return keys, nodes


@settings(max_examples=200, deadline=None)
@given(_texts(), st.integers(1, 60), st.integers(1, 7), st.integers(1, 6))
def test_the_candidates_are_those_of_a_count_over_the_index_in_its_order(
    story: tuple[list[list[str]], list[cluster._Node]], entries: int, texts: int, most: int
) -> None:
    keys, nodes = story
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cluster, "MAX_CANDIDATES", most)
        assert _ranked(keys, nodes, entries, texts) == _reference_candidates(keys, nodes)


def test_ties_keep_the_index_order_where_texts_several_articles_share_are_listed_together() -> None:
    """The index lists the texts that several articles share as one more article: 3 comes before 2 here."""
    nodes = [
        cluster._Node("a0", [0], {"a"}),
        cluster._Node("wire1", [1], {"b", "c"}),
        cluster._Node("b0", [2], {"b"}),
        cluster._Node("wire2", [3], {"a", "b"}),
        cluster._Node("c0", [4], {"c"}),
    ]
    keys = [["x"]] * 5
    assert _ranked(keys, nodes, 100, 100) == _reference_candidates(keys, nodes)
    assert [m for n, m in _ranked(keys, nodes, 100, 100) if n == 0] == [1, 3, 2, 4]


class _Prior(ArticlePrior):
    """Same-event chances given by hand."""

    def __init__(self, chances: dict[tuple[str, str], float]) -> None:
        super().__init__()
        self._chances = chances

    def same_event(self, first: str, second: str) -> float:
        return self._chances[(first, second) if first <= second else (second, first)]


@pytest.mark.parametrize("lift", [1.0, 1.7, 25.0])
@pytest.mark.parametrize("chance", [1.0, 0.9, 0.6, 0.52, 0.3, 1e-4, 0.0])
def test_the_floor_is_where_the_decision_turns(chance: float, lift: float) -> None:
    nodes = [cluster._Node("a", [0], {"a"}), cluster._Node("b", [1], {"b"})]
    decision = cluster._Decision(Matcher(), nodes, _Prior({("a", "b"): chance}), [(), ()])
    floor = decision.floor(0, 1, lift)
    probabilities = np.linspace(0.0, 1.0, 2001).tolist()
    taken = [p for p in probabilities if decision.accepts(0, 1, p, lift)]
    if floor is None:
        assert not taken
        assert not decision.possible(np.array([0]), np.array([1]))[0]
        return
    assert taken and min(taken) >= floor * (1 - 1e-9)
    assert decision.accepts(0, 1, min(1.0, floor * (1 + 1e-9)), lift)
    if lift == 1.0:
        assert decision.possible(np.array([0, 1]), np.array([1, 0])).tolist() == [True, True]


def test_pairs_are_possible_by_their_two_article_sets() -> None:
    nodes = [
        cluster._Node("a", [0], {"a"}),
        cluster._Node("b", [1], {"b"}),
        cluster._Node("c", [2], {"c"}),
        cluster._Node("wire", [3], {"a", "c"}),
    ]
    prior = _Prior({("a", "b"): 0.9, ("a", "c"): 1e-3, ("b", "c"): 1e-3})
    decision = cluster._Decision(Matcher(), nodes, prior, [()] * len(nodes))
    first, second = np.array([0, 0, 1, 3, 2]), np.array([1, 2, 2, 1, 3])
    assert decision.possible(first, second).tolist() == [True, False, False, True, False]
    assert decision.same_event(3, 1) == 0.9


def test_a_block_of_pairs_gets_the_chances_floors_and_decisions_each_pair_gets_alone() -> None:
    """``_links`` weighs a block of candidate pairs at once (``same_events``, ``floors``, ``accepts_weighed``):
    bit for bit what ``same_event``, ``floor`` and ``accepts`` give each pair."""
    nodes = [
        cluster._Node("a", [0], {"a"}),
        cluster._Node("b", [1], {"b"}),
        cluster._Node("c", [2], {"c"}),
        cluster._Node("wire", [3], {"a", "c"}),
        cluster._Node("d", [4], {"d"}),
    ]
    chances = {("a", "b"): 0.9, ("a", "c"): 1e-3, ("b", "c"): 0.61, ("a", "d"): 0.53, ("b", "d"): 1.0, ("c", "d"): 0.3}
    decision = cluster._Decision(Matcher(), nodes, _Prior(chances), [()] * len(nodes))
    first, second = np.array([0, 0, 1, 3, 2, 0, 1, 3, 4]), np.array([1, 2, 2, 1, 3, 4, 4, 4, 2])
    events = decision.same_events(first, second)
    assert events.tolist() == [decision.same_event(a, b) for a, b in zip(first.tolist(), second.tolist(), strict=True)]
    possible = decision.possible_at(events)
    assert possible.tolist() == decision.possible(first, second).tolist()
    floors = decision.floors(events[possible]).tolist()
    pairs = zip(first[possible].tolist(), second[possible].tolist(), strict=True)
    assert floors == [decision.floor(a, b) for a, b in pairs]
    for a, b, event in zip(first.tolist(), second.tolist(), events.tolist(), strict=True):
        for probability in np.linspace(0.0, 1.0, 201).tolist():
            assert decision.accepts_weighed(a, b, probability, event) == decision.accepts(a, b, probability)


def test_a_pair_of_variants_does_not_make_the_other_pairs_of_its_articles_impossible() -> None:
    """Two texts about the MacBook Air and the MacBook Pro are never one claim, but other texts of those two
    articles still may be: what is possible is asked once per two article sets, so it must not ask the contrast."""
    air = Evidence.of("Like the new MacBook Air, the laptops tout USB 3.0 ports and seven hours of battery life.")
    pro = Evidence.of("Like the new MacBook Pro, the laptops tout USB 3.0 ports and seven hours of battery life.")
    nodes = [
        cluster._Node("air", [0], {"a"}),
        cluster._Node("pro", [1], {"b"}),
        cluster._Node("price", [2], {"a"}),
        cluster._Node("cost", [3], {"b"}),
    ]
    decision = cluster._Decision(Matcher(), nodes, _Prior({("a", "b"): 1.0}), [(air,), (pro,), (), ()])
    assert not decision.accepts(0, 1, 1.0)
    assert decision.possible(np.array([0, 2]), np.array([1, 3])).tolist() == [True, True]
    assert decision.accepts(2, 3, 1.0)
