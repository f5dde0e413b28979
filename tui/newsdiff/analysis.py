"""How every front end runs the engine: with the user's cache and chosen matcher.

The CLI and the app must give the same story for the same articles, so
both come through ``run_analysis``: it loads the optional sentence encoder
when asked (falling back to the lexical matcher with a one-line notice when
the ``semantic`` extra is not installed) and keeps analyses in the user cache
folder, so reopening a story does no matching work. The encoder (about a
second and 100 MB) is loaded only when the cache has no story matched with
it, since a cached story needs no matching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdiff.engine.model import Article, Story
from newsdiff.engine.semantic import DEFAULT_ENCODER, load_encoder
from newsdiff.engine.story import Progress, analyze, cached_story, collect_articles
from newsdiff.store.paths import cache_dir
from newsdiff.store.source_names import load_source_names, with_source_names

SEMANTIC_MISSING = "semantic matching is not installed (pip install 'newsdiff[semantic]'); using the lexical matcher"


@dataclass(frozen=True)
class Analysis:
    """A story and the notices the user should see about how it was made."""

    story: Story
    notices: tuple[str, ...] = ()


def run_analysis(
    sources: Sequence[str | Path | Article],
    *,
    semantic: bool = True,
    use_cache: bool = True,
    progress: Progress | None = None,
    encoding: str | None = None,
    say_fallback: bool = False,
) -> Analysis:
    """Analyse ``sources``; raises ``InputError`` for unusable input.

    An unusable file in a story folder is left out with a notice, so one
    broken download does not cost the reader the whole story; a file read in
    a guessed encoding gets a notice too. Articles the reader has named in
    the app go by those names (``store.source_names``). ``encoding`` is the
    reader's word for files that are not UTF-8, in place of the guess.

    ``semantic`` (the default) uses the sentence encoder when it is
    installed and the lexical matcher otherwise; the story's ``matcher``
    says which. ``say_fallback`` adds a notice for that fallback, for a
    reader who asked for the encoder by name (``--semantic``).
    """
    notices: list[str] = []
    articles = with_source_names(
        collect_articles(sources, progress=progress, warn=notices.append, encoding=encoding), load_source_names()
    )
    stories = cache_dir() / "stories" if use_cache else None
    if semantic and stories is not None:
        story = cached_story(articles, cache_dir=stories, backend=DEFAULT_ENCODER, progress=progress)
        if story is not None:
            return Analysis(story, tuple(notices))
    encoder = None
    if semantic:
        if progress:
            progress("Loading the sentence encoder", 0.0)
        encoder = load_encoder(DEFAULT_ENCODER)
        if encoder is None and say_fallback:
            notices.append(SEMANTIC_MISSING)
    story = analyze(articles, progress=progress, cache_dir=stories, encoder=encoder)
    return Analysis(story, tuple(notices))
