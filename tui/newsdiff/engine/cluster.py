"""Group passages of different articles that report the same claim.

The unit of matching is a passage or, for a sentence that reports two
things, each of its clauses (``clauses.clause_spans``) and each two adjacent
clauses, so such a sentence can join two claims; the words of a quote are
units too, without their attribution, and so is a sentence without the aside
after its subject (``clauses.without_aside``). Units of different articles are
linked when ``Matcher.decide`` says they report the same claim: the very
decision that ``similarity.same_claim`` makes (with the story's encoder, if
it has one), weighed by the chance that their two articles report one event
(``article_prior``). Every way of linking two texts asks ``_Decision``, the
one place where that prior applies.

Two articles that tell the story in the same order (a translation, a
rewrite of one wire report) also link the sentences next to their links
more easily, by the lift their own order shows (``_in_order_links``).

Plain connected components over these links would chain unrelated claims
through one ambiguous sentence, so groups grow by merging, strongest link
first, only when most cross-article pairs of the two groups are linked
themselves (``MIN_LINKED_SHARE``): a group is a dense cluster, not a chain.

Scale: identical texts (wire copy) are matched once, and only pairs that
share informative words are scored. An inverted index maps each text's
``MAX_KEYS`` rarest words (never stopwords, never words in more than
``MAX_KEY_SHARE`` of the passages) to the texts that hold them; a text is
compared with the ``MAX_CANDIDATES`` texts that share the most such words
with it. A candidate pair whose articles surely report two events (no
probability would overcome the prior) is decided without a score
(``_Decision.floor``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.clauses import (
    MIN_CLAUSE_WORDS,
    clause_spans,
    names_only,
    says_unknown,
    speaker_spans,
    without_aside,
)
from newsdiff.engine.leaning import leaning_variants
from newsdiff.engine.model import Passage, PassageKind, Quote
from newsdiff.engine.normalize import content_norms, forget_tokens_when_full
from newsdiff.engine.pacing import REPORT_EVERY, ignore_share, paced
from newsdiff.engine.semantic import BATCH_SIZE
from newsdiff.engine.similarity import Matcher, Profile
from newsdiff.engine.statement import Evidence, Variant, contrasts

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from newsdiff.engine.margin import Margins, MutualPair
    from newsdiff.engine.semantic import Encoder

MIN_LINKED_SHARE = 0.5
"""Share of cross-article unit pairs of two groups that must be linked to merge them."""
MAX_CANDIDATES = 40
"""Texts scored against one text, those sharing the most rare words first."""
MAX_KEYS = 8
"""A unit is found through its rarest words only (prefix filtering)."""
MAX_KEY_SHARE = 0.3
"""Words in more than this share of the passages are not used to find candidates."""
MAX_SCANNED = 10_000_000
"""Index entries the candidate search may read in all (``_affordable_frequency``): a few seconds."""
PRIOR_WEIGHT = 2.0
"""Pseudo-pairs at the base rate in each article pair's continuation share (see ``_in_order_links``)."""
MAX_CLAIMS_PER_PASSAGE = 3
"""A sentence rarely reports more than a few separate things."""
MIN_CONSENSUS_ARTICLES = 3
"""Articles a story needs before a sentence joins a claim by where it falls among them (``_join_by_consensus``)."""
LEAD_SENTENCES = 1
"""Body sentences at the top of an article that make its lead (``_lead_links``)."""
_LINK = re.compile(r"^\s*(?:(?:and|but|while|whereas|although|though|yet)\s+)+", re.IGNORECASE)
"""The conjunctions that join a clause to the one before ("and yet"): how the sentence ties two claims, not a claim."""


@dataclass(slots=True)
class ClusterStats:
    """What one clustering did, for benchmarks: pass one to ``cluster_passages``."""

    units: int = 0
    """Distinct texts matched (passages, their clauses and quotes; repeated wire copy once)."""
    scored: int = 0
    """Candidate pairs decided (scored, or known to be out of reach of any probability: ``_Decision.floor``)."""
    linked: int = 0
    """Pairs the same-claim decision accepted."""


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
    prior: ArticlePrior | None = None,
    stats: ClusterStats | None = None,
    matcher: Matcher | None = None,
    leaning: Mapping[str, frozenset[Variant]] | None = None,
) -> list[tuple[Passage, ...]]:
    """Groups of content passages, one per claim, in story order.

    Every content passage is in at least one group (alone, if no other
    source reports its claim); boilerplate is in none. With a sentence
    ``encoder`` the same-claim decision also weighs sentence vectors; with
    an article ``prior`` it weighs how alike the two articles are (without
    one, every article pair reports one event).
    ``stats``, when given, is filled in with counts of the work done.
    ``matcher``, when given, must know the content passages' texts and
    ``encoder``; the caller keeps its profiles for later (``engine.absence``).
    ``leaning``, when given, must be ``leaning.leaning_variants`` of the
    passages (the caller's flags ask it too; worked out here otherwise).
    """
    report = progress or ignore_share
    content = [p for p in passages if p.is_content]
    if leaning is None:
        leaning = leaning_variants(content)
    if matcher is None:
        matcher = Matcher((_content_text(p) for p in paced(content, report, 0.0, 0.02)), encoder=encoder)
    units = _units(paced(content, report, 0.02, 0.04), partial(_evidence, matcher))
    nodes = _nodes(units)
    texts = [n.text for n in nodes]
    for start in range(0, len(texts), BATCH_SIZE):
        report(0.04 + 0.02 * start / len(texts))
        matcher.embed(texts[start : start + BATCH_SIZE])
    profiles = [matcher.profile(node.text) for node in paced(nodes, report, 0.06, 0.1)]
    matcher.stop_sharing()
    forget_tokens_when_full()
    report(0.1)
    counts = stats if stats is not None else ClusterStats()
    counts.units = len(nodes)
    decision = _Decision(
        matcher, nodes, prior or ArticlePrior(), _sentence_evidence(nodes, units, profiles, content, leaning)
    )
    links = _links(nodes, profiles, matcher, decision, report, counts)
    links.update(_in_order_links(links, nodes, units, profiles, matcher, decision, counts))
    neighbourhood = None
    if encoder is not None:
        body = {
            n
            for n, node in enumerate(nodes)
            if all(content[units[u].passage].kind is PassageKind.SENTENCE for u in node.units)
        }
        neighbourhood = _Neighbourhood.of(nodes, units, content, profiles, matcher)
        links.update(_mutual_links(links, nodes, neighbourhood, decision, counts))
        links.update(_best_match_links(links, nodes, body, neighbourhood, decision, counts))
        links.update(
            _lead_links(links, nodes, _leads(content, units, nodes), profiles, neighbourhood, decision, counts)
        )
        links.update(
            _sequel_links(links, nodes, _sequels(links, content, units, nodes), neighbourhood, decision, counts)
        )
    counts.linked = len(links)
    clusters = _agglomerate(nodes, links)
    _join_reporting_passages(clusters, nodes, units, links, decision)
    if neighbourhood is not None:
        _join_by_consensus(clusters, nodes, units, neighbourhood, decision)
    report(0.9)
    unit_clusters = [[u for n in cluster for u in nodes[n].units] for cluster in clusters]
    strength = [sum(links.get((a, b), 0.0) for a in c for b in c if a < b) for c in clusters]
    groups = _passage_groups(unit_clusters, strength, units, len(content))
    order = {p.id: n for n, p in enumerate(content)}
    result = [tuple(content[i] for i in sorted(g)) for g in groups]
    result.sort(key=lambda g: order[g[0].id])
    report(1.0)
    return result


def _content_text(passage: Passage) -> str:
    start = passage.content_start if passage.content_start is not None else passage.start
    return passage.text[max(0, start - passage.start) :]


def _units(content: Iterable[Passage], evidence: Callable[[str], Evidence]) -> list[_Unit]:
    """Each passage's whole text first, then the parts of it that may report a claim of their own.

    The parts: its clauses and each two adjacent clauses, and the same for
    the words of each quote in it. Two adjacent clauses together are a unit
    because a statement often runs over a clause boundary ("bearing in mind
    our agreements with North Korea, and I do not rule out this
    possibility"). A quote's words are a unit because outlets quoting one
    statement attribute it differently (``," Putin told reporters during a
    visit to Vietnam`` against ``," he said``): the statement is the claim,
    the attribution is not. A part with the same content words as one
    before it (a quote that is a whole clause) is matched once. A passage
    repeated word for word (wire copy) is split once. ``evidence`` is
    ``statement.Evidence.of``, or what the matcher keeps of it
    (``_evidence``): profiling the units reads it again.
    """
    units: list[_Unit] = []
    split: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for index, passage in enumerate(content):
        text = _content_text(passage)
        quoted = tuple(_quoted_words(passage, quote) for quote in passage.quotes)
        parts = split.get((text, quoted))
        if parts is None:
            parts = split[(text, quoted)] = _distinct_parts(text, quoted, evidence)
        units.append(_Unit(index, passage.article_id, text))
        units.extend(_Unit(index, passage.article_id, part) for part in parts)
    return units


def _distinct_parts(text: str, quoted: tuple[str, ...], evidence_of: Callable[[str], Evidence]) -> list[str]:
    """The parts of a passage's ``text`` and of its ``quoted`` words, each set of content words once.

    A part that states nothing (no statement word and no name,
    ``statement.Evidence``: "Two years ago,") is no unit: such a clause,
    identical in two articles, would be one text of both and so a claim with
    no decision at all (a shooting and a football award in the ECB+ pile).
    Nor is a part that only says who speaks (``clauses.speaker_spans``):
    "said Sutopo Purwo Nugroho of the National Disaster Mitigation Agency."
    linked two different statements of one spokesman (ECB+ topic 37: twelve
    killed in one district, five injured in another) at probability 0.985.
    Nor is a part that only says what is not known (``clauses.says_unknown``:
    "it's unknown how many were injured,"), nor one that only names someone
    (``clauses.names_only``: "John Jenkin, 23,"); the whole text stays a unit.
    """
    texts = [text, *(words for words in quoted if len(content_norms(words)) >= MIN_CLAUSE_WORDS)]
    seen = {content_norms(text)}
    parts: list[str] = []
    for whole in texts:
        speaking: list[str] | None = None
        # In a title-case headline every word is capitalised: there a part of capitalised words may say anything.
        plain = not names_only(whole)
        for part in _parts(whole):
            words = content_norms(part)
            if words in seen or (part is not whole and (says_unknown(part) or (plain and names_only(part)))):
                continue
            seen.add(words)
            evidence = evidence_of(part)
            if not (evidence.statement or evidence.names):
                continue
            if speaking is None:
                speaking = [whole[start:end].strip() for start, end in speaker_spans(whole)]
            if not any(part.strip() in said for said in speaking):
                parts.append(part)
    return parts


def _evidence(matcher: Matcher, part: str) -> Evidence:
    """The evidence of a part of a passage, kept by the matcher when the part is a text it will profile (a node's
    text is stripped): the evidence of the others, kept too, only took memory (8 MB in a pile of 1,000 articles)."""
    return matcher.evidence(part) if part == part.strip() else Evidence.of(part)


def _quoted_words(passage: Passage, quote: Quote) -> str:
    return passage.text[max(0, quote.start - passage.start) : max(0, quote.end - passage.start)]


def _parts(text: str) -> list[str]:
    """``text`` itself, its clauses, each two adjacent clauses (each without its joining conjunction), and
    ``text`` without the aside after its subject (``clauses.without_aside``).

    "..., while assuring that the supply of weapons by South Korea to
    Ukraine would be a very serious error" reports what another outlet says
    in a sentence of its own, where no "while" or "but" ties it to anything.
    Those words weigh nothing in the content-word features, but they count
    in the word runs and the edit ratio, and in the clause's vector: in the
    seed story this pair of clauses scores 0.485 with "while" and 0.532
    without (threshold 0.5255), and the seed-gold F1 rises from 0.862 to
    0.881 with ``[semantic]`` (lexical unchanged). Measured elsewhere: mixed
    ECB+ stories keep 229 claims within one event and 1 across with
    ``[semantic]``, and get 157 within (155 before) and none across
    without; synthetic stories of 200 articles go from precision 0.866 to
    0.860 with ``[semantic]`` (one more merge, of "Death sentences in
    Georgia require a unanimous decision by a jury" with a sentence about
    the problems that requirement makes) and are unchanged without.
    """
    spans = clause_spans(text)
    parts = [text]
    if len(spans) > 1:
        parts.extend(_LINK.sub("", text[a:b]) for a, b in spans)
    if len(spans) > 2:
        parts.extend(_LINK.sub("", text[a[0] : b[1]]) for a, b in pairwise(spans))
    plain = without_aside(text)
    if plain is not None:
        parts.append(plain)
    return parts


def _nodes(units: list[_Unit]) -> list[_Node]:
    by_text: dict[str, _Node] = {}
    for n, unit in enumerate(units):
        node = by_text.setdefault(unit.text.strip(), _Node(unit.text.strip(), [], set()))
        node.units.append(n)
        node.articles.add(unit.article)
    return list(by_text.values())


@dataclass(frozen=True, slots=True)
class _Decision:
    """The one same-claim decision for two texts (node indices): every way of linking them asks it.

    It is ``Matcher.decide`` (``decide_mutual`` for pairs found by margin)
    of the pair's probability weighed by the chance that the texts' articles
    report one event (``article_prior``): the pair model tells one claim
    from two within one event, so P(claim) = P(claim | one event) x
    P(one event). Articles about one event keep the probability as it is;
    articles whose event words are far apart need stronger evidence. A new
    way of linking texts must decide through ``accepts`` (or
    ``accepts_mutual``) to inherit that prior, and the sentences' contrast.

    Two texts whose sentences are about different variants of one thing
    (``statement.contrasts``) are never one claim: a clause such as "the
    13-inch has dropped $100 to $1199" has lost the name its sentence gives
    it ("the 11-inch Air"), and so matches "The 13-inch MacBook Pro spec
    upgrade costs $1199" on its own.
    """

    matcher: Matcher
    nodes: list[_Node]
    prior: ArticlePrior
    sentences: list[tuple[Evidence, ...]]
    """Per text, the evidence of the whole passages it is (part of) (``_sentence_evidence``)."""
    _article_sets: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    """Each text's set of articles, as a number: texts of one article (most texts) share it."""
    _only_articles: list[str | None] = field(default_factory=list, init=False, repr=False, compare=False)
    """Each text's article when it is in one only (``_Node.only_article``)."""

    def __post_init__(self) -> None:
        numbers: dict[frozenset[str], int] = {}
        self._article_sets.extend(numbers.setdefault(frozenset(node.articles), len(numbers)) for node in self.nodes)
        self._only_articles.extend(node.only_article for node in self.nodes)

    def accepts(self, a: int, b: int, probability: float, lift: float = 1.0) -> bool:
        """Whether texts ``a`` and ``b`` are one claim at ``probability``; ``lift``: odds their context adds."""
        return self.accepts_weighed(a, b, probability, self.same_event(a, b), lift)

    def accepts_mutual(self, a: int, b: int, probability: float) -> bool:
        """The same for two texts that are each other's best match by margin (``Matcher.decide_mutual``)."""
        return self.matcher.decide_mutual(probability * self.same_event(a, b)) and not self.contrasted(a, b)

    def accepts_placed(self, a: int, b: int, probability: float, lift: float) -> bool:
        """``accepts`` with the ``lift`` where the two texts stand gives (leads, the sentences after linked ones), and
        ``accepts_mutual``: where a text stands does not overrule words and vectors that say "different"."""
        weighed = probability * self.same_event(a, b)
        matcher = self.matcher
        return matcher.decide(weighed, prior_odds=lift) and matcher.decide_mutual(weighed) and not self.contrasted(a, b)

    def contrasted(self, a: int, b: int) -> bool:
        """Whether some sentence of text ``a`` is about another variant of one thing than a sentence of ``b``."""
        return any(contrasts(x, y) for x in self.sentences[a] for y in self.sentences[b])

    def floor(self, a: int, b: int, lift: float = 1.0) -> float | None:
        """The lowest probability of texts ``a`` and ``b`` that ``accepts`` could take with ``lift``; None if none.

        ``accepts`` weighs the probability by the chance that the two
        articles report one event, so it takes nothing below
        ``Matcher.lowest_accepted`` divided by that chance, and nothing at
        all when even a probability of 1 falls short: in a story that mixes
        events, that is most pairs of articles about two of them (real-200:
        164,000 of 266,000 candidate pairs). A floor of 1 or more, from
        rounding where the chance is about the floor itself, leaves the
        matcher's bound no room: the plain ``lowest_accepted`` holds there too.
        """
        same_event = self.same_event(a, b)
        if not self.matcher.decide(same_event, prior_odds=lift):  # even a sure pair (probability 1) falls short
            return None
        lowest = self.matcher.lowest_accepted(lift)
        floor = lowest / same_event
        return floor if floor < 1.0 else lowest

    def possible(self, first: NDArray[np.int64], second: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether ``accepts`` could take some probability of each pair (``first[i]``, ``second[i]``), at no lift.

        That is, whether the pair has a ``floor``. A floor depends on the
        articles only (the contrast of two texts is asked of the pairs
        ``accepts`` decides), so it is asked of the pairs' chances of one
        event (``same_events``).
        """
        return self.possible_at(self.same_events(first, second))

    def possible_at(self, events: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Whether pairs whose same-event chances are ``events`` have a ``floor`` at no lift (see ``floor``)."""
        import numpy as np

        chances, where = np.unique(events, return_inverse=True)
        possible = [self.matcher.decide(1.0 * chance) for chance in chances.tolist()]
        return np.array(possible, dtype=np.bool_)[where.reshape(-1)]

    def same_events(self, first: NDArray[np.int64], second: NDArray[np.int64]) -> NDArray[np.float64]:
        """``same_event`` of each pair (``first[i]``, ``second[i]``), asked once for each two article sets among them.

        A pair's chance depends on its two texts' article sets only, and
        the pairs of a block of candidates come from a few hundred of them.
        """
        import numpy as np

        sets = np.asarray(self._article_sets, dtype=np.int64)
        low, high = np.minimum(sets[first], sets[second]), np.maximum(sets[first], sets[second])
        _, met, where = np.unique(low * len(self.nodes) + high, return_index=True, return_inverse=True)
        chances = [self.same_event(a, b) for a, b in zip(first[met].tolist(), second[met].tolist(), strict=True)]
        return np.array(chances, dtype=np.float64)[where.reshape(-1)]

    def floors(self, events: NDArray[np.float64]) -> NDArray[np.float64]:
        """The ``floor`` at no lift of pairs that have one (``possible``), from their same-event chances ``events``."""
        import numpy as np

        lowest = self.matcher.lowest_accepted()
        floors = lowest / events
        return np.where(floors < 1.0, floors, lowest)

    def accepts_weighed(self, a: int, b: int, probability: float, same_event: float, lift: float = 1.0) -> bool:
        """``accepts``, given the chance that the texts' articles report one event (``same_event``, ``same_events``)."""
        return self.matcher.decide(probability * same_event, prior_odds=lift) and not self.contrasted(a, b)

    def same_event(self, a: int, b: int) -> float:
        """The highest same-event probability over the pairs of different articles that hold the two texts.

        Asked for every scored candidate pair: two texts of one article each
        (most pairs) are one look-up in the prior (which remembers it), not a
        loop over their articles. Remembering it per two article sets here
        too cost 10 to 40 MB in a pile of 1,000 articles.
        """
        first, second = self._only_articles[a], self._only_articles[b]
        if first is not None and second is not None:
            return self.prior.same_event(first, second) if first != second else 0.0
        best = 0.0
        for first in self.nodes[a].articles:
            for second in self.nodes[b].articles:
                if first != second:
                    best = max(best, self.prior.same_event(first, second))
                    if best >= 1.0:
                        return best
        return best


def _sentence_evidence(
    nodes: list[_Node],
    units: list[_Unit],
    profiles: list[Profile],
    content: Sequence[Passage],
    leaning: Mapping[str, frozenset[Variant]],
) -> list[tuple[Evidence, ...]]:
    """Per text (node), the evidence of each distinct whole passage it is, or is a part of.

    A passage whose subject is a pronoun also carries the variant names of
    the sentence it leans on (``leaning``): "It also gets storage up to 512
    GB" after "The MacBook Air gets 3rd-gen Core chips" is about the Air, and
    contrasts with a sentence about the MacBook Pro.
    """
    node_of = {u: n for n, node in enumerate(nodes) for u in node.units}
    whole = {unit.passage: node_of[u] for u, unit in enumerate(units) if _is_whole(units, u)}
    none: frozenset[Variant] = frozenset()
    evidence: list[tuple[Evidence, ...]] = []
    for node in nodes:
        about = dict.fromkeys(
            (whole[units[u].passage], leaning.get(content[units[u].passage].id, none)) for u in node.units
        )
        evidence.append(tuple(profiles[w].evidence.leaning_on(variants) for w, variants in about))
    return evidence


def _may_link(a: _Node, b: _Node) -> bool:
    """Whether a link between two texts would be cross-article evidence."""
    return a.only_article is None or a.only_article != b.only_article


def _candidate_pairs(
    nodes: list[_Node], profiles: list[Profile], matcher: Matcher, report: Callable[[float], None]
) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """Pairs of texts worth scoring: they share some of their rarest words, and a link would be cross-article.

    Each text is paired with the later texts that share the most of its
    keys (``_keys``), at most ``MAX_CANDIDATES`` (``_KeyIndex.ranked``).
    Texts of its own article never count: those could not link, and
    counting them cost time quadratic in an article's length (a 1 MB
    article of a 50-word vocabulary: 31 s of 36 here, each word in a
    quarter of its 13,000 sentences) and took candidate slots from the
    other articles. The pairs come a block of texts at a time, as two
    arrays of text indices, text by text and each text's best first.
    """
    index = _KeyIndex.of(_keys(nodes, profiles, matcher), nodes)
    for low, high in index.blocks(_CANDIDATE_BLOCK, REPORT_EVERY):
        report(0.1 + 0.7 * low / len(nodes))
        yield index.ranked(low, high)


def _keys(nodes: list[_Node], profiles: list[Profile], matcher: Matcher) -> list[list[str]]:
    """Each text's rarest words, rarest first: at most ``MAX_KEYS``, none too common, within ``MAX_SCANNED`` in all."""
    passages = len({u for n in nodes for u in n.units})
    max_df = max(2, MAX_KEY_SHARE * passages)
    frequencies = {word: matcher.document_frequency(word) for word in {w for p in profiles for w in p.weights}}
    frequency = frequencies.__getitem__
    rarest = [sorted((w for w in p.weights if frequency(w) <= max_df), key=frequency)[:MAX_KEYS] for p in profiles]
    affordable = _affordable_frequency([frequency(w) for words in rarest for w in words])
    return [[w for w in words if frequency(w) <= affordable] for words in rarest]


def _affordable_frequency(frequencies: list[int]) -> float:
    """The highest document frequency a key may have so that the keys' index entries stay within ``MAX_SCANNED``.

    Each text reads the index entries of each of its keys, about as many as
    the key's document frequency, so the search costs the sum of the keys'
    frequencies. In a story of news articles that sum stays far below the
    budget and no key is dropped (200 synthetic articles: 2.0 million); in
    a long text of a small vocabulary even the rarest words are in
    thousands of sentences, and the sum grows with the square of its length.
    There the commonest keys go first, as ``MAX_KEY_SHARE`` drops common words.
    """
    spent = 0
    for frequency in sorted(frequencies):
        spent += frequency
        if spent > MAX_SCANNED:
            return frequency - 1
    return float("inf")


_CANDIDATE_BLOCK = 1 << 17
"""Index entries ``_KeyIndex.ranked`` reads at once: its arrays stay within about ten megabytes."""


@dataclass(frozen=True, slots=True)
class _KeyIndex:
    """The texts' keys and an inverted index from each key to its texts, as arrays for ``ranked``.

    The index lists each key's texts article by article (articles in the
    order the key first occurs in them, the texts that several articles
    share as one more article), each article's texts in order.
    """

    listed: NDArray[np.int64]
    """Every key's texts, key by key."""
    start: NDArray[np.int64]
    """Where each key's texts begin in ``listed``."""
    length: NDArray[np.int64]
    """How many texts each key has."""
    key_text: NDArray[np.int64]
    """The text of each key of each text, text by text."""
    key_word: NDArray[np.int64]
    """Which key (its index in ``start``) each one is."""
    first_key: NDArray[np.int64]
    """Where each text's keys begin in ``key_text``, and where the last ends."""
    article: NDArray[np.int64]
    """Each text's article (a number), -1 for a text several articles share."""

    @staticmethod
    def of(keys: list[list[str]], nodes: list[_Node]) -> _KeyIndex:
        """The index of ``keys``, each text's keys in its order (``_keys``)."""
        import numpy as np

        owners = [node.only_article for node in nodes]
        index: dict[str, dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
        for n, words in enumerate(keys):
            for word in words:
                index[word][owners[n]].append(n)
        number = {word: w for w, word in enumerate(index)}
        length = np.array([sum(map(len, texts.values())) for texts in index.values()], dtype=np.int64)
        articles: dict[str | None, int] = {None: -1}
        key_text = np.array([n for n, words in enumerate(keys) for _ in words], dtype=np.int64)
        return _KeyIndex(
            listed=np.array([n for texts in index.values() for listed in texts.values() for n in listed], np.int64),
            start=np.cumsum(length) - length,
            length=length,
            key_text=key_text,
            key_word=np.array([number[word] for words in keys for word in words], dtype=np.int64),
            first_key=np.searchsorted(key_text, np.arange(len(keys) + 1)),
            article=np.array([articles.setdefault(owner, len(articles) - 1) for owner in owners], dtype=np.int64),
        )

    def blocks(self, entries: int, texts: int) -> Iterator[tuple[int, int]]:
        """Ranges of at most ``texts`` texts whose keys list about ``entries`` texts in all (at least one text each)."""
        import numpy as np

        count = len(self.article)
        read = np.bincount(self.key_text, weights=self.length[self.key_word], minlength=count)
        until = np.cumsum(read)
        low = 0
        while low < count:
            before = until[low - 1] if low else 0.0
            high = min(low + texts, max(low + 1, int(np.searchsorted(until, before + entries, side="right"))))
            yield low, high
            low = high

    def ranked(self, low: int, high: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The candidates of the texts from ``low`` to ``high``: the later texts of other articles, best first.

        A candidate shares more of the text's keys than the texts after it,
        or as many and is met first going through the text's keys in order
        and each key's texts as listed. That is the order in which a count
        over the index's postings, text by text (``Counter.most_common``),
        first meets them, as the search was written first; it is kept
        because ties are common and the pairs' order is the order links are
        made in. Counted that way, a story of 200 ECB+ web articles made
        half a million calls over 575,000 index entries; here the entries
        of many texts are gathered, filtered and counted at once (numpy).
        """
        import numpy as np

        texts = len(self.article)
        keys = slice(self.first_key[low], self.first_key[high])
        word = self.key_word[keys]
        counts = self.length[word]
        entry = np.repeat(self.start[word] - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
        first, second = np.repeat(self.key_text[keys], counts), self.listed[entry]
        own = self.article[first]
        kept = (second > first) & ((own < 0) | (self.article[second] != own))
        pairs, met, shared = np.unique(
            (first[kept] - low) * texts + second[kept], return_index=True, return_counts=True
        )
        order = np.lexsort((met, -shared, pairs // texts))
        pairs = pairs[order]
        owner = pairs // texts
        rank = np.arange(len(pairs)) - np.searchsorted(owner, owner)
        chosen = rank < MAX_CANDIDATES
        return owner[chosen] + low, pairs[chosen] % texts


def _links(
    nodes: list[_Node],
    profiles: list[Profile],
    matcher: Matcher,
    decision: _Decision,
    report: Callable[[float], None],
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Probabilities of the candidate pairs that the same-claim decision accepts.

    Pairs that no probability would link (``_Decision.possible``) are
    decided without one. The chance that a pair's articles report one event,
    and so its ``_Decision.floor``, is worked out for a block of candidates
    at once (``same_events``): asked pair by pair, with the decision's own
    look-ups, it was about a third of this stage's time on real-200.
    """
    links: dict[tuple[int, int], float] = {}
    probability, accepts = matcher.probability, decision.accepts_weighed
    for first, second in _candidate_pairs(nodes, profiles, matcher, report):
        events = decision.same_events(first, second)
        possible = decision.possible_at(events)
        stats.scored += len(first)
        events = events[possible]
        floors = decision.floors(events).tolist()
        pairs = zip(first[possible].tolist(), second[possible].tolist(), floors, events.tolist(), strict=True)
        for a, b, floor, event in pairs:
            found = probability(profiles[a], profiles[b], floor)
            if found > 0.0 and accepts(a, b, found, event):
                links[(a, b)] = found
    return links


def _probability_of(profiles: list[Profile], decision: _Decision, lift: float = 1.0) -> Callable[[int, int], float]:
    """The matcher's probability for two texts given by index, exact from ``decision``'s floor on (0.0 below).

    Only decisions are asked of it, and the floor is the lowest probability
    ``decision`` could accept with ``lift`` (``_Decision.floor``), so
    cutting short the pairs below it changes none.
    """
    matcher = decision.matcher

    def probability(a: int, b: int) -> float:
        floor = decision.floor(a, b, lift)
        return 0.0 if floor is None else matcher.probability(profiles[a], profiles[b], floor)

    return probability


def _score(
    pairs: Iterable[tuple[int, int]],
    probability_of: Callable[[int, int], float],
    stats: ClusterStats,
    decide: Callable[[int, int, float], bool],
    accepted: dict[tuple[int, int], float],
) -> None:
    """Score each pair and keep in ``accepted`` those that ``decide`` takes.

    ``pairs`` may be a generator that looks at ``accepted``: it is filled
    as the pairs come, so a pair found twice is scored once. No decision
    takes a probability of 0 (every threshold is above it), so a pair cut
    short is not asked about.
    """
    for a, b in pairs:
        probability = probability_of(a, b)
        stats.scored += 1
        if probability > 0.0 and decide(a, b, probability):
            accepted[(a, b)] = probability


def _in_order_links(
    links: dict[tuple[int, int], float],
    nodes: list[_Node],
    units: list[_Unit],
    profiles: list[Profile],
    matcher: Matcher,
    decision: _Decision,
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Pairs next to linked pairs, accepted with the prior that the two articles' own order gives.

    Two articles that tell a story in the same order (a translation, a
    rewrite of one wire report) link consecutive sentences to consecutive
    sentences; for them, the passages just before and after a linked pair
    report the same claim far more often than an arbitrary candidate pair.
    Independent reports do not: in stories of three ECB+ articles the
    neighbours of a link are linked less often than candidate pairs (0.4 %
    against 3.5 %), even next to a run of two links (5 to 8 %). So the
    lift is measured in each story, for each pair of articles, from the
    links themselves, never assumed: among the neighbour pairs of the
    article pair's links (identical texts count as linked), the share that
    are links too (``continuation``), against the share of all scored
    candidate pairs that are links (the base rate). The continuation share
    starts from the base rate as ``PRIOR_WEIGHT`` pseudo-pairs (an
    m-estimate), so an article pair with little evidence gets no lift. The
    odds ratio of the two shares is the neighbour pairs' prior odds against
    the candidates' (Bayes' rule, assuming the decision finds the same share
    of true pairs in both); it applies only when above one, and only to
    neighbours of links found by their own words (no chains).

    Evidence of order comes from links between texts of one article each
    and from texts that exactly two articles share: a sentence that many
    outlets copy word for word comes with its neighbours copied too, which
    need no lift, and its pairs would grow with the square of the outlets.
    A text that an article repeats says nothing of where it stands in that
    article, and its pairs grow with the square of the repeats (two
    articles of 40,000 one-word lines made 5.6 GB of them): only texts
    found once in each of their articles count.
    """
    article_of = {u.passage: u.article for u in units}
    whole = {units[u].passage: n for n, node in enumerate(nodes) for u in node.units if _is_whole(units, u)}
    passages_of = [{units[u].passage for u in node.units} for node in nodes]
    one_article = [node.only_article is not None for node in nodes]
    once = [len(passages_of[n]) == len(node.articles) for n, node in enumerate(nodes)]
    evidence = [(a, b) for a, b in links if one_article[a] and one_article[b] and once[a] and once[b]]
    evidence += [(n, n) for n, node in enumerate(nodes) if len(node.articles) == 2 and once[n] and profiles[n].weights]
    linked: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for a, b in evidence:
        for pa in passages_of[a]:
            for pb in passages_of[b]:
                x, y = (pa, pb) if pa < pb else (pb, pa)
                if article_of[x] != article_of[y]:
                    linked[(article_of[x], article_of[y])].add((x, y))
    base_rate = (len(links) + 1) / (stats.scored + 2)
    accepted: dict[tuple[int, int], float] = {}
    for pairs in linked.values():
        neighbours = {
            (x + step, y + step)
            for x, y in pairs
            for step in (-1, 1)
            if article_of.get(x + step) == article_of[x] and article_of.get(y + step) == article_of[y]
        }
        continued = len(neighbours & pairs)
        continuation = (continued + PRIOR_WEIGHT * base_rate) / (len(neighbours) + PRIOR_WEIGHT)
        lift = _odds(continuation) / _odds(base_rate)
        if lift <= 1.0:
            continue
        ordered = (_ordered_pair(whole[x], whole[y]) for x, y in sorted(neighbours - pairs))
        candidates = ((a, b) for a, b in ordered if a != b and (a, b) not in links and (a, b) not in accepted)
        decide = partial(decision.accepts, lift=lift)
        _score(candidates, _probability_of(profiles, decision, lift), stats, decide, accepted)
    return accepted


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """The story's whole sentences as the semantic path compares them: by margin and by probability."""

    sentences: list[list[int]]
    """Per article, the texts (node indices) of its whole passages that have content words."""
    margins: Margins
    """Ratio margins between those texts (``margin.Margins``, indices are node indices)."""
    probability: Callable[[int, int], float]
    """The pair probability of two texts (on their quoted words when both are mostly quotation)."""
    best_pairs: list[MutualPair]
    """Every two texts of different articles that are each other's best match, at any margin: found once for
    ``_mutual_links`` (those of ``margin.MIN_MARGIN`` and more) and ``_best_match_links`` (all of them)."""

    @staticmethod
    def of(
        nodes: list[_Node], units: list[_Unit], content: list[Passage], profiles: list[Profile], matcher: Matcher
    ) -> _Neighbourhood:
        """Whole sentences with content words, and the statement of each that is mostly quotation."""
        from newsdiff.engine.margin import Margins

        articles: dict[str, list[int]] = defaultdict(list)
        for u, unit in enumerate(units):
            if _is_whole(units, u):
                articles[unit.article].append(u)
        node_of = {u: n for n, node in enumerate(nodes) for u in node.units}
        rows: list[list[int]] = []
        statements: dict[int, str | None] = {}
        for members in articles.values():
            rows.append([node_of[u] for u in members if profiles[node_of[u]].weights])
            for u in members:
                statements.setdefault(node_of[u], _statement(content[units[u].passage]))
        vectors = {n: profiles[n].vector for members in rows for n in members}
        probability = partial(_spoken_probability, profiles, statements, matcher)
        margins = Margins(rows, vectors)
        return _Neighbourhood(rows, margins, probability, margins.mutual_pairs(min_margin=0.0))


def _mutual_links(
    links: dict[tuple[int, int], float],
    nodes: list[_Node],
    neighbourhood: _Neighbourhood,
    decision: _Decision,
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Whole sentences of two articles that are each other's best match by margin, when their probability allows.

    A paraphrase with few shared words ("might supply weapons" against "not
    to rule out sending arms") gets a middling probability from the pair
    model, like many pairs that only share the story's topic. What sets it
    apart is its neighbourhood: each is the other's best match in its
    article, and closer to it than to what else the story says
    (``margin.mutual_pairs``). Such a pair is linked when its probability
    clears ``MUTUAL_FLOOR`` (``_Decision.accepts_mutual``). Only whole passages
    take part: a sentence's clauses are near copies of it and would crowd
    its own neighbourhood. Measured on the seed story this finds paraphrases
    the words miss (gold recall 0.667 to 0.758) with no wrong pair; in
    stories that mix two unrelated ECB+ events it links the two events once
    in 230 claims (a fire alarm in two fire stories). ``margin`` says why
    the neighbourhood is the whole story.

    Two sentences that are mostly quotation are judged on their quoted
    words (``statements``), as the quote units are: their attributions
    (``," he said``) are alike in any two quotes, and with few words
    besides they carry much of the probability. The floor is low, so this
    matters here most: '"We are obliged to react and we will," he said'
    against '"We will think about it," he said' gets 0.40 whole and 0.09 on
    the quoted words (the seed story's one wrong pair before this). In the
    first five articles of each of the 43 ECB+ topics it removed no mutual
    link and added two, both right: one quote in two articles, and
    "grateful to have received permission to protect 'New Moon' in its
    translation from the page to the screen" against "honored to have been
    entrusted with shepherding NEW MOON from the page to the screen".
    """
    from newsdiff.engine.margin import MIN_MARGIN

    accepted: dict[tuple[int, int], float] = {}
    clear = (pair for pair in neighbourhood.best_pairs if pair.margin >= MIN_MARGIN)
    ordered = (_ordered_pair(pair.first, pair.second) for pair in clear)
    candidates = (
        (a, b)
        for a, b in ordered
        if a != b and (a, b) not in links and (a, b) not in accepted and _may_link(nodes[a], nodes[b])
    )
    _score(candidates, neighbourhood.probability, stats, decision.accepts_mutual, accepted)
    return accepted


def _best_match_links(
    links: dict[tuple[int, int], float],
    nodes: list[_Node],
    body: set[int],
    neighbourhood: _Neighbourhood,
    decision: _Decision,
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Whole sentences of two articles that are each other's best match, with the prior such pairs show in the story.

    The lead of a story is told by every outlet in its own words and with
    its own details ("Witnesses say 59-year-old Raj Chohan was leaving her
    car … when she was hit by a silver Toyota Camry" against "Raj Chohan
    was hit by a 2013 gray Camry near 117th Street"): the pair model gives
    such pairs 0.15 to 0.4, and since every article has a sentence like it
    each is close to many, so no ratio margin reaches ``margin.MIN_MARGIN``
    (0.8 to 0.96 on ECB+ topic 21). What still sets the right pair apart is
    that each is the other's best match in its article. How much that is
    worth is measured in the story, never assumed, as ``_in_order_links``
    measures order: among the pairs of sentences that are mutual best
    matches (any margin), the share that the words alone link, against the
    share of all scored candidate pairs that they link (the base rate), as
    odds, with ``PRIOR_WEIGHT`` pseudo-pairs at the base rate. The odds
    ratio is the prior odds ``Matcher.decide`` weighs each unlinked mutual
    best pair's probability (on its quoted words when both are mostly
    quotation) with; Bayes' rule, assuming the words find the same share of
    true pairs among these as among the candidates. In ECB+ topic 21 the
    ratio is 2.7 and pairs from 0.30 up are linked. Encoder recall of the
    labelled shared facts (``eval_shared_facts.py``, five topics) rose from
    63/103 to 68/103 with these links; of the 14 pairs
    it added in topics 22 and 24, read by hand, 13 report one fact and one
    shares only a fact inside a relative clause ("Kenneth Dorsey says the
    woman accused of killing two co-workers … is a good person"). Only ``body`` sentences
    take part: headlines are short summaries of the whole event, each the
    best match of the others ("Yvonne Hiller, Accused in Kraft Shooting, Is
    A Muslim" against "Murder trial ordered for woman accused in Kraft plant
    shootings"), and linked that way they said different things.
    """
    pairs = _best_pairs_among(body, nodes, neighbourhood)
    decided = {pair for pair, probability in links.items() if decision.matcher.decide(probability)}
    lift = _measured_lift(pairs, decided, stats)
    accepted: dict[tuple[int, int], float] = {}
    if lift <= 1.0:
        return accepted
    candidates = (pair for pair in pairs if pair not in links)
    _score(candidates, neighbourhood.probability, stats, partial(decision.accepts, lift=lift), accepted)
    return accepted


def _leads(content: Sequence[Passage], units: list[_Unit], nodes: list[_Node]) -> dict[int, set[int]]:
    """Each lead of the story, the whole text (node index) of one of the first ``LEAD_SENTENCES`` body sentences of
    each of its articles (past the headline, the dateline and the page furniture: ``PassageKind``), with the texts
    of its parts (``_units``), itself included."""
    rank: dict[int, int] = {}
    seen: Counter[str] = Counter()
    for index, passage in enumerate(content):
        if passage.kind is PassageKind.SENTENCE:
            rank[index] = seen[passage.article_id]
            seen[passage.article_id] += 1
    node_of = {u: n for n, node in enumerate(nodes) for u in node.units}
    parts: dict[int, set[int]] = defaultdict(set)
    for u, unit in enumerate(units):
        parts[unit.passage].add(node_of[u])
    return {
        n: set().union(*(parts[units[u].passage] for u in node.units))
        for n, node in enumerate(nodes)
        if all(_is_whole(units, u) and rank.get(units[u].passage, LEAD_SENTENCES) < LEAD_SENTENCES for u in node.units)
    }


def _lead_links(
    links: dict[tuple[int, int], float],
    nodes: list[_Node],
    leads: Mapping[int, set[int]],
    profiles: list[Profile],
    neighbourhood: _Neighbourhood,
    decision: _Decision,
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Leads of two articles that are each other's best match, and their parts, with the prior leads show in the story.

    Each outlet opens with the event itself, in its own words and with its
    own details ("A woman has died after being hit by a car that fled the
    scene in Queens" against "Police have a suspect in custody after a hit
    and run accident that killed a woman in Queens Friday night"): the pair
    model gives such leads 0.15 to 0.4, and ``_best_match_links`` weighs
    them like any other best pair. How much more likely two leads are one
    claim is measured in the story, as ``_best_match_links`` measures best
    pairs: among the pairs of leads (``LEAD_SENTENCES``) that are each
    other's best match (any margin), the share already linked, by any rule
    before this one, against the share of all scored pairs linked (the base
    rate), as odds, with ``PRIOR_WEIGHT`` pseudo-pairs at the base rate. The
    evidence includes the links ``_best_match_links`` made with its own
    prior: counting only the pairs linked before it gave ECB+ topic 21 (12
    articles) no lift, since its leads are linked by words once in 24, and
    no fact was found. With it, the five labelled ECB+ topics get lifts of
    4 to 24 (21: 5.9, from 9 of its 24 lead pairs linked).

    However high the lift, a pair needs the probability that a mutual best
    pair by margin needs (``MUTUAL_FLOOR``, ``_Decision.accepts_mutual``):
    below it the words and the vectors say "different" as firmly as they
    ever do for a true paraphrase, and where it stands in its article does
    not overrule that. Without it, lifts of 20 and more linked clauses at
    0.04 ("or previously unknown, vulnerability in its Internet Explorer"
    with "Microsoft said today that attackers are exploiting a previously
    unknown,", ECB+ topic 27).

    Both leads' parts (``_units``) are matched too, so that a lead joins
    the claim of the other leads as a dense cluster (``_agglomerate``)
    where its clauses do ("A woman has died … in Queens," beside ", and
    now, the driver is facing manslaughter charges").

    A lead whose article pair already links it to another sentence of the
    other article is left out for that article (``_told_elsewhere``): the
    other article tells that claim elsewhere, so its lead reports something
    else, as a follow-up's does ("The City Attorney's Office was considering
    today whether to file misdemeanor drunken-driving charges against
    Chargers defensive lineman Jamal Williams" against "… Jamal Williams was
    arrested on suspicion of drunken driving", ECB+ topic 35).
    """
    pairs = sorted(set(_best_pairs_among(leads, nodes, neighbourhood)))
    lift = _measured_lift(pairs, links.keys(), stats)
    accepted: dict[tuple[int, int], float] = {}
    if lift <= 1.0:
        return accepted
    told = _told_elsewhere(links, nodes, leads)
    ordered = (
        _ordered_pair(x, y)
        for a, b in pairs
        if not (told[a] & nodes[b].articles or told[b] & nodes[a].articles)
        for x in sorted(leads[a])
        for y in sorted(leads[b])
    )
    candidates = (
        (x, y)
        for x, y in ordered
        if x != y and (x, y) not in links and (x, y) not in accepted and _may_link(nodes[x], nodes[y])
    )

    def probability(x: int, y: int) -> float:
        if x in leads and y in leads:
            return neighbourhood.probability(x, y)
        return decision.matcher.probability(profiles[x], profiles[y])

    _score(candidates, probability, stats, partial(decision.accepts_placed, lift=lift), accepted)
    return accepted


def _sequels(
    links: Collection[tuple[int, int]], content: Sequence[Passage], units: list[_Unit], nodes: list[_Node]
) -> set[tuple[int, int]]:
    """The pairs of whole texts (node indices) of the body sentences that come right after two linked texts, each in
    its own article (``PassageKind.SENTENCE``: past the headline, the dateline and the page furniture).

    A text that an article repeats says nothing of where it stands in that
    article (as in ``_in_order_links``): only texts found once in each of
    their articles count.
    """
    following: dict[int, int] = {}
    last: dict[str, int] = {}
    for index, passage in enumerate(content):
        if passage.kind is PassageKind.SENTENCE:
            if passage.article_id in last:
                following[last[passage.article_id]] = index
            last[passage.article_id] = index
    whole = [0] * len(content)
    for n, node in enumerate(nodes):
        for u in node.units:
            if _is_whole(units, u):
                whole[units[u].passage] = n
    placed: dict[int, list[int]] = {}

    def followed(n: int) -> list[int]:
        """The passages that text ``n`` is (part of) and that a body sentence follows; none if an article repeats it."""
        if n not in placed:
            passages = {units[u].passage for u in nodes[n].units}
            once = len(passages) == len(nodes[n].articles)
            placed[n] = [p for p in passages if p in following] if once else []
        return placed[n]

    sequels: set[tuple[int, int]] = set()
    for a, b in links:
        for x in followed(a):
            for y in followed(b):
                if content[x].article_id != content[y].article_id:
                    sequels.add(_ordered_pair(whole[following[x]], whole[following[y]]))
    return sequels


def _sequel_links(
    links: dict[tuple[int, int], float],
    nodes: list[_Node],
    sequels: Collection[tuple[int, int]],
    neighbourhood: _Neighbourhood,
    decision: _Decision,
    stats: ClusterStats,
) -> dict[tuple[int, int], float]:
    """Sentences right after two linked ones that are each other's best match, with the prior such pairs show in the story.

    Wire copy and rewrites keep the story's order, and so do outlets that
    tell one event the way news is told: the crash, then who was hit and
    where. So the sentence after a linked pair in one article and the
    sentence after it in the other (``_sequels``) are likelier one claim
    than two sentences chosen anywhere. How much likelier is measured in the
    story, as ``_lead_links`` measures leads: among the ``sequels`` that are
    each other's best match (any margin), the share already linked by any
    rule before this one, against the share of all scored pairs linked (the
    base rate), as odds, with ``PRIOR_WEIGHT`` pseudo-pairs at the base rate
    (``_measured_lift``). In the 25 ECB+ stories, mutual best pairs right
    after a linked pair are linked 355 times in 496 (72 %), mutual best
    pairs anywhere 2,498 times in 9,493 (26 %); the lift is 2.4 to 104 per
    story (topic 21: 2.4, from 4 of 20). Each unlinked pair is decided with
    that prior and needs the probability that a mutual best pair by margin
    needs (``MUTUAL_FLOOR``, ``_Decision.accepts_mutual``), as leads do;
    the contrast veto and the article prior apply (``_Decision.accepts``).
    That makes 11 links in the 25 stories. Read by hand, the claims they
    change (three, each given one more article) all join one fact; one of
    them already held a sentence of another fact.

    Only the very next sentences count: pairs anywhere between two linked
    pairs of the two articles changed nine claims, four of them joining two
    facts (two statements of one Texas attorney general's office; "the
    bombing was a result of the heightening tensions" with a statement that
    the bombardments "increase the potential of direct confrontation"). Nor
    are these links evidence for further ones (no chains), and only whole
    sentences take part: their clauses, matched too as ``_lead_links``
    matches a lead's, changed one claim more in the 25 stories, too few to
    tell whether they pay.
    """
    texts = set(chain.from_iterable(sequels))
    pairs = sorted({pair for pair in _best_pairs_among(texts, nodes, neighbourhood) if pair in sequels})
    lift = _measured_lift(pairs, links.keys(), stats)
    accepted: dict[tuple[int, int], float] = {}
    if lift <= 1.0:
        return accepted
    candidates = (pair for pair in pairs if pair not in links)

    _score(candidates, neighbourhood.probability, stats, partial(decision.accepts_placed, lift=lift), accepted)
    return accepted


def _told_elsewhere(
    links: Mapping[tuple[int, int], float], nodes: list[_Node], leads: Mapping[int, set[int]]
) -> dict[int, set[str]]:
    """For each lead, the articles where a sentence other than their lead is already linked with it."""
    lead_of = {part: lead for lead, parts in leads.items() for part in parts}
    told: dict[int, set[str]] = {lead: set() for lead in leads}
    for a, b in links:
        for x, y in ((a, b), (b, a)):
            if x in told and lead_of.get(y) is None:
                told[x] |= nodes[y].articles
    return told


def _join_by_consensus(
    clusters: list[list[int]],
    nodes: list[_Node],
    units: list[_Unit],
    neighbourhood: _Neighbourhood,
    decision: _Decision,
) -> None:
    """Add to a cluster each sentence of no claim whose best match in every other article is in that cluster.

    A paraphrase the words miss can still be placed by where it falls
    among the other reports: "He also assured that Russia had not
    requested direct military involvement from North Korea in the conflict
    in Ukraine" (seed story, b10) is in no claim, yet its best match by
    margin in each other article is a sentence of one claim, the one that
    says "there was no need to use North Korean soldiers for the war in
    Ukraine". Every other article must agree (at least two of them:
    ``MIN_CONSENSUS_ARTICLES``), and each of those pairs must clear the
    same probability floor as a mutual pair (``MUTUAL_FLOOR``), so a
    sentence on a topic of its own, near nothing in particular, stays alone.
    A sentence with a clause in some claim is not moved.

    Measured: seed-gold F1 0.881 to 0.918 with ``[semantic]`` (b10 joins,
    nothing else moves). In stories of the first 3, 4 and 5 articles of
    each ECB+ topic it places two sentences, both with their claim's fact
    ("Keiwan Ratliff scored … to give the Indianapolis Colts a 31-24 win
    … and the No. 5 seed" joins "Manning threw for 364 yards … helping the
    Colts secure the No. 5 seed … with a 31-24 victory"; "Capt. Tom
    Tennant and … bomb technician Bill Hakim were killed in the blast"
    joins "Capt. Tom Tennant and Senior Trooper William Hakim, both 51,
    died at the scene"), and none across events in mixed ECB+ stories.
    Synthetic stories of 3 articles, whose gold calls every source
    sentence a fact of its own, lose precision (0.672 to 0.650 and 0.714
    to 0.682 for seeds 0 and 2; 10 articles and more unchanged) for two
    such placements: a gunman "who went on a shooting rampage at an
    Atlanta courthouse in 2005, killing four people" with "He was
    convicted of killing four people, including a judge …", and elections
    "part of Turkmenistan's process of democratisation" with elections
    "hailed by the government as an exercise in democracy".
    """
    if neighbourhood.margins.article_count < MIN_CONSENSUS_ARTICLES:
        return
    cluster_of = {n: c for c, members in enumerate(clusters) for n in members}
    claimed = {units[u].passage for members in clusters for n in members for u in nodes[n].units}
    for n in chain.from_iterable(neighbourhood.sentences):
        if any(units[u].passage in claimed for u in nodes[n].units):
            continue
        target: int | None = None
        for best in neighbourhood.margins.best_in_others(n):
            found = None if best is None else cluster_of.get(best)
            if best is None or found is None or target not in (None, found):
                break
            if not decision.accepts_mutual(n, best, neighbourhood.probability(n, best)):
                break
            target = found
        else:
            if target is not None:
                clusters[target].append(n)


def _statement(passage: Passage) -> str | None:
    """The quoted words of a passage that is mostly quotation (at least half its content words), else None."""
    if not passage.quotes:
        return None
    quoted = " ".join(_quoted_words(passage, quote) for quote in passage.quotes)
    return quoted if 2 * len(content_norms(quoted)) >= len(content_norms(_content_text(passage))) else None


def _spoken_probability(
    profiles: list[Profile], statements: Mapping[int, str | None], matcher: Matcher, a: int, b: int
) -> float:
    """The probability of two whole sentences, on their quoted words when both are mostly quotation."""
    first, second = statements[a], statements[b]
    if first is None or second is None:
        return matcher.probability(profiles[a], profiles[b])
    return matcher.probability(matcher.profile(first), matcher.profile(second))


def _ordered_pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def _best_pairs_among(
    texts: Container[int], nodes: list[_Node], neighbourhood: _Neighbourhood
) -> list[tuple[int, int]]:
    """The story's mutual best pairs of sentences (any margin) whose two texts are both among ``texts``, and could
    link (``_may_link``), in the neighbourhood's order."""
    return [
        (a, b)
        for a, b in (_ordered_pair(p.first, p.second) for p in neighbourhood.best_pairs)
        if a != b and a in texts and b in texts and _may_link(nodes[a], nodes[b])
    ]


def _measured_lift(pairs: Sequence[tuple[int, int]], linked: Collection[tuple[int, int]], stats: ClusterStats) -> float:
    """The prior odds that ``pairs`` are one claim, against any scored candidate pair, as the story shows them.

    The share of ``pairs`` among the ``linked`` ones, starting from the base
    rate (the share of the ``stats.scored`` pairs that are linked) as
    ``PRIOR_WEIGHT`` pseudo-pairs, as odds against the base rate's odds.
    """
    base_rate = (len(linked) + 1) / (stats.scored + 2)
    share = (sum(1 for pair in pairs if pair in linked) + PRIOR_WEIGHT * base_rate) / (len(pairs) + PRIOR_WEIGHT)
    return _odds(share) / _odds(base_rate)


def _odds(share: float) -> float:
    return share / (1.0 - share)


def _is_whole(units: list[_Unit], u: int) -> bool:
    """Whether unit ``u`` is its passage's whole text (each passage's first unit)."""
    return u == 0 or units[u - 1].passage != units[u].passage


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
    return [sorted(m) for m in members.values() if len({a for n in m for a in nodes[n].articles}) > 1]


def _dense(a: set[int], b: set[int], nodes: list[_Node], neighbours: dict[int, set[int]]) -> bool:
    """Whether most pairs of texts across two clusters that could link do link."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    linked = sum(len(neighbours[x] & large) for x in small)
    alone_a = Counter(nodes[n].only_article for n in a)
    alone_b = Counter(nodes[n].only_article for n in b)
    same = sum(count * alone_b[article] for article, count in alone_a.items() if article is not None)
    pairs = len(a) * len(b) - same
    return pairs > 0 and linked >= MIN_LINKED_SHARE * pairs


def _join_reporting_passages(
    clusters: list[list[int]],
    nodes: list[_Node],
    units: list[_Unit],
    links: Mapping[tuple[int, int], float],
    decision: _Decision,
) -> None:
    """Add to each cluster the texts of a passage outside it that is linked with most of the cluster's reports.

    ``_agglomerate`` counts texts, and one sentence is several texts: its
    whole, its clauses, each two adjacent clauses (``_units``). A claim told
    by three outlets can be seven texts, and a fourth outlet's sentence
    linked with each of the three reports, through one of their texts each,
    is linked with three texts of seven: not "most", so it stays out
    ("Chip designer and chief Intel rival AMD has signed an agreement to
    acquire SeaMicro," against the "AMD announced a definitive agreement to
    acquire SeaMicro" of three outlets, ECB+ topic 43). Counted by report,
    as a reader counts, it is linked with all three. So a passage joins a
    claim when its texts are linked with more than half
    (``MIN_LINKED_SHARE``), and at least two, of the claim's reports.

    Only links the same-claim decision takes on the two texts' own evidence
    count (``_Decision.accepts`` at no lift, so with the article prior and
    the contrast): a link made with the lift of where the sentences stand
    (``_in_order_links``, ``_best_match_links``, ``_lead_links``) is
    evidence for that pair, and dense clustering is what keeps it from
    chaining further. Counted here, such links joined every outlet's lead
    into one claim, a follow-up's "The City Attorney's Office was
    considering today whether to file misdemeanor drunken-driving charges
    against … Jamal Williams" with "Jamal Williams was arrested on
    suspicion of drunken driving" (ECB+ topic 35, probabilities 0.16 to
    0.36).

    A report is a distinct passage text: wire copy that several outlets
    carry word for word is one report, linked or not by one decision (a
    headline "Chargers Jamal Williams arrested for DUI" linked with one wire
    sentence about another player's arrest that three outlets carry is one
    link, not three). A passage joins a claim that no passage of its article
    is in: it brings its outlet's report, not a second statement of one
    outlet. A passage joins, never a whole cluster: counting two clusters by
    report joined two facts where a clause of one sentence was linked with
    each side. The clusters are read as ``_agglomerate`` left them, so one
    join does not open the way for the next.
    """
    passages_of = [{units[u].passage for u in node.units} for node in nodes]
    article_of = {unit.passage: unit.article for unit in units}
    report_of = {unit.passage: unit.text.strip() for u, unit in enumerate(units) if _is_whole(units, u)}
    members = [set(cluster) for cluster in clusters]
    reported = [set().union(*(passages_of[n] for n in cluster)) for cluster in clusters]
    articles = [{article_of[p] for p in passages} for passages in reported]
    cluster_of = {n: c for c, cluster in enumerate(clusters) for n in cluster}
    linked: dict[tuple[int, int], set[str]] = defaultdict(set)
    joining: dict[tuple[int, int], set[int]] = defaultdict(set)
    for (a, b), probability in links.items():
        if not decision.accepts(a, b, probability):
            continue
        for x, y in ((a, b), (b, a)):
            c = cluster_of.get(x)
            if c is None or y in members[c]:
                continue
            for q in passages_of[y]:
                if article_of[q] not in articles[c]:
                    linked[(c, q)] |= {report_of[p] for p in passages_of[x]}
                    joining[(c, q)].add(y)
    reports = [len({report_of[p] for p in passages}) for passages in reported]
    for (c, q), found in sorted(linked.items()):
        if len(found) >= 2 and len(found) > MIN_LINKED_SHARE * reports[c]:
            clusters[c].extend(sorted(joining[(c, q)] - set(clusters[c])))


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
