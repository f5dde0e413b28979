"""A small story built by hand, so renderers are tested without the pipeline.

Three outlets report a bridge opening. The story holds every case a renderer
must handle: a claim all sources report (with a differing word and a flag),
one some report (with a number flag), one only one source reports, a headline
that makes a claim, boilerplate that belongs to no claim, a source that leaves
a claim out, and article text that looks like HTML, Rich markup and Markdown.
"""

from __future__ import annotations

from newsdiff.engine.model import (
    Article,
    Claim,
    Coverage,
    Flag,
    FlagKind,
    Passage,
    PassageKind,
    Reach,
    Span,
    Story,
    WordDiff,
)

HOSTILE = "<script>alert(1)</script> [bold red]x[/] **not bold** said one resident."
"""Text that a renderer would execute or interpret if it forgot that articles are data."""

_ARTICLES = {
    "planet": (
        "Daily Planet",
        "Mayor opens bridge",
        [
            ("Mayor opens bridge", PassageKind.HEADLINE),
            ("The mayor opened the new bridge on Monday.", PassageKind.SENTENCE),
            ("It cost $5 million.", PassageKind.SENTENCE),
            ("SEE ALSO:", PassageKind.BOILERPLATE),
        ],
    ),
    "bugle": (
        "Bugle & Co",
        "Bridge opens",
        [
            ("The mayor opened the bridge on Tuesday.", PassageKind.SENTENCE),
            (HOSTILE, PassageKind.SENTENCE),
        ],
    ),
    "sentinel": (
        "Sentinel",
        "New bridge",
        [
            ("The new bridge cost $6 million, officials said.", PassageKind.SENTENCE),
            ("The mayor opened it on Monday.", PassageKind.SENTENCE),
        ],
    ),
}


def _article_and_passages(article_id: str) -> tuple[Article, list[Passage]]:
    source, title, sentences = _ARTICLES[article_id]
    text = sentences[0][0] + "\n" + " ".join(s for s, _ in sentences[1:]) + "\n"
    passages = []
    position = 0
    for index, (sentence, kind) in enumerate(sentences):
        start = text.index(sentence, position)
        position = start + len(sentence)
        passages.append(Passage(f"{article_id}:{index}", article_id, index, start, position, sentence, kind))
    article = Article(id=article_id, source=source, title=title, text=text, path=f"stories/{article_id}.txt")
    return article, passages


def _word(passage: Passage, word: str) -> Span:
    start = passage.start + passage.text.index(word)
    return Span(start, start + len(word))


def handmade_story() -> Story:
    built = {article_id: _article_and_passages(article_id) for article_id in _ARTICLES}
    articles = tuple(article for article, _ in built.values())
    p = {passage.id: passage for _, passages in built.values() for passage in passages}
    claims = (
        Claim(
            id="K1",
            summary="The mayor opened the new bridge on Monday.",
            passage_ids=("planet:0", "planet:1", "bugle:0", "sentinel:1"),
            article_ids=("planet", "bugle", "sentinel"),
            reach=Reach.ALL,
            diffs=(WordDiff("bugle:0", (_word(p["bugle:0"], "Tuesday"),), 0.8),),
            flags=(Flag(FlagKind.DATE, "Monday or Tuesday", ("bugle:0", "sentinel:1")),),
        ),
        Claim(
            id="K2",
            summary="The bridge cost $5 million.",
            passage_ids=("planet:2", "sentinel:0"),
            article_ids=("planet", "sentinel"),
            reach=Reach.SOME,
            diffs=(
                WordDiff("planet:2", (_word(p["planet:2"], "$5"),), 0.7),
                WordDiff("sentinel:0", (_word(p["sentinel:0"], "$6"),), 0.6),
            ),
            flags=(Flag(FlagKind.NUMBER, "$5 million or $6 million", ("planet:2", "sentinel:0")),),
        ),
        Claim(
            id="K3",
            summary=HOSTILE,
            passage_ids=("bugle:1",),
            article_ids=("bugle",),
            reach=Reach.ONE,
        ),
    )
    coverage = (
        Coverage("planet", all_share=0.6, some_share=0.4, unique_share=0.0),
        Coverage("bugle", all_share=0.4, some_share=0.0, unique_share=0.6, missing_claim_ids=("K2",)),
        Coverage("sentinel", all_share=0.4, some_share=0.6, unique_share=0.0),
    )
    return Story(articles=articles, passages=tuple(p.values()), claims=claims, coverage=coverage)


NOTES = (
    {
        "target": "claim",
        "target_id": "K1",
        "mark": "?",
        "text": "check the <b>day</b> [red]x[/]",
        "created": "2024-06-20T10:00:00",
    },
    {
        "target": "passage",
        "target_id": "bugle:1",
        "mark": "!",
        "text": "quote *unsourced*",
        "created": "2024-06-20T10:05:00",
    },
    {
        "target": "claim",
        "target_id": "K99",
        "mark": "",
        "text": "about a claim the story lost",
        "created": "",
    },
)
"""Reader notes as the app hands them over: plain mappings, one on a missing claim."""


TWO_CLAIMS_A = "Russia was sent shells and missiles, which Moscow has denied."
TWO_CLAIMS_B = "Russia was sent shells and rockets."
TWO_CLAIMS_C = "Moscow has denied it."


def passage_in_two_claims() -> tuple[Story, dict[str, Span]]:
    """A story whose passage a:0 reports two claims: the shells (K1, with b:0) and the denial (K2, with c:0).

    Each claim marks the words of a:0 that its other source lacks; the
    spans of its words are returned with it, by word.
    """
    texts = {"a": TWO_CLAIMS_A, "b": TWO_CLAIMS_B, "c": TWO_CLAIMS_C}
    articles = tuple(Article(id=k, source=k.upper(), title=k, text=t) for k, t in texts.items())
    passages = tuple(Passage(f"{k}:0", k, 0, 0, len(t), t) for k, t in texts.items())
    words = ("Russia", "shells", "missiles", "Moscow", "denied")
    word = {w: Span(TWO_CLAIMS_A.index(w), TWO_CLAIMS_A.index(w) + len(w)) for w in words}
    shells_differ = (word["missiles"], word["Moscow"], word["denied"])
    denial_differs = (word["Russia"], word["shells"], word["missiles"])
    shells = Claim("K1", "shells", ("a:0", "b:0"), ("a", "b"), Reach.SOME, diffs=(WordDiff("a:0", shells_differ),))
    denial = Claim("K2", "denial", ("a:0", "c:0"), ("a", "c"), Reach.SOME, diffs=(WordDiff("a:0", denial_differs),))
    return Story(articles, passages, (shells, denial), ()), word
