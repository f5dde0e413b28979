"""The HTML export: one self-contained page to read the story in a browser.

The page carries its own CSS and needs no script, font or image from
anywhere, so it opens offline and leaks nothing. Every piece of article
text (and every summary, title and note) goes through ``html.escape``:
an article containing ``<script>`` shows those characters. Highlights never
rely on colour alone — each reach also has its own underline style and the
differing words are bold with a wavy underline — and the palette comes from
Okabe & Ito's colour-blind-safe set.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby

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
from newsdiff.engine.model import Article, Claim, Passage, Reach, Story

_STYLE = """
:root { color-scheme: light dark; --ink: #1b1b1b; --paper: #fdfdfb; --muted: #5a5a5a;
  --all: #d3e8f7; --all-line: #0072b2; --some: #fbe6b3; --some-line: #a66f00;
  --one: #f3d7e8; --one-line: #a4507f; --differs: #d55e00; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #ececec; --paper: #161616; --muted: #a8a8a8;
    --all: #16384f; --all-line: #56b4e9; --some: #4a3a12; --some-line: #e69f00;
    --one: #4a2540; --one-line: #cc79a7; --differs: #f0a35e; } }
body { background: var(--paper); color: var(--ink); font: 16px/1.6 Georgia, "Times New Roman", serif;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
table { border-collapse: collapse; width: 100%; font-family: system-ui, sans-serif; font-size: 0.9rem; }
th, td { border-bottom: 1px solid var(--muted); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.share { text-align: right; font-variant-numeric: tabular-nums; }
.overview, .meta, .legend, .sources, .created { color: var(--muted); font-family: system-ui, sans-serif;
  font-size: 0.9rem; }
.legend span { margin-right: 0.8rem; white-space: nowrap; }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
.r-all { background: var(--all); border-bottom: 2px solid var(--all-line); }
.r-some { background: var(--some); border-bottom: 2px dashed var(--some-line); }
.r-one { background: var(--one); border-bottom: 2px dotted var(--one-line); }
.boilerplate { color: var(--muted); text-decoration: line-through; }
.differs { font-weight: bold; text-decoration: underline wavy var(--differs); text-underline-offset: 0.2em; }
.badge { font-family: system-ui, sans-serif; font-size: 0.8rem; padding: 0 0.3rem; margin-right: 0.3rem; }
.claims > li { margin-bottom: 1rem; }
.wording, .flags, .notes { padding-left: 1.2rem; }
.mark { font-family: system-ui, sans-serif; font-weight: 600; border: 1px solid var(--muted); padding: 0 0.3rem; }
.source { font-family: system-ui, sans-serif; font-weight: 600; }
a { color: inherit; }
"""

_REACH_CLASSES = {Reach.ALL: "r-all", Reach.SOME: "r-some", Reach.ONE: "r-one"}
_REACH_BADGES = {Reach.ALL: "all", Reach.SOME: "some", Reach.ONE: "one"}


def to_html(story: Story, notes: Sequence[Mapping[str, object]] = ()) -> str:
    """The story as one HTML page with inline CSS and no external resources."""
    anchors = _Anchors(story)
    read_notes = reader_notes(notes)
    title = _e(story_title(story))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="newsdiff">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{title}</h1>",
        f'<p class="overview">{_e(story_overview(story))}</p></header>',
        *_sources(story),
        *_claims(story, anchors),
        *_articles(story, anchors),
        *_notes(story, read_notes, anchors),
        "</body>",
        "</html>",
    ]
    return visible_controls("\n".join(parts) + "\n")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class _Anchors:
    """Page-local ids for claims and passages, made only of safe characters."""

    def __init__(self, story: Story) -> None:
        self._claims = {claim.id: f"claim-{n}" for n, claim in enumerate(story.claims, start=1)}
        self._articles = {article.id: n for n, article in enumerate(story.articles, start=1)}

    def claim(self, claim_id: str) -> str | None:
        return self._claims.get(claim_id)

    def article(self, article_id: str) -> str:
        return f"article-{self._articles[article_id]}"

    def passage(self, passage: Passage) -> str:
        return f"p-{self._articles[passage.article_id]}-{passage.index}"


def _legend() -> str:
    return (
        '<p class="legend">'
        '<span class="r-all">reported by all sources</span> '
        '<span class="r-some">reported by some sources</span> '
        '<span class="r-one">reported by this source only</span> '
        '<span class="differs">worded differently</span> '
        '<span class="boilerplate">boilerplate</span>'
        "</p>"
    )


def _sources(story: Story) -> Iterator[str]:
    yield '<section id="sources"><h2>Sources</h2>'
    yield (
        "<table><thead><tr><th>Source</th><th>Title</th><th>All sources</th><th>Some sources</th>"
        "<th>This source only</th><th>Leaves out</th><th>No match found</th></tr></thead><tbody>"
    )
    for article in story.articles:
        try:
            coverage = story.coverage_of(article.id)
        except KeyError:
            shares = '<td class="share" colspan="5">–</td>'
        else:
            shares = "".join(
                f'<td class="share">{value}</td>'
                for value in (
                    percent(coverage.all_share),
                    percent(coverage.some_share),
                    percent(coverage.unique_share),
                    claim_count(len(missing_claims(story, article))),
                    claim_count(len(unmatched_claims(story, article))),
                )
            )
        yield f"<tr><td>{_e(article.source)}</td><td>{_e(article.title)}</td>{shares}</tr>"
    yield "</tbody></table></section>"


def _claims(story: Story, anchors: _Anchors) -> Iterator[str]:
    yield '<section id="claims"><h2>Claims</h2>'
    yield _legend()
    for group in claim_groups(story):
        yield from _claim_group(story, group, anchors)
    yield "</section>"


def _claim_group(story: Story, group: ClaimGroup, anchors: _Anchors) -> Iterator[str]:
    yield f"<h3>{_e(group.heading)}</h3>"
    yield '<ol class="claims">'
    for claim in group.claims:
        yield from _claim(story, claim, anchors)
    yield "</ol>"


def _claim(story: Story, claim: Claim, anchors: _Anchors) -> Iterator[str]:
    badge = f'<span class="badge {_REACH_CLASSES[claim.reach]}">{_REACH_BADGES[claim.reach]}</span>'
    yield f'<li id="{anchors.claim(claim.id)}"><p>{badge}<strong>{_e(claim.id)}</strong> {_e(claim.summary)}</p>'
    yield f'<p class="sources">Sources: {_e(", ".join(claim_sources(story, claim)))}</p>'
    yield '<ul class="wording">'
    for passage in claim_passages(story, claim):
        diff = claim.diff_for(passage.id)
        spans = diff.differs if diff and claim.reach is not Reach.ONE else ()
        text = story.article(passage.article_id).text
        wording = "".join(
            _piece(text[piece.start : piece.end], piece.differs) for piece in passage_pieces(passage, spans)
        )
        source = _e(story.article(passage.article_id).source)
        yield (f'<li><span class="source">{source}:</span> <a href="#{anchors.passage(passage)}">{wording}</a></li>')
    yield "</ul>"
    if claim.reach is not Reach.ONE:
        yield from (f'<p class="absence">{_e(line)}</p>' for line in absence_lines(story, claim))
    if claim.flags:
        yield '<ul class="flags">'
        for flag in claim.flags:
            yield f"<li><strong>{_e(flag.kind.value.capitalize())}:</strong> {_e(flag.detail)}</li>"
        yield "</ul>"
    yield "</li>"


def _piece(text: str, differs: bool) -> str:
    return f'<span class="differs">{_e(text)}</span>' if differs else _e(text)


def _articles(story: Story, anchors: _Anchors) -> Iterator[str]:
    yield '<section id="articles"><h2>Articles</h2>'
    yield _legend()
    for article in story.articles:
        yield from _article(story, article, anchors)
    yield "</section>"


def _article(story: Story, article: Article, anchors: _Anchors) -> Iterator[str]:
    yield f'<article id="{anchors.article(article.id)}">'
    yield f"<h3>{_e(article.source)}: {_e(article.title)}</h3>"
    details = article_details(story, article)
    if details:
        yield f'<p class="meta">{"<br>".join(_e(line) for line in details)}</p>'
    missing = missing_claims(story, article)
    if missing:
        yield f'<p class="meta">{_e(LEAVES_OUT_HEADING)}</p><ul class="meta">'
        for claim in missing:
            yield f'<li><a href="#{anchors.claim(claim.id)}">{_e(claim.id)}</a> {_e(claim.summary)}</li>'
        yield "</ul>"
    unmatched = unmatched_claims(story, article)
    if unmatched:
        yield f'<p class="meta">{_e(NO_MATCH_HEADING)}</p><ul class="meta">'
        for miss in unmatched:
            claim = story.claim(miss.claim_id)
            yield (
                f'<li><a href="#{anchors.claim(claim.id)}">{_e(claim.id)}</a> {_e(claim.summary)} — '
                f'<a href="#{anchors.passage(story.passage(miss.passage_id))}">{_e(near_miss_line(story, miss))}</a></li>'
            )
        yield "</ul>"
    body = "".join(_article_text(story, article, anchors))
    yield f'<div class="text">{body}</div>'
    yield "</article>"


def _article_text(story: Story, article: Article, anchors: _Anchors) -> Iterator[str]:
    """The exact article text, each passage wrapped in a span styled by its reach."""
    runs = article_runs(story, article)
    for passage, group in groupby(runs, key=lambda run: run.passage):
        pieces: list[Run] = list(group)
        inner = "".join(_piece(article.text[run.start : run.end], run.differs) for run in pieces)
        if passage is None:
            yield inner
            continue
        yield f"{_passage_open(story, passage, pieces[0], anchors)}{inner}</span>"


def _passage_open(story: Story, passage: Passage, run: Run, anchors: _Anchors) -> str:
    if run.is_boilerplate:
        return f'<span class="boilerplate" id="{anchors.passage(passage)}" title="boilerplate, not article content">'
    if run.reach is None:
        return f'<span id="{anchors.passage(passage)}">'
    claims = ", ".join(claim.id for claim in story.claims_of(passage.id))
    title = f"{run.reach.label}: {claims}"
    return f'<span class="{_REACH_CLASSES[run.reach]}" id="{anchors.passage(passage)}" title="{_e(title)}">'


def _notes(story: Story, notes: Sequence[ReaderNote], anchors: _Anchors) -> Iterator[str]:
    if not notes:
        return
    yield '<section id="notes"><h2>Notes</h2><ul class="notes">'
    for note in notes:
        mark = f' <span class="mark">{_e(note.mark)}</span>' if note.mark else ""
        created = f' <span class="created">{_e(note.when)}</span>' if note.created else ""
        target = _e(note_target(story, note))
        href = _note_href(story, note, anchors)
        if href:
            target = f'<a href="#{href}">{target}</a>'
        yield f"<li>On {target}{mark}{created}<br>{_e(note.text)}</li>"
    yield "</ul></section>"


def _note_href(story: Story, note: ReaderNote, anchors: _Anchors) -> str | None:
    """The page anchor of the note's target, when the target is in the story."""
    if note.target == "claim":
        return anchors.claim(note.target_id)
    if note.target == "passage":
        try:
            return anchors.passage(story.passage(note.target_id))
        except KeyError:
            return None
    return None
