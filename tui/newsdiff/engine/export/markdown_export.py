"""The Markdown export: the story as a document to read, share or print.

Article text is data: every character that Markdown (or GitHub's flavour of
it) could read as syntax is backslash-escaped, so an article containing
``**x**``, ``<script>`` or ``[link](http://…)`` shows exactly those
characters. Highlights use the only styles every Markdown reader knows:
bold, italic and strikethrough, explained in a legend next to the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from newsdiff.engine.control_chars import visible_controls
from newsdiff.engine.export.document import (
    LEAVES_OUT_HEADING,
    NO_MATCH_HEADING,
    ClaimGroup,
    absence_lines,
    article_details,
    claim_count,
    claim_groups,
    claim_passages,
    claim_sources,
    missing_claims,
    near_miss_line,
    percent,
    story_overview,
    story_title,
    unmatched_claims,
)
from newsdiff.engine.export.highlights import Run, article_runs, passage_pieces
from newsdiff.engine.export.notes import ReaderNote, note_target, reader_notes
from newsdiff.engine.model import Article, Claim, Reach, Story

_ALWAYS_ESCAPED = re.compile(r"([\\`*_\[\]<>|~&$])")
"""Characters that are syntax anywhere in a line (emphasis, links, HTML, tables, math)."""
_EMOJI_SHORTCODE = re.compile(r":(?=[\w+-]*[A-Za-z][\w+-]*:)")
"""A colon opening a shortcode such as ``:rocket:``, which GitHub turns into an emoji."""
_LINE_START_SYNTAX = re.compile(r"^([#>+=-])|^(\d+)([.)])")
"""Characters that are syntax only at the start of a line (headings, quotes, lists)."""

_STYLE_DELIMITERS = {
    Reach.ALL: "**",
    Reach.ONE: "_",
}
_BOILERPLATE_DELIMITER = "~~"
_DIFFERS_DELIMITER = "**"

ARTICLE_LEGEND = (
    "Legend: **bold** — reported by all sources · plain — reported by some sources · "
    "_italic_ — reported by this source only · ~~struck through~~ — boilerplate, not article content."
)
WORDING_LEGEND = "Words in **bold** are worded differently by the other sources."


def to_markdown(story: Story, notes: Sequence[Mapping[str, object]] = ()) -> str:
    """The story as one Markdown document (ending with a newline)."""
    blocks = [
        f"# {escape_markdown(story_title(story))}",
        escape_markdown(story_overview(story)),
        *_sources(story),
    ]
    groups = claim_groups(story)
    if groups:
        blocks.append(WORDING_LEGEND)
    for group in groups:
        blocks.extend(_claim_group(story, group))
    blocks.append("## Articles")
    for article in story.articles:
        blocks.extend(_article(story, article))
    read_notes = reader_notes(notes)
    if read_notes:
        blocks.extend(_notes(story, read_notes))
    return visible_controls("\n\n".join(blocks) + "\n")


def escape_markdown(text: str) -> str:
    """Make text appear literally in Markdown, whitespace folded to single spaces."""
    folded = " ".join(text.split())
    escaped = _EMOJI_SHORTCODE.sub(r"\\:", _ALWAYS_ESCAPED.sub(r"\\\1", folded))
    return _LINE_START_SYNTAX.sub(_escape_line_start, escaped, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def _sources(story: Story) -> Iterator[str]:
    yield "## Sources"
    rows = [
        "| Source | Title | All sources | Some sources | This source only | Leaves out | No match found |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for article in story.articles:
        cells = [escape_markdown(article.source), escape_markdown(article.title)]
        try:
            coverage = story.coverage_of(article.id)
        except KeyError:
            cells.extend(["–"] * 5)
        else:
            cells.extend(
                [
                    percent(coverage.all_share),
                    percent(coverage.some_share),
                    percent(coverage.unique_share),
                    claim_count(len(missing_claims(story, article))),
                    claim_count(len(unmatched_claims(story, article))),
                ]
            )
        rows.append("| " + " | ".join(cells) + " |")
    yield "\n".join(rows)


def _claim_group(story: Story, group: ClaimGroup) -> Iterator[str]:
    yield f"## {group.heading}"
    for claim in group.claims:
        yield from _claim(story, claim)


def _claim(story: Story, claim: Claim) -> Iterator[str]:
    yield f"### {escape_markdown(claim.id)}. {escape_markdown(claim.summary)}"
    yield f"Sources: {escape_markdown(', '.join(claim_sources(story, claim)))}"
    wording = []
    for passage in claim_passages(story, claim):
        diff = claim.diff_for(passage.id)
        spans = diff.differs if diff and claim.reach is not Reach.ONE else ()
        text = story.article(passage.article_id).text
        quoted = "".join(
            _styled(text[piece.start : piece.end], _DIFFERS_DELIMITER if piece.differs else "")
            for piece in passage_pieces(passage, spans)
        )
        source = escape_markdown(story.article(passage.article_id).source)
        wording.append(f"- {source}: {quoted.strip()}")
    yield "\n".join(wording)
    if claim.reach is not Reach.ONE:
        yield from (escape_markdown(line) for line in absence_lines(story, claim))
    if claim.flags:
        yield "\n".join(
            ["Flags:"]
            + [
                f"- {escape_markdown(flag.kind.value.capitalize())}: {escape_markdown(flag.detail)}"
                for flag in claim.flags
            ]
        )


def _article(story: Story, article: Article) -> Iterator[str]:
    yield f"### {escape_markdown(article.source)}: {escape_markdown(article.title)}"
    details = article_details(story, article)
    if details:
        yield "  \n".join(escape_markdown(line) for line in details)
    missing = missing_claims(story, article)
    if missing:
        yield "\n".join(
            [LEAVES_OUT_HEADING]
            + [f"- {escape_markdown(claim.id)}. {escape_markdown(claim.summary)}" for claim in missing]
        )
    unmatched = unmatched_claims(story, article)
    if unmatched:
        yield "\n".join(
            [NO_MATCH_HEADING]
            + [
                f"- {escape_markdown(miss.claim_id)}. {escape_markdown(story.claim(miss.claim_id).summary)} — "
                f"{escape_markdown(near_miss_line(story, miss))}"
                for miss in unmatched
            ]
        )
    yield ARTICLE_LEGEND
    yield from _article_text(article, article_runs(story, article, with_differences=False))


def _article_text(article: Article, runs: Sequence[Run]) -> Iterator[str]:
    """The article one paragraph per line of its text, each run styled by its reach."""
    line: list[str] = []
    for run in runs:
        delimiter = _run_delimiter(run)
        chunks = article.text[run.start : run.end].split("\n")
        for number, chunk in enumerate(chunks):
            if number:
                yield from _paragraph(line)
                line = []
            line.append(_styled(chunk, delimiter))
    yield from _paragraph(line)


def _paragraph(parts: list[str]) -> Iterator[str]:
    paragraph = "".join(parts).strip()
    if paragraph:
        yield paragraph


def _run_delimiter(run: Run) -> str:
    if run.is_boilerplate:
        return _BOILERPLATE_DELIMITER
    if run.reach is None:
        return ""
    return _STYLE_DELIMITERS.get(run.reach, "")


def _styled(text: str, delimiter: str) -> str:
    """Escaped text inside emphasis delimiters, which must hug non-space characters."""
    core = text.strip()
    if not core:
        return " " if text else ""
    leading = " " if text[0].isspace() else ""
    trailing = " " if text[-1].isspace() else ""
    return f"{leading}{delimiter}{escape_markdown(core)}{delimiter}{trailing}"


def _notes(story: Story, notes: Sequence[ReaderNote]) -> Iterator[str]:
    yield "## Notes"
    items = []
    for note in notes:
        mark = f" — {escape_markdown(note.mark)}" if note.mark else ""
        created = f" ({escape_markdown(note.when)})" if note.created else ""
        items.append(
            f"- **On {escape_markdown(note_target(story, note))}**{mark}{created}  \n  {escape_markdown(note.text)}"
        )
    yield "\n".join(items)
