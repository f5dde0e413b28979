"""Is a claim really absent from an article, or did the matcher only miss it?

"✗ not found in: etonline.com" is a statement a fact-checker acts on, and a
matcher that misses a paraphrase would make it false. So after the
clustering, every article a claim leaves out is searched for the passage
closest to the claim. The absence is *confident* only when that passage is
far from every passage of the claim: the pair model's probability below
``PROBABILITY_FLOOR`` and, with the sentence encoder, the cosine below
``COSINE_FLOOR``. Otherwise the claim is "no match found" in that article,
and the closest passage goes with it (``NearMiss``) so the reader can look.

The closest passage is searched where it can be: among the passages of the
article that share the most of the claim passage's rarer words (a word in
more than ``MAX_WORD_SHARE`` of the story's passages, and more than twice
per article, says nothing about which passage reports what), and, with the encoder, the passage of highest
cosine. A passage that shares none of those words and, with the encoder,
is not close in meaning cannot score above the floors (see the README's
figures on ECB+ stories), so it is never scored: that keeps the search to a
few pair scores per passage and article.

In a pile (a folder that mixes events) most articles a claim leaves out
report another event. Their closest passage is a generic line of that event
("police said the investigation continues"), and the pair model, which
tells one claim from two within one event, cannot tell it from the claim.
So the search weighs as the clustering does (``cluster._Decision``, the
story's one ``ArticlePrior``): P(claim) = P(claim | one event) x P(one
event), the chance of one event being the highest over the claim's
articles. A passage is near when that weighed probability reaches the floor,
an exact bound: the pair model is asked with the floor divided by the
chance (``Matcher.model_probability`` cuts short a pair that cannot reach
it), and an article whose chance is below the floor (where even a sure pair
could not) is not searched at all. The encoder's cosine counts only from
``SAME_EVENT_FOR_COSINE``. "Not found in" stays true: an article about
another event does not report the claim, and says so with confidence. In 200
ECB+ web articles of 18 events, this searched a fifth of the pairs and left
16,000 of 144,000 lexical near misses (all but 209 of those gone in articles of
another event by the corpus's labels; the 10 of those 209 read by hand were
other facts). Where the folder is one event (every pair's chance is 1: the
seeds, 24 of the 25 ECB+ events) nothing changes.

The search reuses the clustering's ``Matcher``: its profiles (and sentence
vectors) of the passages are already made, so nothing is profiled or
embedded twice. It runs 64 claims at a time, with the candidates of their
passages counted over numpy arrays and forgotten once the claims are done:
keeping every passage's candidates in every article at once took more
memory than the rest of the analysis (about 250 bytes for each passage
and article, 5 GB for 1,000 articles).

Most pairs asked are in articles of another event, at a high cut, and
cannot reach it. So the pairs of those 64 claims get one bound of the pair
model's log-odds each, all at once (``SettledMatcher.log_odds_bounds``:
set intersections and one rapidfuzz call), and only a pair whose bound may
reach its cut is scored in full; an article's pairs are scored highest
bound first, and once it has a near passage the next pair must be able to
beat it (only the closest is reported). The near misses are exactly those
of scoring every pair in full (``tests/engine/test_settled_matcher.py``
checks the bound; ``tests/benchmarks/absence.py --record/--check`` the
answers). In real-200 (lexical), of 114,000 pairs asked, 37,500 may reach
their cut and 29,500 are scored in full (107,000 were, each cut short by
its leading features alone); on the project's shared 2-core machine the
search alone took 2.0-2.2 s CPU before and 1.1-1.3 s after, measured
alternately at a load of 3-5 (the README's performance section has the
whole analysis).
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.model import Claim, NearMiss, Passage
from newsdiff.engine.pacing import ShareReport, ignore_share, paced
from newsdiff.engine.similarity import Matcher, Profile, SettledMatcher, least_bound

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

PROBABILITY_FLOOR = 0.1
"""With the encoder: below this pair-model probability (and ``COSINE_FLOOR``) no passage is near the claim."""
COSINE_FLOOR = 0.45
"""Below this encoder cosine (and ``PROBABILITY_FLOOR``) no passage of the article is near the claim.

Every cross-source pair of the seed gold reaches it (the lowest: 0.469, a
translated quote); ``tests/benchmarks/absence.py`` has the figures."""
LEXICAL_PROBABILITY_FLOOR = 0.02
"""Without the encoder, the only evidence is the pair model, whose probability for a loose paraphrase
(a translated quote of the seed gold) falls to 0.018: so the floor is low, and most absences are "no match found"."""
SAME_EVENT_FOR_COSINE = 0.5
"""The chance of one event (``article_prior``) from which the encoder's cosine alone makes a passage near.

A cosine of 0.45 says two sentences read alike, not that they report one
fact: between generic lines of two events ("police said the investigation
continues") it is common. Within one event that is the evidence the
pair model may have missed, a paraphrase; across events it is not. So the
cosine counts where the claim's articles and the passage's are at least at
even odds of one event; elsewhere only the pair model's probability does,
weighed by that chance. Must not be below ``PROBABILITY_FLOOR``: an article
below both cannot be near, and is not searched."""
SHARING_PER_PASSAGE = 2
"""Candidates kept per passage and article by shared rarer words."""
SCORED_PER_ARTICLE = 2
"""Pairs scored per claim and article by shared words: each from a passage of the claim, those sharing most."""
MAX_WORD_SHARE = 0.3
"""Words in more of the story's passages than this share are not used to find the closest passage."""


@dataclass(frozen=True, slots=True)
class _Closest:
    """The passage of one article closest to one passage of a claim.

    ``probability`` is the pair model's weighed by the chance that the
    article reports the claim's event; ``cosine_counts`` says whether the
    encoder's cosine alone may make the passage near (``SAME_EVENT_FOR_COSINE``).
    """

    passage_id: str
    probability: float
    cosine: float | None
    cosine_counts: bool = True
    order: int = 0
    """The pair's place among those asked of the article: of two pairs alike in all else, the first is closer."""

    def beats(self, other: _Closest | None) -> bool:
        """Closer than ``other``: a near passage before one that is not (a high cosine can come with a low
        probability), then the higher probability, then the higher cosine, then the pair asked first."""
        return other is None or self._rank > other._rank

    @property
    def _rank(self) -> tuple[bool, float, float, int]:
        return (self.near, self.probability, self.cosine or 0.0, -self.order)

    @property
    def near(self) -> bool:
        if self.cosine is None:
            return self.probability >= LEXICAL_PROBABILITY_FLOOR
        return self.probability >= PROBABILITY_FLOOR or (self.cosine_counts and self.cosine >= COSINE_FLOOR)


def near_misses(
    article_ids: Sequence[str],
    passages: Sequence[Passage],
    claims: Sequence[Claim],
    matcher: Matcher,
    report: ShareReport = ignore_share,
    prior: ArticlePrior | None = None,
) -> tuple[NearMiss, ...]:
    """For every claim and every article it leaves out, the article's closest passage when it is near the claim.

    Claims and articles not listed have a confident absence. ``matcher``
    must be the one the claims were matched with (the clustering's, with
    its encoder), so the probabilities are the very ones the clustering
    compared with its threshold, and its profiles are reused.

    Candidates are found per passage (cheap: shared words, cosines), but
    scored per claim and article: the ``SCORED_PER_ARTICLE`` pairs sharing
    the most rarer words and, with the encoder, the pair of highest cosine,
    over all the claim's passages. A claim of many passages thus costs a few
    pair scores per article, not a few per passage and article. ``report``
    hears the share done from inside every loop (``pacing``), and may raise to stop.

    ``prior`` must be the clustering's too (``story`` makes one): each
    probability is weighed by the chance that the article reports the
    claim's event, and articles where no passage could be near are not
    searched (see the module's docstring). Without it every article is
    taken to report the claim's event.
    """
    content = [p for p in passages if p.is_content]
    if len(article_ids) < 2 or not content:
        return ()
    texts = [p.content_text for p in content]
    profiles = [matcher.profile(text) for text in paced(texts, report, 0.0, 0.1)]
    search = _Search(content, profiles, article_ids)
    settled = SettledMatcher(matcher, profiles)
    encoded = search.encoded
    floor = PROBABILITY_FLOOR if encoded else LEXICAL_PROBABILITY_FLOOR
    likely = None if prior is None else prior.likely_pairs(article_ids, floor)
    column = {article_id: a for a, article_id in enumerate(article_ids)}
    position = {p.id: n for n, p in enumerate(content)}
    misses: list[NearMiss] = []
    rounded: dict[float, float] = {}
    claims_paced = paced(claims, report, 0.1, 1.0)
    while chunk := list(islice(claims_paced, _CLAIMS_AT_ONCE)):
        sames = [
            _same_event(likely, [column[a] for a in c.article_ids if a in column], len(article_ids)) for c in chunk
        ]
        # Below the floor's chance even a sure pair (probability 1) is not near, nor is the cosine evidence.
        listed = search.candidates(
            [
                ([position[passage_id] for passage_id in claim.passage_ids], claim.article_ids, same >= floor)
                for claim, same in zip(chunk, sames, strict=True)
            ]
        )
        asked = [
            _Asked.of(claim, found, [float(same[column[article]]) for article, _ in found], search, floor)
            for claim, same, found in zip(chunk, sames, listed, strict=True)
        ]
        pairs = [pair for one in asked for pair in one.pairs]
        # One bound for all the pairs of many claims: most pairs cannot reach their cut, and are not scored.
        bounds = settled.log_odds_bounds(
            [n for _, n, _, _ in pairs],
            [m for _, _, m, _ in pairs],
            [cosine or 0.0 for *_, cosine in pairs] if encoded else None,
        ).tolist()
        start = 0
        for one in asked:
            claim_bounds = bounds[start : start + len(one.pairs)]
            start += len(one.pairs)
            for article, best in zip(one.articles, one.closest(claim_bounds, settled, texts, content), strict=True):
                if best is not None:
                    cosine = None if best.cosine is None else _rounded(best.cosine, rounded)
                    probability = _rounded(best.probability, rounded)
                    misses.append(NearMiss(one.claim.id, article, best.passage_id, probability, cosine))
    return tuple(misses)


@dataclass(frozen=True, slots=True)
class _Asked:
    """The pairs to score for one claim: per article it leaves out that has any (``articles``, with their
    ``chances`` of one event with the claim's), the pairs as (place in ``articles``, passage of the claim, passage
    of the article, cosine), and the probability each must reach (``cuts``)."""

    claim: Claim
    articles: list[str]
    chances: list[float]
    pairs: list[tuple[int, int, int, float | None]]
    leasts: list[float]
    """The least log-odds bound with which each pair may reach its cut (``similarity.least_bound``)."""
    encoded: bool

    @classmethod
    def of(
        cls,
        claim: Claim,
        found: list[tuple[str, list[tuple[int, int]]]],
        chances: list[float],
        search: _Search,
        floor: float,
    ) -> _Asked:
        pairs = [(a, n, m, search.cosine(n, m)) for a, (_, listed) in enumerate(found) for n, m in listed]
        cuts = [_cut(chances[a], cosine, search.encoded, floor) for a, _, _, cosine in pairs]
        least = {cut: least_bound(cut) for cut in set(cuts)}
        leasts = [least[cut] for cut in cuts]
        return cls(claim, [article for article, _ in found], chances, pairs, leasts, search.encoded)

    def closest(
        self, bounds: list[float], settled: SettledMatcher, texts: list[str], content: list[Passage]
    ) -> list[_Closest | None]:
        """Per article, its passage closest to the claim when it is near, given the pairs' ``bounds``
        (``SettledMatcher.log_odds_bounds``).

        Only a near passage is ever reported, and it is closer than any that
        is not; so a pair is scored only when it may reach its cut, and, once
        an article has a near passage, only when it may reach that passage's
        probability too (its cut raised to it). Pairs are scored highest
        bound first, so the first scored is mostly the closest; ties go to the
        pair asked first, as if scored in order (``_Closest.order``).
        """
        # Wire copy: the same sentence in many articles the claim leaves out is scored once per claim.
        scores: dict[tuple[str, str], float] = {}
        closest: list[_Closest | None] = [None] * len(self.articles)
        beaten = [-math.inf] * len(self.articles)
        """The least bound with which a pair may beat each article's closest passage so far."""
        reaching = [
            order for order, (bound, least) in enumerate(zip(bounds, self.leasts, strict=True)) if bound >= least
        ]
        for order in sorted(reaching, key=bounds.__getitem__, reverse=True):
            a, n, m, cosine = self.pairs[order]
            if bounds[order] < beaten[a]:
                continue
            probability = scores.get((texts[n], texts[m]))
            if probability is None:
                probability = scores[(texts[n], texts[m])] = settled.model_probability(n, m)
            chance = self.chances[a]
            by_cosine = self.encoded and chance >= SAME_EVENT_FOR_COSINE
            found = _Closest(content[m].id, probability * chance, cosine, by_cosine, order)
            if found.near and found.beats(closest[a]):
                closest[a], beaten[a] = found, least_bound(min(probability, _MOST_CUT))
        return closest


def _cut(chance: float, cosine: float | None, encoded: bool, floor: float) -> float:
    """The probability a pair must reach to be near, in an article of this ``chance`` of one event: none where
    the cosine alone makes it near (its probability is shown beside it)."""
    if encoded and chance >= SAME_EVENT_FOR_COSINE and cosine is not None and cosine >= COSINE_FLOOR:
        return 0.0
    return min(floor / chance, _MOST_CUT)


def _same_event(
    likely: list[tuple[NDArray[np.int64], NDArray[np.float64]]] | None, rows: list[int], count: int
) -> NDArray[np.float64]:
    """Per article (by number), the chance that it reports one event with any of the claim's articles ``rows``:
    the highest over them, as ``cluster._Decision.same_event`` takes over a text's articles (0 where below the
    floor, ``ArticlePrior.likely_pairs``)."""
    import numpy as np

    if likely is None or not rows:
        return np.ones(count)
    same = np.zeros(count)
    for row in rows:
        places, chances = likely[row]
        same[places] = np.maximum(same[places], chances)
    return same


def _rounded(score: float, seen: dict[float, float]) -> float:
    """``score`` to 4 decimals, as the one float object of that value in ``seen``: a story of 1,000 articles has
    millions of near misses, and a float object each cost 24 bytes (zeros are left alone: -0.0 == 0.0)."""
    value = round(score, 4)
    return seen.setdefault(value, value) if value else value


class _Search:
    """Finds, for the passages of one claim, the pairs to score in each article the claim leaves out.

    Passages are numbered in story order (``content``), articles by their
    place in ``article_ids``; a story lists each article's passages together.
    """

    def __init__(self, content: list[Passage], profiles: list[Profile], article_ids: Sequence[str]) -> None:
        import numpy as np

        self._article_ids = list(article_ids)
        self._number = {article_id: a for a, article_id in enumerate(self._article_ids)}
        self._article_of = np.array([self._number[p.article_id] for p in content], dtype=np.int64)
        # A word every article uses once or twice (the bridge, the mayor) is what points to the passage
        # that reports the claim, even when it is in a third of a short story's passages.
        df: Counter[str] = Counter(w for p in profiles for w in p.weights)
        max_df = max(2 * len({p.article_id for p in content}), MAX_WORD_SHARE * len(content))
        word_number: dict[str, int] = {}
        self._words = [
            [word_number.setdefault(w, len(word_number)) for w in p.weights if df[w] <= max_df] for p in profiles
        ]
        postings: list[list[int]] = [[] for _ in word_number]
        for n, words in enumerate(self._words):
            for word in words:
                postings[word].append(n)
        self._postings = [np.array(found, dtype=np.int64) for found in postings]
        self._posting_counts = [sum(len(postings[word]) for word in words) for words in self._words]
        """Per passage, how many passages its rarer words' postings list in all (itself among them)."""
        self._distinct, self._vectors = _distinct_vectors(content, profiles)
        self._nearest: OrderedDict[int, tuple[NDArray[np.float32], NDArray[np.int64]]] = OrderedDict()
        """Blocks of ``_nearest_in_articles``, the most recently used last."""
        self._starts = np.flatnonzero(np.diff(self._article_of, prepend=-1))
        """Where each article's passages start."""
        self._range_of = np.repeat(np.arange(len(self._starts)), np.diff(self._starts, append=len(content)))
        """For each passage, the number of its article's range in ``_starts``."""

    @property
    def encoded(self) -> bool:
        """Whether the passages have sentence vectors (the story was matched with an encoder)."""
        return self._vectors is not None

    def candidates(
        self, claims: list[tuple[list[int], Sequence[str], NDArray[np.bool_]]]
    ) -> list[list[tuple[str, list[tuple[int, int]]]]]:
        """For claims given as (their passages ``ns``, the articles reporting them, the articles ``searched``, by
        number): per article each claim leaves out that has any, in story order, the pairs to score.

        Only articles ``searched`` are; the others cannot hold a passage near the claim.

        The ``SCORED_PER_ARTICLE`` pairs sharing most rarer words (of the
        ``SHARING_PER_PASSAGE`` of each passage), then, with the encoder, the
        pair of highest cosine when it reaches ``COSINE_FLOOR``; ties go to
        the passage of the claim listed first, then to the passage that
        shares its first rarer word first (``Counter.most_common`` order).
        The words are counted for many claims at once: a few numpy calls for
        each passage cost more than the counting itself.
        """
        import numpy as np

        absent = np.stack([searched for _, _, searched in claims])
        for row, (_, reporting, _) in enumerate(claims):
            absent[row, [self._number[a] for a in reporting if a in self._number]] = False
        pairs: list[dict[int, list[tuple[int, int]]]] = [{} for _ in claims]
        claim, article, shared, k, rank, m = self._sharing([ns for ns, _, _ in claims], absent)
        order = np.lexsort((rank, k, -shared, article, claim))
        claim, article, k, m = claim[order], article[order], k[order], m[order]
        _, rows = _first_per_group(claim * len(self._article_ids) + article, SCORED_PER_ARTICLE)
        for c, a, kth, passage in zip(*(column[rows].tolist() for column in (claim, article, k, m)), strict=True):
            pairs[c].setdefault(a, []).append((claims[c][0][kth], passage))
        for (ns, _, _), found, row in zip(claims, pairs, absent, strict=True):
            for a, pair in self._closest_in_meaning(ns, row).items():
                if pair not in found.setdefault(a, []):  # the same pair again could not come closer
                    found[a].append(pair)
        return [[(self._article_ids[a], found[a]) for a in sorted(found)] for found in pairs]

    def cosine(self, n: int, m: int) -> float | None:
        if self._vectors is None:
            return None
        return float(self._vectors[self._distinct[n]] @ self._vectors[self._distinct[m]])

    def _sharing(self, claims: list[list[int]], absent: NDArray[np.bool_]) -> tuple[NDArray[np.int64], ...]:
        """For each passage of each claim (the ``c``-th claim's ``k``-th): per article absent from the claim
        (``absent[c]``), the ``SHARING_PER_PASSAGE`` passages sharing most rarer words with it (then as first met
        in its words' postings: ``Counter.most_common``), as arrays of claim, article, words shared, ``k``, rank
        within the article and passage."""
        import numpy as np

        asked = [(c, k, n) for c, ns in enumerate(claims) for k, n in enumerate(ns)]
        listed = [self._postings[w] for _, _, n in asked for w in self._words[n]]
        if not listed:
            return tuple(np.zeros(0, dtype=np.int64) for _ in range(6))
        claim_of = np.array([c for c, _, _ in asked], dtype=np.int64)
        k_of = np.array([k for _, k, _ in asked], dtype=np.int64)
        postings = np.concatenate(listed)
        asker = np.repeat(np.arange(len(asked)), [self._posting_counts[n] for _, _, n in asked])
        keep = absent[claim_of[asker], self._article_of[postings]]
        postings, asker = postings[keep], asker[keep]
        passages = len(self._article_of)
        found, first, shared = np.unique(asker * passages + postings, return_index=True, return_counts=True)
        asker, found = found // passages, found % passages
        order = np.lexsort((first, -shared, asker))  # most shared first, then as first met: Counter.most_common
        asker, found, shared = asker[order], found[order], shared[order]
        article = self._article_of[found]
        by_article = np.lexsort((np.arange(len(found)), article, asker))
        groups, rows = _first_per_group(
            asker[by_article] * len(self._article_ids) + article[by_article], SHARING_PER_PASSAGE
        )
        rows = by_article[rows]
        rank = np.arange(len(rows)) - np.searchsorted(groups, groups, side="left")
        return claim_of[asker[rows]], article[rows], shared[rows], k_of[asker[rows]], rank, found[rows]

    def _closest_in_meaning(self, ns: list[int], absent: NDArray[np.bool_]) -> dict[int, tuple[int, int]]:
        """Per absent article, the pair of highest cosine of a passage of ``ns`` with one of it, when it
        reaches ``COSINE_FLOOR`` (ties: the passage of ``ns`` first, then the article's first passage)."""
        import numpy as np

        if self._vectors is None:
            return {}
        rows = [self._nearest_in_articles(int(self._distinct[n])) for n in ns]
        top = np.stack([highest for highest, _ in rows])
        where = np.stack([first for _, first in rows])
        best_k = top.argmax(axis=0)
        articles = self._article_of[self._starts]
        return {
            int(articles[r]): (ns[int(best_k[r])], int(where[best_k[r], r]))
            for r in np.flatnonzero(absent[articles] & (top.max(axis=0) >= COSINE_FLOOR))
        }

    def _nearest_in_articles(self, text: int) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
        """For the distinct text ``text``: per article, its highest cosine with a passage of it and the first
        passage at that cosine.

        Worked out for ``_COSINE_ROWS`` distinct texts at once, one matrix product against every distinct text,
        and kept for the next claims (the most recent ``_NEAREST_BYTES``): a claim's passages one at a time
        against the story streamed the whole matrix of vectors each time (0.87 s of CPU for the 2,800 claims of
        200 ECB+ web articles, against 0.25 s so). Each text is always in the same block, and a passage's
        cosines are its text's, so wire copy compares exactly equal and ties go as the docstrings say.
        """
        import numpy as np

        assert self._vectors is not None
        block = text // _COSINE_ROWS
        found = self._nearest.get(block)
        if found is None:
            start = block * _COSINE_ROWS
            cosines = (self._vectors[start : start + _COSINE_ROWS] @ self._vectors.T)[:, self._distinct]
            top = np.maximum.reduceat(cosines, self._starts, axis=1)
            columns = np.arange(cosines.shape[1])
            at_top = np.where(cosines == top[:, self._range_of], columns, cosines.shape[1])
            found = (top, np.minimum.reduceat(at_top, self._starts, axis=1))
            self._nearest[block] = found
            if len(self._nearest) * (found[0].nbytes + found[1].nbytes) > _NEAREST_BYTES:
                self._nearest.popitem(last=False)
        else:
            self._nearest.move_to_end(block)
        return found[0][text - block * _COSINE_ROWS], found[1][text - block * _COSINE_ROWS]


_CLAIMS_AT_ONCE = 64
"""Claims whose candidates are found (``_Search.candidates``) and whose pairs are bounded
(``SettledMatcher.log_odds_bounds``) in one go: numpy's own work per call costs about as much as a few dozen
pairs (a claim has 39 on average in real-200), and 64 claims' postings and pairs take a few hundred kB."""
_MOST_CUT = 0.999
"""The highest floor passed to ``Matcher.model_probability``: at a floor of 1 its log-odds are infinite.
A pair's probability at or above it is worked out in full, and weighed like any other."""
_COSINE_ROWS = 128
"""Distinct texts whose cosines with the whole story are worked out at once (``_Search._nearest_in_articles``)."""
_NEAREST_BYTES = 32 * 1024 * 1024
"""Memory kept at most for the blocks of ``_Search._nearest_in_articles`` (200 ECB+ web articles need 9 MB)."""


def _first_per_group(groups: NDArray[np.int64], count: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For ``groups`` sorted into runs: each row among the first ``count`` of its run, with its group."""
    import numpy as np

    starts = np.searchsorted(groups, groups, side="left")
    rows = np.flatnonzero(np.arange(len(groups)) - starts < count)
    return groups[rows], rows


def _distinct_vectors(
    content: list[Passage], profiles: list[Profile]
) -> tuple[NDArray[np.int64], NDArray[np.float32] | None]:
    """For each passage the number of its text among the story's distinct texts (in order of first use), and
    their sentence vectors as one matrix, or ``None`` without an encoder."""
    import numpy as np

    number: dict[str, int] = {}
    distinct = np.array([number.setdefault(p.content_text, len(number)) for p in content], dtype=np.int64)
    vectors = [profiles[n].vector for n in np.unique(distinct, return_index=True)[1]]
    if not vectors or any(vector is None for vector in vectors):
        return distinct, None
    return distinct, np.stack(vectors)
