"""The JSON export: the contract in shared/eval/README.md, plus extra fields.

Scorers and other tools read ``schema``, each article's ``id``, ``source``,
``title``, ``path`` and full decoded ``text``, and each claim's ``id``,
``summary``, ``sources`` and ``passages`` (``article``, ``start``, ``end``,
``text`` with ``text == article text[start:end]``). Everything else here —
the matcher, reach, kinds, flags, word differences, coverage, reader notes, and for each
article a claim leaves out whether it is ``absent`` (no passage comes near) or ``no_match``
(with its closest passage and scores) — is added for readers and other front ends; the
contract allows extra fields.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from newsdiff.engine.control_chars import BIDI_CONTROLS, C1_CONTROLS
from newsdiff.engine.export.document import missing_claims, unmatched_claims
from newsdiff.engine.export.notes import json_note
from newsdiff.engine.model import Article, Claim, Coverage, NearMiss, Passage, Span, Story

SCHEMA = "newsdiff.story/1"

_INVISIBLE = re.compile(f"[{''.join(map(chr, (*C1_CONTROLS, *BIDI_CONTROLS)))}]")
"""What ``json.dumps`` leaves raw and a terminal or an editor would act on: DEL, C1 and bidi controls.

It escapes C0 controls itself. A ``cat story.json`` runs an 8-bit CSI as
surely as ``ESC[``, and an editor shows a U+202E string's words in another
order, so these go out as ``\\uXXXX`` too; ``json.loads`` gives the exact
text back, and every offset holds.
"""


def to_json(story: Story, notes: Sequence[Mapping[str, object]] = ()) -> str:
    """The story as a JSON document (UTF-8 text, ending with a newline)."""
    document = {
        "schema": SCHEMA,
        "matcher": story.matcher,
        "articles": [_article(story, article) for article in story.articles],
        "claims": [_claim(story, claim) for claim in story.claims],
        "notes": [json_note(note) for note in notes],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _INVISIBLE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def _article(story: Story, article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "path": article.path,
        "text": article.text,
        "url": article.url,
        "date": article.date,
        "language": article.language,
        "body_start": article.body_start,
        "coverage": _coverage(story, article.id),
        "passages": [_passage(p) for p in story.passages_of(article.id)],
    }


def _coverage(story: Story, article_id: str) -> dict[str, object] | None:
    try:
        coverage: Coverage = story.coverage_of(article_id)
    except KeyError:
        return None
    return {
        "all": coverage.all_share,
        "some": coverage.some_share,
        "unique": coverage.unique_share,
        "missing_claims": [claim.id for claim in missing_claims(story, story.article(article_id))],
        "no_match_claims": [miss.claim_id for miss in unmatched_claims(story, story.article(article_id))],
    }


def _passage(passage: Passage) -> dict[str, object]:
    """A passage as listed under its article: every passage, boilerplate included."""
    return {
        "id": passage.id,
        "kind": passage.kind.value,
        "start": passage.start,
        "end": passage.end,
        "content_start": passage.content_start,
        "text": passage.text,
    }


def _claim(story: Story, claim: Claim) -> dict[str, object]:
    return {
        "id": claim.id,
        "summary": claim.summary,
        "sources": list(claim.article_ids),
        "reach": claim.reach.value,
        "passages": [_claim_passage(story, claim, passage_id) for passage_id in claim.passage_ids],
        "flags": [
            {"kind": flag.kind.value, "detail": flag.detail, "passages": list(flag.passage_ids)} for flag in claim.flags
        ],
        "absences": [
            _absence(story, article.id, story.near_miss(claim.id, article.id))
            for article in story.articles
            if article.id not in claim.article_ids
        ],
    }


def _absence(story: Story, article_id: str, miss: NearMiss | None) -> dict[str, object]:
    """An article the claim leaves out: ``absent`` when no passage comes near, else ``no_match`` and the closest."""
    if miss is None:
        return {"article": article_id, "status": "absent"}
    passage = story.passage(miss.passage_id)
    closest = {"passage": passage.id, "start": passage.start, "end": passage.end, "probability": miss.probability}
    if miss.cosine is not None:
        closest["cosine"] = miss.cosine
    return {"article": article_id, "status": "no_match", "closest": closest}


def _claim_passage(story: Story, claim: Claim, passage_id: str) -> dict[str, object]:
    """A passage as the contract wants it inside a claim, with its wording differences."""
    passage = story.passage(passage_id)
    diff = claim.diff_for(passage_id)
    return {
        "article": passage.article_id,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "id": passage.id,
        "kind": passage.kind.value,
        "shared_ratio": diff.shared_ratio if diff else None,
        "differs": [_span(span) for span in diff.differs] if diff else [],
    }


def _span(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}
