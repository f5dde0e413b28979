"""The terminal report: a story read top to bottom, for pipes and quick looks.

Everything from an article (titles, sources, passages, summaries, flags) is
put into ``ShownText`` objects, never into markup strings, so text such
as ``[bold red]x[/]`` prints literally and an escape sequence in it shows as
symbols (``ShownText`` puts every string through the gate, ``engine.safe_text``). The console decides colour and width:
no escape codes in a pipe or with ``NO_COLOR``, lines no wider than the
terminal. Differing words are bold and underlined, not just coloured.

Into a pipe or a file the report is plain text for other programs and
editors: a line is as long as what it holds (the front end gives a console
as wide as it needs, ``PIPE_WIDTH``), headings are plain lines instead of
rules drawn across the width, and nothing speaks of styles a file does not have.
"""

from __future__ import annotations

from rich import box
from rich.align import AlignMethod
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table

from newsdiff.engine.export.document import (
    absence_lines,
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
from newsdiff.engine.export.highlights import passage_pieces
from newsdiff.engine.model import Claim, Reach, Story
from newsdiff.shown_text import ShownText

_REACH_STYLES = {Reach.ALL: "bold blue", Reach.SOME: "bold yellow", Reach.ONE: "bold magenta"}
_DIFFERS_STYLE = "bold underline"
_INDENT = (0, 0, 0, 4)
PIPE_WIDTH = 100_000
"""Console width for a report into a pipe or file: wide enough that no line is ever wrapped."""


def render_report(story: Story, console: Console) -> None:
    """Print the whole report for ``story`` on ``console``, every text through the gate (``ShownText``)."""
    styled = console.is_terminal
    console.print(_heading(story_title(story), "bold", styled, align="center"))
    console.print(ShownText(story_overview(story)))
    if not story.comparable:
        console.print(ShownText("Only one article: there is nothing to compare it with.", style="italic"))
    console.print()
    console.print(_sources_table(story))
    if styled and any(claim.reach is not Reach.ONE for claim in story.claims):
        console.print(
            ShownText.assemble(
                "Words in ",
                ("bold underline", _DIFFERS_STYLE),
                " are worded differently by the other sources.",
            )
        )
    for group in claim_groups(story):
        console.print()
        console.print(_heading(group.heading, _REACH_STYLES[group.reach], styled))
        for claim in group.claims:
            console.print(_claim(story, claim))
    missing = _missing_claims(story)
    if missing is not None:
        console.print()
        console.print(_heading("What each source leaves out", "bold", styled))
        console.print(missing)


def _heading(title: str, style: str, styled: bool, align: AlignMethod = "left") -> RenderableType:
    """A rule across the terminal with ``title`` in it; in a file, the title on its own line."""
    return Rule(ShownText(title, style=style), align=align) if styled else ShownText(title, style=style)


LEGEND = (
    "All, Some, Only here: share of the article's text that every other source, some of them,"
    " or no other source reports. Leaves out: claims that more than half of the other sources"
    " (two at least) report and that no passage of this one comes near. No match: such claims"
    " that no passage matched, but one comes near (it may report them in other words)."
)
"""What the sources table's columns mean, under it: "Leaves out 0" is no claim most others carry."""


def _sources_table(story: Story) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        expand=False,
        title=ShownText("Sources", style="bold"),
        title_justify="left",
        caption=LEGEND,
        caption_justify="left",
    )
    table.add_column("Source", overflow="fold")
    table.add_column("Title", overflow="fold")
    for heading in ("All", "Some", "Only here", "Leaves out", "No match"):
        table.add_column(heading, justify="right", no_wrap=True)
    for article in story.articles:
        try:
            coverage = story.coverage_of(article.id)
        except KeyError:
            shares = [ShownText("–")] * 5
        else:
            shares = [
                ShownText(percent(coverage.all_share)),
                ShownText(percent(coverage.some_share)),
                ShownText(percent(coverage.unique_share)),
                ShownText(str(len(missing_claims(story, article)))),
                ShownText(str(len(unmatched_claims(story, article)))),
            ]
        table.add_row(ShownText(article.source), ShownText(article.title), *shares)
    return table


def _claim(story: Story, claim: Claim) -> RenderableType:
    heading = ShownText.assemble((claim.id, "bold"), " ", claim.summary)
    sources = ShownText.assemble(("Sources: ", "dim"), ", ".join(claim_sources(story, claim)))
    wording = Table.grid(padding=(0, 1))
    wording.add_column(no_wrap=False, style="bold")
    wording.add_column(ratio=1)
    for passage in claim_passages(story, claim):
        article = story.article(passage.article_id)
        diff = claim.diff_for(passage.id)
        spans = diff.differs if diff and claim.reach is not Reach.ONE else ()
        text = ShownText(passage.text)  # one character for one: the offsets below hold
        for piece in passage_pieces(passage, spans):
            if piece.differs:
                text.stylize(_DIFFERS_STYLE, piece.start - passage.start, piece.end - passage.start)
        wording.add_row(ShownText(f"{article.source}:"), text)
    parts: list[RenderableType] = [heading, Padding(Group(sources, wording), _INDENT, expand=False)]
    if claim.reach is not Reach.ONE:
        parts.extend(
            Padding(ShownText(line, style="dim"), _INDENT, expand=False) for line in absence_lines(story, claim)
        )
    for flag in claim.flags:
        parts.append(
            Padding(
                ShownText.assemble((f"! {flag.kind.value.capitalize()}: ", "bold"), flag.detail),
                _INDENT,
                expand=False,
            )
        )
    return Padding(Group(*parts), (0, 0, 1, 0), expand=False)


def _missing_claims(story: Story) -> RenderableType | None:
    """Per source, the claims most other sources carry that it leaves out, then those where no match was found."""
    blocks: list[RenderableType] = []
    for article in story.articles:
        missing = missing_claims(story, article)
        if missing:
            blocks.append(ShownText.assemble((article.source, "bold"), " leaves out:"))
            blocks.extend(_claim_line(claim) for claim in missing)
        unmatched = unmatched_claims(story, article)
        if unmatched:
            blocks.append(ShownText.assemble("No match found in ", (article.source, "bold"), " for:"))
            for miss in unmatched:
                blocks.append(_claim_line(story.claim(miss.claim_id)))
                blocks.append(Padding(ShownText(near_miss_line(story, miss), style="dim"), (0, 0, 0, 8)))
    return Group(*blocks) if blocks else None


def _claim_line(claim: Claim) -> RenderableType:
    return Padding(ShownText.assemble((claim.id, "bold"), " ", claim.summary), _INDENT, expand=False)
