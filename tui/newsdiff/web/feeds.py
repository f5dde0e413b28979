"""RSS and Atom feeds: a feed stands for the articles it links to.

A reader's news diet is a few feeds; each item's link is an article page.
feedparser reads every flavour of RSS and Atom (and survives the broken
ones), so it does that here; it comes with the ``web`` extra.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsdiff.web.fetch import is_url

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
MAX_ITEMS = 50
"""Items read from one feed: the newest of a busy feed, not its whole archive."""

_FIRST_ELEMENT = re.compile(
    r"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.-]*)", re.DOTALL | re.IGNORECASE
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: the article's link and what the feed says of it."""

    link: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Feed:
    """A feed's title and its items with http(s) links, newest first as the feed lists them."""

    title: str | None
    items: tuple[FeedItem, ...]
    skipped: int = 0
    """Items left out: past ``MAX_ITEMS``, or without an http(s) link."""


def looks_like_feed(body: str) -> bool:
    """Whether a body is a feed: its first element is ``rss``, ``feed`` (Atom) or ``rdf:RDF`` (RSS 1.0).

    The media type alone cannot say: ``text/xml`` is sent for sitemaps and
    feeds alike, and many feeds are sent as ``text/html``.
    """
    found = _FIRST_ELEMENT.match(body[:4000].lstrip("\ufeff"))
    return found is not None and found.group(1).lower() in _FEED_ROOTS


def is_feed_file(path: Path) -> bool:
    """A local file named as a feed (``.rss``, ``.atom``, ``.xml``)."""
    return path.suffix.lower() in FEED_SUFFIXES


def parse_feed(body: str) -> Feed:
    """The feed's items with http(s) links; ``ValueError`` with a reason when it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(body)
    entries = list(getattr(parsed, "entries", []))
    if not entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise ValueError(f"not a readable feed ({type(problem).__name__ if problem else 'malformed'})")
    items: list[FeedItem] = []
    skipped = 0
    for entry in entries:
        link = _text(entry.get("link"))
        if link is None or not is_url(link) or len(items) >= MAX_ITEMS:
            skipped += 1
            continue
        items.append(FeedItem(link=link, title=_text(entry.get("title")), published=_text(entry.get("published"))))
    return Feed(title=_text(parsed.feed.get("title")), items=tuple(items), skipped=skipped)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
