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

Flags point at divergences a reader should check: numbers and named
dates (months, weekdays) that disagree, quotes of one statement that differ
in wording or speaker, and a phrase that one source replaces by another in
otherwise matching wording (a name change is a NAME flag, other wording a
WORDING flag). Flags come from an
alignment of the two passages, because a replacement only means something
between the words that both sources share around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from rapidfuzz import fuzz

from newsdiff.engine.model import Flag, FlagKind, Passage, Quote, Span, WordDiff
from newsdiff.engine.normalize import Token, tokenize
from newsdiff.engine.stopwords import NEGATIONS, STOPWORDS

_CANDIDATES = 24
"""Other-source passages considered per passage (evenly sampled beyond this)."""
_NEAREST = 3
"""Closest other-source passages whose words count as shared."""
_MAX_VARIANTS = 12
"""Distinct quote wordings compared per claim."""
_MAX_FLAGS = 4
"""Flags of one kind per claim: beyond a few, a reader stops checking."""
_MAX_PHRASE = 3
"""Longest replaced phrase (content words) reported as a wording flag."""
_QUOTE_OVERLAP = 0.5
"""Share of the shorter quote's content words two quotes need to be one statement."""
_PAIR_SIMILARITY = 0.25
"""Content-word Jaccard two passages need before their replacements mean anything."""
_SNIPPET = 70
"""Longest quoted snippet in a flag detail (characters)."""
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}


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

    @property
    def article(self) -> str:
        return self.passage.article_id

    def raw(self, start: int, end: int) -> str:
        """Article text between two absolute offsets inside this passage."""
        return self.passage.text[start - self.passage.start : end - self.passage.start]

    def quoted(self, token: Token) -> bool:
        return any(q.start <= token.start and token.end <= q.end for q in self.quotes)


def compare_wording(
    passages: Sequence[Passage], labels: Mapping[str, str] | None = None
) -> tuple[tuple[WordDiff, ...], tuple[Flag, ...]]:
    """Word differences and flags for the passages of one claim.

    A passage gets a ``WordDiff`` only when another article has a passage
    in the claim: there is nothing to compare a lone source with. Quotes
    are read from ``Passage.quotes`` (filled by ``quotes.find_quotes``,
    which sees the whole paragraph and so the speaker). Flag details name
    each article by ``labels[article_id]`` (its source), else by its id.
    """
    if len({p.article_id for p in passages}) < 2:
        return (), ()  # every diff and flag sets one source against another: skip the reading
    names = labels or {}
    words = [_read(p, names.get(p.article_id, p.article_id)) for p in passages]
    nearest = {id(w): _nearest(w, words) for w in words}
    diffs = tuple(_word_diff(w, nearest[id(w)]) for w in words if nearest[id(w)])
    pairs = _closest_pairs(words, nearest)
    flags = (
        *_value_flags(words),
        *_quote_flags(words),
        *_replacement_flags(pairs),
        *_spelling_flags(words),
    )
    return diffs, _ordered(flags)


def _read(passage: Passage, label: str) -> _Words:
    start = passage.content_start if passage.content_start is not None else passage.start
    start = min(max(start, passage.start), passage.end)
    tokens = tokenize(passage.text[start - passage.start :], offset=start)
    content = tuple(t for t in tokens if t.norm not in STOPWORDS or t.norm in NEGATIONS)
    return _Words(passage, tokens, content, frozenset(t.norm for t in content), passage.quotes, label)


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


@dataclass(frozen=True, slots=True)
class _Value:
    """A number or a named day or month, as one passage gives it."""

    value: float | str
    topic: str
    """What the value is about: for a number the nearest content word (norm),
    "cent" in "19 cents", "june" in "June 20"; for a date its kind and the
    word it dates, "weekday:fire" in "the fire on Friday"."""
    shown: str
    passage_id: str
    around: frozenset[str] = frozenset()
    """For a number, the other content words near it ("kill" in "30 people were killed")."""


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "apr": 4, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
"""Usual news abbreviations: read as a month only beside a day number ("Jan" alone may be a first name)."""
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)} | _MONTH_ABBREVIATIONS
_WEEKDAYS = {
    name: number
    for number, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_SPEECH_VERBS = frozenset({"said", "says", "told", "announced", "added", "stated", "confirmed", "reported"})
_DATE_LEADS = frozenset({"on", "late", "early", "last", "night", "morning", "afternoon", "evening"})
"""Words between a date and what it dates ("charged late Friday", "fire on Friday night")."""
_POSSESSIVE = re.compile("['’]s$")
_DATE_REACH = 3
"""Words looked at on each side of a date for the word it dates."""
_AMBIGUOUS_DATE_WORDS = frozenset({"may", "march"})
"""Month names that are also common words: read as months only when capitalised mid-sentence."""


_AROUND = 4
"""Words on each side of a number that say what it counts besides its unit."""
_FRACTION = re.compile(r"(?:(\d+)(?:[ -]|(?=[½¼¾⅓⅔⅛])))?(?:(\d+)[/⁄](\d+)(?![\d/])|([½¼¾⅓⅔⅛]))")
"""A fraction as news writes it: "1/2", "2-1/2", "2 1/2", "2½"."""


def _numbers(words: _Words) -> list[_Value]:
    found: list[_Value] = []
    tokens = words.tokens
    for i, token in enumerate(tokens):
        if not token.is_number or (i > 0 and tokens[i - 1].is_number):
            continue
        value, last = _number_at(words, i)
        if value is None:
            continue
        if last + 1 < len(tokens) and tokens[last + 1].norm in _SCALES:
            value *= _SCALES[tokens[last + 1].norm]
            last += 1
        after = next((t for t in tokens[last + 1 : last + 3] if _is_context(t)), None)
        before = next((t for t in reversed(tokens[max(0, i - 2) : i]) if _is_context(t)), None)
        context = after or before
        first_token, last_token = (token, after) if after else (before or token, tokens[last])
        shown = words.raw(first_token.start, max(last_token.end, tokens[last].end))
        topic = context.norm if context else ""
        near = tokens[max(0, i - _AROUND) : last + 1 + _AROUND]
        around = frozenset(t.norm for t in near if _is_context(t) and t.norm != topic)
        found.append(_Value(value, topic, shown, words.passage.id, around))
    return found


def _number_at(words: _Words, i: int) -> tuple[float | None, int]:
    """The value of the number that starts at token ``i`` and the index of its last token.

    The tokenizer splits "2-1/2" and "2 1/2" into three numbers and reads
    "2½" as a word it cannot parse, so a fraction is read from the text:
    otherwise "a 2-1/2 year sentence" would be "2" and agree with "2 years".
    """
    tokens = words.tokens
    token = tokens[i]
    offset = token.start - words.passage.start
    fraction = _FRACTION.match(words.passage.text, offset)
    if fraction is not None:
        whole, numerator, denominator, glyph = fraction.groups()
        part = unicodedata.numeric(glyph) if glyph else int(numerator) / int(denominator) if int(denominator) else None
        if part is not None:
            end = words.passage.start + fraction.end()
            last = max(j for j in range(i, len(tokens)) if tokens[j].start < end)
            return (int(whole) if whole else 0) + part, last
    try:
        return float(token.norm), i
    except ValueError:
        return None, i


def _is_context(token: Token) -> bool:
    return not token.is_number and token.norm not in STOPWORDS and token.norm not in _SCALES


def _date_words(words: _Words) -> list[_Value]:
    """Named months and weekdays, each keyed by the word it dates ("fire on Friday": "fire").

    One claim may date two events (a shooting on Friday, the charge on
    Saturday), so only dates of the same word disagree, as numbers only
    disagree about the same thing. The word is the nearest content word
    before the date ("Mantra in December"), or after it when the date opens
    the sentence ("On Friday, fire broke out"). Only capitalised words
    count, "May" and "March" only past the first word, where a capital
    marks a name rather than a sentence start, and a month is shown with
    its adjacent day number.
    """
    found: list[_Value] = []
    tokens = words.tokens
    for i, token in enumerate(tokens):
        if not token.is_capitalized:
            continue
        name = _bare(token)
        if name in _AMBIGUOUS_DATE_WORDS and i == 0:
            continue
        if name in _WEEKDAYS:
            if _when_said(tokens, i):
                continue
            first = last = i
            category, value = "weekday", _WEEKDAYS[name]
        elif name in _MONTHS:
            first = i - 1 if i > 0 and tokens[i - 1].is_number else i
            last = i + 1 if i + 1 < len(tokens) and tokens[i + 1].is_number else i
            if name in _MONTH_ABBREVIATIONS and first == last:
                continue
            category, value = "month", _MONTHS[name]
        else:
            continue
        before = next((t for t in reversed(tokens[max(0, first - _DATE_REACH) : first]) if _dates_it(t)), None)
        after = None if before else next((t for t in tokens[last + 1 : last + 1 + _DATE_REACH] if _dates_it(t)), None)
        context = before or after
        start = before.start if before else tokens[first].start
        end = after.end if after else _word_end(words, tokens[last].end)
        topic = f"{category}:{context.norm if context else ''}"
        found.append(_Value(f"{category}:{value}", topic, words.raw(start, end), words.passage.id))
    return found


def _word_end(words: _Words, end: int) -> int:
    """Where the written word holding ``end`` ends: a date quoted as "in November" must not drop "-end"."""
    text, start = words.passage.text, words.passage.start
    stop = end - start
    while stop < len(text) and (text[stop].isalnum() or text[stop] in "-–"):
        stop += 1
    return start + stop


def _dates_it(token: Token) -> bool:
    """Whether a word near a date can be what it dates: a content word that is no number or date itself."""
    return _is_context(token) and not _is_date_name(token) and token.text.lower() not in _DATE_LEADS


def _is_date_name(token: Token) -> bool:
    """A month or weekday name: compared by the date flags, never a replaced name or wording."""
    name = _bare(token)
    return name in _MONTHS or name in _WEEKDAYS


def _bare(token: Token) -> str:
    """A word as a date name would be written: lower case, no abbreviation dot or possessive ("Thursday's")."""
    return _POSSESSIVE.sub("", token.text.lower()).rstrip(".")


def _when_said(tokens: Sequence[Token], index: int) -> bool:
    """Whether the weekday at ``index`` dates a statement ("said Wednesday", "told reporters on Monday").

    Outlets report one event on different days, so the day something was
    said is no disagreement about when the event happened.
    """
    before = [t.text.lower() for t in tokens[max(0, index - 3) : index]]
    while before and before[-1] in _DATE_LEADS:
        before.pop()
    return any(word in _SPEECH_VERBS for word in before[-2:])


def _value_flags(words: Sequence[_Words]) -> list[Flag]:
    """Numbers about the same thing ("… cents"), and dates, that two sources give differently.

    Two articles disagree on a topic when each gives a value the other
    does not; a value only one source mentions is extra detail, not a
    disagreement. A named month or weekday is keyed by the word it dates,
    so "Mantra in December" against "Mantra in September" is flagged, which
    the number comparison cannot see. Two numbers of one unit disagree only
    when another word near them says they count the same thing: "30 people
    were killed" and "the school where 350 people were taking shelter" are
    both "people" (ECB+ topic 41), but not the same people.
    """
    by_topic: dict[tuple[FlagKind, str], dict[str, list[_Value]]] = defaultdict(lambda: defaultdict(list))
    for w in words:
        for number in _numbers(w):
            by_topic[FlagKind.NUMBER, number.topic][w.article].append(number)
        for date in _date_words(w):
            by_topic[FlagKind.DATE, date.topic][w.article].append(date)
    label_of = {w.article: w.label for w in words}
    flags: list[Flag] = []
    for (kind, _topic), per_article in by_topic.items():
        values = {article: frozenset(n.value for n in found) for article, found in per_article.items()}
        variants: dict[frozenset[float | str], list[str]] = defaultdict(list)
        for article, value_set in values.items():
            variants[value_set].append(article)
        if not _conflicting(list(variants)) or (kind is FlagKind.NUMBER and not _counting_alike(per_article)):
            continue
        common = frozenset.intersection(*variants)
        groups = sorted(variants.items(), key=lambda item: -len(item[1]))[:3]
        parts = []
        passage_ids: list[str] = []
        for value_set, articles in groups:
            numbers = [n for n in per_article[articles[0]] if n.value in value_set - common]
            shown = ", ".join(dict.fromkeys(n.shown for n in numbers))
            parts.append(f'"{shown}" ({_names(label_of[a] for a in articles)})')
            passage_ids.extend(n.passage_id for a in articles for n in per_article[a] if n.value not in common)
        flags.append(Flag(kind, " vs ".join(parts), tuple(dict.fromkeys(passage_ids))))
    return flags


def _counting_alike(per_article: Mapping[str, list[_Value]]) -> bool:
    """Whether two articles give different numbers with a nearby word in common besides the unit."""
    values = {article: {n.value for n in found} for article, found in per_article.items()}
    return any(
        n.around & m.around
        for x, y in combinations(per_article, 2)
        for n in per_article[x]
        if n.value not in values[y]
        for m in per_article[y]
        if m.value not in values[x]
    )


def _conflicting(value_sets: list[frozenset[float | str]]) -> bool:
    return any(not a <= b and not b <= a for i, a in enumerate(value_sets) for b in value_sets[i + 1 :])


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
        if q.quote.speaker and not q.quote.speaker_inferred and _surname(q.quote.speaker) not in _ROLES:
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
    shorter = min(len(a.content), len(b.content))
    return shorter > 0 and len(a.content & b.content) / shorter >= _QUOTE_OVERLAP


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
    changes = [op for op in opcodes if op[0] != "equal"]
    return max(changes, key=lambda op: (op[2] - op[1]) + (op[4] - op[3])) if changes else None


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


# Replaced phrases ------------------------------------------------------------


def _replacement_flags(pairs: Sequence[tuple[_Words, _Words]]) -> list[Flag]:
    """Phrases one source replaces by another between words both sources share.

    "signing a mutual defence agreement" against "signed a comprehensive
    strategic cooperation agreement": the alignment of content words finds
    "mutual defence" replaced by "comprehensive strategic cooperation"
    before the shared "agreement". Only a short phrase with shared words on
    both sides counts (an alignment change that is neither first nor last
    sits between two equal runs); a longer or unanchored stretch is a
    different sentence, not a replaced phrase. Numbers and dates are left to
    their own flags and quoted words to the quote flags.
    """
    flags: list[Flag] = []
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for a, b in pairs:
        if _similarity(a, b) < _PAIR_SIMILARITY:
            continue
        norms_a = [t.norm for t in a.content]
        norms_b = [t.norm for t in b.content]
        opcodes = SequenceMatcher(None, norms_a, norms_b, autojunk=False).get_opcodes()
        for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
            anchored = 0 < index < len(opcodes) - 1
            if tag != "replace" or not anchored or max(i2 - i1, j2 - j1) > _MAX_PHRASE:
                continue
            old, new = a.content[i1:i2], b.content[j1:j2]
            quoted = all(a.quoted(t) for t in old) and all(b.quoted(t) for t in new)
            if quoted or any(t.is_number or _is_date_name(t) for t in (*old, *new)):
                continue
            if _abbreviates(old, new) or _abbreviates(new, old) or _inflected(old, new):
                continue  # "American Football Conference" and "AFC", "Korea" and "Korean": one name
            key = (tuple(norms_a[i1:i2]), tuple(norms_b[j1:j2]))
            if key in seen or key[::-1] in seen:
                continue
            seen.add(key)
            shown_a = _phrase(a, old, a.content[i2])
            shown_b = _phrase(b, new, b.content[j2])
            kind = FlagKind.NAME if all(t.is_capitalized for t in (*old, *new)) else FlagKind.WORDING
            if kind is FlagKind.NAME and (_only_roles(old) or _only_roles(new)):
                continue  # "the Governor" for "Sarah Palin" names her role, not someone else
            ids = (a.passage.id, b.passage.id)
            flags.append(Flag(kind, f'"{shown_a}" ({a.label}) vs "{shown_b}" ({b.label})', ids))
    return flags


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
    outlet got wrong, which a fact-checker checks first. A word that begins
    the other ("Korea", "Korean") is the same name inflected. In the first
    8 articles of each of the 43 ECB+ topics this raised 10 flags, 8 of them
    real ("Catherine" vs "Katherine" Gomes twice, "Miliote" vs "Milliote",
    "Zainabieh" vs "Zinabieh", "Titter" vs "Twitter", "BlackBery" vs
    "BlackBerry", "Costra" vs "Cosa" Nostra, "Distribution" vs
    "Distributors"), 2 not ("the Angels" team vs "Los Angeles").
    """
    spelled: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    """Each name word (lower case), with the articles that write it: how and in which passage."""
    for w in words:
        for token in w.content[1:]:
            if _is_name_word(token):
                spelled[token.text.lower()].setdefault(w.article, (token.text, w.passage.id))
    label_of = {w.article: w.label for w in words}
    flags: list[Flag] = []
    for a, b in combinations(sorted(spelled), 2):
        if _one_word(a, b) or fuzz.ratio(a, b) < SPELLING_RATIO:
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
    return text[:1].isupper() and len(text) >= _MIN_NAME_LETTERS and text.isalpha() and not text.isupper()


SPELLING_RATIO = 80.0
"""rapidfuzz ratio (0-100) from which two different words are one name spelled two ways."""
_MIN_NAME_LETTERS = 4


def _inflected(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether two single words are one word inflected: one begins the other ("Korea", "Korean")."""
    return len(old) == 1 and len(new) == 1 and _one_word(old[0].text.lower(), new[0].text.lower())


def _one_word(a: str, b: str) -> bool:
    """Whether two lower-case words are one word, one inflected: one begins the other ("korea", "korean")."""
    return a.startswith(b) or b.startswith(a)


def _only_roles(tokens: Sequence[Token]) -> bool:
    return all(t.text.lower() in _ROLES for t in tokens)


def _phrase(words: _Words, replaced: Sequence[Token], anchor: Token) -> str:
    """The replaced words and the shared word after them, as the article writes them."""
    return " ".join(words.raw(replaced[0].start, anchor.end).split())


# Helpers ---------------------------------------------------------------------


def _names(labels: Iterable[str]) -> str:
    """Article names for a flag detail: a few, then how many more."""
    names = sorted(set(labels))
    shown = ", ".join(names[:3])
    return shown if len(names) <= 3 else f"{shown} +{len(names) - 3}"


_KIND_ORDER = (FlagKind.NUMBER, FlagKind.DATE, FlagKind.NAME, FlagKind.QUOTE, FlagKind.WORDING)


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
