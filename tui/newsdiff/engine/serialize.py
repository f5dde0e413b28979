"""A lossless plain-data form of a ``Story``, for the analysis cache.

The JSON export (``engine.export``) is a contract for other tools and keeps
only what they read; this form keeps every field, so a cached story is the
very story ``analyze`` built. It is JSON-safe (no pickle: a cache file is
read back as data, never executed).

A cache file can be damaged or edited, and ``Story`` trusts what it is given
(a claim naming an article that is not there was a ``KeyError`` in the
report and the Markdown and HTML exports), so ``story_from_data`` checks
every field's type and every id a record names before anything uses them.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

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
    """Rebuild a story; raises ``ValueError``/``KeyError``/``TypeError`` on malformed data.

    Every record must have the types ``model`` declares, ids must be unique
    and name records that exist, and every passage must be its article's
    text at its offsets.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a story cache entry of this version")
    articles = tuple(Article(**a) for a in data["articles"])
    passages = tuple(_passage_from_data(p) for p in data["passages"])
    claims = tuple(_claim_from_data(c) for c in data["claims"])
    coverage = tuple(Coverage(**{**c, "missing_claim_ids": tuple(c["missing_claim_ids"])}) for c in data["coverage"])
    near_misses = tuple(NearMiss(**m) for m in data["near_misses"])
    for record in (*articles, *passages, *claims, *coverage, *near_misses):
        _check_types(record)
    if not isinstance(data["matcher"], str):
        raise TypeError("'matcher' is not a string")
    _check_ids(articles, passages, claims, coverage, near_misses)
    return Story(
        articles=articles,
        passages=passages,
        claims=claims,
        coverage=coverage,
        matcher=data["matcher"],
        near_misses=near_misses,
    )


def _check_ids(
    articles: tuple[Article, ...],
    passages: tuple[Passage, ...],
    claims: tuple[Claim, ...],
    coverage: tuple[Coverage, ...],
    near_misses: tuple[NearMiss, ...],
) -> None:
    """Every id unique and every id named by a record one that exists; passages match their text."""
    texts = _unique({a.id: a.text for a in articles}, len(articles), "article")
    passage_ids = _unique({p.id: p for p in passages}, len(passages), "passage")
    claim_ids = _unique({c.id: c for c in claims}, len(claims), "claim")
    for passage in passages:
        _known(texts, (passage.article_id,), f"passage {passage.id}")
        if texts[passage.article_id][passage.start : passage.end] != passage.text:
            raise ValueError(f"passage {passage.id} does not match its article text")
    for claim in claims:
        _known(passage_ids, (*claim.passage_ids, *(d.passage_id for d in claim.diffs)), f"claim {claim.id}")
        _known(passage_ids, tuple(pid for f in claim.flags for pid in f.passage_ids), f"claim {claim.id}")
        _known(texts, claim.article_ids, f"claim {claim.id}")
    for entry in coverage:
        _known(texts, (entry.article_id,), "coverage")
        _known(claim_ids, entry.missing_claim_ids, f"coverage of {entry.article_id}")
    for miss in near_misses:
        _known(claim_ids, (miss.claim_id,), "near miss")
        _known(texts, (miss.article_id,), f"near miss of {miss.claim_id}")
        _known(passage_ids, (miss.passage_id,), f"near miss of {miss.claim_id}")


def _unique(table: dict[str, Any], count: int, kind: str) -> dict[str, Any]:
    if len(table) != count:
        raise ValueError(f"two {kind}s share an id")
    return table


def _known(table: dict[str, Any], ids: tuple[str, ...], where: str) -> None:
    unknown = next((i for i in ids if i not in table), None)
    if unknown is not None:
        raise ValueError(f"{where} names unknown id {unknown!r}")


def _check_types(record: object) -> None:
    """``TypeError`` unless every field of the (frozen dataclass) ``record`` has its declared type."""
    for name, hint in _field_hints(type(record)).items():
        if not _fits(getattr(record, name), hint):
            raise TypeError(f"{type(record).__name__}.{name} is not {hint}")


_HINTS: dict[type, dict[str, Any]] = {}
"""Each model class's init fields and their resolved types, looked up once (a story has thousands of records)."""


def _field_hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = get_type_hints(cls)
        _HINTS[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}
    return _HINTS[cls]


def _fits(value: object, hint: Any) -> bool:
    """Whether ``value`` is of type ``hint``: the model's str, int, float, bool, enums, ``X | None``,
    ``tuple[X, ...]`` and nested dataclasses (a bool is no number here, as in JSON)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, arm) for arm in get_args(hint))
    if origin is tuple:
        return isinstance(value, tuple) and all(_fits(item, get_args(hint)[0]) for item in value)
    if hint is type(None):
        return value is None
    if hint in (int, float):
        return isinstance(value, int if hint is int else (int, float)) and not isinstance(value, bool)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):
            return False
        _check_types(value)
        return True
    return isinstance(value, hint)


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
