"""Words that carry grammar, not a claim.

A match on "the" or "said" says nothing about two passages reporting the same
thing, so these words weigh little in similarity and never serve as keys for
finding candidate pairs. The list is the usual English function words plus
the reporting words of news prose ("said", "told", "Mr"). Negations ("not",
"no", "never") are here too: they are compared separately, as a feature of
their own, because a lexical overlap cannot see that they flip a claim.
Entries are stemmed forms (what ``Token.norm`` holds).
"""

from __future__ import annotations

import snowballstemmer

_WORD_LIST = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves may might must shall upon also yet though although
whether either neither us its whose via per among amid onto toward towards within without
said say says saying told tell tells according mr mrs ms dr
one ever never cannot
"""
_WORDS = _WORD_LIST.split()

_stem = snowballstemmer.stemmer("english").stemWord

NEGATIONS: frozenset[str] = frozenset(
    _stem(w) for w in ("not", "no", "never", "nor", "cannot", "without", "nobody", "nothing", "neither")
)
"""Words that flip what a clause claims (norm forms)."""

STOPWORDS: frozenset[str] = frozenset(_stem(w) for w in _WORDS) | frozenset(_WORDS)
"""Function words and reporting words, as stemmed norms."""
