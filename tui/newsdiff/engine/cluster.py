"""Group passages of different articles that report the same claim.

The unit of matching is a passage or, for a sentence that reports two
things, each of its clauses (``clauses.clause_spans``), so such a sentence
can join two claims. Units of different articles are linked when
``Matcher.decide`` says they report the same claim: the very decision that
``similarity.same_claim`` makes (with the story's encoder, if it has one).

Plain connected components over these links would chain unrelated claims
through one ambiguous sentence, so groups grow by merging, strongest link
first, only when most cross-article pairs of the two groups are linked
themselves (``MIN_LINKED_SHARE``): a group is a dense cluster, not a chain.

Scale: identical texts (wire copy) are matched once, and only pairs that
share informative words are scored. An inverted index maps each text's
``MAX_KEYS`` rarest words (never stopwords, never words in more than
``MAX_KEY_SHARE`` of the passages) to the texts that hold them; a text is
compared with the ``MAX_CANDIDATES`` texts that share the most such words
with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdiff.engine.clauses import clause_spans
from newsdiff.engine.model import Passage
from newsdiff.engine.similarity import Matcher, Profile

if TYPE_CHECKING:
    from newsdiff.engine.semantic import Encoder

MIN_LINKED_SHARE = 0.5
"""Share of cross-article unit pairs of two groups that must be linked to merge them."""
MAX_CANDIDATES = 40
"""Texts scored against one text, those sharing the most rare words first."""
MAX_KEYS = 8
"""A unit is found through its rarest words only (prefix filtering)."""
MAX_KEY_SHARE = 0.3
"""Words in more than this share of the passages are not used to find candidates."""
MAX_CLAIMS_PER_PASSAGE = 3
"""A sentence rarely reports more than a few separate things."""


@dataclass(frozen=True, slots=True)
class _Unit:
    """A passage or one clause of it: what gets matched."""

    passage: int
    article: str
    text: str


@dataclass
class _Node:
    """One distinct unit text, wherever it occurs (wire copy repeats sentences)."""

    text: str
    units: list[int]
    articles: set[str]

    @property
    def only_article(self) -> str | None:
        """The article, when the text occurs in one article only."""
        return next(iter(self.articles)) if len(self.articles) == 1 else None


def cluster_passages(
    passages: Sequence[Passage],
    progress: Callable[[float], None] | None = None,
    *,
    encoder: Encoder | None = None,
) -> list[tuple[Passage, ...]]:
    """Groups of content passages, one per claim, in story order.

    Every content passage is in at least one group (alone, if no other
    source reports its claim); boilerplate is in none. With a sentence
    ``encoder`` the same-claim decision also weighs sentence vectors.
    """
    report = progress or _ignore
    content = [p for p in passages if p.is_content]
    units = _units(content)
    nodes = _nodes(units)
    matcher = Matcher((_content_text(p) for p in content), encoder=encoder)
    matcher.embed([n.text for n in nodes])
    profiles = [matcher.profile(n.text) for n in nodes]
    report(0.1)
    links = _links(nodes, profiles, matcher, report)
    clusters = _agglomerate(nodes, links)
    report(0.9)
    unit_clusters = [[u for n in cluster for u in nodes[n].units] for cluster in clusters]
    strength = [sum(links.get((a, b), 0.0) for a in c for b in c if a < b) for c in clusters]
    groups = _passage_groups(unit_clusters, strength, units, len(content))
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


def _nodes(units: list[_Unit]) -> list[_Node]:
    by_text: dict[str, _Node] = {}
    for n, unit in enumerate(units):
        node = by_text.setdefault(unit.text.strip(), _Node(unit.text.strip(), [], set()))
        node.units.append(n)
        node.articles.add(unit.article)
    return list(by_text.values())


def _may_link(a: _Node, b: _Node) -> bool:
    """Whether a link between two texts would be cross-article evidence."""
    return a.only_article is None or a.only_article != b.only_article


def _links(
    nodes: list[_Node], profiles: list[Profile], matcher: Matcher, report: Callable[[float], None]
) -> dict[tuple[int, int], float]:
    """Probabilities of the candidate pairs that the same-claim decision accepts."""
    passages = len({u for n in nodes for u in n.units})
    max_df = max(2, MAX_KEY_SHARE * passages)
    keys = [
        sorted((w for w in p.weights if matcher.document_frequency(w) <= max_df), key=matcher.document_frequency)[
            :MAX_KEYS
        ]
        for p in profiles
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for n, words in enumerate(keys):
        for word in words:
            index[word].append(n)
    links: dict[tuple[int, int], float] = {}
    step = max(1, len(nodes) // 20)
    for n, words in enumerate(keys):
        if n % step == 0:
            report(0.1 + 0.7 * n / max(1, len(nodes)))
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(m for m in index[word] if m > n)
        best = [m for m, _ in shared.most_common()]
        for m in best[:MAX_CANDIDATES]:
            if not _may_link(nodes[n], nodes[m]):
                continue
            probability = matcher.probability(profiles[n], profiles[m])
            if matcher.decide(probability):
                links[(n, m)] = probability
    return links


def _agglomerate(nodes: list[_Node], links: dict[tuple[int, int], float]) -> list[list[int]]:
    """Merge texts into dense clusters, strongest link first; keep cross-article ones."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)
    cluster_of = list(range(len(nodes)))
    members: dict[int, set[int]] = {n: {n} for n in range(len(nodes))}
    for (a, b), _ in sorted(links.items(), key=lambda item: item[1], reverse=True):
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb or not _dense(members[ca], members[cb], nodes, neighbours):
            continue
        keep, gone = (ca, cb) if len(members[ca]) >= len(members[cb]) else (cb, ca)
        for n in members[gone]:
            cluster_of[n] = keep
        members[keep] |= members.pop(gone)
    return [
        sorted(m) for m in members.values() if len({a for n in m for a in nodes[n].articles}) > 1
    ]


def _dense(a: set[int], b: set[int], nodes: list[_Node], neighbours: dict[int, set[int]]) -> bool:
    """Whether most pairs of texts across two clusters that could link do link."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    linked = sum(len(neighbours[x] & large) for x in small)
    alone_a = Counter(nodes[n].only_article for n in a)
    alone_b = Counter(nodes[n].only_article for n in b)
    same = sum(count * alone_b[article] for article, count in alone_a.items() if article is not None)
    pairs = len(a) * len(b) - same
    return pairs > 0 and linked >= MIN_LINKED_SHARE * pairs


def _passage_groups(
    clusters: list[list[int]], strength: list[float], units: list[_Unit], passage_count: int
) -> list[frozenset[int]]:
    """Passage sets of the clusters, each passage in a few claims at most, plus singletons.

    A passage in more clusters than ``MAX_CLAIMS_PER_PASSAGE`` stays in the
    most strongly linked ones; a set left with one article's passages, or
    inside another set, is dropped.
    """
    claims_of: dict[int, list[int]] = defaultdict(list)
    for n in sorted(range(len(clusters)), key=strength.__getitem__, reverse=True):
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
