"""A lossless plain-data form of a ``Story``, for the analysis cache.

The JSON export (``engine.export``) is a contract for other tools and keeps
only what they read; this form keeps every field, so a cached story is the
very story ``analyze`` built. It is JSON-safe (no pickle: a cache file is
read back as data, never executed).
"""

from __future__ import annotations

from typing import Any

from newsdiff.engine.model import (
    Article,
    Claim,
    Coverage,
    Flag,
    FlagKind,
    NearMiss,
    Passage,
    PassageKind,
    Quote,
    Reach,
    Span,
    Story,
    WordDiff,
)

FORMAT = "newsdiff.story-cache/3"
"""Version 2 added ``matcher``, 3 ``near_misses``; an older entry is a cache miss, so the story is analysed again."""


def story_to_data(story: Story) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "articles": [_fields(a, Article) for a in story.articles],
        "passages": [_passage_to_data(p) for p in story.passages],
        "claims": [_claim_to_data(c) for c in story.claims],
        "coverage": [_fields(c, Coverage) for c in story.coverage],
        "matcher": story.matcher,
        "near_misses": [_fields(m, NearMiss) for m in story.near_misses],
    }


def story_from_data(data: dict[str, Any]) -> Story:
    """Rebuild a story; raises ``ValueError``/``KeyError``/``TypeError`` on malformed data."""
    if data.get("format") != FORMAT:
        raise ValueError("not a story cache entry of this version")
    story = Story(
        articles=tuple(Article(**a) for a in data["articles"]),
        passages=tuple(_passage_from_data(p) for p in data["passages"]),
        claims=tuple(_claim_from_data(c) for c in data["claims"]),
        coverage=tuple(Coverage(**{**c, "missing_claim_ids": tuple(c["missing_claim_ids"])}) for c in data["coverage"]),
        matcher=str(data["matcher"]),
        near_misses=tuple(NearMiss(**m) for m in data["near_misses"]),
    )
    for passage in story.passages:
        if story.article(passage.article_id).text[passage.start : passage.end] != passage.text:
            raise ValueError(f"passage {passage.id} does not match its article text")
    return story


def _fields(obj: object, cls: type) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in cls.__dataclass_fields__}  # type: ignore[attr-defined]


def _passage_to_data(p: Passage) -> dict[str, Any]:
    data = _fields(p, Passage)
    data["kind"] = p.kind.value
    data["quotes"] = [_fields(q, Quote) for q in p.quotes]
    return data


def _passage_from_data(data: dict[str, Any]) -> Passage:
    return Passage(
        **{
            **data,
            "kind": PassageKind(data["kind"]),
            "quotes": tuple(Quote(**q) for q in data["quotes"]),
        }
    )


def _claim_to_data(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "summary": c.summary,
        "passage_ids": list(c.passage_ids),
        "article_ids": list(c.article_ids),
        "reach": c.reach.value,
        "diffs": [
            {
                "passage_id": d.passage_id,
                "differs": [[s.start, s.end] for s in d.differs],
                "shared_ratio": d.shared_ratio,
            }
            for d in c.diffs
        ],
        "flags": [{"kind": f.kind.value, "detail": f.detail, "passage_ids": list(f.passage_ids)} for f in c.flags],
    }


def _claim_from_data(data: dict[str, Any]) -> Claim:
    return Claim(
        id=data["id"],
        summary=data["summary"],
        passage_ids=tuple(data["passage_ids"]),
        article_ids=tuple(data["article_ids"]),
        reach=Reach(data["reach"]),
        diffs=tuple(
            WordDiff(
                passage_id=d["passage_id"],
                differs=tuple(Span(s, e) for s, e in d["differs"]),
                shared_ratio=d["shared_ratio"],
            )
            for d in data["diffs"]
        ),
        flags=tuple(
            Flag(kind=FlagKind(f["kind"]), detail=f["detail"], passage_ids=tuple(f["passage_ids"]))
            for f in data["flags"]
        ),
    )
