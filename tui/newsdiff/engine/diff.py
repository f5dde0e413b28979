"""How the sources of one claim word it: shared words, differing words, flags.

Marking words: a word of a passage is *shared* when one of the closest other
sources' passages of the claim uses the same normalised word (so "defence"
and "defense", "Kim Jong-un" and "Kim Jong Un", "agreement" and
"agreements" count as the same), and *differs* otherwise. Only words that
carry the claim are marked: function and reporting words ("a", "very",
"said") never light up, so "a very big mistake" against "a very serious
error" marks big/mistake and serious/error. Negations are marked, because
a "not" one source lacks flips the claim.

The comparison is a set comparison against the union of the few nearest
other-source passages, not a sequence alignment: a reader asks "which of
these words does no other source use?", and reordered clauses ("Seoul said
it would review" against "it would review, Seoul said") are not a
difference worth highlighting. Comparing with the nearest few (not every
passage of a large claim) keeps the marks meaningful when a claim gathers
dozens of outlets, whose union would share nearly every word, and keeps the
cost linear in the number of passages.

A flag (⚑) says "the sources disagree about one fact", which a
fact-checker acts on, so it is raised only for: numbers that count the same
thing and dates of the same event that differ (``engine.values`` decides
"the same"), different people named in the same role or one name spelled
two ways, and quotes of one statement in different words or from different
speakers. Everything else a source words differently (synonyms, spelling
variants, hyphenation, inflections, reordering, a replaced phrase) is a
word difference the reader sees marked, never a flag: on raw ECB+ web text
such "wording" flags were right 1 time in 40 (``tests/benchmarks/eval_flags.py``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from rapidfuzz import fuzz

from newsdiff.engine.model import Flag, FlagKind, Passage, PassageKind, Quote, Span, WordDiff
from newsdiff.engine.normalize import Token, tokenize
from newsdiff.engine.statement import Variant
from newsdiff.engine.stopwords import NEGATIONS, STOPWORDS
from newsdiff.engine.values import Date, Number, dates, dates_disagree, is_date_name, numbers, same_quantity

_CANDIDATES = 24
"""Other-source passages considered per passage (evenly sampled beyond this)."""
_NEAREST = 3
"""Closest other-source passages whose words count as shared."""
_MAX_VARIANTS = 12
"""Distinct quote wordings compared per claim."""
_MAX_FLAGS = 4
"""Flags of one kind per claim: beyond a few, a reader stops checking."""
_QUOTE_OVERLAP = 2 / 3
"""Share of the shorter quote's content words two quotes need to be one statement."""
_QUOTE_SHARED = 3
"""Content words two quotes must share to be one statement: "The man is petrified" and "The man is an
emotional wreck" share one, and are two statements."""
_PAIR_SIMILARITY = 0.25
"""Content-word Jaccard two passages need before their replacements mean anything."""
_SNIPPET = 70
"""Longest quoted snippet in a flag detail (characters)."""


@dataclass(frozen=True, slots=True)
class _Words:
    """A passage with its words, read once."""

    passage: Passage
    tokens: tuple[Token, ...]
    """Every word from the content start (past a dateline)."""
    content: tuple[Token, ...]
    """The words that carry the claim: no function or reporting words."""
    norms: frozenset[str]
    quotes: tuple[Quote, ...]
    label: str
    """How flag details name the passage's article (its source)."""
    leaned: frozenset[str] = frozenset()
    """The variant names ("air" of "MacBook Air") of the sentence it leans on, when its subject is a pronoun
    (``leaning``): what it is about, though it does not say."""

    @property
    def article(self) -> str:
        return self.passage.article_id

    def raw(self, start: int, end: int) -> str:
        """Article text between two absolute offsets inside this passage."""
        return self.passage.text[start - self.passage.start : end - self.passage.start]

    def quoted(self, token: Token) -> bool:
        return any(q.start <= token.start and token.end <= q.end for q in self.quotes)


def compare_wording(
    passages: Sequence[Passage],
    labels: Mapping[str, str] | None = None,
    leaning: Mapping[str, frozenset[Variant]] | None = None,
) -> tuple[tuple[WordDiff, ...], tuple[Flag, ...]]:
    """Word differences and flags for the passages of one claim.

    A passage gets a ``WordDiff`` only when another article has a passage
    in the claim: there is nothing to compare a lone source with. Quotes
    are read from ``Passage.quotes`` (filled by ``quotes.find_quotes``,
    which sees the whole paragraph and so the speaker). Flag details name
    each article by ``labels[article_id]`` (its source), else by its id.
    ``leaning`` gives, by passage id, the variant names of the sentence a
    passage leans on (``leaning.leaning_variants``).
    """
    if len({p.article_id for p in passages}) < 2:
        return (), ()  # every diff and flag sets one source against another: skip the reading
    names = labels or {}
    context = leaning or {}
    words = [_read(p, names.get(p.article_id, p.article_id), context.get(p.id, frozenset())) for p in passages]
    nearest = {id(w): _nearest(w, words) for w in words}
    diffs = tuple(_word_diff(w, nearest[id(w)]) for w in words if nearest[id(w)])
    pairs = _closest_pairs(words, nearest)
    flags = (
        *_value_flags(words),
        *_quote_flags(words),
        *_role_name_flags(pairs),
        *_spelling_flags(words),
    )
    return diffs, _ordered(flags)


def _read(passage: Passage, label: str, leaned: frozenset[Variant] = frozenset()) -> _Words:
    start = passage.content_start if passage.content_start is not None else passage.start
    start = min(max(start, passage.start), passage.end)
    tokens = tokenize(passage.text[start - passage.start :], offset=start)
    content = tuple(t for t in tokens if t.norm not in STOPWORDS or t.norm in NEGATIONS)
    about = frozenset(name for _, name, _ in leaned)
    return _Words(passage, tokens, content, frozenset(t.norm for t in content), passage.quotes, label, about)


def _similarity(a: _Words, b: _Words) -> float:
    if not a.norms or not b.norms:
        return 0.0
    return len(a.norms & b.norms) / len(a.norms | b.norms)


def _nearest(words: _Words, everyone: Sequence[_Words]) -> tuple[_Words, ...]:
    """The other sources' passages closest in wording, best first."""
    others = [o for o in everyone if o.article != words.article]
    if len(others) > _CANDIDATES:
        step = len(others) / _CANDIDATES
        others = [others[int(i * step)] for i in range(_CANDIDATES)]
    ranked = sorted(range(len(others)), key=lambda i: (-_similarity(words, others[i]), i))
    return tuple(others[i] for i in ranked[:_NEAREST])


def _word_diff(words: _Words, nearest: tuple[_Words, ...]) -> WordDiff:
    shared = frozenset().union(*(o.norms for o in nearest))
    differs = tuple(Span(t.start, t.end) for t in words.content if t.norm not in shared)
    ratio = 1.0 - len(differs) / len(words.content) if words.content else 1.0
    return WordDiff(words.passage.id, differs, ratio)


def _closest_pairs(words: Sequence[_Words], nearest: dict[int, tuple[_Words, ...]]) -> list[tuple[_Words, _Words]]:
    """Each passage with its closest other source, each pair once, in passage order."""
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[_Words, _Words]] = []
    for w in words:
        if not nearest[id(w)]:
            continue
        other = nearest[id(w)][0]
        first, second = sorted((w.passage.id, other.passage.id))
        key = (first, second)
        if key not in seen:
            seen.add(key)
            pairs.append((w, other))
    return pairs


# Numbers and dates ---------------------------------------------------------


def _value_flags(words: Sequence[_Words]) -> list[Flag]:
    """Numbers that count the same thing, and dates of the same thing, that two sources give differently.

    Which values are about the same thing is decided in ``engine.values``,
    once the two passages may be about one thing (``_one_thing``). Two
    values disagree only when each is missing from the other article's
    passages of the claim: "ages 12 and 15" against "aged 15 and 12" give
    the same two ages. Values linked by disagreements form one flag, which
    shows each article's values: "1.2 miles" (four sources) vs "12 miles".
    """
    label_of = {w.article: w.label for w in words}
    passage_of = {w.passage.id: w for w in words}

    def one_thing(first: Number | Date, second: Number | Date) -> bool:
        return _one_thing(passage_of[first.passage_id], passage_of[second.passage_id])

    number_values: dict[str, set[float]] = defaultdict(set)
    date_shapes: dict[str, set[tuple[int | None, ...]]] = defaultdict(set)
    found_numbers: list[tuple[str, Number]] = []
    found_dates: list[tuple[str, Date]] = []
    for w in words:
        for number in numbers(w.passage, w.tokens):
            number_values[w.article].add(number.value)
            found_numbers.append((w.article, number))
        for date in dates(w.passage, w.tokens):
            date_shapes[w.article].add(_date_key(date))
            found_dates.append((w.article, date))
    number_edges = [
        (i, j)
        for (i, (x, n)), (j, (y, m)) in combinations(enumerate(found_numbers), 2)
        if x != y
        and n.value not in number_values[y]
        and m.value not in number_values[x]
        and same_quantity(n, m)
        and one_thing(n, m)
    ]
    date_edges = [
        (i, j)
        for (i, (x, d)), (j, (y, e)) in combinations(enumerate(found_dates), 2)
        if x != y
        and d.topic == e.topic
        and _date_key(d) not in date_shapes[y]
        and _date_key(e) not in date_shapes[x]
        and dates_disagree(d, e)
        and one_thing(d, e)
    ]
    return [
        *_disagreements(FlagKind.NUMBER, found_numbers, number_edges, label_of),
        *_disagreements(FlagKind.DATE, found_dates, date_edges, label_of),
    ]


def _one_thing(a: _Words, b: _Words) -> bool:
    """Whether two passages may be about one thing: each names what the other is about by leaning on the sentence
    before it (``_Words.leaned``), or writes it itself.

    "It also gets storage up to 512 GB Flash storage" after "The MacBook Air
    gets 3rd-gen Core chips" is about the Air; against "This flagship model
    … will also have up to 768 GB of flash storage" (the MacBook Pro, named
    two sentences before), nothing says the two counts are of one machine,
    and a ⚑ would say the sources disagree where they may not (ECB+ topic
    40). With no such sentence on either side, ``engine.values`` decides alone.
    """
    return a.leaned <= (b.norms | b.leaned) and b.leaned <= (a.norms | a.leaned)


def _date_key(date: Date) -> tuple[int | None, ...]:
    return (date.year, date.month, date.day, date.weekday)


def _disagreements(
    kind: FlagKind,
    found: Sequence[tuple[str, Number | Date]],
    edges: Sequence[tuple[int, int]],
    label_of: Mapping[str, str],
) -> list[Flag]:
    """One flag per group of values linked by disagreements: each article's values, most common first."""
    parent = list(range(len(found)))
    for i, j in edges:
        parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in sorted({i for edge in edges for i in edge}):
        groups[_root(parent, index)].append(index)
    flags = []
    for members in groups.values():
        shown: dict[str, list[str]] = defaultdict(list)
        for index in members:
            article, value = found[index]
            if value.shown not in shown[article]:
                shown[article].append(value.shown)
        variants: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for article, texts in shown.items():
            variants[tuple(texts)].append(article)
        ranked = sorted(variants.items(), key=lambda item: -len(item[1]))[:3]
        detail = " vs ".join(
            f'"{", ".join(texts)}" ({_names(label_of[a] for a in articles)})' for texts, articles in ranked
        )
        passage_ids = tuple(dict.fromkeys(found[i][1].passage_id for i in members))
        flags.append(Flag(kind, detail, passage_ids))
    return flags


# Quotes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _QuoteWords:
    quote: Quote
    words: _Words
    tokens: tuple[Token, ...]
    norms: tuple[str, ...]
    content: frozenset[str]


def _quote_flags(words: Sequence[_Words]) -> list[Flag]:
    """Quotes of one statement that sources word, or attribute, differently.

    Quotes are one statement when they share at least half of the shorter
    one's content words. Only words both quotes cover can drift: a quote
    that runs on past where another starts or stops (one source quotes more
    of the statement, or carries it on in its next sentence) is cut
    shorter there, not worded differently (``_drift``). Identical
    wordings are compared once (as one variant), so a claim that fifty
    outlets quote alike costs no more than one that two quote.
    """
    variants: dict[tuple[str, ...], list[_QuoteWords]] = {}
    for w in words:
        for quote in w.quotes:
            tokens = tokenize(quote.text, offset=quote.start)
            if not tokens:
                continue
            norms = tuple(t.norm for t in tokens)
            content = frozenset(n for n in norms if n not in STOPWORDS or n in NEGATIONS)
            variants.setdefault(norms, []).append(_QuoteWords(quote, w, tokens, norms, content))
    groups = [variants[key] for key in list(variants)[:_MAX_VARIANTS]]
    statement = list(range(len(groups)))
    flags: list[Flag] = []
    for i, group_a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            group_b = groups[j]
            a, b = group_a[0], group_b[0]
            if not _same_statement(a, b):
                continue
            statement[_root(statement, j)] = _root(statement, i)
            articles_a, articles_b = _articles(group_a), _articles(group_b)
            if articles_a == articles_b and len(articles_a) == 1:
                continue
            drift = _drift(a, b)
            if drift is None:
                continue
            shown_a, shown_b = _snippet(a, drift[1], drift[2]), _snippet(b, drift[3], drift[4])
            detail = f'"{shown_a}" ({_names(q.words.label for q in group_a)}) vs "{shown_b}" ({_names(q.words.label for q in group_b)})'
            flags.append(Flag(FlagKind.QUOTE, detail, _passage_ids(group_a + group_b)))
    members: dict[int, list[_QuoteWords]] = defaultdict(list)
    for index, group in enumerate(groups):
        members[_root(statement, index)].extend(group)
    flags.extend(flag for quotes in members.values() if (flag := _speaker_flag(quotes)))
    return flags


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        index = parent[index]
    return index


def _articles(quotes: Iterable[_QuoteWords]) -> set[str]:
    return {q.words.article for q in quotes}


def _speaker_flag(quotes: Sequence[_QuoteWords]) -> Flag | None:
    """A NAME flag when sources attribute one statement to different people.

    Only speakers the text names at the quote count: a "he said" resolved
    to an earlier speaker, or a role ("the Alaska Governor"), may well be
    the very person another source names, and a false dispute costs a
    fact-checker more than a missed one.
    """
    speakers: dict[str, tuple[str, set[str], list[_QuoteWords]]] = {}
    for q in quotes:
        if q.quote.speaker and not q.quote.speaker_inferred and _names_a_person(q.quote.speaker):
            _, articles, found = speakers.setdefault(_surname(q.quote.speaker), (q.quote.speaker, set(), []))
            articles.add(q.words.article)
            found.append(q)
    label_of = {q.words.article: q.words.label for q in quotes}
    if len(speakers) < 2 or len(set().union(*(articles for _, articles, _ in speakers.values()))) < 2:
        return None
    shown = [f"{name} ({_names(label_of[a] for a in articles)})" for name, articles, _ in list(speakers.values())[:3]]
    involved = [q for _, _, found in speakers.values() for q in found]
    return Flag(FlagKind.NAME, "quote attributed to " + " vs ".join(shown), _passage_ids(involved))


def _same_statement(a: _QuoteWords, b: _QuoteWords) -> bool:
    shared = len(a.content & b.content)
    shorter = min(len(a.content), len(b.content))
    return shared >= _QUOTE_SHARED and shared / shorter >= _QUOTE_OVERLAP


def _drift(a: _QuoteWords, b: _QuoteWords) -> tuple[str, int, int, int, int] | None:
    """The largest difference inside the stretch both quotes cover (an opcode), or None if there is none.

    Words one quote has before the other starts or after it stops are
    left out: "Regarding the possibility …, we are not asking anyone" against
    "We're not asking anyone" quotes more, not otherwise. Where the two
    differ at an end, only as many words as the shorter side has there
    count as replaced ("Taking into account our agreements" against "…the
    world, bearing in mind our agreements": "bearing in mind"). The largest
    difference left is the one most likely to change what the speaker is
    heard saying; one is enough to send the reader to the quotes.
    """
    opcodes = SequenceMatcher(None, a.norms, b.norms, autojunk=False).get_opcodes()
    if opcodes and opcodes[0][0] in ("insert", "delete"):
        opcodes = opcodes[1:]
    if opcodes and opcodes[-1][0] in ("insert", "delete"):
        opcodes = opcodes[:-1]
    if opcodes and opcodes[0][0] == "replace":
        _, i1, i2, j1, j2 = opcodes[0]
        n = min(i2 - i1, j2 - j1)
        opcodes[0] = ("replace", i2 - n, i2, j2 - n, j2)
    if opcodes and opcodes[-1][0] == "replace":
        _, i1, i2, j1, j2 = opcodes[-1]
        n = min(i2 - i1, j2 - j1)
        opcodes[-1] = ("replace", i1, i1 + n, j1, j1 + n)
    changes = [op for op in opcodes if op[0] != "equal" and not _written_alike(a, b, op)]
    if Counter(n for op in changes for n in a.norms[op[1] : op[2]]) == Counter(
        n for op in changes for n in b.norms[op[3] : op[4]]
    ):
        return None  # the same words in another order: "lightest and thinnest", "thinnest and lightest"
    return max(changes, key=lambda op: (op[2] - op[1]) + (op[4] - op[3]))


def _written_alike(a: _QuoteWords, b: _QuoteWords, op: tuple[str, int, int, int, int]) -> bool:
    """Whether a change inside two quotes is one wording written two ways, or an editor's aside.

    "endgame" and "end game", "datacenter" and "data center", "12th" and
    "Twelfth", "Internet Explorer" and "IE", "6:00 p.m." and "6 p.m.": the
    same words, which the reader sees marked as a word difference but which
    no one misquoted. Words one source adds in brackets ("to her (Tara Reid)
    and") are the outlet's, not the speaker's.
    """
    _, i1, i2, j1, j2 = op
    old_tokens, new_tokens = a.tokens[i1:i2], b.tokens[j1:j2]
    if _bracketed(a, old_tokens) or _bracketed(b, new_tokens):
        return True
    if _abbreviates(old_tokens, new_tokens) or _abbreviates(new_tokens, old_tokens):
        return True
    old, new = _joined(old_tokens), _joined(new_tokens)
    if not old.strip("0") and not new.strip("0"):
        return True  # ":00" written or not
    return bool(old) and (old == new or _ORDINALS.get(old) == new or _ORDINALS.get(new) == old)


def _bracketed(q: _QuoteWords, tokens: Sequence[Token]) -> bool:
    """Whether some words of a quote all sit inside one pair of brackets of its text: an editor's insertion."""
    if not tokens:
        return False
    before = q.quote.text[: tokens[0].start - q.quote.start]
    after = q.quote.text[tokens[-1].end - q.quote.start :]
    opened = max(before.rfind("("), before.rfind("["))
    return opened > max(before.rfind(")"), before.rfind("]")) and after.lstrip()[:1] in (")", "]")


def _joined(tokens: Sequence[Token]) -> str:
    return "".join(t.text.lower() for t in tokens).replace("-", "")


_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINALS = {
    word: f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number, 'th') }" for number, word in enumerate(_ORDINAL_WORDS, 1)
}
"""Ordinal words and the numerals news writes for them ("twelfth": "12th")."""


def _snippet(q: _QuoteWords, first: int, last: int) -> str:
    """Tokens ``first:last`` of the quote with two words either side ("…" where cut)."""
    low, high = max(0, first - 2), min(len(q.tokens), last + 2)
    if high - low >= len(q.tokens) - 1:
        low, high = 0, len(q.tokens)
    start, end = q.tokens[low].start, q.tokens[high - 1].end
    text = " ".join(q.quote.text[start - q.quote.start : end - q.quote.start].split())
    if len(text) > _SNIPPET:
        text = text[:_SNIPPET].rsplit(" ", 1)[0] + "…"
    return ("…" if low > 0 else "") + text + ("…" if high < len(q.tokens) and not text.endswith("…") else "")


def _surname(speaker: str) -> str:
    return speaker.split()[-1].casefold()


def _names_a_person(speaker: str) -> bool:
    """Whether a speaker is a person's name: not a role ("the Governor"), an organisation in capitals
    ("AMD") or a name cut at an initial ("General Manager A" for "A.J. Smith")."""
    last = speaker.split()[-1]
    return last.casefold() not in _ROLES and len(last) >= 2 and last.isalpha() and not last.isupper()


_ROLES = frozenset(
    [
        "governor",
        "president",
        "minister",
        "secretary",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "police",
        "mayor",
        "director",
        "chairman",
        "chairwoman",
        "commissioner",
        "sheriff",
        "senator",
        "leader",
        "head",
        "manager",
        "officer",
        "spokesmen",
        "authorities",
        "ministry",
        "department",
        "agency",
        "witness",
        "witnesses",
        "resident",
        "residents",
    ]
)
"""Last words of a speaker that name a role, not a person: who holds it is for the reader to tell."""


def _passage_ids(quotes: Iterable[_QuoteWords]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q.words.passage.id for q in quotes))


# Names in one role ------------------------------------------------------------


def _role_name_flags(pairs: Sequence[tuple[_Words, _Words]]) -> list[Flag]:
    """Two sources naming different people in the same role ("spokesman Peskov" against "spokesman Lavrov").

    The alignment of two passages' content words finds a short run of
    capitalised words replaced by another between words both share, right
    after a word for a person's role. Anything else one source words
    differently ("mutual defence" for "strategic cooperation", "Sudan" for
    "Khartoum", "Spot" for "Berth" in a title-case headline) stays a word
    difference the reader sees marked, not a ⚑: on ECB+ web text not one
    such replacement was a disagreement about a fact. A name and its
    initials, an inflected name, a role for a name and a name the other
    passage also writes elsewhere (reordering) are one name.
    """
    flags: list[Flag] = []
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for a, b in pairs:
        if _similarity(a, b) < _PAIR_SIMILARITY or _headline_like(a) or _headline_like(b):
            continue
        norms_a = [t.norm for t in a.content]
        norms_b = [t.norm for t in b.content]
        opcodes = SequenceMatcher(None, norms_a, norms_b, autojunk=False).get_opcodes()
        for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
            anchored = 0 < index < len(opcodes) - 1
            if tag != "replace" or not anchored or max(i2 - i1, j2 - j1) > _MAX_NAME_WORDS:
                continue
            old, new = a.content[i1:i2], b.content[j1:j2]
            role = a.content[i1 - 1]
            if _is_person_word(a.content[i2]):
                continue  # the same surname after: "sister Kathryn Jenkin" and "sister Katie Jenkin" are one person
            if role.text.lower() not in _PERSON_ROLES or not all(map(_is_person_word, (*old, *new))):
                continue
            if any(a.quoted(t) for t in old) or {t.norm for t in old} & b.norms or {t.norm for t in new} & a.norms:
                continue
            if _abbreviates(old, new) or _abbreviates(new, old) or _inflected(old, new) or _spelled_alike(old, new):
                continue  # "American Football Conference" and "AFC", "Korea" and "Korean": one name
            key = (tuple(norms_a[i1:i2]), tuple(norms_b[j1:j2]))
            if key in seen or key[::-1] in seen:
                continue
            seen.add(key)
            shown_a = " ".join(a.raw(role.start, old[-1].end).split())
            shown_b = " ".join(b.raw(b.content[j1 - 1].start, new[-1].end).split())
            ids = (a.passage.id, b.passage.id)
            flags.append(Flag(FlagKind.NAME, f'"{shown_a}" ({a.label}) vs "{shown_b}" ({b.label})', ids))
    return flags


_MAX_NAME_WORDS = 3
"""Longest name (words) compared in one role."""
_PERSON_ROLES = _ROLES | frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "prosecutor",
        "judge",
        "coach",
        "attorney",
        "lawyer",
        "captain",
        "ceo",
        "chairman",
        "chairwoman",
        "president",
        "minister",
        "secretary",
        "governor",
        "mayor",
        "senator",
        "sheriff",
        "chief",
        "director",
        "manager",
        "commissioner",
        "founder",
        "owner",
        "actor",
        "actress",
        "singer",
        "player",
        "striker",
        "quarterback",
        "pitcher",
        "goalkeeper",
        "driver",
        "pilot",
        "suspect",
        "victim",
        "gunman",
        "detective",
        "inspector",
        "sergeant",
        "lieutenant",
        "officer",
        "general",
        "colonel",
        "professor",
        "doctor",
        "editor",
        "producer",
        "wife",
        "husband",
        "son",
        "daughter",
        "mother",
        "father",
        "brother",
        "sister",
        "boyfriend",
        "girlfriend",
    ]
)
"""Words for a person's role that a name follows ("spokesman Dmitry Peskov", "coach Jim Harbaugh")."""
_HEADLINE_SHARE = 0.8
"""Share of capitalised longer words from which a passage is a title-case headline, whose capitals mark no names."""


def _is_person_word(token: Token) -> bool:
    """A word of a person's name: capitalised letters, no role, month or weekday."""
    text = token.text.replace(".", "")
    return text[:1].isupper() and text.isalpha() and text.lower() not in _PERSON_ROLES and not is_date_name(token)


def _headline_like(words: _Words) -> bool:
    """A headline, or a line written in title case ("Clinic Rehires Nurse"), where capitals mark no names."""
    if words.passage.kind is PassageKind.HEADLINE:
        return True
    longer = [t for t in words.tokens if len(t.text) >= 4 and t.text.isalpha()]
    return bool(longer) and sum(t.is_capitalized for t in longer) / len(longer) >= _HEADLINE_SHARE


def _spelled_alike(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Two spellings of one name: the spelling flag reports those."""
    return fuzz.ratio(" ".join(t.text for t in old).lower(), " ".join(t.text for t in new).lower()) >= SPELLING_RATIO


def _abbreviates(words: Sequence[Token], short: Sequence[Token]) -> bool:
    """Whether ``short`` is one capitalised word made of the initials of ``words`` ("AFC", "U.N.")."""
    if len(short) != 1 or len(words) < 2:
        return False
    letters = short[0].text.replace(".", "")
    return letters.isupper() and letters == "".join(t.text[:1] for t in words).upper()


def _spelling_flags(words: Sequence[_Words]) -> list[Flag]:
    """Names that two sources spell differently ("Catherine Gomes" against "Katherine Gomes").

    A capitalised word past the sentence start, spelled alike (``SPELLING_RATIO``)
    but not the same, and not one the other source also writes: a name one
    outlet got wrong, which a fact-checker checks first. Not a name spelled
    two ways: one inflected ("Korea", "Korean"; "Canada", "Canadian"), with
    and without accents ("Vendome", "Vendôme"), a weekday or month
    ("Thursday", "Tuesday"), the capitals of a title-case headline. In the first
    8 articles of each of the 43 ECB+ topics this raised 10 flags, 8 of them
    real ("Catherine" vs "Katherine" Gomes twice, "Miliote" vs "Milliote",
    "Zainabieh" vs "Zinabieh", "Titter" vs "Twitter", "BlackBery" vs
    "BlackBerry", "Costra" vs "Cosa" Nostra, "Distribution" vs
    "Distributors"), 2 not ("the Angels" team vs "Los Angeles").
    """
    spelled: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    """Each name word (its norm: no accents, no inflection), with the articles that write it: how and where."""
    for w in words:
        if _headline_like(w):
            continue
        for token in w.content[1:]:
            if _is_name_word(token):
                spelled[token.norm].setdefault(w.article, (token.text, w.passage.id))
    label_of = {w.article: w.label for w in words}
    flags: list[Flag] = []
    for a, b in combinations(sorted(spelled), 2):
        first, second = (next(iter(spelled[key].values()))[0].lower() for key in (a, b))
        if _one_word(first, second) or fuzz.ratio(first, second) < SPELLING_RATIO:
            continue
        only_a = [x for x in spelled[a] if x not in spelled[b]]
        only_b = [y for y in spelled[b] if y not in spelled[a]]
        if not only_a or not only_b:
            continue
        if len(only_b) > len(only_a):  # the spelling more sources use first
            a, b, only_a, only_b = b, a, only_b, only_a
        shown_a, shown_b = spelled[a][only_a[0]][0], spelled[b][only_b[0]][0]
        detail = f'"{shown_a}" ({_names(label_of[x] for x in only_a)}) vs "{shown_b}" ({_names(label_of[y] for y in only_b)})'
        ids = tuple(dict.fromkeys(spelled[a][x][1] for x in only_a)) + tuple(
            dict.fromkeys(spelled[b][y][1] for y in only_b)
        )
        flags.append(Flag(FlagKind.NAME, detail, ids))
    return flags


def _is_name_word(token: Token) -> bool:
    """A capitalised word of letters that may be a name; not an acronym ("OPAL"), whose letters are no spelling."""
    text = token.text
    return (
        text[:1].isupper()
        and len(text) >= _MIN_NAME_LETTERS
        and text.isalpha()
        and not text.isupper()
        and not is_date_name(token)
    )


SPELLING_RATIO = 80.0
"""rapidfuzz ratio (0-100) from which two different words are one name spelled two ways."""
_MIN_NAME_LETTERS = 4


def _inflected(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether two single words are one word inflected: one begins the other ("Korea", "Korean")."""
    return len(old) == 1 and len(new) == 1 and _one_word(old[0].text.lower(), new[0].text.lower())


def _one_word(a: str, b: str) -> bool:
    """Whether two lower-case words are one word, one inflected.

    One begins the other ("korea", "korean"), or does once a final vowel is
    dropped, with a short ending for the rest ("canada", "canadian").
    """
    shorter, longer = sorted((a, b), key=len)
    stem = shorter[:-1] if shorter[-1:] in _FINAL_VOWELS else shorter
    return longer.startswith(shorter) or (longer.startswith(stem) and len(longer) - len(stem) <= _MAX_ENDING)


_FINAL_VOWELS = frozenset("aeoy")
_MAX_ENDING = 3
"""Letters an inflection adds to a word ("-ian", "-ese", "-ern")."""


# Helpers ---------------------------------------------------------------------


def _names(labels: Iterable[str]) -> str:
    """Article names for a flag detail: a few, then how many more."""
    names = sorted(set(labels))
    shown = ", ".join(names[:3])
    return shown if len(names) <= 3 else f"{shown} +{len(names) - 3}"


_KIND_ORDER = (FlagKind.NUMBER, FlagKind.DATE, FlagKind.NAME, FlagKind.QUOTE)


def _ordered(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """At most a few flags of each kind, most checkable kinds (numbers) first."""
    kept: list[Flag] = []
    counts: dict[FlagKind, int] = defaultdict(int)
    details: set[tuple[FlagKind, str]] = set()
    for flag in sorted(flags, key=lambda f: _KIND_ORDER.index(f.kind)):
        if counts[flag.kind] >= _MAX_FLAGS or (flag.kind, flag.detail) in details:
            continue
        counts[flag.kind] += 1
        details.add((flag.kind, flag.detail))
        kept.append(flag)
    return tuple(kept)
