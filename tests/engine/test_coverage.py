"""Coverage: how much of each article other sources report, and what it leaves out."""

from __future__ import annotations

import pytest

from newsdiff.engine.coverage import article_coverage
from newsdiff.engine.model import Article, Claim, Passage, PassageKind, Reach


def article(aid: str) -> Article:
    return Article(id=aid, source=aid, title=aid, text="")


def make(pid: str, length: int, kind: PassageKind = PassageKind.SENTENCE) -> Passage:
    article_id, index = pid.split(":")
    return Passage(pid, article_id, int(index), 0, length, "x" * length, kind=kind)


def claim(cid: str, reach: Reach, *pids: str) -> Claim:
    articles = tuple(dict.fromkeys(p.split(":")[0] for p in pids))
    return Claim(cid, cid, pids, articles, reach)


def test_shares_count_characters_by_widest_reach() -> None:
    passages = [make("A:0", 60), make("A:1", 30), make("A:2", 10), make("A:3", 50, PassageKind.BOILERPLATE)]
    claims = [
        claim("K1", Reach.ALL, "A:0", "B:0", "C:0"),
        claim("K2", Reach.SOME, "A:1", "B:1"),
        claim("K3", Reach.ONE, "A:1"),
        claim("K4", Reach.ONE, "A:2"),
    ]
    (coverage,) = article_coverage([article("A")], passages, claims)
    assert (coverage.all_share, coverage.some_share, coverage.unique_share) == pytest.approx((0.6, 0.3, 0.1))


def test_shares_sum_to_one_and_a_passage_in_no_claim_is_unique() -> None:
    passages = [make("A:0", 40), make("A:1", 20)]
    (coverage,) = article_coverage([article("A")], passages, [claim("K1", Reach.SOME, "A:0", "B:0")])
    assert coverage.all_share + coverage.some_share + coverage.unique_share == pytest.approx(1.0)
    assert coverage.unique_share == pytest.approx(1 / 3)


def test_an_article_without_content_has_no_shares() -> None:
    (coverage,) = article_coverage([article("A")], [make("A:0", 9, PassageKind.BOILERPLATE)], [])
    assert (coverage.all_share, coverage.some_share, coverage.unique_share) == (0.0, 0.0, 0.0)


def test_missing_claims_are_those_most_other_sources_carry() -> None:
    articles = [article(a) for a in "ABCDE"]
    claims = [
        claim("K1", Reach.SOME, "B:0", "C:0", "D:0"),
        claim("K2", Reach.SOME, "B:1", "C:1", "D:1", "E:1"),
        claim("K3", Reach.SOME, "B:2", "C:2"),
        claim("K4", Reach.ONE, "B:3"),
        claim("K5", Reach.ALL, "A:0", "B:4", "C:4", "D:4", "E:4"),
    ]
    coverage = {c.article_id: c for c in article_coverage(articles, [], claims)}
    assert coverage["A"].missing_claim_ids == ("K2", "K1")
    assert coverage["E"].missing_claim_ids == ("K1",)


def test_in_a_two_article_story_a_claim_of_the_other_alone_is_not_missing() -> None:
    claims = [claim("K1", Reach.ONE, "B:0")]
    coverage = article_coverage([article("A"), article("B")], [], claims)
    assert [c.missing_claim_ids for c in coverage] == [(), ()]
