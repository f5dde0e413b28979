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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdiff.engine.model import Claim, NearMiss, Passage
from newsdiff.engine.pacing import ShareReport, ignore_share, paced
from newsdiff.engine.semantic import Encoder
from newsdiff.engine.similarity import Matcher, Profile

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
SHARING_PER_PASSAGE = 2
"""Candidates kept per passage and article by shared rarer words."""
SCORED_PER_ARTICLE = 2
"""Pairs scored per claim and article by shared words: each from a passage of the claim, those sharing most."""
MAX_WORD_SHARE = 0.3
"""Words in more of the story's passages than this share are not used to find the closest passage."""


@dataclass(frozen=True, slots=True)
class _Closest:
    """The passage of one article closest to one passage of a claim."""

    passage_id: str
    probability: float
    cosine: float | None

    def beats(self, other: _Closest | None) -> bool:
        """Closer than ``other``: a near passage before one that is not (a high cosine can come with a low
        probability), then the higher probability."""
        return other is None or self._rank > other._rank

    @property
    def _rank(self) -> tuple[bool, float, float]:
        return (self.near, self.probability, self.cosine or 0.0)

    @property
    def near(self) -> bool:
        if self.cosine is None:
            return self.probability >= LEXICAL_PROBABILITY_FLOOR
        return self.probability >= PROBABILITY_FLOOR or self.cosine >= COSINE_FLOOR


def near_misses(
    article_ids: Sequence[str],
    passages: Sequence[Passage],
    claims: Sequence[Claim],
    encoder: Encoder | None = None,
    report: ShareReport = ignore_share,
) -> tuple[NearMiss, ...]:
    """For every claim and every article it leaves out, the article's closest passage when it is near the claim.

    Claims and articles not listed have a confident absence. ``encoder``
    must be the one the claims were matched with, so the probabilities are
    the very ones the clustering compared with its threshold.

    Candidates are found per passage (cheap: shared words, cosines), but
    scored per claim and article: the ``SCORED_PER_ARTICLE`` pairs sharing
    the most rarer words and, with the encoder, the pair of highest cosine,
    over all the claim's passages. A claim of many passages thus costs a few
    pair scores per article, not a few per passage and article. ``report``
    hears the share done from inside every loop (``pacing``), and may raise to stop.
    """
    content = [p for p in passages if p.is_content]
    if len(article_ids) < 2 or not content:
        return ()
    texts = [p.content_text for p in content]
    matcher = Matcher(texts, encoder=encoder)
    matcher.embed(texts)
    profiles = [matcher.profile(text) for text in paced(texts, report, 0.0, 0.3)]
    position = {p.id: n for n, p in enumerate(content)}
    search = _Search(content, profiles)
    wanted: dict[int, set[str]] = defaultdict(set)
    for claim in claims:
        absent = {a for a in article_ids if a not in claim.article_ids}
        for passage_id in claim.passage_ids:
            wanted[position[passage_id]].update(absent)
    candidates = {n: search.candidates(n, wanted[n]) for n in paced(list(wanted), report, 0.3, 0.6)}
    scored: dict[tuple[int, int], _Closest] = {}

    def score(n: int, m: int) -> _Closest:
        found = scored.get((n, m))
        if found is None:
            cosine = search.cosine(n, m)
            found = _Closest(content[m].id, matcher.model_probability(profiles[n], profiles[m]), cosine)
            scored[(n, m)] = found
        return found

    misses: list[NearMiss] = []
    for claim in paced(claims, report, 0.6, 1.0):
        by_words: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        by_meaning: dict[str, tuple[float, int, int]] = {}
        for passage_id in claim.passage_ids:
            n = position[passage_id]
            for article_id, (sharing, cosine_m) in candidates[n].items():
                if article_id in claim.article_ids:
                    continue
                by_words[article_id].extend((shared, n, m) for m, shared in sharing)
                if cosine_m is not None and (article_id not in by_meaning or cosine_m[0] > by_meaning[article_id][0]):
                    by_meaning[article_id] = (cosine_m[0], n, cosine_m[1])
        for article_id in article_ids:
            by_shared = sorted(by_words.get(article_id, ()), key=lambda pair: -pair[0])[:SCORED_PER_ARTICLE]
            pairs = [pair[1:] for pair in (*by_shared, by_meaning.get(article_id)) if pair]
            best: _Closest | None = None
            for n, m in pairs:
                found = score(n, m)
                if found.beats(best):
                    best = found
            if best is not None and best.near:
                misses.append(
                    NearMiss(claim.id, article_id, best.passage_id, round(best.probability, 4), _rounded(best.cosine))
                )
    return tuple(misses)


def _rounded(cosine: float | None) -> float | None:
    return None if cosine is None else round(cosine, 4)


Candidate = tuple[list[tuple[int, int]], tuple[float, int] | None]
"""For one passage and one article: the ``SHARING_PER_PASSAGE`` passages sharing most rarer words, each with
how many it shares, and, with the encoder, the highest cosine when it reaches ``COSINE_FLOOR`` with its passage."""


class _Search:
    """Finds, for one passage, the candidate closest passages of each of some articles."""

    def __init__(self, content: list[Passage], profiles: list[Profile]) -> None:
        self._content = content
        # A word every article uses once or twice (the bridge, the mayor) is what points to the passage
        # that reports the claim, even when it is in a third of a short story's passages.
        df: Counter[str] = Counter(w for p in profiles for w in p.weights)
        max_df = max(2 * len({p.article_id for p in content}), MAX_WORD_SHARE * len(content))
        self._words = [[w for w in p.weights if df[w] <= max_df] for p in profiles]
        self._index: dict[str, list[int]] = defaultdict(list)
        for n, words in enumerate(self._words):
            for word in words:
                self._index[word].append(n)
        self._vectors = _stacked(profiles)
        self._ranges: dict[str, tuple[int, int]] = {}
        for m, passage in enumerate(content):  # a story lists each article's passages together
            start, _ = self._ranges.get(passage.article_id, (m, m))
            self._ranges[passage.article_id] = (start, m + 1)
        self._starts = [start for start, _ in self._ranges.values()]

    def candidates(self, n: int, article_ids: set[str]) -> dict[str, Candidate]:
        """Per article of ``article_ids`` with anything shared or close, its candidates for passage ``n``."""
        shared: Counter[int] = Counter()
        for word in self._words[n]:
            shared.update(m for m in self._index[word] if self._content[m].article_id in article_ids)
        found: dict[str, Candidate] = {}
        for m, count in shared.most_common():
            sharing, _ = found.setdefault(self._content[m].article_id, ([], None))
            if len(sharing) < SHARING_PER_PASSAGE:
                sharing.append((m, count))
        cosines = self._cosines(n)
        if cosines is not None:
            for article_id, m in self._closest_in_meaning(cosines, article_ids).items():
                sharing, _ = found.get(article_id, ([], None))
                found[article_id] = (sharing, (float(cosines[m]), m))
        return found

    def cosine(self, n: int, m: int) -> float | None:
        if self._vectors is None:
            return None
        return float(self._vectors[n] @ self._vectors[m])

    def _cosines(self, n: int) -> NDArray[np.float32] | None:
        if self._vectors is None:
            return None
        cosines: NDArray[np.float32] = self._vectors @ self._vectors[n]
        return cosines

    def _closest_in_meaning(self, cosines: NDArray[np.float32], article_ids: set[str]) -> dict[str, int]:
        """Per article of ``article_ids``, its passage of highest cosine when that reaches ``COSINE_FLOOR``."""
        import numpy as np

        highest = np.maximum.reduceat(cosines, self._starts)
        found = {}
        for (article_id, (start, end)), top in zip(self._ranges.items(), highest, strict=True):
            if top >= COSINE_FLOOR and article_id in article_ids:
                found[article_id] = start + int(cosines[start:end].argmax())
        return found


def _stacked(profiles: list[Profile]) -> NDArray[np.float32] | None:
    """The passages' sentence vectors as one matrix, or ``None`` without an encoder."""
    vectors = [p.vector for p in profiles if p.vector is not None]
    if not vectors or len(vectors) < len(profiles):
        return None
    import numpy as np

    return np.stack(vectors)
