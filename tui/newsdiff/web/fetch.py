"""Fetching article pages and feeds over HTTP, politely and within bounds.

A reader gives links; a link can be slow, huge, a redirect chain, a PDF or
gone. Every fetch here is bounded (time, size, redirects, pages at once),
says who is asking (a User-Agent naming newsdiff), and ends in either a
``Fetched`` body or a ``FetchFailure`` with one line for the reader, never an
exception, so one bad link costs only itself. Bodies are kept in the user
cache, so a story opened from links reopens offline; ``refresh`` fetches again.

httpx is imported lazily: it comes with the ``web`` extra.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdiff.atomic import write_text_atomic

if TYPE_CHECKING:
    import httpx

WEB_EXTRA = "pip install 'newsdiff[web]'"
MAX_BYTES = 5_000_000
"""A page or feed larger than this is refused: no news article is near it, and it would cost memory and time."""
TIMEOUT_SECONDS = 20.0
"""Connect and read timeout of one request, and the limit on a whole download."""
MAX_REDIRECTS = 5
PAGES_AT_ONCE = 4
"""Requests in flight together: fast for a reader's handful of links, gentle on any one site."""

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def accepted_type(media_type: str) -> bool:
    """Whether a body of this media type may be an article or a feed (feeds come as many kinds of XML)."""
    return not media_type or media_type in PAGE_TYPES | TEXT_TYPES or media_type.endswith(("/xml", "+xml"))


def is_url(source: object) -> bool:
    """Whether a command-line source is an http(s) link rather than a path."""
    if not isinstance(source, str):
        return False
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def user_agent() -> str:
    from newsdiff import __version__

    return f"newsdiff/{__version__} (reads one news story through many outlets)"


@dataclass(frozen=True)
class Fetched:
    """A body fetched (or read from the cache) for ``url``."""

    url: str
    """The link as given."""
    final_url: str
    """Where the redirects led: the page's own address."""
    content_type: str
    """The media type without parameters (``text/html``)."""
    charset: str | None
    body: str
    fetched_at: str
    """When it was fetched (ISO 8601, UTC): a reader working offline sees how old the page is."""


@dataclass(frozen=True)
class FetchFailure:
    """Why ``url`` gave nothing to read, in one line for the reader."""

    url: str
    reason: str


FetchResult = Fetched | FetchFailure
Progress = Callable[[str, float], None]


class PageCache:
    """Fetched bodies on disk, one JSON file per link (named by its hash), written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()}.json"

    def get(self, url: str) -> Fetched | None:
        """The kept body for ``url``; an unreadable entry counts as none (it is fetched again)."""
        try:
            data = json.loads(self._path(url).read_text(encoding="utf-8"))
            fetched = Fetched(**data)
        except (OSError, ValueError, TypeError, RecursionError):
            return None
        fields = (fetched.url, fetched.final_url, fetched.content_type, fetched.body, fetched.fetched_at)
        if not all(isinstance(value, str) for value in fields) or fetched.url != url:
            return None
        return fetched

    def put(self, fetched: Fetched) -> None:
        """Keep ``fetched``; a cache that cannot be written costs only the offline copy."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self._path(fetched.url), json.dumps(asdict(fetched), ensure_ascii=True))
        except OSError:
            pass


class Fetcher:
    """Fetches links with one shared HTTP client, a few at a time."""

    def __init__(
        self,
        *,
        cache: PageCache | None,
        refresh: bool = False,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        at_once: int = PAGES_AT_ONCE,
    ) -> None:
        self.cache = cache
        self.refresh = refresh
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.at_once = at_once

    def fetch_all(self, urls: Sequence[str], progress: Progress | None = None) -> list[FetchResult]:
        """Every link's result, in the order given (cached ones without a request unless ``refresh``)."""
        import httpx

        results: dict[str, FetchResult] = {}
        wanted = list(dict.fromkeys(urls))
        to_fetch = []
        for url in wanted:
            kept = None if self.refresh or self.cache is None else self.cache.get(url)
            if kept is not None:
                results[url] = kept
            else:
                to_fetch.append(url)
        if to_fetch:
            with (
                httpx.Client(
                    follow_redirects=True,
                    max_redirects=MAX_REDIRECTS,
                    timeout=httpx.Timeout(self.timeout),
                    headers={"User-Agent": user_agent(), "Accept": _ACCEPT},
                ) as client,
                ThreadPoolExecutor(max_workers=max(1, self.at_once)) as pool,
            ):
                answers = pool.map(lambda u: self._fetch(client, u), to_fetch)
                for done, (url, result) in enumerate(zip(to_fetch, answers, strict=True), start=1):
                    if progress is not None:
                        progress(f"Fetched {done}/{len(to_fetch)}: {_short(url)}", done / len(to_fetch))
                    results[url] = result
                    if isinstance(result, Fetched) and self.cache is not None:
                        self.cache.put(result)
        return [results[url] for url in urls]

    def _fetch(self, client: httpx.Client, url: str) -> FetchResult:
        import httpx

        started = time.monotonic()
        try:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    return FetchFailure(url, f"the server answered {response.status_code} {response.reason_phrase}")
                media_type, charset = _content_type(response.headers.get("content-type", ""))
                if not accepted_type(media_type):
                    return FetchFailure(url, f"not a web page or feed ({media_type})")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    return FetchFailure(
                        url, f"too large ({_megabytes(int(declared))}; the limit is {_megabytes(self.max_bytes)})"
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        return FetchFailure(url, f"too large (over {_megabytes(self.max_bytes)})")
                    if time.monotonic() - started > self.timeout:
                        return FetchFailure(url, f"timed out after {self.timeout:g} s")
                    chunks.append(chunk)
                final_url = str(response.url)
        except httpx.TimeoutException:
            return FetchFailure(url, f"timed out after {self.timeout:g} s")
        except httpx.TooManyRedirects:
            return FetchFailure(url, f"more than {MAX_REDIRECTS} redirects")
        except httpx.HTTPError as error:
            return FetchFailure(url, f"cannot fetch ({type(error).__name__})")
        body = _decode(b"".join(chunks), charset)
        if body is None:
            return FetchFailure(url, "not text (binary content)")
        return Fetched(
            url=url,
            final_url=final_url,
            content_type=media_type or _sniff_type(body),
            charset=charset,
            body=body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )


_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and the declared charset, if any."""
    media_type, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _decode(data: bytes, charset: str | None) -> str | None:
    """The body as text: the declared charset, else UTF-8, else the best guess; ``None`` for binary data."""
    from newsdiff.engine.decode import decode_article_bytes
    from newsdiff.engine.errors import InputError

    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_article_bytes(data, name="page")
    except InputError:
        return None


def _sniff_type(body: str) -> str:
    """A media type for a body sent without one: a feed, a page, or plain text."""
    head = body.lstrip()[:500].lower()
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf")):
        return "application/xml"
    if "<html" in head or head.startswith("<!doctype html"):
        return "text/html"
    return "text/plain"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _short(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"[:60]
