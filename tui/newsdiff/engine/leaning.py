"""A sentence whose subject is a pronoun leans on the sentence before it.

"The MacBook Air gets 3rd-gen Core chips, up to 2GHz dual-core i7. It also
gets storage up to 512 GB Flash storage" (nbcnews, ECB+ topic 40): the
second sentence is about the Air, which only the first names. Read alone,
its "512 GB" met laptops' "up to 768 GB of flash storage" of the flagship
MacBook Pro, and the two were flagged as a disagreement about one fact.

What such a sentence is about comes from the sentence before it in its
article: the variant names (``statement.Evidence.variants``: "MacBook Air",
"the 11-inch Air") that sentence gives, or takes in turn from the one
before it when it leans too ("It also gets … And it gets USB 3.0"). They are
extra evidence only: the passage keeps its own text and span. The clustering
asks them for its contrast veto (``statement.contrasts``), the flags for
whether two numbers are about one thing (``diff``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdiff.engine.model import Passage
from newsdiff.engine.statement import Evidence, Variant

_PRONOUN_SUBJECT = re.compile(r"^\W*(?:(?:and|but|so|also|yet)\s+)?(?:it|its|they|their|he|she)\b(?!-)", re.IGNORECASE)
"""A sentence that opens with a pronoun as its subject (or its subject's owner: "Its battery lasts"), after at most
one joining word ("And it gets USB 3.0")."""


def leans_on_previous(text: str) -> bool:
    """Whether ``text`` opens with a pronoun for its subject: what it is about is named before it."""
    return _PRONOUN_SUBJECT.match(text) is not None


def leaning_variants(passages: Iterable[Passage]) -> dict[str, frozenset[Variant]]:
    """For each content passage that leans on the content passage before it in its article, the variant names that
    one gives or takes itself (by passage id); passages that lean on none, or on a sentence naming none, are left out.

    ``passages`` in story order: each article's passages in their order.
    """
    found: dict[str, frozenset[Variant]] = {}
    previous: Passage | None = None
    for passage in passages:
        if not passage.is_content:
            continue
        if (
            previous is not None
            and previous.article_id == passage.article_id
            and leans_on_previous(passage.content_text)
        ):
            named = Evidence.of(previous.content_text).variants | found.get(previous.id, frozenset())
            if named:
                found[passage.id] = named
        previous = passage
    return found
