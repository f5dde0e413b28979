"""The article in a saved web page: its text and what the page says about it.

Readers keep articles as the pages they saved from the browser. Finding the
article among menus, adverts, related links and footers is a job of its own,
done well by trafilatura, so it is an optional extra (``newsdiff[html]``)
rather than hand-written here. The page's article text becomes the
``Article``'s text, paragraphs separated by a blank line; every offset then
refers to that text, which the exports carry whole.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from newsdiff.engine.errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm"})
HTML_EXTRA = "pip install 'newsdiff[html]'"


@dataclass(frozen=True)
class Page:
    """A web page's article text and its metadata (``None`` where the page does not say)."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None

    def fields(self) -> dict[str, str]:
        """The metadata a file's front matter would give, for the loader."""
        found = {
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "language": self.language,
        }
        return {key: value for key, value in found.items() if value}


def read_page(markup: str, where: str) -> Page:
    """The article in ``markup``; ``InputError`` (naming ``where``) if there is none or the extra is missing."""
    try:
        import trafilatura
    except ImportError as error:
        if error.name == "trafilatura":
            raise InputError(f"{where}: reading web pages needs the html extra ({HTML_EXTRA})") from None
        # Installed but one of its parts is missing (lxml 6 moved lxml.html.clean out, for one).
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{where}: trafilatura cannot load ({problem}); reinstall: {HTML_EXTRA}") from None
    # Its warnings would otherwise reach stderr, which is the app's screen.
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    logging.getLogger("trafilatura").propagate = False
    try:
        document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as error:
        raise InputError(f"{where}: cannot read the page ({type(error).__name__})") from None
    text = getattr(document, "text", None) or ""
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError(f"{where}: no article text found in the page")
    return Page(
        text="\n\n".join(paragraphs),
        title=_clean(getattr(document, "title", None)),
        source=_clean(getattr(document, "sitename", None)) or _clean(getattr(document, "hostname", None)),
        url=_clean(getattr(document, "url", None)),
        date=_clean(getattr(document, "date", None)),
        language=_clean(getattr(document, "language", None)),
    )


def _clean(value: object) -> str | None:
    """A metadata value as one line of text, or ``None`` when empty or not text."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
