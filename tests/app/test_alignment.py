"""Compare-mode alignment: a longest common run of shared claims, gaps filled side by side."""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.app.alignment import align, matched_pairs
from newsdiff.engine.model import Article, Claim, Passage, Reach, Story


def story_of(columns: dict[str, Sequence[str]]) -> Story:
    """A story whose passages are named by the claim they report (one claim each)."""
    articles, passages, members = [], [], {}
    for article_id, labels in columns.items():
        text = " ".join(f"{label}." for label in labels)
        articles.append(Article(id=article_id, source=article_id.upper(), title="", text=text))
        position = 0
        for index, label in enumerate(labels):
            start = text.index(f"{label}.", position)
            position = start + len(label) + 1
            passage = Passage(f"{article_id}:{index}", article_id, index, start, position, text[start:position])
            passages.append(passage)
            members.setdefault(label, []).append(passage)
    claims = tuple(
        Claim(
            id=label,
            summary=label,
            passage_ids=tuple(p.id for p in found),
            article_ids=tuple(dict.fromkeys(p.article_id for p in found)),
            reach=Reach.ALL
            if len({p.article_id for p in found}) == len(columns)
            else Reach.SOME
            if len(found) > 1
            else Reach.ONE,
        )
        for label, found in members.items()
    )
    return Story(articles=tuple(articles), passages=tuple(passages), claims=claims, coverage=())


def labels(rows: list[tuple[Passage | None, ...]]) -> list[tuple[str, ...]]:
    return [tuple(p.text.rstrip(".") if p is not None else "-" for p in row) for row in rows]


def test_one_far_match_does_not_push_the_rest_apart() -> None:
    # a's first passage is b's last: lining those up would leave k2..k4 unpaired.
    story = story_of({"a": ["k1", "k2", "k3", "k4"], "b": ["k2", "k3", "k4", "u", "k1"]})
    assert labels(align(story, ["a", "b"])) == [
        ("k1", "-"),
        ("k2", "k2"),
        ("k3", "k3"),
        ("k4", "k4"),
        ("-", "u"),
        ("-", "k1"),
    ]


def test_unmatched_passages_of_both_sides_fill_the_gap_side_by_side() -> None:
    story = story_of({"a": ["k1", "x1", "x2", "k2"], "b": ["k1", "y1", "y2", "y3", "k2"]})
    assert labels(align(story, ["a", "b"])) == [
        ("k1", "k1"),
        ("x1", "y1"),
        ("x2", "y2"),
        ("-", "y3"),
        ("k2", "k2"),
    ]


def test_three_columns_each_keep_their_order_and_share_rows() -> None:
    story = story_of({"a": ["k1", "k2", "k3"], "b": ["k2", "k3", "y"], "c": ["w", "k1", "z", "k3", "v"]})
    assert labels(align(story, ["a", "b", "c"])) == [
        ("-", "-", "w"),
        ("k1", "-", "k1"),
        ("k2", "k2", "z"),
        ("k3", "k3", "k3"),
        ("-", "y", "v"),
    ]


def test_matched_pairs_is_the_longest_chain_in_both_orders() -> None:
    first = [frozenset({"k1"}), frozenset({"k2"}), frozenset({"k3"}), frozenset()]
    second = [frozenset({"k3"}), frozenset({"k1"}), frozenset({"k2", "k3"})]
    assert matched_pairs(first, second) in ([(0, 1), (1, 2)], [(0, 1), (2, 2)])
    assert matched_pairs(first, []) == []


def test_seed_alignment_keeps_every_passage_once_in_order(seeds_story) -> None:
    ids = [a.id for a in seeds_story.articles]
    rows = align(seeds_story, ids)
    for column, article_id in enumerate(ids):
        assert [row[column] for row in rows if row[column] is not None] == list(seeds_story.passages_of(article_id))
    paired = sum(
        1
        for row in rows
        if row[0] is not None
        and row[1] is not None
        and {c.id for c in seeds_story.claims_of(row[0].id)} & {c.id for c in seeds_story.claims_of(row[1].id)}
    )
    first = [frozenset(c.id for c in seeds_story.claims_of(p.id)) for p in seeds_story.passages_of(ids[0])]
    second = [frozenset(c.id for c in seeds_story.claims_of(p.id)) for p in seeds_story.passages_of(ids[1])]
    assert paired == len(matched_pairs(first, second))
