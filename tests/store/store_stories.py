"""Small hand-made stories for the store tests (no analysis pipeline needed)."""

from __future__ import annotations

from newsdiff.engine.model import Article, Claim, Passage, Reach, Story


def article(article_id: str, text: str, *, source: str = "", path: str | None = None) -> Article:
    """An article whose title is its first line."""
    return Article(
        id=article_id,
        source=source or f"Source {article_id}",
        title=text.split("\n", 1)[0],
        text=text,
        path=path,
    )


def passages(source: Article, sentences: list[str]) -> tuple[Passage, ...]:
    """Passages ``<id>:0``, ``<id>:1``... at each sentence's first place in the text."""
    found = []
    for index, sentence in enumerate(sentences):
        start = source.text.index(sentence)
        found.append(Passage(f"{source.id}:{index}", source.id, index, start, start + len(sentence), sentence))
    return tuple(found)


def two_source_story() -> Story:
    """A tiny story: two articles that share one sentence, each with one passage more."""
    a = article("a", "Dam bursts.\nThe dam burst at dawn. Ten homes flooded.", path="in/a.txt")
    b = article("b", "Flood news\nThe dam burst at dawn. Rescuers came.", path="in/b.txt")
    shared = "The dam burst at dawn."
    claims = (
        Claim("c1", shared, ("a:1", "b:1"), ("a", "b"), Reach.ALL),
        Claim("c2", "Ten homes flooded.", ("a:2",), ("a",), Reach.ONE),
        Claim("c3", "Rescuers came.", ("b:2",), ("b",), Reach.ONE),
    )
    return Story(
        articles=(a, b),
        passages=passages(a, ["Dam bursts.", shared, "Ten homes flooded."])
        + passages(b, ["Flood news", shared, "Rescuers came."]),
        claims=claims,
        coverage=(),
    )
