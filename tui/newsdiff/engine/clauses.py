"""Split a sentence where it starts reporting another thing.

News sentences often pack two claims ("Putin did not rule out arming North
Korea, while warning South Korea that ..."), and another outlet may report
each in a sentence of its own. Matching the parts lets such a sentence join
both claims. A part starts after a semicolon, at a clause joined by
", while", ", but", ", and that", ", whereas", or after quoted speech closes
(``...," he told reporters in Hanoi``); a part too short to be a claim on its
own, or that only names the source ("the U.S. Geological Survey said"),
joins the next part (the last one joins the one before). A sentence whose
subject is followed by an aside between commas ("Jackson, also facing
charges of driving while on probation, has an arraignment set for Feb. 17")
also reads without it (``without_aside``). A clause that only says something
is not known ("Although it's unknown how many were injured, ...") is no
statement of its own (``says_unknown``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from newsdiff.engine.calendar_words import WHEN_WORDS
from newsdiff.engine.normalize import Token, normalize_word, tokenize
from newsdiff.engine.stopwords import STOPWORDS

MIN_CLAUSE_WORDS = 3
"""Content words a part needs to stand alone as a claim."""

MAX_ATTRIBUTION_WORDS = 5
"""Content words of a part that only names a source: never a claim of its own."""

MAX_SPEAKER_WORDS = 8
"""Content words of a part that names a source, for ``attribution_spans``.

More than ``MAX_ATTRIBUTION_WORDS``: a speaker's description with names and
a day ("producers Craig Zadan and Neil Meron announced on Tuesday", seven)
is still no statement, though it is long enough to stand as a clause."""

MAX_WORDS_AFTER_VERB = 3
"""Content words after the attribution word in a part that only names a source:
"said Dmitry Peskov", "told reporters in Hanoi"; "announced a definitive
agreement to acquire SeaMicro" (four) states the news itself."""

_ATTRIBUTION = re.compile(
    r"^\W*according\s+to\b|\b(?:said|says|told|reported|reports|added|stated|announced|quoted)\b", re.IGNORECASE
)

MAX_SUBJECT_WORDS = 3
"""Words before the first comma of a sentence that ``without_aside`` takes for its subject ("The quake", "Raj Chohan")."""

_ASIDE = re.compile(r"^(?P<subject>[^,;:\"“”]+?),\s+(?P<aside>[^,;\"“”]+),\s+(?=[a-z])")
"""A subject, then an aside between two commas, then the rest of the sentence in lower case (its verb)."""
_SCENE = re.compile(
    r"\b(?:in|on|at|for|by|after|before|during|since|with|from|as|of|to|over|under|when|while|if|although|though"
    r"|meanwhile|however|also|still|instead|now|then|today|yesterday|earlier|later|indeed|furthermore|moreover)\b",
    re.IGNORECASE,
)
"""Words of an opening phrase that sets the scene ("In 2006,", "As it is,", "Meanwhile,") rather than naming a subject."""
_AUXILIARY = re.compile(r"(?:is|was|are|were|has|had|have|will|would|could|can|did|does|do|may|might|must|should)$")
"""Verbs that open the rest of a sentence after its subject's aside ("Jackson, ..., has an arraignment")."""

_NO_ASIDE = re.compile(
    r"(?:and|but|or|then|while|whereas|although|though|yet|if|when|because|it|he|she|they|we|i|you|there"
    r"|including|such\s+as|especially|particularly|notably)\b",
    re.IGNORECASE,
)
"""Words that open a clause of its own ("…, and then put together a drive,", "…, it faces…,") or say which part
of the subject the sentence is about ("Additional details, including availability and pricing, will be shared"):
what they open is part of the statement, not an aside."""

_BOUNDARY = re.compile(
    r";\s+"
    r"|,\s+"
    r"|\s+(?=(?:while|whereas|but|because|although|though|in\s+what|in\s+response|after)\b)"
    r"|(?<=[,.!?][”\"])\s+"  # after a closing quote
)
_WHEN = frozenset(normalize_word(w) for w in WHEN_WORDS)
_UNKNOWN = re.compile(
    r"\b(?:(?:is|was|are|were|remains?|remained|been|it['’]s)\s+(?:still\s+|yet\s+)?"
    r"(?:un(?:known|clear|certain)|not\s+(?:yet\s+|immediately\s+)?(?:known|clear|certain))"
    r"|(?:isn['’]t|wasn['’]t|aren['’]t|weren['’]t)\s+(?:yet\s+|immediately\s+)?(?:known|clear|certain)"
    r"|(?:no\s+one|nobody)\s+(?:yet\s+)?knows)\b",
    re.IGNORECASE,
)
"""Words saying that something is not known: "it's unknown how many", "it was not immediately clear whether"."""


def clause_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (``offset`` + indices into ``text``) of the parts of ``text``.

    A text without a boundary, or whose parts are all too short, is one part.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    parts = [(a, b) for a, b in pairwise(cuts) if text[a:b].strip()]
    starts = [t.start for t in tokenize(text) if t.norm not in STOPWORDS]

    def content_words(start: int, end: int) -> int:
        """Content words starting inside the part: the text's words, counted by offset."""
        return bisect_left(starts, end) - bisect_left(starts, start)

    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in parts:
        start = start if pending is None else pending
        words = content_words(start, end)
        if words < MIN_CLAUSE_WORDS or (words <= MAX_ATTRIBUTION_WORDS and _ATTRIBUTION.search(text[start:end])):
            pending = start
        else:
            merged.append((start, end))
            pending = None
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], len(text))
        else:
            merged.append((pending, len(text)))
    return [(offset + a, offset + b) for a, b in merged]


def without_aside(text: str) -> str | None:
    """``text`` without the aside that follows its subject, or None when it has none.

    "Jackson, also facing charges of driving while on probation for a prior
    DUI, has an arraignment set for Feb. 17 in San Diego Superior Court"
    states the court date another outlet gives in "Jackson is due in court
    Feb. 17" (ECB+ topic 35), yet neither its clauses (the aside and "has an
    arraignment set for Feb. 17 ...", which lost its subject) nor the whole
    sentence match that (probabilities 0.15 and 0.11 with the encoder);
    "Jackson has an arraignment set for Feb. 17 in San Diego Superior Court"
    does (0.63). The subject is at most ``MAX_SUBJECT_WORDS`` words and the
    aside at most ``MAX_SPEAKER_WORDS`` content words, so the aside describes
    the subject (an apposition: "Williams, a three-time Pro Bowl nose
    tackle, was stopped") rather than stating a claim of its own; and at
    least ``MIN_CLAUSE_WORDS``: without a shorter one ("The man, from Hampton
    East, fell…", "Subryan, 23, was charged…") a sentence says nearly the
    same, and a second text for it only thins the share of linked pairs two
    groups need to merge (``cluster.MIN_LINKED_SHARE``; the ECB+ pile lost
    three linked article pairs of topic 23 that way). The
    subject sets no scene (``_SCENE``: "In 2006, there were seven run-ins…,
    including…"); what follows the aside opens with a verb, an auxiliary or
    a word in lower case that is no stopword, participle or "-ly" adverb
    ("Sunday, for the second time…, a Chargers player was pulled over" has
    a new subject there); and the aside opens with no conjunction or
    pronoun, which would make it a clause of its own ("Offensively we
    struggled, and then put together a drive, like…", "Furthermore, it
    faces…, particularly…"), and no "including" and the like ("Additional
    details, including availability and pricing, will be shared later"
    states when the prices come, not that some details will).
    """
    match = _ASIDE.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    verb = rest.split(maxsplit=1)[0]
    opens_with_verb = _AUXILIARY.match(verb) or (verb not in STOPWORDS and not verb.endswith(("ing", "ly")))
    if (
        len(match["subject"].split()) > MAX_SUBJECT_WORDS
        or _SCENE.search(match["subject"])
        or not MIN_CLAUSE_WORDS <= len(_content_words(match["aside"])) <= MAX_SPEAKER_WORDS
        or _NO_ASIDE.match(match["aside"])
        or not opens_with_verb
    ):
        return None
    return f"{match['subject']} {rest}"


def says_unknown(part: str) -> bool:
    """Whether a part of a sentence only says that something is not known: then it states no fact of its own.

    "Although it's unknown how many were injured, Sky News estimates "at
    least 50 people"" states the estimate; its first clause says what nobody
    knows, and on its own it matched a resident's "Many people were injured
    but it is difficult to evacuate them" (ECB+ topic 37: seven passages of
    that quote joined the Sky News claim through it). A part of one clause
    (``clause_spans``) that has such words ("is unknown", "was not
    immediately clear", "no one knows") is such a part; a part that runs on
    into another clause ("it's unknown how many were injured, Sky News
    estimates …") still states what follows.
    """
    return _UNKNOWN.search(part) is not None and len(clause_spans(part)) == 1


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the parts of ``text`` that only say who speaks ("..., producers X and Y announced").

    A part here is cut at every boundary of ``clause_spans`` (no merging).
    It names a source when it follows another part (``, producers X and Y
    announced`` after the news, ``," he said`` after a quote) or opens with
    "according to", has an attribution word ("said", "announced") and at
    most ``MAX_SPEAKER_WORDS`` content words, no more than ``MAX_WORDS_AFTER_VERB``
    of them after that word. The first part of a sentence
    is its statement ("Police said the driver was arrested"), not a source,
    and so is the first part after an opening too short to state anything:
    in "In 2009, police said they had recovered 80% of the haul." the words
    after "In 2009," are the news (read as a source, they left the sentence
    no statement word, and one outlet's copy of a five-outlet sentence stood
    alone: ECB+ topic 24).
    Two reports that share only such a part share a speaker, not a statement.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    parts = list(pairwise(cuts))
    spans: list[tuple[int, int]] = []
    stated = False
    for n, (start, end) in enumerate(parts):
        part = text[start:end]
        match = _ATTRIBUTION.search(part)
        follows_statement, stated = stated, stated or _states_something(part)
        if match is None:
            after_speaker = n > 1 and spans and spans[-1] == parts[n - 1] and _names_speaker(text[slice(*spans[-1])])
            if after_speaker and n == len(parts) - 1 and _describes_speaker(part):
                spans.append((start, end))
            continue
        if not follows_statement and "according" not in match.group().lower():
            continue
        after = _plain_words(part[match.end() :])
        words = sum(1 for t in tokenize(part) if t.norm not in STOPWORDS)
        if words <= MAX_SPEAKER_WORDS and ("according" in match.group().lower() or after <= MAX_WORDS_AFTER_VERB):
            spans.append((start, end))
    return spans


def _states_something(part: str) -> bool:
    """Whether a part of a sentence can be its statement, rather than set the scene for the part after it.

    "In 2009,", "On Tuesday,", "Earlier this week," and "In Paris," hold
    only numbers, words of dates and capitalised words (names, or the
    sentence's first word); "The family was very close," and "We are
    thrilled," have a word that says what.
    """
    return any(
        not (t.is_number or t.norm in _WHEN or t.text[:1].isupper() or t.norm[:1].isdigit())
        for t in _content_words(part)
    )


def _plain_words(text: str) -> int:
    """Content words of ``text``, the words after an attribution word.

    When a name follows that word directly ("said Sutopo Purwo Nugroho of
    the National Disaster Mitigation Agency") its capitalised words name the
    source and its office, so they do not count; after anything else ("announced
    a definitive agreement to acquire Nimbus Labs") every word counts.
    """
    words = _content_words(text)
    if not _opens_with_name(words):
        return len(words)
    return sum(1 for t in words if not t.text[:1].isupper())


def _describes_speaker(part: str) -> bool:
    """Whether the last part of a sentence, right after its attribution, only describes the speaker.

    ", said Sutopo Purwo Nugroho, spokesman of the national disaster
    agency.": an apposition of a few words and no figure, so no claim of
    its own; two reports that share only it share a speaker.
    """
    tokens = tokenize(part)
    words = [t for t in tokens if t.norm not in STOPWORDS]
    return bool(words) and len(words) <= MAX_SPEAKER_WORDS and not any(t.is_number for t in tokens)


def speaker_spans(text: str) -> list[tuple[int, int]]:
    """The attribution spans of ``text`` that name who speaks, each joined to the apposition that describes them.

    "…, said Sutopo Purwo Nugroho of the National Disaster Mitigation
    Agency." and "…," agency spokesman Nugroho said." name a speaker: a
    name follows the attribution word, or the word ends the part. "HP
    announced a small acquisition," is an attribution span too (few words
    after "announced"), but it states the news itself.
    """
    joined: list[tuple[int, int]] = []
    for start, end in attribution_spans(text):
        if joined and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end)
            continue
        if _names_speaker(text[start:end]):
            joined.append((start, end))
    return joined


def _names_speaker(part: str) -> bool:
    """Whether an attribution part names who speaks: a name right after its attribution word, or none after it."""
    match = _ATTRIBUTION.search(part)
    if match is None:
        return True
    after = _content_words(part[match.end() :])
    return not after or _opens_with_name(after)


def _content_words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.norm not in STOPWORDS]


def _opens_with_name(words: list[Token]) -> bool:
    """Whether the first of ``words`` is capitalised: the speaker's name right after the attribution word."""
    return bool(words) and words[0].text[:1].isupper()
