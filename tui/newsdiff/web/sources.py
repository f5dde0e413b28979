"""Links and feeds among the reader's sources, turned into articles.

The reader names files, folders, article links and feeds (links or files)
in one list. Files and folders pass through to the loader unchanged; each
link is fetched (``fetch``) and becomes an article, or, when it is a feed,
stands for the articles its items link to (``feeds``). A link that fails
costs only itself: one warning line, and the rest of the story opens. Only
when nothing at all is left to read is it an ``InputError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from newsdiff.engine.decode import Warn, read_article_file
from newsdiff.engine.errors import InputError
from newsdiff.engine.load import article_from_page, article_from_text
from newsdiff.engine.model import Article
from newsdiff.web.feeds import Feed, is_feed_file, looks_like_feed, parse_feed
from newsdiff.web.fetch import PAGE_TYPES, WEB_EXTRA, Fetched, Fetcher, FetchFailure, PageCache, is_url

Source = str | Path
Progress = Callable[[str, float], None]

_ID_CHARACTERS = re.compile(r"[^a-z0-9]+")
_ID_MAX_CHARS = 60


def needs_web(sources: Sequence[Source]) -> bool:
    """Whether any source is a link or a feed file (so the ``web`` extra is needed)."""
    return any(is_url(s) or (isinstance(s, Path) and is_feed_file(s)) for s in sources)


def read_sources(
    sources: Sequence[Source],
    *,
    cache_folder: Path | None,
    refresh: bool = False,
    progress: Progress | None = None,
    warn: Warn | None = None,
    fetcher: Fetcher | None = None,
) -> list[Path | Article]:
    """The sources with every link and feed replaced by the articles it stands for, in the order given.

    ``cache_folder`` keeps fetched pages (``None``: fetch, keep nothing);
    ``refresh`` fetches again what it holds. ``fetcher`` replaces the
    default one (tests give it short timeouts).
    """
    if not needs_web(sources):
        return [Path(s) for s in sources]
    try:
        import feedparser  # noqa: F401 -- checked here, used by feeds.parse_feed
        import httpx  # noqa: F401 -- checked here, used by fetch.Fetcher
    except ImportError:
        raise InputError(f"reading links and feeds needs the web extra ({WEB_EXTRA})") from None
    tell = warn or _ignore
    fetcher = fetcher or Fetcher(cache=PageCache(cache_folder) if cache_folder else None, refresh=refresh)
    links = [s for s in sources if isinstance(s, str) and is_url(s)]
    fetched = dict(zip(links, fetcher.fetch_all(links, progress), strict=True))
    feeds: dict[Source, Feed] = {}
    for source in sources:
        feed = _feed_of(source, fetched, tell)
        if feed is not None:
            feeds[source] = feed
    item_links = [item.link for feed in feeds.values() for item in feed.items]
    fetched.update(zip(item_links, fetcher.fetch_all(item_links, progress), strict=True))

    taken: set[str] = set()
    result: list[Path | Article] = []
    for source in sources:
        if source in feeds:
            for item in feeds[source].items:
                article = _article(fetched[item.link], taken, tell)
                if article is not None:
                    result.append(article)
        elif isinstance(source, str) and is_url(source):
            article = _article(fetched[source], taken, tell)
            if article is not None:
                result.append(article)
        else:
            result.append(Path(source))
    if not result:
        raise InputError("no usable article: every link and feed given failed (see the warnings above)")
    return result


def _feed_of(source: Source, fetched: dict[str, Fetched | FetchFailure], warn: Warn) -> Feed | None:
    """The feed ``source`` is (a fetched feed, or a feed file), else ``None``."""
    if isinstance(source, str) and is_url(source):
        result = fetched[source]
        if not isinstance(result, Fetched) or not looks_like_feed(result.body):
            return None
        body, where = result.body, source
    elif isinstance(source, Path) and is_feed_file(source):
        body, where = read_article_file(source), str(source)
    else:
        return None
    try:
        feed = parse_feed(body)
    except ValueError as error:
        warn(f"left out {where}: {error}")
        return Feed(title=None, items=())
    if not feed.items:
        warn(f"left out {where}: the feed has no items with links")
    elif feed.skipped:
        warn(f"{where}: read {len(feed.items)} items of the feed, {feed.skipped} left out (no link, or past the limit)")
    return feed


def _article(result: Fetched | FetchFailure, taken: set[str], warn: Warn) -> Article | None:
    """The article a fetched page holds, or ``None`` after one warning line."""
    if isinstance(result, FetchFailure):
        warn(f"left out {result.url}: {result.reason}")
        return None
    article_id = _unique_id(result.final_url, taken)
    try:
        if result.content_type in PAGE_TYPES:
            if looks_like_feed(result.body):
                warn(f"left out {result.url}: a feed inside a feed is not followed")
                return None
            article = article_from_page(result.body, url=result.final_url, article_id=article_id, warn=warn)
        else:
            host = urlsplit(result.final_url).hostname or result.final_url
            plain = article_from_text(result.body, article_id=article_id, source=host, warn=warn)
            article = replace(plain, url=result.final_url)
    except InputError as error:
        warn(f"left out {error}")
        return None
    taken.add(article.id)
    return article


def _unique_id(url: str, taken: set[str]) -> str:
    """A readable id from the link's host and path ("example.com-news-flood"), unique in this story."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    stem = _ID_CHARACTERS.sub("-", f"{host} {parts.path}".lower()).strip("-")[:_ID_MAX_CHARS].strip("-") or "page"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def _ignore(_message: str) -> None:
    """Warnings nobody asked to hear."""
