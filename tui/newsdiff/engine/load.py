"""Read article files and folders into ``Article`` records.

A folder is one story: its ``.txt``, ``.md`` and saved web pages (``.html``,
``.htm``), in name order (numbers as numbers), are the articles (subfolders and hidden files are
skipped, so a story can keep notes beside it). One unusable file in a folder
(empty, binary, undecodable) need not cost the reader the whole story: a
caller that can tell the reader passes ``warn`` and the file is left out
with its reason; a file named on its own is always an error. ``warn`` also
hears of a file whose encoding had to be guessed. A text file may open with a
front-matter block of ``key: value`` lines between ``---`` lines; a web page's
article text and metadata come from ``html_page``. What neither says is
inferred: the source from the file name, the title from a headline-like
first line or the first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from newsdiff.engine.control_chars import visible_controls
from newsdiff.engine.decode import Warn, read_article_file, readable_name
from newsdiff.engine.errors import InputError
from newsdiff.engine.html_page import HTML_SUFFIXES, read_page
from newsdiff.engine.model import Article, PassageKind
from newsdiff.engine.segment import passage_spans

ARTICLE_SUFFIXES = frozenset({".txt", ".md"}) | HTML_SUFFIXES

Progress = Callable[[str], None]

_FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "url": "url",
    "link": "url",
    "date": "date",
    "published": "date",
    "language": "language",
    "lang": "language",
}
"""Front-matter keys read (others are ignored), with common synonyms."""

_FRONT_MATTER_MAX_LINES = 60
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_MATTER_LINE = re.compile(r"([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)")
_FRONT_MATTER_CLOSE = ("---", "...")

_FIELD_MAX_CHARS = {"url": 2000}
"""Longest front-matter value kept (longer ones are cut, with a warning); ``_FIELD_DEFAULT_MAX_CHARS`` for the rest.
Every report and export repeats the title and source: a 5 MB title made a 66 MB report."""
_FIELD_DEFAULT_MAX_CHARS = 300

MAX_ARTICLE_CHARS = 2_000_000
"""Longest article body analysed (front matter aside; its values are capped instead). Matching is linear in the text, but at a high cost per sentence:
a 2-million-character article of a 50-word vocabulary beside a normal one took 26 s and 400 MB,
5 million 80 s and 890 MB (machine shared); real articles are a few thousand characters."""

_TITLE_MAX_CHARS = 90
_ADDRESS_LINE = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)

_ORDER_PREFIX = re.compile(r"\d+")
_HASH = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}")
_ACRONYM_MAX_CHARS = 3
_LARGE_FILE_BYTES = 1_000_000


def load_paths(
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    warn: Warn | None = None,
    encoding: str | None = None,
) -> list[Article]:
    """Articles from files and folders, in the order given; ``InputError`` if unusable.

    With ``warn``, an unusable file found in a folder is passed over and
    its reason ("left out x.txt: article is empty") goes to ``warn``, as
    does a file read in a guessed encoding; the load still fails when no
    usable article is left. ``encoding`` is the reader's word for files
    that are not UTF-8 (``decode.decode_article_bytes``).
    """
    report = progress or _ignore
    files = list(_article_files(paths))
    if not files:
        raise InputError("no articles given: name article files or a story folder")
    articles: list[Article] = []
    ids: set[str] = set()
    reasons: list[str] = []
    for number, (shown, path, in_folder) in enumerate(files, start=1):
        size = path.stat().st_size if path.exists() else 0
        detail = f" ({size / 1e6:.1f} MB)" if size >= _LARGE_FILE_BYTES else ""
        report(f"Reading {number}/{len(files)}: {readable_name(path.name)}{detail}")
        try:
            article = _read_article(shown, path, ids, warn or _ignore, encoding)
        except InputError as error:
            if warn is None or not in_folder:
                raise
            reasons.append(str(error))
            continue
        ids.add(article.id)
        articles.append(article)
    if not articles:
        more = f" (and {len(reasons) - 1} more unusable files)" if len(reasons) > 1 else ""
        raise InputError(f"no usable article: {reasons[0]}{more}")
    for reason in reasons:
        (warn or _ignore)(f"left out {reason}")
    return articles


def _read_article(shown: str, path: Path, taken: set[str], warn: Warn, encoding: str | None) -> Article:
    text = read_article_file(path, warn=warn, assumed=encoding)
    known: dict[str, str] = {}
    if path.suffix.lower() in HTML_SUFFIXES:
        page = read_page(text, shown)
        text, known = page.text, page.fields()
    stem = readable_name(path.stem)
    return _article(text, article_id=_unique(stem, taken), path=shown, name=stem, known=known, warn=warn)


def article_from_text(
    text: str, *, article_id: str, path: str | None = None, source: str | None = None, warn: Warn | None = None
) -> Article:
    """An article from text already in memory (front matter honoured, offsets into ``text``)."""
    shown = None if path is None else readable_name(path)
    article = _article(text, article_id=article_id, path=shown, name=article_id, warn=warn or _ignore)
    return article if source is None else replace(article, source=visible_controls(source))


def article_from_page(markup: str, *, url: str, article_id: str, warn: Warn | None = None) -> Article:
    """An article from a web page fetched from ``url``: the article text and metadata ``html_page`` finds.

    The address is the one the page was fetched from (after redirects), not
    the one the page claims for itself; the outlet is the page's site name,
    else its host.
    """
    page = read_page(markup, url)
    host = urlsplit(url).hostname or url
    known = {**page.fields(), "url": url}
    return _article(page.text, article_id=article_id, path=None, name=host, known=known, warn=warn or _ignore)


def source_from_name(name: str) -> str:
    """A readable outlet name from a file stem.

    Ordering numbers and hash-like tokens are dropped; a name with nothing
    else is "Source" and its numbers ("000_efafae1ce283e261" is "Source 000",
    "41_10" is "Source 41_10"), so files numbered within a story get distinct
    names. Short lower-case names read as acronyms ("ap" → "AP"), others are
    capitalised ("new_york_times" → "New York Times"); names with capitals
    are kept as written.
    """
    tokens = _name_tokens(name)
    words = [t for t in tokens if not _ORDER_PREFIX.fullmatch(t) and not _HASH.fullmatch(t.lower())]
    if not words:
        label = file_number(name) or (tokens[0][:8] if tokens else "")
        return f"Source {label}".strip()
    if any(char.isupper() for char in "".join(words)):
        return " ".join(words)
    if len(words) == 1 and len(words[0]) <= _ACRONYM_MAX_CHARS and words[0].isalpha():
        return words[0].upper()
    return " ".join(word.capitalize() for word in words)


def file_number(name: str) -> str:
    """The numbers of a file stem, joined by "_" ("41_10" for "41_10", "104" for "art_104"; "" if none).

    Outlets' files in one story are often numbered; the number tells a
    reader which file a source name stands for.
    """
    return "_".join(t for t in _name_tokens(name) if _ORDER_PREFIX.fullmatch(t))


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s_.\-]+", name) if t]


def _ignore(_message: str) -> None:
    """Progress sink when nobody listens."""


def _article_files(paths: Sequence[str | Path]) -> Iterator[tuple[str, Path, bool]]:
    """``(path as shown, path, found in a folder)`` of every article file, each file once."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        in_folder = path.is_dir()
        if in_folder:
            found = _folder_articles(path)
        elif path.exists():
            found = [path]
        else:
            raise InputError(f"{readable_name(given)}: no such file or folder")
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield readable_name(file), file, in_folder


def _folder_articles(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: _natural_key(p.name))
    except OSError as error:
        raise InputError(f"{readable_name(folder)}: cannot list folder ({error.strerror or error})") from None
    files = [
        entry
        for entry in entries
        if entry.suffix.lower() in ARTICLE_SUFFIXES and not entry.name.startswith(".") and not entry.is_dir()
    ]
    if not files:
        raise InputError(f"{readable_name(folder)}: folder holds no .txt, .md or .html articles")
    return files


def _natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that reads numbers as numbers: ``1_2`` before ``1_10``, as a reader numbers articles."""
    return tuple((0, int(part), part) if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name))


def _unique(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _article(
    text: str,
    *,
    article_id: str,
    path: str | None,
    name: str,
    warn: Warn,
    known: Mapping[str, str] | None = None,
) -> Article:
    """``known`` fields (a web page's metadata) count as front matter; the text's own front matter wins."""
    where = path or article_id
    if not text.strip():
        raise InputError(f"{where}: article is empty")
    own, body_start = _front_matter(text)
    if len(text) - body_start > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{where}: article is too long to analyse "
            f"({len(text) - body_start:,} characters of text; the limit is {MAX_ARTICLE_CHARS:,})"
        )
    given = {**_address_fields(text, body_start), **(known or {}), **own}
    fields = {key: _capped(key, value, where, warn) for key, value in given.items()}
    if not text[body_start:].strip():
        raise InputError(f"{where}: article has front matter but no text")
    return Article(
        id=article_id,
        source=visible_controls(fields.get("source") or source_from_name(name)),
        title=visible_controls(fields.get("title") or _title(text, body_start)),
        text=text,
        path=path,
        url=fields.get("url"),
        date=fields.get("date"),
        language=fields.get("language"),
        body_start=body_start,
    )


def _address_fields(text: str, body_start: int) -> dict[str, str]:
    """The address and outlet of a page saved as text with its address on the first line.

    Text copied from a browser, or scraped, often starts with the page's
    address; its host ("ny1.com") names the outlet far better than a file
    name such as ``21_1.txt``. Front matter and a page's own metadata win.
    """
    start = len(text) - len(text[body_start:].lstrip())
    end = text.find("\n", start)
    line = text[start : len(text) if end < 0 else end].strip()
    if _ADDRESS_LINE.fullmatch(line) is None:
        return {}
    host = (urlsplit(line).hostname or "").removeprefix("www.")
    return {"url": line, "source": host} if host else {"url": line}


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """Known front-matter fields and the offset where the body starts.

    Without a closing ``---`` line near the top the opening ``---`` is just
    text (a Markdown rule), so the whole text is body.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return {}, 0
    fields: dict[str, str] = {}
    position = opening.end()
    for _ in range(_FRONT_MATTER_MAX_LINES):
        newline = text.find("\n", position)
        end = len(text) if newline < 0 else newline
        line = text[position:end].strip()
        if line in _FRONT_MATTER_CLOSE:
            return fields, min(end + 1, len(text))
        match = _FRONT_MATTER_LINE.fullmatch(line)
        key = _FRONT_MATTER_KEYS.get(match.group(1).lower()) if match else None
        if key is not None and match is not None:
            fields[key] = _unquote(match.group(2).strip())
        if newline < 0:
            break
        position = end + 1
    return {}, 0


def _capped(key: str, value: str, where: str, warn: Warn) -> str:
    """``value`` cut to its field's length with "…", and the reader told; reports and exports repeat it."""
    limit = _FIELD_MAX_CHARS.get(key, _FIELD_DEFAULT_MAX_CHARS)
    if len(value) <= limit:
        return value
    warn(f"{where}: its {key} is {len(value):,} characters long; cut to the first {limit:,}")
    return value[: limit - 1] + "…"


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _title(text: str, body_start: int) -> str:
    """The headline line, else the first sentence past its dateline, trimmed to a title's length."""
    for span in passage_spans(text, body_start):
        if span.kind is PassageKind.HEADLINE:
            return " ".join(text[span.start : span.end].split())
        if span.kind is PassageKind.SENTENCE:
            return _trim(text[span.content_start : span.end])
    return ""


def _trim(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= _TITLE_MAX_CHARS:
        return sentence.rstrip(".")
    cut = sentence[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + "…"
