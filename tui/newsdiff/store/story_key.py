"""A story's identity, taken from what its articles say rather than where they are.

Notes must come back when the same articles are opened again from another
folder, a copy, or a snapshot, so the key hashes the texts only: no paths,
no ids, no file order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsdiff.engine.model import Article

KEY_LENGTH = 16
"""Hex digits kept: 64 bits, ample for one reader's stories and short in file names."""


def story_key(articles: Sequence[Article]) -> str:
    """The stable key of the story told by ``articles``.

    Each text is hashed on its own and the sorted digests are hashed again, so
    no text can run into the next one and the order of the files does not
    matter.
    """
    digests = sorted(_digest(a.text) for a in articles)
    combined = hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()
    return combined[:KEY_LENGTH]


def article_key(article: Article) -> str:
    """The stable key of one article, from its text: the same article has it in any folder or story."""
    return _digest(article.text)[:KEY_LENGTH]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
