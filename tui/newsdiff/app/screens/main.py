"""The main screen: articles, the reader, the compare strip and the claims.

It only wires widgets together: every answer comes from the ``Story``'s
look-ups, so moving around never recomputes the analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from newsdiff.app.filters import ReachFilter
from newsdiff.app.messages import (
    AnalysisPending,
    ArticleChosen,
    ClaimChosen,
    MainScreenReady,
    PassageChanged,
    PassageClaimWanted,
)
from newsdiff.app.palette import Palette
from newsdiff.app.screens.claim import ClaimScreen, article_by_number
from newsdiff.app.screens.compare import CompareScreen
from newsdiff.app.screens.rename import RenameScreen
from newsdiff.app.shown import shown_content
from newsdiff.app.widgets.analysis_status import AnalysisStatus
from newsdiff.app.widgets.article_list import ArticleList
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.compare_strip import CompareStrip
from newsdiff.app.widgets.keys_footer import KeysFooter
from newsdiff.app.widgets.reader import Reader, find_matches
from newsdiff.app.widgets.search_bar import SearchBar, search_summary
from newsdiff.engine.export.document import NEAR_PASSAGE, absences, citation
from newsdiff.engine.model import Story
from newsdiff.shown_text import ShownText
from newsdiff.store.notes import Note
from newsdiff.store.snapshots import ReadingPosition

MATCHING = "not matched yet: the colours and the other sources come with the claims"
"""What the compare strip says while the articles are shown unpainted (the legend: "not matched yet")."""
COMPACT_WIDTH = 120
"""Below this many columns the articles panel shrinks to a strip and claims go below."""


def article_heading(story: Story, article_id: str) -> Text:
    """``2/3 Source — Title`` for the reader's title line (plain text, never markup)."""
    article = story.article(article_id)
    number = story.article_number(article_id)
    heading = ShownText(no_wrap=True, overflow="ellipsis", end="")
    heading.append(f"{number}/{len(story.articles)} ", style=Style(dim=True))
    heading.append(article.source, style=Style(bold=True))
    if article.title:
        heading.append(" — ")
        heading.append(article.title, style=Style(italic=True))
    return heading


class MainScreen(Screen[None]):
    """Reading one article of the story, with everything the others say beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Next panel", id="next_panel", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous panel", id="previous_panel", show=False),
        Binding("right_square_bracket", "jump(1)", "Next divergence", id="next_divergence"),
        Binding("left_square_bracket", "jump(-1)", "Previous divergence", id="previous_divergence", show=False),
        Binding("right_curly_bracket", "step_claim(1)", "Next claim", id="next_claim"),
        Binding("left_curly_bracket", "step_claim(-1)", "Previous claim", id="previous_claim", show=False),
        Binding("d", "step_disputed(1)", "Next claim with ⚑", id="next_disputed", show=False),
        Binding("D", "step_disputed(-1)", "Previous claim with ⚑", id="previous_disputed", show=False),
        Binding("f", "cycle_filter", "Filter", id="cycle_filter"),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "next_match(1)", "Next match", id="next_match", show=False),
        Binding("N", "next_match(-1)", "Previous match", id="previous_match", show=False),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("a", "annotate", "Note", id="annotate"),
        Binding("u", "undo_delete_note", "Bring back the note deleted last", id="undo_delete_note", show=False),
        Binding("y", "copy_passage", "Copy the passage with its source", id="copy_passage", show=False),
        Binding(
            "m",
            "read_closest",
            "Read the nearest passage found in the first 'no match found' source",
            id="closest_passage",
            show=False,
        ),
        Binding("r", "rename_source", "Name the source of this article", id="rename_source", show=False),
        Binding("s", "app.save_snapshot", "Save", id="save_snapshot"),
        Binding("escape", "app.story_list", "Back to the list of stories", id="story_list"),
        *(
            Binding(str(n), f"pick_article({n})", f"Read article {n}", id=f"article_{n}", show=False)
            for n in range(1, 10)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.story: Story | None = None
        self.split_story: Story | None = None
        """The articles and passages, no claims yet: shown unpainted while they are matched."""
        self.analysed_share = 0.0
        """How far the analysis has got, for a key pressed before it is done."""
        self.article_id: str | None = None
        self.reach_filter = ReachFilter.EVERYTHING
        self.noted_passages: Mapping[str, tuple[Note, ...]] = {}
        self.noted_claims: Mapping[str, tuple[Note, ...]] = {}
        self.stepped_claim: str | None = None
        """The claim ``}``/``{``/``d``/``D`` highlighted, until the reader moves to a passage outside it: what
        enter in the reader opens then, even where this article leaves the claim out."""

    @property
    def palette(self) -> Palette:
        return self.app.palette  # type: ignore[attr-defined,no-any-return]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in effect, help first: the footer shows them in this order.

        Textual lists the focused panel's keys first and the app's last, so
        at 80 columns the footer ran out of room before "? Help", the one
        key a new reader needs to find the rest.
        """
        bindings = super().active_bindings
        return {**{key: b for key, b in bindings.items() if b.binding.id == "help"}, **bindings}

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ArticleList(id="articles")
            with Vertical(id="centre"):
                yield Static(shown_content("newsdiff"), id="article-heading")
                yield Reader(id="reader")
                yield SearchBar(id="search")
                yield CompareStrip(id="strip")
                yield Static(id="legend")
            yield ClaimList(id="claims")
        yield AnalysisStatus(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.query_one(Reader).restyle(palette=self.palette)
        self.query_one(Reader).focus()
        self.query_one(CompareStrip).jump_key = self.app.key_for("closest_passage")  # type: ignore[attr-defined]
        self._update_legend()
        self.app.post_message(MainScreenReady())

    @property
    def compact(self) -> bool:
        return self.has_class("-compact")

    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < COMPACT_WIDTH
        if compact != self.compact:
            self.set_class(compact, "-compact")
            self.query_one(KeysFooter).narrow = compact
            if self.shown_story is not None:
                self.query_one(ArticleList).show_story(self.shown_story, self.palette, compact=compact)

    # -- the story -------------------------------------------------------

    @property
    def shown_story(self) -> Story | None:
        """The story whose articles are shown: the finished analysis, else the articles split so far."""
        return self.story if self.story is not None else self.split_story

    def show_story(self, story: Story, reach_filter: ReachFilter) -> None:
        """Show a finished analysis: painted over the article being read unpainted, else from its first article."""
        self.story, self.split_story = story, None
        self.stepped_claim = None  # a claim of the story shown before, or of the same story re-analysed
        self.reach_filter = reach_filter
        self.query_one(AnalysisStatus).display = False
        self.query_one(ArticleList).show_story(story, self.palette, compact=self.compact)
        reader = self.query_one(Reader)
        reader.restyle(reach_filter=reach_filter, noted=self.noted_passages)
        if not reader.analysed and self.article_id is not None and reader.paint(story):
            self.query_one("#article-heading", Static).update(article_heading(story, self.article_id))
            self._show_claims()
        elif story.articles:
            self.open_article(story.articles[0].id)
        else:
            self._show_claims()
        self._update_legend()

    def show_split(self, split: Story) -> None:
        """Show the articles split so far, unpainted, their first one in the reader, until ``show_story``.

        Keys that move through the text work on it; those that need claims
        say how far the analysis got (``AnalysisPending``).
        """
        self.story, self.split_story = None, split
        self.stepped_claim = None
        self.query_one(ArticleList).show_story(split, self.palette, compact=self.compact)
        self.query_one(ClaimList).await_claims()
        self.query_one(CompareStrip).show_waiting(MATCHING)
        if split.articles:
            self.open_article(split.articles[0].id)
        self._update_legend()

    def await_story(self, title: str) -> None:
        """Show the analysis status over whatever story was shown, until ``show_story``: another is coming."""
        status = self.query_one(AnalysisStatus)
        status.display = True
        status.show_progress(f"Opening {title}", 0.0)

    def show_progress(self, message: str, share: float) -> None:
        self.analysed_share = share
        self.query_one(AnalysisStatus).show_progress(message, share)

    def _story_ready(self) -> bool:
        """Whether the analysis is done; if not, say so, so that a key pressed too early is not met with silence."""
        if self.story is None:
            self.notify(
                f"Still analysing ({self.analysed_share:.0%}): this key works once the story is ready.", timeout=2
            )
        return self.story is not None

    def on_analysis_pending(self, message: AnalysisPending) -> None:
        message.stop()
        self._story_ready()

    def show_failure(self, reason: str) -> None:
        self.query_one(AnalysisStatus).show_failure(reason)

    def show_notes(
        self, passage_notes: Mapping[str, tuple[Note, ...]], claim_notes: Mapping[str, tuple[Note, ...]]
    ) -> None:
        """Mark the noted passages and claims, and show the notes on the current passage."""
        self.noted_passages, self.noted_claims = passage_notes, claim_notes
        self.query_one(Reader).restyle(noted=passage_notes)
        self._show_claims()
        self._show_passage_context()

    def _show_claims(self) -> None:
        """(Re)list the claims for the article being read, keeping the highlighted one."""
        if self.story is None:
            return
        claims = self.query_one(ClaimList)
        highlighted = claims.claim_id
        claims.show_claims(self.story, self.palette, self.reach_filter, self.noted_claims, self.article_id)
        if highlighted is not None:
            claims.follow([highlighted])

    def repaint(self) -> None:
        """Re-colour everything after a theme change (one set in the config comes before compose)."""
        if not self.query(Reader):
            return
        self.query_one(Reader).restyle(palette=self.palette)
        if self.shown_story is not None:
            self.query_one(ArticleList).show_story(self.shown_story, self.palette, compact=self.compact)
        if self.story is not None:
            self.show_notes(self.noted_passages, self.noted_claims)
        self._update_legend()

    def open_article(self, article_id: str) -> None:
        story = self.shown_story
        assert story is not None
        self.article_id = article_id
        self.query_one("#article-heading", Static).update(article_heading(story, article_id))
        self.query_one(ArticleList).mark_current(article_id)
        self._show_claims()
        self.query_one(Reader).show(story, article_id, analysed=story is self.story)
        self._show_passage_context()

    def go_to(self, article_id: str, offset: int | None) -> None:
        """Read ``article_id`` at the passage holding character ``offset`` (a reopened snapshot's place).

        An article the story no longer has, or an offset past its end, leaves
        the reader where it is.
        """
        if self.story is None or not any(a.id == article_id for a in self.story.articles):
            return
        self.open_article(article_id)
        if offset is None:
            return
        holding = next((p for p in self.story.passages_of(article_id) if p.start <= offset < p.end), None)
        if holding is not None:
            self.query_one(Reader).move_to(holding.id)

    def position(self) -> ReadingPosition | None:
        """Where the reader is, for a snapshot to come back to."""
        if self.article_id is None:
            return None
        passage = self.query_one(Reader).passage
        return ReadingPosition(self.article_id, passage.start if passage else None, self.reach_filter.value)

    def _update_legend(self) -> None:
        legend = ShownText(
            f"filter: {self.reach_filter.label}", style=Style(bold=True), no_wrap=True, overflow="ellipsis", end=""
        )
        legend.append(" │ ", style=Style(dim=True))
        if self.story is None and self.split_story is not None:
            legend.append("not matched yet", style=Style(dim=True, italic=True))
        elif self.story is not None and not self.story.comparable:
            legend.append("one article: nothing to compare", style=Style(dim=True, italic=True))
        else:
            legend.append_text(self.palette.legend())
        self.query_one("#legend", Static).update(legend)

    def _show_passage_context(self) -> None:
        if self.story is None:
            return
        passage = self.query_one(Reader).passage
        notes = self._notes_on(passage.id) if passage is not None else ()
        self.query_one(CompareStrip).show_passage(self.story, passage, self.palette, notes)
        if passage is not None:
            self.query_one(ClaimList).follow([c.id for c in self.story.claims_of(passage.id)])

    def _notes_on(self, passage_id: str) -> tuple[Note, ...]:
        """The reader's notes on the passage, then those on its claims."""
        assert self.story is not None
        claim_notes = (n for c in self.story.claims_of(passage_id) for n in self.noted_claims.get(c.id, ()))
        return (*self.noted_passages.get(passage_id, ()), *claim_notes)

    # -- messages from the widgets ------------------------------------------

    def on_passage_changed(self, message: PassageChanged) -> None:
        if self.stepped_claim is not None and self.story is not None:
            passage = message.passage
            if passage is None or passage.id not in self.story.claim(self.stepped_claim).passage_ids:
                self.stepped_claim = None
        self._show_passage_context()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        self.open_article(message.article_id)
        self.query_one(Reader).focus()

    def on_claim_chosen(self, message: ClaimChosen) -> None:
        self.open_claim(message.claim_id)

    def on_passage_claim_wanted(self, message: PassageClaimWanted) -> None:
        """Open the claim the claims panel shows for the reader's passage.

        That is the highlighted claim when the passage is in it (a passage
        can be in several claims, and the highlight says which one the reader
        is looking at) or when a step key chose it and the reader has not
        moved away since (``d`` then enter opens the claim with the ⚑, even
        where this article leaves it out); else the passage's first claim.
        """
        if self.story is None:
            return
        highlighted = self.query_one(ClaimList).claim_id
        passage = message.passage
        if highlighted is not None and (
            highlighted == self.stepped_claim
            or (passage is not None and passage.id in self.story.claim(highlighted).passage_ids)
        ):
            self.open_claim(highlighted)
        elif passage is not None and (claims := self.story.claims_of(passage.id)):
            self.open_claim(claims[0].id)

    def open_claim(self, claim_id: str) -> None:
        """Show the claim's wordings and move the reader to its passage here, if any."""
        if self.story is None:
            return
        claim = self.story.claim(claim_id)
        reader = self.query_one(Reader)
        here = [pid for pid in claim.passage_ids if self.story.passage(pid).article_id == self.article_id]
        if here and (reader.passage is None or reader.passage.id not in here):
            reader.move_to(here[0])
        key_for = self.app.key_for  # type: ignore[attr-defined]
        closest = (
            f"{key_for('claim_closest_passage')} reads the {NEAR_PASSAGE} · "
            if absences(self.story, [claim]).no_match
            else ""
        )
        hint = (
            f"{key_for('claim_article_1')}…{key_for('claim_article_9')} reads it in that article · {closest}"
            f"{key_for('copy_claim')} copies it with every wording · {key_for('close_claim')} closes"
        )
        screen = ClaimScreen(self.story, claim, self.palette, self.noted_claims.get(claim_id, ()), hint)
        self.app.push_screen(screen, callback=self._read_passage)

    def _read_passage(self, passage_id: str | None) -> None:
        """Read the passage a claim view chose (``None``: it was closed)."""
        if self.story is not None and passage_id is not None:
            passage = self.story.passage(passage_id)
            self.go_to(passage.article_id, passage.start)

    # -- actions ---------------------------------------------------------------

    def action_jump(self, direction: int) -> None:
        """Go to the next (or previous) passage unique to this source or worded differently."""
        if not self._story_ready():
            return
        if not self.query_one(Reader).jump_divergent(forward=direction > 0):
            self.notify(f"No {'next' if direction > 0 else 'previous'} divergent passage.", timeout=2)

    def action_step_claim(self, direction: int) -> None:
        """Highlight the next claim and show where this article reports it."""
        if not self._story_ready():
            return
        claim_id = self.query_one(ClaimList).step(direction)
        if claim_id is not None:
            self._show_claim_here(claim_id)

    def action_step_disputed(self, direction: int) -> None:
        """Highlight the next claim with a ⚑ (sources disagree on a number, a date, a name or a quote)."""
        story = self.story
        if not self._story_ready() or story is None:
            return
        claim_id = self.query_one(ClaimList).step(direction, lambda claim_id: bool(story.claim(claim_id).flags))
        if claim_id is None:
            way = "next" if direction > 0 else "previous"
            self.notify(f"No {way} claim the sources disagree on (⚑) in the claims panel.", timeout=3)
            return
        self._show_claim_here(claim_id)

    def _show_claim_here(self, claim_id: str) -> None:
        """Move the reader to where this article reports the highlighted claim, if it does; enter opens it."""
        assert self.story is not None
        self.stepped_claim = claim_id
        here = [
            p for p in self.story.claim(claim_id).passage_ids if self.story.passage(p).article_id == self.article_id
        ]
        if here:
            self.query_one(Reader).move_to(here[0])
            self.query_one(ClaimList).follow([claim_id])

    def action_cycle_filter(self) -> None:
        self.set_filter(self.reach_filter.next())
        self.notify(f"Filter: {self.reach_filter.label}", timeout=2)

    def set_filter(self, reach_filter: ReachFilter) -> None:
        self.reach_filter = reach_filter
        self.query_one(Reader).restyle(reach_filter=reach_filter)
        if self.story is not None:
            self._show_claims()
            self._show_passage_context()
        self._update_legend()

    def action_search(self) -> None:
        search = self.query_one(SearchBar)
        search.display = True
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, SearchBar):
            return
        event.stop()
        reader = self.query_one(Reader)
        had_matches = reader.match_count > 0
        count = reader.search(event.value)
        event.input.display = False
        reader.focus()
        if event.value and self.shown_story is not None and self.article_id is not None:
            self.notify(search_summary(self.shown_story, self.article_id, event.value, count), timeout=4)
        elif had_matches:
            self.notify("Search marks cleared", timeout=2)

    def action_next_match(self, direction: int) -> None:
        """Go to the next match; past this article's last, to the first in the next article that has one."""
        reader = self.query_one(Reader)
        forward = direction > 0
        moved_to = self._article_with_matches(forward) if reader.would_wrap(forward=forward) else None
        if moved_to is not None:
            self.open_article(moved_to)
        number = reader.next_match(forward=forward)
        if number is not None:
            where = f" in {reader.article.source}" if moved_to is not None and reader.article is not None else ""
            self.notify(f"Match {number} of {reader.match_count}{where}", timeout=1.5)

    def _article_with_matches(self, forward: bool) -> str | None:
        """The next article that way (going round the story) with a match of the search, other than this one."""
        query = self.query_one(Reader).search_query
        story = self.shown_story
        if story is None or not query:
            return None
        ids = [article.id for article in story.articles]
        here = ids.index(self.article_id) if self.article_id in ids else 0
        step = 1 if forward else -1
        for offset in range(1, len(ids)):
            article = story.articles[(here + step * offset) % len(ids)]
            if find_matches(article, query):
                return article.id
        return None

    def action_compare(self) -> None:
        if not self._story_ready() or self.story is None or self.article_id is None:
            return
        if not self.story.comparable:
            self.notify("This story has one article: nothing to compare.", timeout=3)
            return
        passage = self.query_one(Reader).passage
        self.app.push_screen(CompareScreen(self.story, self.article_id, self.palette, passage.id if passage else None))

    def action_pick_article(self, number: int) -> None:
        """Read article ``number``; its text shows as soon as the articles are split, painted once matched."""
        story = self.shown_story
        if story is None:
            self._story_ready()
            return
        article = article_by_number(self, story, number)
        if article is not None:
            self.open_article(article.id)

    def action_annotate(self) -> None:
        if not self._story_ready():
            return
        self.app.annotate(self.focused is self.query_one(ClaimList))  # type: ignore[attr-defined]

    def action_rename_source(self) -> None:
        """Ask for the outlet's name of the article being read ("Source 000" cannot be cited)."""
        if not self._story_ready() or self.story is None or self.article_id is None:
            return
        article = self.story.article(self.article_id)
        taken = self.app.names_taken(article.id)  # type: ignore[attr-defined]
        rename = self.app.rename_source  # type: ignore[attr-defined]
        self.app.push_screen(RenameScreen(article.source, article.title, taken), callback=partial(rename, article.id))

    def action_read_closest(self) -> None:
        """Read the nearest passage found for the current passage's claim in the first source where no match was found."""
        passage = self.query_one(Reader).passage
        if self.story is None or passage is None:
            self.notify("Move to a passage first.", timeout=2)
            return
        no_match = absences(self.story, self.story.claims_of(passage.id)).no_match
        if not no_match:
            self.notify("Every other source reports this passage's claim or has no passage near it.", timeout=3)
            return
        self._read_passage(no_match[0].passage_id)

    def action_copy_passage(self) -> None:
        """Put the current passage and where it is from on the clipboard, ready to quote."""
        passage = self.query_one(Reader).passage
        if not self._story_ready():
            return
        if self.story is None or passage is None:
            self.notify("Move to a passage first.", timeout=2)
            return
        self.app.copy_to_clipboard(citation(self.story.article(passage.article_id), passage))
        self.notify("Copied the passage with its source.", timeout=2)

    def action_undo_delete_note(self) -> None:
        self.app.undo_note_deletion()  # type: ignore[attr-defined]
