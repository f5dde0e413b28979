"""British and American spellings folded into one form before stemming.

Outlets of one story spell the same word differently ("defence" and
"defense", "authorisation" and "authorization"), and a stemmer keeps the
difference ("defenc" / "defens"). Folding happens on the lower-cased word and
is applied to every text alike, so a rule that rewrites a word that has no
American twin ("rise" -> "rize") is harmless: both sides get the same form.
Rules are therefore kept simple; only the ``-lled`` doubling and a few whole
words, where a rule would merge two different words, use tables.
"""

from __future__ import annotations

import re

_WORDS: dict[str, str] = {
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "pretence": "pretense",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "grey": "gray",
    "programme": "program",
    "programmes": "programs",
    "cheque": "check",
    "cheques": "checks",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "plough": "plow",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "storey": "story",
    "storeys": "stories",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "aeroplane": "airplane",
    "aeroplanes": "airplanes",
    "ageing": "aging",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "jewellery": "jewelry",
    "draught": "draft",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "skilful": "skillful",
    "wilful": "willful",
    "kerb": "curb",
    "mould": "mold",
    "moult": "molt",
    "smoulder": "smolder",
    "pyjamas": "pajamas",
    "kiev": "kyiv",
    "gaol": "jail",
}

_DOUBLED_L_BASES = (
    "travel",
    "cancel",
    "label",
    "model",
    "fuel",
    "signal",
    "level",
    "channel",
    "counsel",
    "dial",
    "duel",
    "equal",
    "jewel",
    "marvel",
    "panel",
    "quarrel",
    "rival",
    "shovel",
    "total",
    "tunnel",
    "funnel",
    "pencil",
    "unravel",
    "grovel",
    "snorkel",
    "libel",
    "initial",
    "parcel",
    "cudgel",
)
for _base in _DOUBLED_L_BASES:
    for _suffix in ("ed", "ing", "er", "ers"):
        _WORDS[_base + "l" + _suffix] = _base + _suffix

_OUR = re.compile(
    r"^(colo|favo|hono|labo|neighbo|behavio|harbo|humo|rumo|vigo|valo|armo|endeavo"
    r"|flavo|savo|splendo|odo|tumo|parlo|savio|vapo|clamo|fervo|cando|ranco|rigo)ur"
)
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing)$")
_TRE = re.compile(r"^(cent|thea|met|lit|fib|sab|lust|spect|manoeuv|sepulch|kilomet|millimet|centimet)re(s|d)?$")
_OGUE = re.compile(r"(?<=[a-z]{4})(og)ue(s)?$")
_AE = re.compile(r"^(anaes|paed|encyclopaed|orthopaed|haem|leukaem|anaem|archaeo)")
_OE = re.compile(r"^(oestr|foet|diarrhoe|oesoph|manoeuv)")


def americanize(word: str) -> str:
    """Return the American spelling of a lower-cased word (or the word itself)."""
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5:
        return word
    word = _OUR.sub(r"\1r", word)
    word = _ISE.sub(r"iz\1", word)
    word = _YSE.sub(r"yz\1", word)
    word = _TRE.sub(r"\1er\2", word)
    word = _OGUE.sub(r"\1\2", word)
    word = _AE.sub(lambda m: m.group(1).replace("ae", "e"), word)
    word = _OE.sub(lambda m: m.group(1).replace("oe", "e"), word)
    return word
