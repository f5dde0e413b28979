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
from collections.abc import Callable, Sequence
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

FORMAT = "newsdiff.story-cache/4"
"""Version 2 added ``matcher``, 3 ``near_misses``, 4 keeps them as columns; an older entry is a cache miss, so the
story is analysed again."""

NEAR_MISS_COLUMNS = ("claims", "articles", "passages", "probabilities", "cosines")
"""The near misses, one list per field, the ids as rows of the story's claims, articles and passages.

A 200-article story of real web text has 143,000 of them: as one object
each, naming its ids, they were 17.8 MB of a 20.6 MB entry, and reading
them back (decoding, then checking each record's types and ids) most of
the 1.5 s a cached story took to open. Columns of row numbers are checked
a list at a time, and a row number that is in range names a record that
exists."""


def story_to_data(story: Story) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "articles": [_fields(a, Article) for a in story.articles],
        "passages": [_passage_to_data(p) for p in story.passages],
        "claims": [_claim_to_data(c) for c in story.claims],
        "coverage": [_fields(c, Coverage) for c in story.coverage],
        "matcher": story.matcher,
        "near_misses": _near_misses_to_data(story),
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
    for record in (*articles, *passages, *claims, *coverage):
        _check_types(record)
    if not isinstance(data["matcher"], str):
        raise TypeError("'matcher' is not a string")
    _check_ids(articles, passages, claims, coverage)
    near_misses = _near_misses_from_data(data["near_misses"], articles, passages, claims)
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


def _unique(table: dict[str, Any], count: int, kind: str) -> dict[str, Any]:
    if len(table) != count:
        raise ValueError(f"two {kind}s share an id")
    return table


def _known(table: dict[str, Any], ids: tuple[str, ...], where: str) -> None:
    unknown = next((i for i in ids if i not in table), None)
    if unknown is not None:
        raise ValueError(f"{where} names unknown id {unknown!r}")


def _near_misses_to_data(story: Story) -> dict[str, list[Any]]:
    """The near misses as ``NEAR_MISS_COLUMNS``."""
    claim_row = {claim.id: row for row, claim in enumerate(story.claims)}
    article_row = {article.id: row for row, article in enumerate(story.articles)}
    passage_row = {passage.id: row for row, passage in enumerate(story.passages)}
    misses = story.near_misses
    return {
        "claims": [claim_row[m.claim_id] for m in misses],
        "articles": [article_row[m.article_id] for m in misses],
        "passages": [passage_row[m.passage_id] for m in misses],
        "probabilities": [m.probability for m in misses],
        "cosines": [m.cosine for m in misses],
    }


def _near_misses_from_data(
    data: dict[str, Any], articles: tuple[Article, ...], passages: tuple[Passage, ...], claims: tuple[Claim, ...]
) -> tuple[NearMiss, ...]:
    """The near misses of ``NEAR_MISS_COLUMNS``; ``ValueError``/``TypeError`` unless every column is whole."""
    if not isinstance(data, dict) or any(not isinstance(data.get(name), list) for name in NEAR_MISS_COLUMNS):
        raise TypeError("'near_misses' is not columns of lists")
    if len({len(data[name]) for name in NEAR_MISS_COLUMNS}) != 1:
        raise ValueError("the near misses' columns differ in length")
    claim_ids = _ids_at(data["claims"], claims, "claim")
    article_ids = _ids_at(data["articles"], articles, "article")
    passage_ids = _ids_at(data["passages"], passages, "passage")
    probabilities, cosines = data["probabilities"], data["cosines"]
    if not set(map(type, probabilities)) <= {int, float} or not set(map(type, cosines)) <= {int, float, type(None)}:
        raise TypeError("a near miss's probability or cosine is not a number")
    return tuple(map(NearMiss, claim_ids, article_ids, passage_ids, probabilities, cosines))


def _ids_at(rows: list[Any], records: Sequence[Article | Passage | Claim], kind: str) -> list[str]:
    """The ids of the records at ``rows``; ``ValueError`` for a row that is no whole number in range.

    The types are checked as a set of them, a list at a time: a bool (a subclass of int) is no row.
    """
    if not set(map(type, rows)) <= {int} or (rows and not 0 <= min(rows) <= max(rows) < len(records)):
        raise ValueError(f"a near miss names no {kind}")
    return [records[row].id for row in rows]


def _check_types(record: object) -> None:
    """``TypeError`` unless every field of the (frozen dataclass) ``record`` has its declared type."""
    for name, fits in _field_checks(type(record)):
        if not fits(getattr(record, name)):
            raise TypeError(f"{type(record).__name__}.{name} is not {_field_hints(type(record))[name]}")


def _field_hints(cls: type) -> dict[str, Any]:
    """The class's init fields and their resolved types."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}


_CHECKS: dict[type, tuple[tuple[str, Callable[[object], bool]], ...]] = {}
"""Each model class's init fields and the checks of their types, made once (a story has thousands of records)."""


def _field_checks(cls: type) -> tuple[tuple[str, Callable[[object], bool]], ...]:
    if cls not in _CHECKS:
        _CHECKS[cls] = tuple((name, _fits(hint)) for name, hint in _field_hints(cls).items())
    return _CHECKS[cls]


def _fits(hint: Any) -> Callable[[object], bool]:
    """Whether a value is of type ``hint``: the model's str, int, float, bool, enums, ``X | None``,
    ``tuple[X, ...]`` and nested dataclasses (a bool is no number here, as in JSON).

    The check is made once per type, so checking a value walks no type hints.
    """
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        arms = tuple(_fits(arm) for arm in get_args(hint))
        return lambda value: any(fits(value) for fits in arms)
    if origin is tuple:
        item = _fits(get_args(hint)[0])
        return lambda value: isinstance(value, tuple) and all(map(item, value))
    if hint is type(None):
        return _is_none
    if hint is int:
        return _is_int
    if hint is float:
        return _is_number
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls = hint
        return lambda value: isinstance(value, cls) and all(fits(getattr(value, n)) for n, fits in _field_checks(cls))
    return lambda value: isinstance(value, hint)


def _is_none(value: object) -> bool:
    return value is None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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
