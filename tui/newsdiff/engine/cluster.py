"""Group passages of different articles that report the same claim.

The unit of matching is a passage or, for a sentence that reports two
things, each of its clauses (``clauses.clause_spans``), so such a sentence
can join two claims. Units of different articles are linked when
``Matcher.decide`` says they report the same claim: the very decision that
``similarity.same_claim`` makes, with word weights from this story.

Plain connected components over these links would chain unrelated claims
through one ambiguous sentence, so groups grow by merging, strongest link
first, only when most cross-article pairs of the two groups are linked
themselves (``MIN_LINKED_SHARE``): a group is a dense cluster, not a chain.

Scale: only pairs that share informative words are scored. An inverted
index maps each word that is neither a stopword nor in most of the story's
passages to the units that hold it; a unit is compared with the
``MAX_CANDIDATES`` units of other articles that share the most word weight
with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdiff.engine.clauses import clause_spans
from newsdiff.engine.model import Passage
from newsdiff.engine.similarity import Matcher, Profile

MIN_LINKED_SHARE = 0.5
"""Share of cross-article unit pairs of two groups that must be linked to merge them."""
MAX_CANDIDATES = 40
"""Units of other articles scored against one unit, best shared weight first."""
MAX_KEY_SHARE = 0.3
"""Words in more than this share of the passages are not used to find candidates."""
MIN_SHARED_WEIGHT = 0.5
"""Shared word weight (see ``Matcher.weight``) two units need to be scored at all."""
MAX_CLAIMS_PER_PASSAGE = 3
"""A sentence rarely reports more than a few separate things."""


@dataclass(frozen=True, slots=True)
class _Unit:
    """A passage or one clause of it: what gets matched."""

    passage: int
    article: str
    text: str


def cluster_passages(
    passages: Sequence[Passage],
    progress: Callable[[float], None] | None = None,
) -> list[tuple[Passage, ...]]:
    """Groups of content passages, one per claim, in story order.

    Every content passage is in at least one group (alone, if no other
    source reports its claim); boilerplate is in none.
    """
    report = progress or _ignore
    content = [p for p in passages if p.is_content]
    units = _units(content)
    matcher = Matcher(_content_text(p) for p in content)
    profiles = [matcher.profile(u.text) for u in units]
    report(0.1)
    links = _links(units, profiles, matcher, report)
    clusters = _agglomerate(units, links)
    report(0.9)
    groups = _passage_groups(clusters, units, links, len(content))
    order = {p.id: n for n, p in enumerate(content)}
    result = [tuple(content[i] for i in sorted(g)) for g in groups]
    result.sort(key=lambda g: order[g[0].id])
    report(1.0)
    return result


def _ignore(share: float) -> None:
    """The default progress callback: clustering is quiet unless asked."""


def _content_text(passage: Passage) -> str:
    start = passage.content_start if passage.content_start is not None else passage.start
    return passage.text[max(0, start - passage.start):]


def _units(content: list[Passage]) -> list[_Unit]:
    units: list[_Unit] = []
    for index, passage in enumerate(content):
        text = _content_text(passage)
        units.append(_Unit(index, passage.article_id, text))
        spans = clause_spans(text)
        if len(spans) > 1:
            units.extend(_Unit(index, passage.article_id, text[a:b]) for a, b in spans)
    return units


def _links(
    units: list[_Unit], profiles: list[Profile], matcher: Matcher, report: Callable[[float], None]
) -> dict[tuple[int, int], float]:
    """Probabilities of the candidate pairs that the same-claim decision accepts."""
    passages = len({u.passage for u in units})
    max_df = max(2, MAX_KEY_SHARE * passages)
    index: dict[str, list[int]] = defaultdict(list)
    for n, profile in enumerate(profiles):
        for norm in profile.weights:
            if matcher.document_frequency(norm) <= max_df:
                index[norm].append(n)
    links: dict[tuple[int, int], float] = {}
    step = max(1, len(units) // 20)
    for n, profile in enumerate(profiles):
        if n % step == 0:
            report(0.1 + 0.7 * n / max(1, len(units)))
        shared: dict[int, float] = defaultdict(float)
        for norm, weight in profile.weights.items():
            for m in index.get(norm, ()):
                if m > n and units[m].article != units[n].article:
                    shared[m] += weight
        best = sorted((m for m, w in shared.items() if w >= MIN_SHARED_WEIGHT), key=shared.__getitem__, reverse=True)
        for m in best[:MAX_CANDIDATES]:
            probability = matcher.probability(profile, profiles[m])
            if matcher.decide(probability):
                links[(n, m)] = probability
    return links


def _agglomerate(units: list[_Unit], links: dict[tuple[int, int], float]) -> list[list[int]]:
    """Merge units into dense clusters, strongest link first."""
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {n: [n] for n in range(len(units))}
    for (a, b), _ in sorted(links.items(), key=lambda item: item[1], reverse=True):
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not _dense(members[ca], members[cb], units, links):
            continue
        keep, gone = (ca, cb) if len(members[ca]) >= len(members[cb]) else (cb, ca)
        for n in members[gone]:
            cluster_of[n] = keep
        members[keep].extend(members.pop(gone))
    return [m for m in members.values() if len({units[n].article for n in m}) > 1]


def _dense(a: list[int], b: list[int], units: list[_Unit], links: dict[tuple[int, int], float]) -> bool:
    pairs = linked = 0
    for x in a:
        for y in b:
            if units[x].article == units[y].article:
                continue
            pairs += 1
            if (min(x, y), max(x, y)) in links:
                linked += 1
    return pairs > 0 and linked >= MIN_LINKED_SHARE * pairs


def _passage_groups(
    clusters: list[list[int]], units: list[_Unit], links: dict[tuple[int, int], float], passage_count: int
) -> list[frozenset[int]]:
    """Passage sets of the clusters, each passage in a few claims at most, plus singletons.

    A passage in more clusters than ``MAX_CLAIMS_PER_PASSAGE`` stays in the
    most strongly linked ones; a set left with one article's passages, or
    inside another set, is dropped.
    """
    cluster_of = {u: n for n, cluster in enumerate(clusters) for u in cluster}
    strength: dict[int, float] = defaultdict(float)
    for (a, b), probability in links.items():
        if a in cluster_of and cluster_of[a] == cluster_of.get(b):
            strength[cluster_of[a]] += probability
    claims_of: dict[int, list[int]] = defaultdict(list)
    for n in sorted(range(len(clusters)), key=lambda n: strength[n], reverse=True):
        for passage in sorted({units[u].passage for u in clusters[n]}):
            claims_of[passage].append(n)
    groups: dict[int, set[int]] = defaultdict(set)
    for passage, ns in claims_of.items():
        for n in ns[:MAX_CLAIMS_PER_PASSAGE]:
            groups[n].add(passage)
    article_of = {u.passage: u.article for u in units}
    sets = sorted(
        {frozenset(g) for g in groups.values() if len({article_of[p] for p in g}) > 1},
        key=len,
        reverse=True,
    )
    kept: list[frozenset[int]] = []
    for group in sets:
        if not any(group <= other for other in kept):
            kept.append(group)
    placed = set().union(*kept)
    kept.extend(frozenset({p}) for p in range(passage_count) if p not in placed)
    return kept
