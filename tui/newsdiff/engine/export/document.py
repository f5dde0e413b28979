"""What every story document says the same way, whatever its format.

The Markdown and HTML exports (and the terminal report) present one story
in the same order with the same words, so a reader moving between them
finds the same title, the same claim groups and the same percentages.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsdiff.engine.model import LEXICAL_MATCHER, Article, Claim, Coverage, NearMiss, Passage, Reach, Story
from newsdiff.engine.semantic import encoder_installed

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
    """``the lexical matcher`` or ``the sentence encoder use-m3``, for a sentence about a story.

    The encoder is the default whenever it is installed, so a lexical story
    on a machine without it says why it is lexical.
    """
    if matcher != LEXICAL_MATCHER:
        return f"the sentence encoder {matcher}"
    return (
        "the lexical matcher" if encoder_installed() else "the lexical matcher (the sentence encoder is not installed)"
    )


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


NOT_FOUND = "not found in"
"""Said of an article only when the engine is confident it does not report the claim (``engine.absence``)."""
NO_MATCH = "no match found in"
"""Said of an article the matcher did not put in the claim but that has a passage close to it."""
NEAR_PASSAGE = "nearest passage found"
"""What the passage shown beside "no match found" is: the nearest that the search found, not a sure nearest.

The search (``engine.absence``) scores the article's passages that share
the most of the claim's rarer words and, with the encoder, the one closest
in meaning, not every passage: a fact-checker reading the article found
another passage nearer in 4 of 16 such lines (ECB+ topics 24, 37, 40).
"closest passage" said more than the engine knows."""
LEAVES_OUT_HEADING = "Leaves out claims that most other sources report:"
NO_MATCH_HEADING = "No match found for claims that most other sources report (a passage comes near; read it):"


@dataclass(frozen=True, slots=True)
class Absences:
    """The articles that do not report some claims: the confident absences, and the near misses with their closest passage."""

    not_found: tuple[Article, ...] = ()
    no_match: tuple[NearMiss, ...] = ()
    """Closest first."""


def absences(story: Story, claims: Sequence[Claim]) -> Absences:
    """Who reports none of ``claims`` (a claim, or every claim of a passage), told apart by the engine's confidence.

    An article with a near miss for any of the claims is "no match found",
    with the closest of those passages; the others are "not found in".
    """
    reporting = {article_id for claim in claims for article_id in claim.article_ids}
    not_found: list[Article] = []
    no_match: list[NearMiss] = []
    for article in absent_articles(story, reporting):
        misses = [m for claim in claims if (m := story.near_miss(claim.id, article.id)) is not None]
        if misses:
            no_match.append(max(misses, key=lambda m: (m.probability, m.cosine or 0.0)))
        else:
            not_found.append(article)
    no_match.sort(key=lambda m: (-m.probability, -(m.cosine or 0.0)))
    return Absences(tuple(not_found), tuple(no_match))


def near_miss_score(miss: NearMiss) -> str:
    """``score 0.12, cosine 0.51``: the evidence that the passage may report the claim."""
    score = f"score {miss.probability:.2f}"
    return score if miss.cosine is None else f"{score}, cosine {miss.cosine:.2f}"


def near_miss_line(story: Story, miss: NearMiss) -> str:
    """``Source, nearest passage found (score 0.12): “…”`` in plain words, for documents and the clipboard."""
    passage = " ".join(story.passage(miss.passage_id).text.split())
    source = story.article(miss.article_id).source
    return f"{source}, {NEAR_PASSAGE} ({near_miss_score(miss)}): \u201c{passage}\u201d"


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
    """Claims most other sources report that this article leaves out: none of its passages comes near them."""
    return tuple(c for c in _most_reported_absent(story, article) if story.near_miss(c.id, article.id) is None)


def unmatched_claims(story: Story, article: Article) -> tuple[NearMiss, ...]:
    """Claims most other sources report that no passage of this article matched, though one comes near."""
    found = (story.near_miss(c.id, article.id) for c in _most_reported_absent(story, article))
    return tuple(m for m in found if m is not None)


def _most_reported_absent(story: Story, article: Article) -> tuple[Claim, ...]:
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
    lines.extend(absence_lines(story, claim))
    return "\n".join(lines)


def absence_lines(story: Story, claim: Claim) -> list[str]:
    """``Not found in: A, B`` and one ``No match found in C, nearest passage found (score 0.12): “…”`` per near miss."""
    absent = absences(story, [claim])
    lines = [f"{NO_MATCH.capitalize()} {near_miss_line(story, miss)}" for miss in absent.no_match]
    if absent.not_found:
        lines.append(f"{NOT_FOUND.capitalize()}: {', '.join(a.source for a in absent.not_found)}")
    return lines
