"""How likely two passages report the same claim, and the yes/no decision.

A ``Matcher`` knows the words of one story: how many passages use each word
(the clustering looks for candidate pairs through rare words only) and each
text's profile, computed once. Stopwords (``stopwords.STOPWORDS``) weigh
nothing in the overlap, every other word weighs 1 (``Matcher.weight`` says
why). The module-level ``similarity`` and ``same_claim`` use a matcher
without a story.

Similarity is a logistic regression over a few lexical features of the pair
(``compare``): how much of each side's weighted words the other covers (both
directions), word-order overlap (content-word bigrams, an edit-distance
ratio over the whole normalised sentence, and the shared runs of one, two
and three words, function words included, as a share of each side's runs),
and mismatches a plain overlap cannot see: different numbers (and how many
figures each side gives that the other does not), a negation on one side
only. Words match on their normalised form (``normalize.tokenize``)
or, for names and typos, by spelling (rapidfuzz ratio). A short passage whose words are (almost) all in
the other reports part of the same claim: such a pair gets at least
``CONTAINED_PROBABILITY``. With a sentence encoder the cosine of the two
sentence vectors and the cosine of the clause worst matched on the other
side (``_worst_clause_cosine``) are two more features, with their own
fitted constants.

``same_claim`` is the probability against the fitted threshold; the
clustering calls this very ``Matcher.decide``, so what ``same_claim`` says
about two sentences is what the story shows.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from newsdiff.engine.clauses import clause_spans
from newsdiff.engine.normalize import Token, tokenize
from newsdiff.engine.sets import compact_set
from newsdiff.engine.statement import Evidence, says_enough
from newsdiff.engine.stopwords import NEGATIONS, STOPWORDS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from newsdiff.engine.semantic import Encoder

RUN_FEATURES: tuple[str, ...] = (
    "unigram_shorter",
    "unigram_longer",
    "bigram_shorter",
    "bigram_longer",
    "trigram_shorter",
    "trigram_longer",
)
"""The shares of shared word runs of 1, 2 and 3 words, shorter side then longer (``_ngram_overlaps``)."""
FEATURE_NAMES: tuple[str, ...] = (
    "coverage_min",
    "coverage_max",
    "bigram_dice",
    "set_ratio",
    "sequence_ratio",
    "length_ratio",
    "number_mismatch",
    "negation_mismatch",
    *RUN_FEATURES,
    "numbers_only_one_side",
)
SEMANTIC_FEATURE_NAMES: tuple[str, ...] = (*FEATURE_NAMES, "cosine", "worst_clause_cosine")
"""With a sentence encoder: the lexical features, then two read off the vectors."""

# Fitted by logistic regression on ../shared/bench/msrp_train_sample.tsv: the
# strength of its L2 penalty chosen by 5-fold cross-validation (1e-4 here),
# then a final fit on all pairs. Refit with:
#     .venv/bin/python tests/benchmarks/eval_matcher.py --fit
COEFFICIENTS: tuple[float, ...] = (
    2.7020,
    2.0926,
    -2.9248,
    -0.6643,
    5.9126,
    -0.3230,
    -0.2297,
    -1.2763,
    1.0702,
    2.8927,
    -1.9482,
    3.7183,
    -3.7475,
    1.7467,
    -0.2556,
)
INTERCEPT: float = -6.3906
SAME_CLAIM_THRESHOLD: float = 0.5221
CONTAINED_PROBABILITY: float = 0.8706
"""Probability for a pair where one side is contained in the other: the share
of such pairs labelled "same" in the tuning data (printed by ``--fit``)."""

# With a sentence encoder (``semantic.load_encoder()``): the features of
# ``SEMANTIC_FEATURE_NAMES`` (the lexical ones and two cosines), fitted the same way
# (cross-validation chose an L2 penalty of 3e-5). Refit with:
#     .venv/bin/python tests/benchmarks/eval_matcher.py --fit --semantic
SEMANTIC_COEFFICIENTS: tuple[float, ...] = (
    1.8002,
    2.6038,
    -2.9612,
    -2.0372,
    5.4010,
    -0.6658,
    -0.2636,
    -1.2855,
    1.3694,
    1.6607,
    -2.8881,
    4.9155,
    -3.9496,
    2.5754,
    -0.1958,
    1.8425,
    1.5838,
)
SEMANTIC_INTERCEPT: float = -6.3267
SEMANTIC_THRESHOLD: float = 0.5255
MUTUAL_FLOOR: float = 0.1535
"""Probability a pair of mutual nearest sentences by margin (``margin.mutual_pairs``)
needs: the 1st percentile of the held-out probabilities of the tuning data's
same-statement pairs (5-fold cross-validation). Below it the words and the
cosine say "different statement" about as firmly as they ever do for a true
paraphrase, and the pair's neighbourhood cannot overrule that; above it,
being each other's clear best match across two reports of one event is the
stronger evidence. Printed by ``--fit --semantic``."""

CONTAINED_COVERAGE = 0.9
"""Weighted share of a passage's words found in the other above which it is
contained in it. A short sentence inside a long one reports part of the same
claim, which an overlap in both directions cannot see."""
CONTAINED_MIN_WORDS = 4
"""Words carrying a claim (content words and negations) a contained passage needs.

Fewer match by chance: a clause such as the appositive "the UN relief
agency" (three names) is inside any sentence that names the agency, and
with three it linked such sentences into one claim (ECB+ topic 41). With
four, synthetic stories of 200 articles went from precision 0.822 to 0.891
at the same recall, and the seed gold and the tuning data did not lose."""
NEGATION_SCOPE = 3
"""Content words after a negation that it negates ("not supply weapons")."""
FUZZY_MIN_RATIO = 85.0
"""Spelling similarity (rapidfuzz ratio, 0-100) from which two words count as one."""
FUZZY_MIN_LENGTH = 5
"""Shorter words only match exactly: short words differ by one letter too often."""
NGRAM_SIZES = (1, 2, 3)
"""Lengths of the word runs compared by ``_ngram_overlaps``."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What similarity needs to know about one text, computed once."""

    weights: dict[str, float]
    """Content words (norms) with their weights."""
    total: float
    forms: dict[str, str]
    """Lower-cased surface form of each content norm, for spelling matches."""
    long_forms: tuple[str, ...]
    """The forms long enough to match by spelling (``FUZZY_MIN_LENGTH``)."""
    spellable: dict[str, str]
    """The content words that may match another by spelling (long forms, not figures): form to norm."""
    bigrams: frozenset[tuple[str, ...]]
    numbers: frozenset[str]
    negations: int
    negated: frozenset[str]
    """Content words in the scope of a negation ("not" + up to ``NEGATION_SCOPE`` words)."""
    length: int
    vector: NDArray[np.float32] | None
    """The sentence encoder's unit vector, when the matcher has an encoder."""
    clause_vectors: NDArray[np.float32] | None
    """One unit vector per clause (``clauses.clause_spans``), when there is an encoder and two clauses or more."""
    joined: str
    """Distinct content norms, sorted: for a word-set ratio."""
    sequence: str
    """All norms in reading order: for a ratio that sees word order and function words."""
    key: tuple[str, ...]
    """All norms in order: identical keys mean identical wording."""
    ngrams: tuple[frozenset[Hashable], ...]
    """Distinct runs of 1, 2 and 3 norms of ``key`` (function words included): a run of one word is its norm, a
    longer run the tuple of its norms, one tuple for each distinct run of a story (``Matcher.profile``)."""
    evidence: Evidence
    """Its statement words, names and figures (``statement.Evidence``)."""


class Spelling:
    """Which words of a story are spelled alike: every pair of long forms with a ratio of ``FUZZY_MIN_RATIO`` or more.

    A pair's coverage matches a word the other side lacks by spelling, to
    the other side's most alike word. Asked of rapidfuzz word by word
    (``process.extractOne`` over the other side's words), that was 621,000
    searches for the 53,000 candidate pairs of 200 ECB+ web articles, about
    half the time of their features. Yet a story has a few thousand distinct
    long words, and few of them are alike (there: 6,600 forms, 3,000 with
    another form within the ratio). So the forms are compared once, all with
    all at once (``process.cdist`` on every core, only lengths that can reach
    the ratio; a tenth of a second there), and a pair looks up only its words
    that have alike forms. Forms are added as texts are profiled and
    compared when the next lookup comes.
    Two equal forms always have equal norms (the norm is worked out from
    the word alone), so a form is never its own match: a word is only looked
    up when the other side lacks its norm.
    """

    def __init__(self, forms: Iterable[str] = ()) -> None:
        self._alike: dict[str, dict[str, float]] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._known: set[str] = set()
        self._pending: set[str] = set()
        self.add(forms)

    def add(self, forms: Iterable[str]) -> None:
        """Know these forms too (compared with the others at the next lookup)."""
        self._pending.update(form for form in forms if form not in self._known)

    def alike(self) -> Mapping[str, dict[str, float]]:
        """The forms that have alike forms, each with them and their ratios (0-1)."""
        if self._pending:
            self._compare_pending()
        return self._alike

    def _compare_pending(self) -> None:
        import numpy as np

        new = sorted(self._pending)
        self._pending.clear()
        self._known.update(new)
        earlier = {length: len(forms) for length, forms in self._by_length.items()}
        for form in new:
            self._by_length[len(form)].append(form)
        by_length: dict[int, list[str]] = defaultdict(list)
        for form in new:
            by_length[len(form)].append(form)
        for length, queries in by_length.items():
            # Every form as long or longer that can reach the ratio, and the shorter ones known before (a shorter
            # new form finds this one among its own choices).
            choices = [form for size in range(length, _longest_alike(length) + 1) for form in self._by_length[size]]
            choices += [
                form
                for size in range(_shortest_alike(length), length)
                for form in self._by_length[size][: earlier.get(size, 0)]
            ]
            for start in range(0, len(queries), _SPELLING_BLOCK):
                block = queries[start : start + _SPELLING_BLOCK]
                scores = process.cdist(
                    block, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO - 1, dtype=np.uint8, workers=-1
                )
                for row, column in zip(*np.nonzero(scores), strict=True):
                    self._pair(block[row], choices[column])

    def _pair(self, first: str, second: str) -> None:
        """Record two forms as alike when their exact ratio reaches ``FUZZY_MIN_RATIO`` (the matrix is rounded)."""
        if first == second:
            return
        ratio = fuzz.ratio(first, second)
        if ratio >= FUZZY_MIN_RATIO:
            self._alike.setdefault(first, {})[second] = ratio / 100.0
            self._alike.setdefault(second, {})[first] = ratio / 100.0


_SPELLING_BLOCK = 1024
"""Forms compared at once with all others in ``Spelling``: a block's score matrix stays a few megabytes."""


def _longest_alike(length: int) -> int:
    """The longest word that can reach ``FUZZY_MIN_RATIO`` with one of ``length`` letters.

    The ratio of words of lengths m <= n is 100 * (1 - d / (m + n)), and
    their edit distance d (insertions and deletions) is at least n - m, so
    n is at most m * (200 - ratio) / ratio.
    """
    return math.floor(length * (200.0 - FUZZY_MIN_RATIO) / FUZZY_MIN_RATIO)


def _shortest_alike(length: int) -> int:
    """The shortest word that can reach ``FUZZY_MIN_RATIO`` with one of ``length`` letters (see ``_longest_alike``)."""
    return math.ceil(length * FUZZY_MIN_RATIO / (200.0 - FUZZY_MIN_RATIO))


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the decision looks at for one pair."""

    features: tuple[float, ...]
    contained: bool


class Matcher:
    """Similarity and same-claim decisions with word weights from one story.

    With an ``encoder`` the decision also weighs sentence and clause
    cosines (``SEMANTIC_*`` constants).
    """

    def __init__(self, texts: Iterable[str] = (), *, cache: bool = True, encoder: Encoder | None = None) -> None:
        df: Counter[str] = Counter()
        for text in texts:
            df.update({t.norm for t in tokenize(text)})
        self._df = df
        self._cache = cache
        self._profiles: dict[str, Profile] = {}
        self._runs: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._forms: dict[str, str] = {}
        self._evidence: dict[str, Evidence] = {}
        self._spelling = Spelling() if cache else None
        self._encoder = encoder
        self._clauses: dict[str, list[str]] = {}
        """The clauses ``embed`` found, each text's until it is profiled (splitting a text took 40 µs)."""
        if encoder is None:
            self._coefficients, self._intercept, self._threshold = COEFFICIENTS, INTERCEPT, SAME_CLAIM_THRESHOLD
        else:
            self._coefficients = SEMANTIC_COEFFICIENTS
            self._intercept, self._threshold = SEMANTIC_INTERCEPT, SEMANTIC_THRESHOLD
        names = FEATURE_NAMES if encoder is None else SEMANTIC_FEATURE_NAMES
        leading = LEADING_FEATURES if encoder is None else SEMANTIC_LEADING_FEATURES
        self._coefficient = dict(zip(names, self._coefficients, strict=True))
        """Each feature's coefficient, by name."""
        self._leading_coefficients = tuple(self._coefficient[name] for name in leading)
        self._rest_bound = self._intercept + self._most_added(leaving_out=leading)

    def _most_added(self, leaving_out: Collection[str]) -> float:
        """The most the features not in ``leaving_out`` can add to the log-odds: each at the end of its
        ``FEATURE_RANGES`` that its coefficient favours. With the intercept, a bound of the log-odds given those."""
        return sum(
            max(c * low, c * high) if c else 0.0
            for name, c in self._coefficient.items()
            if name not in leaving_out
            for low, high in (FEATURE_RANGES[name],)
        )

    def embed(self, texts: Sequence[str]) -> None:
        """Encode many texts and their clauses in one batch before profiling them (no-op without encoder).

        One batch: the model's cost per call is mostly streaming its weights, so
        clauses embedded a text at a time (two or three per call) cost several times more.
        """
        if self._encoder is not None:
            clauses = {text: _clause_texts(text) for text in texts}
            self._clauses.update(clauses)
            self._encoder.encode([*texts, *(clause for found in clauses.values() for clause in found)])

    @staticmethod
    def weight(norm: str) -> float:
        """Weight of a word in the overlap features: 0 for stopwords, else 1.

        Flat on purpose: the coefficients were fitted on pairs of sentences
        about one event with these weights, so the fitted threshold keeps its
        meaning only with them. Discounting the story's common words (a
        linear "1 - share of passages" weight) was tried: it lowered every
        pair's probability below the calibrated one and found fewer true
        pairs with no fewer false ones. An IDF-weighted coverage as one more
        fitted feature (IDF over the tuning sentences) gained nothing either
        (held-out accuracy -0.002 to +0.001 over ten fold splits). The story's
        word frequencies serve the clustering instead, which finds candidate
        pairs through rare words.
        """
        return 0.0 if norm in STOPWORDS else 1.0

    def document_frequency(self, norm: str) -> int:
        """How many of the story's passages use the word (0 without a story)."""
        return self._df.get(norm, 0)

    def profile(self, text: str) -> Profile:
        """The profile of ``text``, cached for a story (it compares each passage many times)."""
        found = self._profiles.get(text)
        if found is None:
            found = self._build_profile(text)
            if self._cache:
                self._profiles[text] = found
        return found

    def keep_profiles(self, texts: Iterable[str]) -> None:
        """Forget the cached profiles of all texts but ``texts``.

        The clustering profiles every clause and quote of a story; after it,
        only whole passages are compared again (``engine.absence``). The
        others are about half of the profiles (200 ECB+ articles: 8,165
        texts profiled, 3,917 of them whole passages; about 11 kB each).
        """
        keep = set(texts)
        self._profiles = {text: profile for text, profile in self._profiles.items() if text in keep}
        self.stop_sharing()

    def stop_sharing(self) -> None:
        """Drop the tables through which profiles share their runs and forms (``_distinct_runs``), and ``evidence``.

        They only matter while texts are being profiled: the clustering
        calls this once it has profiled its texts, before its own largest
        tables are made (1,000 articles: about 10 MB). A text profiled later
        gets runs and forms of its own, equal to the shared ones.
        """
        self._runs = {}
        self._forms = {}
        self._evidence = {}

    def evidence(self, text: str) -> Evidence:
        """``statement.Evidence.of(text)``, worked out once per text while the story's texts are profiled.

        The clustering asks it of a passage's parts to choose its units
        (``cluster._units``), then profiles those units: real-200 asked it
        13,374 times of 11,061 texts, about a third of profiling them.
        """
        if not self._cache:
            return Evidence.of(text)
        found = self._evidence.get(text)
        if found is None:
            found = self._evidence[text] = Evidence.of(text)
        return found

    def probability(self, a: Profile, b: Profile, floor: float = 0.0) -> float:
        """Probability that two profiled texts report the same claim: the model's, once they share a statement.

        ``floor``: see ``model_probability``.
        """
        if a.key and a.key == b.key:
            return 1.0
        if not says_enough(a.evidence, b.evidence, vectors=a.vector is not None):
            return 0.0
        return self.model_probability(a, b, floor)

    def model_probability(self, a: Profile, b: Profile, floor: float = 0.0) -> float:
        """The fitted pair model's probability alone, without the statement gate of ``probability``.

        How near a passage comes to a claim it was not matched to is asked of
        the model itself (``engine.absence``): two sentences that share only a
        speaker or a name are no claim, but a sentence that reports the claim
        in other words must still count as near, or "not found in" would be
        said where the article may well report it.

        With a ``floor``, a pair that certainly stays below it gets 0.0 (as
        rapidfuzz's ``score_cutoff`` does): the leading features are worked
        out first, and when even the most every other feature could add
        (``FEATURE_RANGES``) leaves the model's log-odds below the floor's,
        the rest are not. A contained pair is never cut short. The clustering
        asks for decisions only, with ``floor`` just below the lowest
        probability ``decide`` accepts (``lowest_accepted``); in a story of
        200 ECB+ web articles this skipped the full model for 45,000 of the
        53,000 candidate pairs that share a statement. With an encoder the
        sentence cosine is a leading feature too (``SEMANTIC_LEADING_FEATURES``).
        """
        if a.key and a.key == b.key:
            return 1.0
        if not a.weights or not b.weights:
            return 0.0
        spelling = self._spelling or Spelling((*a.long_forms, *b.long_forms))
        return self._modelled(a, b, floor, _leading(a, b, spelling))

    def _modelled(self, a: Profile, b: Profile, floor: float, leading: _Leading) -> float:
        """``model_probability`` of a pair of different, non-empty texts, given its leading features."""
        if floor > 0.0 and not leading.contained and self._logit_bound(leading) < _logit(floor) - _BOUND_SLACK:
            return 0.0
        comparison = _completed(a, b, leading)
        z = self._intercept + sum(c * f for c, f in zip(self._coefficients, comparison.features, strict=True))
        probability = 1.0 / (1.0 + math.exp(-z))
        return max(probability, CONTAINED_PROBABILITY) if comparison.contained else probability

    def lowest_accepted(self, prior_odds: float = 1.0) -> float:
        """The lowest probability ``decide`` accepts with ``prior_odds``, as a floor for ``probability``."""
        return self._threshold / (self._threshold + prior_odds * (1.0 - self._threshold))

    def _logit_bound(self, leading: _Leading) -> float:
        """The highest log-odds the model can give a pair with these leading features."""
        weights = self._leading_coefficients
        return self._rest_bound + sum(c * f for c, f in zip(weights, _leading_values(leading), strict=True))

    def similarity(self, a: str, b: str) -> float:
        return self.probability(self.profile(a), self.profile(b))

    def same_claim(self, a: str, b: str) -> bool:
        return self.decide(self.probability(self.profile(a), self.profile(b)))

    def decide(self, probability: float, prior_odds: float = 1.0) -> bool:
        """The same-claim decision for a pair's probability.

        ``prior_odds`` says how much likelier (in odds) a same-claim pair is
        where this pair comes from than among the pairs the threshold was
        set for: Bayes' rule multiplies the pair's odds by it.
        """
        return _clears(probability, self._threshold, prior_odds)

    def decide_mutual(self, probability: float, prior_odds: float = 1.0) -> bool:
        """The same-claim decision for two sentences that are each other's best match by margin.

        Only the semantic path finds such pairs; see ``MUTUAL_FLOOR``. ``prior_odds`` as for ``decide``.
        """
        return _clears(probability, MUTUAL_FLOOR, prior_odds)

    def _distinct_runs(self, runs: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
        """These runs of words, each as the story's one tuple for it.

        A story's clauses and quotes repeat the runs of the passages they come
        from, and its sources repeat each other's wording: with one tuple per
        distinct run, the peak memory of analysing 200 ECB+ web articles went
        from 187 to 176 MB (``tests/benchmarks/stage_memory.py real-200``).
        Runs of one word need no tuple: the norm is the run. The story's
        tuples are looked up by ``map`` over ``dict.setdefault``, with no
        Python call per run (real-200: 315,000 runs, a method call each took
        about a sixth of the time of profiling its texts).
        """
        if not self._cache:
            return compact_set(runs)
        listed = list(runs)
        return compact_set(map(self._runs.setdefault, listed, listed))

    def _distinct_forms(self, forms: list[str]) -> Iterable[str]:
        """These lower-cased words, each as the story's one string for it (``lower`` makes a new one each time)."""
        if not self._cache:
            return forms
        return map(self._forms.setdefault, forms, forms)

    def _build_profile(self, text: str) -> Profile:
        tokens = tokenize(text)
        key = tuple(t.norm for t in tokens)
        vector = None if self._encoder is None else self._encoder.encode([text])[0]
        clause_vectors = None
        if self._encoder is not None:
            clauses = self._clauses.pop(text) if text in self._clauses else _clause_texts(text)
            clause_vectors = self._encoder.encode(clauses) if clauses else None
        content = [t for t in tokens if t.norm not in STOPWORDS]
        norms = [t.norm for t in content]
        weight = self.weight
        weights = {norm: weight(norm) for norm in norms}
        forms = dict(zip(norms, self._distinct_forms([t.text.lower() for t in content]), strict=True))
        long_forms = tuple(f for f in forms.values() if len(f) >= FUZZY_MIN_LENGTH)
        if self._spelling is not None:
            self._spelling.add(long_forms)
        return Profile(
            weights=weights,
            total=sum(weights.values()),
            forms=forms,
            long_forms=long_forms,
            spellable={f: n for n, f in forms.items() if len(f) >= FUZZY_MIN_LENGTH and not n[:1].isdigit()},
            bigrams=self._distinct_runs(pairwise(norms)),
            numbers=compact_set(t.norm for t in tokens if t.is_number),
            negations=sum(1 for t in tokens if t.norm in NEGATIONS),
            negated=_negated(tokens),
            length=len(content),
            vector=vector,
            clause_vectors=clause_vectors,
            joined=" ".join(sorted(set(norms))),
            sequence=" ".join(key),
            key=key,
            ngrams=(
                compact_set(key),
                *(self._distinct_runs(zip(*(key[i:] for i in range(n)), strict=False)) for n in NGRAM_SIZES[1:]),
            ),
            evidence=self.evidence(text),
        )


def _clears(probability: float, threshold: float, prior_odds: float) -> bool:
    """Whether ``probability``, its odds multiplied by ``prior_odds`` (Bayes' rule), reaches ``threshold``."""
    if prior_odds == 1.0 or probability >= 1.0:
        return probability >= threshold
    return prior_odds * probability / (1.0 - probability) >= threshold / (1.0 - threshold)


_BOUND_SLACK = 1e-6
"""Log-odds a bound must stay below the floor's by, so that rounding never cuts short a pair at the floor (its sums
run in another order than the model's: ``Matcher._logit_bound``, ``SettledMatcher.log_odds_bounds``)."""


def _logit(probability: float) -> float:
    return math.log(probability / (1.0 - probability))


def _claim_words(profile: Profile) -> int:
    """Words that carry a text's claim: its content words and its negations ("not asking anyone for help": 4)."""
    return profile.length + profile.negations


def _negated(tokens: tuple[Token, ...]) -> frozenset[str]:
    negated: set[str] = set()
    scope = 0
    for token in tokens:
        if token.norm in NEGATIONS:
            scope = NEGATION_SCOPE
        elif scope and token.norm not in STOPWORDS:
            negated.add(token.norm)
            scope -= 1
    return compact_set(negated)


def compare(a: Profile, b: Profile, spelling: Spelling | None = None) -> Comparison:
    """The features of ``FEATURE_NAMES`` and the containment test.

    ``spelling`` must know the long forms of both profiles (a story's
    ``Matcher`` keeps one for all its texts); without it, one is made for
    the two.

    Shares and ratios are in [0, 1]; ``numbers_only_one_side`` is a count.
    When both profiles have sentence vectors, the features are those of
    ``SEMANTIC_FEATURE_NAMES``.
    """
    return _completed(a, b, _leading(a, b, spelling or Spelling((*a.long_forms, *b.long_forms))))


class _Leading(NamedTuple):
    """What ``_leading`` works out: the features that bound the model's probability, and containment.

    A named tuple: one is made for every pair that shares a statement, and a
    frozen dataclass took three times as long to make.
    """

    cover_a: float
    cover_b: float
    sequence: float
    runs: tuple[float, ...]
    """The word-run shares (``_ngram_overlaps``)."""
    cosine: tuple[float, ...]
    """The sentence cosine when both texts have vectors, else nothing."""
    contained: bool


LEADING_FEATURES: tuple[str, ...] = (
    "coverage_min",
    "coverage_max",
    "sequence_ratio",
    *RUN_FEATURES,
)
"""The features ``_leading`` gives, which carry the model's largest weights: with them alone an exact bound
of the probability (``Matcher.probability`` with a floor) rules out most candidate pairs of a story."""
SEMANTIC_LEADING_FEATURES: tuple[str, ...] = (*LEADING_FEATURES, "cosine")
"""With a sentence encoder, the sentence cosine leads too: one dot product, and without it the bound left the
full model (and its clause cosines) to 49,000 of real-200's 51,000 candidate pairs that share a statement."""
FEATURE_RANGES: dict[str, tuple[float, float]] = {
    **dict.fromkeys(FEATURE_NAMES, (0.0, 1.0)),
    "numbers_only_one_side": (0.0, math.inf),
    "cosine": (-1.0, 1.0),
    "worst_clause_cosine": (-1.0, 1.0),
}
"""The values each feature can take, for that bound."""


def _leading(a: Profile, b: Profile, spelling: Spelling) -> _Leading:
    return _leading_covered(a, b, _coverage(a, b, spelling), _coverage(b, a, spelling))


def _leading_covered(a: Profile, b: Profile, cover_a: float, cover_b: float) -> _Leading:
    """``_leading``, given the two coverages (``_coverage``; ``SettledMatcher`` works them out faster)."""
    contained = (cover_a >= CONTAINED_COVERAGE and _claim_words(a) >= CONTAINED_MIN_WORDS) or (
        cover_b >= CONTAINED_COVERAGE and _claim_words(b) >= CONTAINED_MIN_WORDS
    )
    return _Leading(
        cover_a,
        cover_b,
        sequence=fuzz.ratio(a.sequence, b.sequence) / 100.0,
        runs=_ngram_overlaps(a, b),
        cosine=() if a.vector is None or b.vector is None else (float(a.vector @ b.vector),),
        contained=contained and not _negation_flipped(a, b),
    )


def _leading_values(leading: _Leading) -> tuple[float, ...]:
    """The values of ``LEADING_FEATURES`` (``SEMANTIC_LEADING_FEATURES`` with vectors) in that order."""
    cover_a, cover_b = leading.cover_a, leading.cover_b
    return (min(cover_a, cover_b), max(cover_a, cover_b), leading.sequence, *leading.runs, *leading.cosine)


def _completed(a: Profile, b: Profile, leading: _Leading) -> Comparison:
    """All the features, given the leading ones."""
    cover_a, cover_b, sequence, runs = leading.cover_a, leading.cover_b, leading.sequence, leading.runs
    pairs = len(a.bigrams) + len(b.bigrams)
    features = (
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        2 * len(a.bigrams & b.bigrams) / pairs if pairs else 0.0,
        fuzz.token_set_ratio(a.joined, b.joined) / 100.0,
        sequence,
        min(a.length, b.length) / max(1, a.length, b.length),
        _mismatch(a.numbers, b.numbers),
        _negation_mismatch(a, b),
        *runs,
        _numbers_only_one_side(a.numbers, b.numbers),
    )
    if leading.cosine:
        features += (*leading.cosine, _worst_clause_cosine(a, b, leading.cosine[0]))
    return Comparison(features, leading.contained)


def _numbers_only_one_side(a_numbers: frozenset[str], b_numbers: frozenset[str]) -> float:
    """How many figures the side with more unshared figures gives that the other does not.

    ``number_mismatch`` only says the sets differ. How much they differ
    matters too: on MSRP, pairs with no unshared figure are "same
    statement" 74 % of the time, with one 62 %, with two 48 %.
    """
    return float(max(len(a_numbers - b_numbers), len(b_numbers - a_numbers)))


def _clause_texts(text: str) -> list[str]:
    """The clauses of ``text`` the encoder embeds, none when it has one clause only."""
    spans = clause_spans(text)
    return [text[a:b].strip() for a, b in spans] if len(spans) > 1 else []


def _worst_clause_cosine(a: Profile, b: Profile, cosine: float) -> float:
    """The cosine of the clause that the other sentence reports least.

    A sentence's vector blurs its parts, so a sentence that adds a claim of
    its own to the other's can still be close to it. Here each clause of a
    side (the sentence itself when it has one clause) takes its best cosine
    with the other side's clauses; the lowest of these, on the side whose
    lowest is lower, shows a clause the other sentence does not report. No
    pair embeds anything: clause vectors are computed once per text, and
    the clustering embeds every clause anyway.

    ``cosine`` is the two sentences' own cosine, the answer when neither
    has clauses. When one side has a single clause, every clause of the
    other takes its best cosine with that one, so the lower side's worst is
    the lowest cosine of all. Those two shortcuts give the same value as
    the general case without its matrix reductions, which cost about 15 µs a
    pair (half a million pairs in 200 real web articles, clustering and
    absence search together).
    """
    assert a.vector is not None and b.vector is not None
    if a.clause_vectors is None and b.clause_vectors is None:
        return cosine
    left = a.vector[None, :] if a.clause_vectors is None else a.clause_vectors
    right = b.vector[None, :] if b.clause_vectors is None else b.clause_vectors
    cosines = left @ right.T
    if len(left) == 1 or len(right) == 1:
        return float(cosines.min())
    return float(min(cosines.max(axis=1).min(), cosines.max(axis=0).min()))


def _coverage(a: Profile, b: Profile, spelling: Spelling) -> float:
    """The weighted share of ``a``'s content words found in ``b``: exactly (1), or by spelling (the ratio, <1).

    Only the words whose forms have alike forms in the story are looked up
    by spelling (a set intersection finds them): in most pairs none is.
    """
    if a.total <= 0:
        return 0.0
    weights, found = a.weights, b.weights
    covered = _covered_exactly(a, b)
    alike = spelling.alike()
    for form in a.spellable.keys() & alike.keys():
        norm = a.spellable[form]
        near = alike[form]
        if norm not in found and (spelled := near.keys() & b.long_forms):
            covered += weights[norm] * max(map(near.__getitem__, spelled))
    return covered / a.total


def _covered_exactly(a: Profile, b: Profile) -> float:
    """The weight of ``a``'s content words that ``b`` has too."""
    weights = a.weights
    return sum(map(weights.__getitem__, weights.keys() & b.weights.keys()))


def _ngram_overlaps(a: Profile, b: Profile) -> tuple[float, ...]:
    """For runs of 1, 2 and 3 words: the shared share of the shorter side's runs, then of the longer's.

    Word runs with function words see phrasing ("would be a very big
    mistake") that the content-word features cannot; the shorter side's
    share is high when one sentence is contained in the other, the longer
    side's only when they say the same thing.
    """
    shares: list[float] = []
    for runs_a, runs_b in zip(a.ngrams, b.ngrams, strict=True):
        shared = len(runs_a & runs_b)
        first, second = len(runs_a), len(runs_b)
        small, large = (first, second) if first <= second else (second, first)
        shares += (shared / (small or 1), shared / (large or 1))
    return tuple(shares)


def _mismatch(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of numbers one side gives that the other contradicts (both must give some)."""
    if not a or not b:
        return 0.0
    return len(a ^ b) / len(a | b)


def _negation_mismatch(a: Profile, b: Profile) -> float:
    """1 when one side is negated an odd number of times and the other an even number.

    Cruder than scoping each negation to the words it negates, and better on
    the tuning pairs (cross-validated accuracy 0.739 against 0.734).
    """
    return 1.0 if a.negations % 2 != b.negations % 2 else 0.0


def _negation_flipped(a: Profile, b: Profile) -> bool:
    """Whether a word one side negates appears un-negated on the other side.

    Finer than the parity feature, and needed for containment: "no one has
    offered it" inside "we are not asking anyone, no one is offering it,
    it is not necessary" has three negations against two, yet negates the
    same words.
    """
    return bool((a.negated - b.negated) & b.weights.keys() or (b.negated - a.negated) & a.weights.keys())


class SettledMatcher:
    """``Matcher.model_probability`` for pairs of a story's profiles, once the story has no more texts to profile.

    The absence search (``engine.absence``) asks the pair model about
    114,000 pairs of 200 ECB+ web articles after the clustering, and two
    thirds of them only to learn that they stay below the probability they
    would need. Two things make that cheaper once every text is profiled:

    - The story's alike forms (``Spelling``) are known for good, so each
      profile's reach, every form its words are alike to, is worked out
      once. A pair whose other side has none of them (85 % of those pairs)
      has its coverage from the words both sides have (``_covered_exactly``),
      without looking up its words by spelling one by one.
    - ``log_odds_bounds`` bounds the model's probability for many pairs at once,
      from set intersections and one rapidfuzz call, and leaves to
      ``model_probability`` only the pairs that may reach their floor
      (37,500 of the 114,000 there).

    The bound counts a side's words that have a form alike to one of the
    other side's as found, which the second point makes one set
    intersection (``_spellable`` and ``_in_reach``: a form is alike to
    another exactly when that one is alike to it).

    Same values, same bound, same probability as ``Matcher.model_probability``.
    """

    def __init__(self, matcher: Matcher, profiles: Sequence[Profile]) -> None:
        import numpy as np

        self._matcher = matcher
        self._profiles = list(profiles)
        self._spelling = matcher._spelling or Spelling(form for p in self._profiles for form in p.long_forms)
        alike = self._spelling.alike()
        listed = self._profiles
        self._spellable = _objects(compact_set(p.spellable.keys() & alike.keys()) for p in listed)
        self._in_reach = _objects(
            compact_set(other for form in p.long_forms if form in alike for other in alike[form]) for p in listed
        )
        self._words = _objects(compact_set(p.weights) for p in listed)
        self._runs = [_objects(p.ngrams[size] for p in listed) for size in range(len(NGRAM_SIZES))]
        self._sequences = _objects(p.sequence for p in listed)
        self._totals = np.array([p.total for p in listed], dtype=np.float64)
        self._heaviest = np.array([max(p.weights.values(), default=0.0) for p in listed], dtype=np.float64)
        self._lengths = np.array([p.length for p in listed], dtype=np.float64)
        self._negations = np.array([p.negations for p in listed], dtype=np.int64)
        self._run_counts = [np.array([len(p.ngrams[size]) for p in listed]) for size in range(len(NGRAM_SIZES))]
        wordings: dict[tuple[str, ...], int] = {}
        self._wording = np.array([wordings.setdefault(p.key, len(wordings)) if p.key else -1 for p in listed])
        self._unbounded = matcher._intercept + matcher._most_added(leaving_out=_REACH_FEATURES)
        self._reach_coefficients = {name: c for name, c in matcher._coefficient.items() if name in _REACH_FEATURES}

    def model_probability(self, n: int, m: int, floor: float = 0.0) -> float:
        """``Matcher.model_probability`` of the ``n``-th and ``m``-th profiles."""
        a, b = self._profiles[n], self._profiles[m]
        if a.key and a.key == b.key:
            return 1.0
        if not a.weights or not b.weights:
            return 0.0
        leading = _leading_covered(a, b, self._coverage(n, m), self._coverage(m, n))
        return self._matcher._modelled(a, b, floor, leading)

    def log_odds_bounds(
        self, ns: Sequence[int], ms: Sequence[int], cosines: Sequence[float] | None = None
    ) -> NDArray[np.float64]:
        """For pairs of profiles (``ns[i]``, ``ms[i]``), the most the model's log-odds can be (``least_bound`` says
        what that bound allows); infinite for a pair that may be contained (its probability is raised to
        ``CONTAINED_PROBABILITY``) or is worded alike.

        ``cosines``: the pairs' sentence cosines, with an encoder.

        One bound for all the pairs at once, from the features that carry
        most weight (``_REACH_FEATURES``): the word runs both sides have (set
        intersections, mapped over the pairs with no Python code of their
        own), the sequence ratio (one ``process.cpdist`` call), sizes held per
        profile, and the coverages, their shared words counted at the
        profile's heaviest word weight (every content word weighs 1, so that
        is exact) and every word of a side with a form alike to one of the
        other side's counted as found. Every other feature counts as the most
        it could add (``FEATURE_RANGES``).
        """
        import numpy as np

        count = len(ns)
        if not count:
            return np.zeros(0)
        n, m = np.asarray(ns, dtype=np.int64), np.asarray(ms, dtype=np.int64)
        shared_words = _sizes(map(frozenset.__and__, self._words[n], self._words[m]), count)
        spelled_a = _sizes(map(frozenset.__and__, self._spellable[n], self._in_reach[m]), count)
        spelled_b = _sizes(map(frozenset.__and__, self._spellable[m], self._in_reach[n]), count)
        cover_a = np.minimum(_share((shared_words + spelled_a) * self._heaviest[n], self._totals[n]), 1.0)
        cover_b = np.minimum(_share((shared_words + spelled_b) * self._heaviest[m], self._totals[m]), 1.0)
        lengths_a, lengths_b = self._lengths[n], self._lengths[m]
        values: dict[str, NDArray[np.float64]] = {
            "coverage_min": np.minimum(cover_a, cover_b),
            "coverage_max": np.maximum(cover_a, cover_b),
            "sequence_ratio": process.cpdist(
                self._sequences[n], self._sequences[m], scorer=fuzz.ratio, dtype=np.float64
            )
            / 100.0,
            "length_ratio": np.minimum(lengths_a, lengths_b) / np.maximum(np.maximum(lengths_a, lengths_b), 1.0),
            "negation_mismatch": (self._negations[n] % 2 != self._negations[m] % 2).astype(np.float64),
        }
        if cosines is not None:
            values["cosine"] = np.asarray(cosines, dtype=np.float64)
        logit = np.full(count, self._unbounded)
        for size, (shorter, longer) in enumerate(zip(RUN_FEATURES[::2], RUN_FEATURES[1::2], strict=True)):
            counts_a, counts_b = self._run_counts[size][n], self._run_counts[size][m]
            fewer = np.maximum(np.minimum(counts_a, counts_b), 1)
            more = np.maximum(np.maximum(counts_a, counts_b), 1)
            if size < _RUN_SIZES_SHARED:
                shared = _sizes(map(frozenset.__and__, self._runs[size][n], self._runs[size][m]), count)
                values[shorter], values[longer] = shared / fewer, shared / more
            else:  # the shares grow with the runs shared, at most all the shorter side's: the better end counts
                c_shorter, c_longer = self._reach_coefficients[shorter], self._reach_coefficients[longer]
                logit += np.maximum(np.minimum(counts_a, counts_b) * (c_shorter / fewer + c_longer / more), 0.0)
        for name, c in self._reach_coefficients.items():
            if name in values:
                logit += c * values[name]
        claim_words_a = lengths_a + self._negations[n]
        claim_words_b = lengths_b + self._negations[m]
        contained = ((cover_a >= CONTAINED_COVERAGE) & (claim_words_a >= CONTAINED_MIN_WORDS)) | (
            (cover_b >= CONTAINED_COVERAGE) & (claim_words_b >= CONTAINED_MIN_WORDS)
        )
        wording = self._wording[n]
        alike = (wording >= 0) & (wording == self._wording[m])
        logit[contained | alike] = math.inf
        return logit

    def _coverage(self, n: int, m: int) -> float:
        """``_coverage`` of the ``n``-th profile by the ``m``-th: by spelling only where it has a word in reach."""
        a, b = self._profiles[n], self._profiles[m]
        if not self._spellable[n].isdisjoint(self._in_reach[m]):
            return _coverage(a, b, self._spelling)
        return _covered_exactly(a, b) / a.total if a.total > 0 else 0.0


_REACH_FEATURES = frozenset(
    {"coverage_min", "coverage_max", "sequence_ratio", "length_ratio", "negation_mismatch", *RUN_FEATURES, "cosine"}
)
"""The features ``SettledMatcher.log_odds_bounds`` works out: the leading ones and two read off sizes (``bigram_dice``
and ``set_ratio`` cost more than the pairs they rule out: with the other bounds exact, 36,600 of real-200's
114,000 pairs may reach without them, 32,100 with them)."""


def least_bound(floor: float) -> float:
    """The least bound of ``SettledMatcher.log_odds_bounds`` with which a pair may have a probability of ``floor``
    (below 1) or more: below it, ``model_probability`` with that floor gives 0.0 or a probability below it."""
    return -math.inf if floor <= 0.0 else _logit(floor) - _BOUND_SLACK


_RUN_SIZES_SHARED = 2
"""Word runs up to this size are intersected by ``SettledMatcher.log_odds_bounds``; longer ones bound by their counts:
a shared run of three words raises the longer side's share less than the shorter side's share lowers the
log-odds (real-200: 36,800 pairs may reach, against 36,600 with them intersected; the bounds took 0.36 s CPU
against 0.42 s)."""


def _objects(items: Iterable[object]) -> NDArray[np.object_]:
    """``items`` as a numpy array of objects, to be taken a pair's side at a time by index arrays."""
    import numpy as np

    return np.fromiter(items, dtype=object)


def _sizes(sets: Iterable[frozenset[object]], count: int) -> NDArray[np.int64]:
    import numpy as np

    return np.fromiter(map(len, sets), dtype=np.int64, count=count)


def _share(part: NDArray[np.float64], whole: NDArray[np.float64]) -> NDArray[np.float64]:
    """``part / whole``, 0 where ``whole`` is not positive (``_coverage``)."""
    import numpy as np

    return np.divide(part, whole, out=np.zeros_like(part), where=whole > 0)


_DEFAULT = Matcher(cache=False)


def similarity(a: str, b: str) -> float:
    """Probability in [0, 1] that two texts report the same claim (no story weights)."""
    return _DEFAULT.similarity(a, b)


def same_claim(a: str, b: str) -> bool:
    """Whether two texts report the same claim: the decision the clustering uses."""
    return _DEFAULT.same_claim(a, b)
