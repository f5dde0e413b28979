"""The pipeline: sources in, one ``Story`` out.

Each step lives in its own module (load → segment → quotes → cluster →
wording differences → coverage); this module only wires them together and
decides each claim's reach, so every front end gets the same answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from newsdiff.engine.cache import StoryCache
from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.coverage import article_coverage
from newsdiff.engine.diff import compare_wording
from newsdiff.engine.errors import InputError
from newsdiff.engine.load import article_from_text, load_paths
from newsdiff.engine.model import Article, Claim, Passage, Reach, Story
from newsdiff.engine.quotes import find_quotes
from newsdiff.engine.segment import segment
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.summary import representative, summary_of

Progress = Callable[[str, float], None]
"""Called with a short message and the share of the work done (0..1)."""


def analyze(
    sources: Iterable[str | Path | Article],
    *,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    encoder: Encoder | None = None,
) -> Story:
    """Analyse several articles about one event.

    ``sources`` mixes paths (files or story folders), ``Article`` objects
    and raw article texts: a ``Path`` is always a path, a ``str`` is a path
    when it names an existing file or folder and article text otherwise.
    Raises ``InputError`` (one line for the user) for unusable input.
    With ``cache_dir``, a story analysed before is read back instead of
    matched again (see ``engine.cache``). With a sentence ``encoder``
    (``engine.semantic.load_encoder``) the matcher also weighs sentence
    vectors.
    """
    report = progress or _silent
    articles = _collect(list(sources), report)
    if cache_dir is None:
        return _analyze_articles(articles, report, encoder)
    cache = StoryCache(cache_dir)
    key = cache.key(articles, backend=encoder.name if encoder else "lexical")
    story = cache.get(key)
    if story is not None:
        report("Done (from cache)", 1.0)
        return story
    story = _analyze_articles(articles, report, encoder)
    cache.put(key, story)
    return story


def _analyze_articles(articles: list[Article], report: Progress, encoder: Encoder | None) -> Story:
    report("Splitting sentences", 0.1)
    passages = tuple(_with_quotes(a, p) for a in articles for p in segment(a))
    report("Matching passages", 0.2)
    groups = cluster_passages(
        passages,
        progress=lambda share: report("Matching passages", 0.2 + 0.6 * share),
        encoder=encoder,
    )
    report("Comparing wording", 0.8)
    sources = {a.id: a.source for a in articles}
    taken: set[str] = set()
    claims = tuple(_claim(n, group, sources, taken) for n, group in enumerate(groups, start=1))
    coverage = article_coverage(articles, passages, claims)
    report("Done", 1.0)
    return Story(articles=tuple(articles), passages=passages, claims=claims, coverage=coverage)


def _silent(message: str, share: float) -> None:
    """The default progress callback: analysis is quiet unless asked."""


def _collect(sources: list[str | Path | Article], report: Progress) -> list[Article]:
    """Turn the mixed sources into articles with unique ids, in the given order."""
    if not sources:
        raise InputError("no articles given")
    articles: list[Article] = []
    paths: list[str | Path] = []

    def flush() -> None:
        if paths:
            articles.extend(load_paths(paths, progress=lambda message: report(message, 0.0)))
            paths.clear()

    for source in sources:
        if isinstance(source, Article):
            flush()
            articles.append(source)
        elif isinstance(source, Path) or Path(source).exists():
            paths.append(source)
        else:
            flush()
            articles.append(article_from_text(source, article_id=f"text{len(articles) + 1}"))
    flush()
    ids = [a.id for a in articles]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(f"two articles share the id {duplicates[0]!r}: give each a distinct name")
    return articles


def _with_quotes(article: Article, passage: Passage) -> Passage:
    if not passage.is_content:
        return passage
    return dataclasses.replace(passage, quotes=find_quotes(article.text, passage.start, passage.end))


def _claim(number: int, group: tuple[Passage, ...], sources: Mapping[str, str], taken: set[str]) -> Claim:
    """Build one claim from a group of passages that report the same thing.

    ``sources`` names each article of the story by its source, for flags;
    ``taken`` collects the passages earlier claims are summarised by, so two
    claims that share a passage get different summaries where they can.
    """
    article_ids = tuple(dict.fromkeys(p.article_id for p in group))
    diffs, flags = compare_wording(group, sources)
    chosen = representative(group, taken)
    if chosen is not None:
        taken.add(chosen.id)
    return Claim(
        id=f"K{number}",
        summary=summary_of(chosen) if chosen is not None else "",
        passage_ids=tuple(p.id for p in group),
        article_ids=article_ids,
        reach=reach_for(len(article_ids), len(sources)),
        diffs=diffs,
        flags=flags,
    )


def reach_for(source_count: int, article_count: int) -> Reach:
    """All / some / one: "all" needs at least two articles to mean anything."""
    if source_count <= 1:
        return Reach.ONE
    if source_count >= article_count:
        return Reach.ALL
    return Reach.SOME
