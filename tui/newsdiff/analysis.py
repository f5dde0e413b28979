"""How every front end runs the engine: with the user's cache and chosen matcher.

The CLI and the app must give the same story for the same articles, so
both come through ``run_analysis``: it loads the optional sentence encoder
when asked (falling back to the lexical matcher with a one-line notice when
the ``semantic`` extra is not installed) and keeps analyses in the user cache
folder, so reopening a story does no matching work. The encoder (about a
second and 100 MB) is loaded only when the cache has no story matched with
it, since a cached story needs no matching, and then in a background thread
while the engine splits the articles (``semantic.EncoderLoad``). Its
sentence vectors are kept in the user cache too (``engine.vector_cache``),
so a sentence met in an earlier story is not embedded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsdiff.engine.blas import blas_limited
from newsdiff.engine.errors import InputError
from newsdiff.engine.model import Article, Story
from newsdiff.engine.pile_terms import headline_of
from newsdiff.engine.semantic import DEFAULT_ENCODER, EncoderLoad, load_encoder
from newsdiff.engine.stories import PileStory, group_stories
from newsdiff.engine.story import Progress, Split, analyze, cached_story, collect_articles
from newsdiff.store.paths import cache_dir
from newsdiff.store.source_names import load_source_names, with_source_names

ENCODER_MAX_CHARACTERS = 500_000
"""Text beyond which the encoder is not used. Its neighbourhoods compare every sentence with every other: an
article at the 2,000,000-character limit took 89 s and 7.1 GB with it (the limit promises a minute and 1 GB);
200 real web articles (482,731 characters, 4,300 sentences) took 53 s and 801 MB on a shared machine, and since BLAS
runs on one thread (``engine.blas``) 33 s of CPU and 558 MB."""

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
    on_split: Split | None = None,
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
    reader who asked for the encoder by name (``--semantic``). ``on_split``
    hears of the passages before matching starts (``engine.story.Split``).
    """
    notices: list[str] = []
    articles = with_source_names(
        collect_articles(sources, progress=progress, warn=notices.append, encoding=encoding), load_source_names()
    )
    size = sum(len(article.text) - article.body_start for article in articles)
    if semantic and size > ENCODER_MAX_CHARACTERS:
        notices.append(
            f"the story has {size:,} characters of text; the sentence encoder is used up to "
            f"{ENCODER_MAX_CHARACTERS:,} (its memory grows with the square of the sentences): "
            "matched with the lexical matcher"
        )
        semantic = False
    stories = cache_dir() / "stories" if use_cache else None
    if semantic and stories is not None:
        story = cached_story(articles, cache_dir=stories, backend=DEFAULT_ENCODER, progress=progress)
        if story is not None:
            return Analysis(story, tuple(notices))
    if not semantic:
        return Analysis(analyze(articles, progress=progress, cache_dir=stories, on_split=on_split), tuple(notices))
    vectors = cache_dir() / "vectors" if use_cache else None
    with blas_limited():
        load = EncoderLoad(DEFAULT_ENCODER, partial(load_encoder, vector_folder=vectors))
        story = analyze(articles, progress=progress, cache_dir=stories, encoder=load, on_split=on_split)
        encoder = load.result()
    if encoder is None and say_fallback:
        notices.append(SEMANTIC_MISSING)
    if encoder is not None:
        encoder.save()
    return Analysis(story, tuple(notices))


def sort_pile(
    articles: Sequence[Article], *, as_one_story: bool = False, progress: Progress | None = None
) -> tuple[PileStory, ...]:
    """The stories of the given articles (``engine.stories``); with ``as_one_story``, all of them as one."""
    if as_one_story:
        return (one_story(articles),)
    return group_stories(articles, progress=progress)


def one_story(articles: Sequence[Article]) -> PileStory:
    """Every article as one story, as a folder about one event is read."""
    return PileStory(
        id=1,
        title=headline_of(articles[0]) if articles else "",
        articles=tuple(articles),
        sources=tuple(dict.fromkeys(a.source for a in articles)),
    )


def pick_story(stories: Sequence[PileStory], story_id: int | None, *, shown: str) -> PileStory:
    """The story a front end reads: the only one, or the one ``story_id`` names; ``InputError`` otherwise.

    ``shown`` names the input in the message ("the 3 paths given"). A pile of
    several stories without an id is refused with the list of its biggest
    stories and how to pick one, since analysing unrelated articles as one
    story buries every claim under the others'.
    """
    if story_id is None:
        if len(stories) == 1:
            return stories[0]
        listed = "; ".join(f"{s.id}: {_short(s.title)} ({_articles(len(s.articles))})" for s in stories[:5])
        more = f"; and {len(stories) - 5} more" if len(stories) > 5 else ""
        raise InputError(
            f"{shown} hold {len(stories)} stories ({listed}{more}). Pick one with --story ID "
            f"(all are listed by 'newsdiff stories'), or read every article as one story with --as-one-story"
        )
    for story in stories:
        if story.id == story_id:
            return story
    raise InputError(
        f"no story {story_id}: {shown} hold {len(stories)} (ids 1 to {len(stories)}; see 'newsdiff stories')"
    )


def _short(title: str, limit: int = 50) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"
