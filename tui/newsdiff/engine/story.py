"""The pipeline: sources in, one ``Story`` out.

Each step lives in its own module (load → segment → quotes → cluster →
wording differences → coverage); this module only wires them together and
decides each claim's reach, so every front end gets the same answer.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from pathlib import Path

from newsdiff.engine.absence import near_misses
from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.blas import blas_limited
from newsdiff.engine.cache import StoryCache
from newsdiff.engine.cluster import cluster_passages
from newsdiff.engine.collector import collector_paused
from newsdiff.engine.coverage import article_coverage
from newsdiff.engine.decode import Warn
from newsdiff.engine.diff import compare_wording
from newsdiff.engine.errors import InputError
from newsdiff.engine.leaning import leaning_variants
from newsdiff.engine.load import article_from_text, file_number, load_paths
from newsdiff.engine.model import LEXICAL_MATCHER, Article, Claim, Passage, Reach, Story
from newsdiff.engine.pacing import paced
from newsdiff.engine.quotes import find_quotes
from newsdiff.engine.segment import segment
from newsdiff.engine.semantic import Encoder, EncoderLoad
from newsdiff.engine.similarity import Matcher
from newsdiff.engine.statement import Variant
from newsdiff.engine.summary import representative, summary_of

MAX_ARTICLE_PASSAGES = 40_000
"""Most passages (sentences, headlines, lines) analysed in one article. Each costs about the same
whatever its length, so ``load.MAX_ARTICLE_CHARS`` alone does not bound the work: 2 million characters
of prose are 17,000 to 26,000 passages, but of one-word lines 330,000 (0.5 MB of them took 87 s)."""

Progress = Callable[[str, float], None]
"""Called with a short message and the share of the work done (0..1)."""
Split = Callable[[tuple[Article, ...], tuple[Passage, ...]], None]
"""Called once with the articles and their passages as soon as they are split, before the matching (most of
the work) starts: a front end shows the text, unpainted, meanwhile. The passages have the ids, spans and kinds
of the story's; only their quotes are still to be found."""


def analyze(
    sources: Iterable[str | Path | Article],
    *,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    encoder: Encoder | EncoderLoad | None = None,
    on_split: Split | None = None,
) -> Story:
    """Analyse several articles about one event.

    ``sources`` mixes paths (files or story folders), ``Article`` objects
    and raw article texts: a ``Path`` is always a path, a ``str`` is a path
    when it names an existing file or folder and article text otherwise.
    Raises ``InputError`` (one line for the user) for unusable input.
    With ``cache_dir``, a story analysed before is read back instead of
    matched again (see ``engine.cache``). With a sentence ``encoder``
    (``engine.semantic.load_encoder``) the matcher also weighs sentence
    vectors; an ``EncoderLoad`` still loading is waited for once the
    articles are split, and matching is lexical if it gives no encoder.
    ``on_split`` hears of the passages before matching (``Split``); a story
    read from the cache is not split, so it does not hear of it.
    """
    report = progress or _silent
    articles = collect_articles(sources, progress=report)
    if cache_dir is None:
        return _analyze_articles(articles, report, encoder, on_split)
    cache = StoryCache(cache_dir)
    key = cache.key(articles, backend=encoder.name if encoder else LEXICAL_MATCHER)
    story = _from_cache(cache, key, report)
    if story is not None:
        return story
    story = _analyze_articles(articles, report, encoder, on_split)
    cache.put(cache.key(articles, backend=story.matcher), story)
    return story


def cached_story(
    articles: Sequence[Article],
    *,
    cache_dir: Path,
    backend: str,
    progress: Progress | None = None,
) -> Story | None:
    """The story ``analyze`` cached for ``articles`` and ``backend``, or ``None``.

    ``backend`` is the name of the encoder the story was matched with
    (``Encoder.name``) or ``LEXICAL_MATCHER``. It lets a front end look a
    story up before loading a sentence encoder, which costs about a second
    and 100 MB and is wasted when no matching will run.
    """
    cache = StoryCache(cache_dir)
    return _from_cache(cache, cache.key(articles, backend=backend), progress or _silent)


def _from_cache(cache: StoryCache, key: str, report: Progress) -> Story | None:
    story = cache.get(key)
    if story is not None:
        report("Done (from cache)", 1.0)
    return story


def _analyze_articles(
    articles: list[Article], report: Progress, encoder: Encoder | EncoderLoad | None, on_split: Split | None = None
) -> Story:
    with collector_paused(), blas_limited() if encoder is not None else nullcontext():
        return _matched_story(articles, report, encoder, on_split)


def _matched_story(
    articles: list[Article], report: Progress, encoder: Encoder | EncoderLoad | None, on_split: Split | None = None
) -> Story:
    split: list[tuple[Article, Passage]] = []
    for number, article in enumerate(articles):
        report("Splitting sentences", 0.1 + 0.05 * number / len(articles))
        found = segment(article)
        if len(found) > MAX_ARTICLE_PASSAGES:
            raise InputError(
                f"{article.path or article.id}: too many passages to analyse "
                f"({len(found):,}; the limit is {MAX_ARTICLE_PASSAGES:,})"
            )
        split.extend((article, passage) for passage in found)
    if on_split is not None:
        on_split(tuple(articles), tuple(passage for _, passage in split))
    quoting = paced(split, lambda share: report("Finding quotes", 0.15 + 0.05 * share), 0.0, 1.0)
    passages = tuple(_with_quotes(article, passage) for article, passage in quoting)
    if isinstance(encoder, EncoderLoad):
        report("Loading the sentence encoder", 0.2)
        encoder = encoder.result()
    report("Matching passages", 0.2)
    # One matcher for the clustering and the absence search: its profiles and vectors are made once.
    matcher = Matcher((p.content_text for p in passages if p.is_content), encoder=encoder)
    # One prior too: the absence search weighs a passage's closeness to a claim as the clustering weighed links.
    prior = ArticlePrior(articles)
    # What each sentence whose subject is a pronoun is about: for the clustering's contrast veto and the flags.
    leaning = leaning_variants(passages)
    groups = cluster_passages(
        passages,
        progress=lambda share: report("Matching passages", 0.2 + 0.6 * share),
        encoder=encoder,
        prior=prior,
        matcher=matcher,
        leaning=leaning,
    )
    matcher.keep_profiles(p.content_text for p in passages if p.is_content)
    prior.forget_pairs()
    report("Comparing wording", 0.8)
    sources = {a.id: a.source for a in articles}
    taken: set[str] = set()
    comparing = paced(groups, lambda share: report("Comparing wording", 0.8 + 0.1 * share), 0.0, 1.0)
    claims = tuple(_claim(n, group, sources, taken, leaning) for n, group in enumerate(comparing, start=1))
    coverage = article_coverage(articles, passages, claims)
    report("Looking for what each article leaves out", 0.9)
    misses = near_misses(
        [a.id for a in articles],
        passages,
        claims,
        matcher,
        report=lambda share: report("Looking for what each article leaves out", 0.9 + 0.1 * share),
        prior=prior,
    )
    # The profiles go before the story's tables are built: with 1,000 articles both are hundreds of MB.
    del matcher
    report("Done", 1.0)
    return Story(
        articles=tuple(articles),
        passages=passages,
        claims=claims,
        coverage=coverage,
        matcher=encoder.name if encoder else LEXICAL_MATCHER,
        near_misses=misses,
    )


def _silent(message: str, share: float) -> None:
    """The default progress callback: analysis is quiet unless asked."""


def collect_articles(
    sources: Iterable[str | Path | Article],
    *,
    progress: Progress | None = None,
    warn: Warn | None = None,
    encoding: str | None = None,
) -> list[Article]:
    """Turn the mixed sources into articles with unique ids, in the given order.

    ``analyze`` reads its sources with this; it is public so a front end can
    read the articles once, look them up with ``cached_story`` and pass the
    same ``Article`` objects on to ``analyze``. Raises ``InputError``; with
    ``warn``, an unusable file in a folder is left out and reported there
    instead, and a guessed encoding is reported; ``encoding`` replaces the
    guess (see ``load_paths``).
    """
    sources = list(sources)
    report = progress or _silent
    if not sources:
        raise InputError("no articles given")
    articles: list[Article] = []
    paths: list[str | Path] = []

    def flush() -> None:
        if paths:
            articles.extend(
                load_paths(paths, progress=lambda message: report(message, 0.0), warn=warn, encoding=encoding)
            )
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
    return _distinct_sources(articles)


def _distinct_sources(articles: list[Article]) -> list[Article]:
    """The articles, those sharing a source name told apart by their file's number or by a count.

    Flags, claims and exports name articles by source; two articles under
    one name (two stories of one outlet, files named only by number) would
    be told apart nowhere. When the files of one name carry distinct
    numbers, those name them ("Art 104" is ``art_104.txt``), so a reader can
    find the file; otherwise they are counted ("Reuters (1)", "Reuters (2)").
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        groups[article.source].append(index)
    result = list(articles)
    for source, members in groups.items():
        if len(members) < 2:
            continue
        numbers = [file_number(Path(path).stem) if (path := articles[i].path) else "" for i in members]
        by_file = all(numbers) and len(set(numbers)) == len(numbers)
        for count, (index, number) in enumerate(zip(members, numbers, strict=True), start=1):
            label = f"{source} {number}" if by_file else f"{source} ({count})"
            result[index] = dataclasses.replace(articles[index], source=label)
    return result


def _with_quotes(article: Article, passage: Passage) -> Passage:
    if not passage.is_content:
        return passage
    return dataclasses.replace(passage, quotes=find_quotes(article.text, passage.start, passage.end))


def _claim(
    number: int,
    group: tuple[Passage, ...],
    sources: Mapping[str, str],
    taken: set[str],
    leaning: Mapping[str, frozenset[Variant]],
) -> Claim:
    """Build one claim from a group of passages that report the same thing.

    ``sources`` names each article of the story by its source, for flags;
    ``taken`` collects the summaries of earlier claims, so two claims that
    share a passage (or a sentence an article repeats) get different
    summaries where they can; ``leaning`` gives what a passage whose subject
    is a pronoun is about (``leaning.leaning_variants``), for its flags.
    """
    article_ids = tuple(dict.fromkeys(p.article_id for p in group))
    diffs, flags = compare_wording(group, sources, leaning)
    chosen = representative(group, taken)
    summary = summary_of(chosen) if chosen is not None else ""
    taken.add(summary)
    return Claim(
        id=f"K{number}",
        summary=summary,
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
