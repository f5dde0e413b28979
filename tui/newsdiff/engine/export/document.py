"""What every story document says the same way, whatever its format.

The Markdown and HTML exports (and the terminal report) present one story
in the same order with the same words, so a reader moving between them
finds the same title, the same claim groups and the same percentages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from newsdiff.engine.model import LEXICAL_MATCHER, Article, Claim, Coverage, Passage, Reach, Story

REACH_ORDER = (Reach.ALL, Reach.SOME, Reach.ONE)
"""Claims reported by every source come first: they are the story's common ground."""

UNTITLED = "Untitled story"


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The claims of one reach, in the story's order."""

    reach: Reach
    claims: tuple[Claim, ...]

    @property
    def heading(self) -> str:
        return f"Claims {self.reach.label}"


def story_title(story: Story) -> str:
    """The first article's title names the event; a story without one says so."""
    for article in story.articles:
        title = " ".join(article.title.split())
        if title:
            return title
    return UNTITLED


ISOLATED_NAMES_SHOWN = 3
"""How many articles that share nothing the overview names (then "and N more")."""


def story_overview(story: Story) -> str:
    """One sentence that says how many sources and claims the story has."""
    counts = {reach: sum(1 for c in story.claims if c.reach is reach) for reach in REACH_ORDER}
    sources = len(story.articles)
    overview = (
        f"{sources} {_plural(sources, 'source', 'sources')} compared, "
        f"{claim_count(len(story.claims))}: "
        f"{counts[Reach.ALL]} reported by all sources, {counts[Reach.SOME]} by some, "
        f"{counts[Reach.ONE]} by one source only. Matched by {matcher_label(story.matcher)}."
    )
    isolated = isolation_note(story)
    return f"{overview} {isolated}" if isolated else overview


def isolation_note(story: Story) -> str:
    """ "2 of 9 articles (…) share no claim with the others, so nothing in them is compared." or "".

    Said as a fact, not a guess: on the ECB+ topics such articles are as
    often very short reports of the same event, or opinion pieces on it,
    as reports of another event.
    """
    isolated = story.isolated_article_ids
    if not isolated:
        return ""
    names = [story.article(article_id).source for article_id in isolated]
    shown = ", ".join(names[:ISOLATED_NAMES_SHOWN])
    if len(names) > ISOLATED_NAMES_SHOWN:
        shown += f" and {len(names) - ISOLATED_NAMES_SHOWN} more"
    count = len(isolated)
    if count == 1:
        return f"1 of {len(story.articles)} articles ({shown}) shares no claim with the others, so nothing in it is compared."
    return f"{count} of {len(story.articles)} articles ({shown}) share no claim with the others, so nothing in them is compared."


def matcher_label(matcher: str) -> str:
    """``the lexical matcher`` or ``the sentence encoder use-m3``, for a sentence about a story."""
    return "the lexical matcher" if matcher == LEXICAL_MATCHER else f"the sentence encoder {matcher}"


def claim_groups(story: Story) -> tuple[ClaimGroup, ...]:
    """The story's claims grouped by reach, widest first, empty groups left out."""
    groups = (ClaimGroup(reach, tuple(c for c in story.claims if c.reach is reach)) for reach in REACH_ORDER)
    return tuple(group for group in groups if group.claims)


def claim_sources(story: Story, claim: Claim) -> tuple[str, ...]:
    """The names of the outlets that report a claim, in the claim's order."""
    return tuple(story.article(article_id).source for article_id in claim.article_ids)


def absent_articles(story: Story, article_ids: Collection[str]) -> list[Article]:
    """The story's articles, in story order, that are not among ``article_ids``."""
    return [a for a in story.articles if a.id not in article_ids]


def absent_sources(story: Story, article_ids: Collection[str]) -> list[str]:
    """Names of the story's sources, in story order, whose article is not among ``article_ids``."""
    return [a.source for a in absent_articles(story, article_ids)]


def claim_passages(story: Story, claim: Claim) -> tuple[Passage, ...]:
    """The claim's passages in the order of the story's articles, then of the text."""
    order = {article.id: index for index, article in enumerate(story.articles)}
    passages = (story.passage(passage_id) for passage_id in claim.passage_ids)
    return tuple(sorted(passages, key=lambda p: (order.get(p.article_id, len(order)), p.start)))


def article_details(story: Story, article: Article) -> list[str]:
    """Plain-text lines about an article (file, address, coverage), for every document format."""
    details = []
    if article.path:
        details.append(f"File: {article.path}")
    if article.url:
        details.append(f"Address: {article.url}")
    coverage = _coverage(story, article)
    if coverage is not None:
        details.append(
            f"Coverage: {percent(coverage.all_share)} reported by all sources, "
            f"{percent(coverage.some_share)} by some, {percent(coverage.unique_share)} by this source only."
        )
    return details


def missing_claims(story: Story, article: Article) -> tuple[Claim, ...]:
    """Claims most other sources report that this article leaves out."""
    coverage = _coverage(story, article)
    if coverage is None:
        return ()
    return tuple(story.claim(claim_id) for claim_id in coverage.missing_claim_ids)


def _coverage(story: Story, article: Article) -> Coverage | None:
    """The article's coverage; a story put together by hand may have none."""
    try:
        return story.coverage_of(article.id)
    except KeyError:
        return None


def claim_count(count: int) -> str:
    """ "1 claim", "2 claims": a count of claims as a reader says it."""
    return f"{count} {_plural(count, 'claim', 'claims')}"


def percent(share: float) -> str:
    """A share of an article as a whole percentage, the precision a reader can use."""
    return f"{share:.0%}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def citation(article: Article, passage: Passage) -> str:
    """The passage as a reader would quote it, then where it is from.

    ``PASSAGE — Source, "Title", 2024-06-20, https://…``, leaving out what the
    article does not say. Whitespace is folded, since a passage may run
    over line breaks that mean nothing once pasted.
    """
    parts = [article.source]
    if article.title:
        parts.append(f"\u201c{' '.join(article.title.split())}\u201d")
    parts.extend(value for value in (article.date, article.url) if value)
    return f"{' '.join(passage.text.split())} \u2014 {', '.join(parts)}"


def claim_citation(story: Story, claim: Claim) -> str:
    """A claim as a fact-check draft would quote it: summary, flags, every source's wording, who leaves it out."""
    sources = len(claim.article_ids)
    lines = [f"Claim {claim.id} ({sources} of {len(story.articles)} sources): {claim.summary}"]
    lines.extend(f"\u2691 {flag.kind.value}: {flag.detail}" for flag in claim.flags)
    lines.extend(f"- {citation(story.article(p.article_id), p)}" for p in claim_passages(story, claim))
    absent = absent_sources(story, claim.article_ids)
    if absent:
        lines.append(f"Not reported by: {', '.join(absent)}")
    return "\n".join(lines)
