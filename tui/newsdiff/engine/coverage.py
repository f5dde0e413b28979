"""How much of each article the other sources also report, and what it leaves out.

Shares are measured in characters of content passages, not in passages:
a long paragraph of unique analysis weighs more than a one-line aside, which
is what a reader means by "most of this article is only here". A passage
that reports several claims counts once, by its widest-reaching claim
(a sentence every source carries is shared even if it adds a unique aside).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.engine.model import Article, Claim, Coverage, Passage, Reach

_ORDER = (Reach.ALL, Reach.SOME, Reach.ONE)


def article_coverage(
    articles: Sequence[Article],
    passages: Sequence[Passage],
    claims: Sequence[Claim],
) -> tuple[Coverage, ...]:
    """One ``Coverage`` per article, in the articles' order.

    A content passage in no claim counts as unique to its article. An
    article without content text has every share 0.
    """
    reach_of: dict[str, Reach] = {}
    for claim in claims:
        for pid in claim.passage_ids:
            known = reach_of.get(pid)
            if known is None or _ORDER.index(claim.reach) < _ORDER.index(known):
                reach_of[pid] = claim.reach
    characters: dict[str, dict[Reach, int]] = {a.id: dict.fromkeys(_ORDER, 0) for a in articles}
    for passage in passages:
        if passage.is_content and passage.article_id in characters:
            reach = reach_of.get(passage.id, Reach.ONE)
            characters[passage.article_id][reach] += passage.end - passage.start
    return tuple(
        _coverage(article.id, characters[article.id], _missing(article.id, claims, len(articles)))
        for article in articles
    )


def _coverage(article_id: str, characters: dict[Reach, int], missing: tuple[str, ...]) -> Coverage:
    total = sum(characters.values())
    if total == 0:
        return Coverage(article_id, 0.0, 0.0, 0.0, missing)
    all_share = characters[Reach.ALL] / total
    some_share = characters[Reach.SOME] / total
    return Coverage(article_id, all_share, some_share, 1.0 - all_share - some_share, missing)


def _missing(article_id: str, claims: Sequence[Claim], article_count: int) -> tuple[str, ...]:
    """Claims that more than half of the other articles (and two at least) carry, but not this one.

    Most widely reported first; claims of equal reach keep the story's order.
    """
    others = article_count - 1
    left_out = [
        (index, claim)
        for index, claim in enumerate(claims)
        if article_id not in claim.article_ids and len(claim.article_ids) >= 2 and len(claim.article_ids) > others / 2
    ]
    left_out.sort(key=lambda item: (-len(item[1].article_ids), item[0]))
    return tuple(claim.id for _, claim in left_out)
