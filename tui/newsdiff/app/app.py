"""The newsdiff Textual app: analysis in a worker, the story on the main screen.

The app owns what outlives a screen: the config, the palette, the notes
store and snapshots. Everything it shows comes from the engine's ``Story``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input
from textual.worker import get_current_worker

from newsdiff.analysis import run_analysis
from newsdiff.app.filters import ReachFilter
from newsdiff.app.keys import KeyHelp, key_clashes, key_help, text_field_clashes
from newsdiff.app.long_lived import freeze_long_lived, release_long_lived
from newsdiff.app.messages import (
    AnalysisDone,
    AnalysisFailed,
    AnalysisProgress,
    ArticlesSplit,
    MainScreenReady,
)
from newsdiff.app.palette import Palette, palette_for
from newsdiff.app.screens.annotate import AnnotateScreen, Annotation
from newsdiff.app.screens.claim import ClaimScreen
from newsdiff.app.screens.compare import CompareScreen
from newsdiff.app.screens.help import HelpScreen
from newsdiff.app.screens.main import MainScreen
from newsdiff.app.screens.rename import RenameScreen
from newsdiff.app.screens.story_list import StoryListScreen
from newsdiff.app.shown import shown_command
from newsdiff.app.widgets.article_list import ArticleList
from newsdiff.app.widgets.claim_list import ClaimList
from newsdiff.app.widgets.compare_view import CompareView
from newsdiff.app.widgets.reader import Reader
from newsdiff.app.widgets.search_bar import SearchBar
from newsdiff.engine.errors import InputError
from newsdiff.engine.export import RENDERERS
from newsdiff.engine.export.document import isolation_note
from newsdiff.engine.model import Article, Passage, Story
from newsdiff.engine.safe_text import safe, safe_line
from newsdiff.engine.stories import PileStory
from newsdiff.store.config import Config, load_config
from newsdiff.store.errors import StoreError
from newsdiff.store.notes import Note, NoteStore, locate
from newsdiff.store.snapshots import ReadingPosition, save_snapshot, snapshots_dir
from newsdiff.store.source_names import load_source_names, save_source_name
from newsdiff.store.story_key import article_key, story_key
from newsdiff.store.theme_choice import (
    ThemeChoice,
    load_theme_choice,
    save_theme_choice,
    theme_to_use,
)

ACTIVE_TOGETHER = (
    ("Everywhere", "Main screen", "Reader", "Articles", "Claims"),
    ("Everywhere", "Claim"),
    ("Everywhere", "Compare"),
    ("Everywhere", "Note"),
    ("Everywhere", "Rename"),
    ("Everywhere", "Help"),
    ("Everywhere", "Story list"),
)
"""Contexts of ``key_reference`` whose bindings are live at the same time (a screen and its panels)."""
TEXT_FIELDS = {"Note": Input, "Search": Input, "Rename": Input}
"""Contexts of ``key_reference`` that open with a text field focused, and the field's class."""
REPLACED_SYSTEM_COMMANDS = frozenset({"Keys", "Screenshot"})
"""Textual's palette commands that newsdiff's own do better ("Help: keys", "Save snapshot"): listing both confuses."""
MAX_INPUT_TOASTS = 3
"""Toasts about the input (files left out) shown at start; more would cover the story."""
PALETTE_CAPTURE_DELAY = 0.3
"""Seconds to wait before a screenshot asked for from the command palette: it is gone and the footer back."""


class _AnalysisCancelled(Exception):
    """Raised from the analysis's progress report once the app has cancelled it."""


class NewsdiffApp(App[int]):
    """Reads one story through many outlets."""

    CSS_PATH = "newsdiff.tcss"
    TITLE = "newsdiff"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", id="command_palette", show=False),
    ]
    NOTES_RELOAD_SECONDS: ClassVar[float] = 2.0
    """How often the app looks whether another window changed the story's notes (one ``stat`` each time)."""

    def __init__(
        self,
        sources: Sequence[str | Path | Article] = (),
        *,
        story: Story | None = None,
        config_path: Path | None = None,
        snapshots_dir: Path | None = None,
        notes_dir: Path | None = None,
        notes: Sequence[Note] = (),
        semantic: bool | None = None,
        use_cache: bool = True,
        position: ReadingPosition | None = None,
        notices: Sequence[str] = (),
        pile: Sequence[PileStory] = (),
    ) -> None:
        super().__init__()
        self.pile = tuple(pile)
        """The stories of a pile of articles about several events; empty when the sources are one story."""
        self.pile_story: int | None = None
        """The id of the pile's story being read."""
        self.notices = tuple(notices)
        """What the reader should know about how the sources were read (a file left out)."""
        self.semantic = semantic
        self.use_cache = use_cache
        self.position = position
        self.sources = list(sources)
        self.story = story
        self.config_path = config_path
        self.snapshots_override = snapshots_dir
        self.notes_dir = notes_dir
        self.carried_notes = tuple(notes)
        self.config = Config()
        self.note_store: NoteStore | None = None
        self._deleted_notes: list[Note] = []
        """This session's deleted notes, last one last, for ``undo_note_deletion``."""
        self._resume: ReadingPosition | None = None
        """Where to come back to when the story is analysed again (a source renamed), quietly."""
        self.palette: Palette = palette_for(dark=True)
        self.main = MainScreen()

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    # -- the gate: every toast and every copy ---------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; its text is never markup and goes through the gate (``engine.safe_text``), whoever sends it.

        Screens and widgets notify through the app, so this is the one place
        a toast's text passes: a warning naming a file, a config key or a
        source name cannot run an escape sequence, nor a new screen forget to
        stop one. ``markup`` is accepted for Textual's signature and ignored.
        """
        super().notify(safe(message), title=safe_line(title), severity=severity, timeout=timeout, markup=False)

    def copy_to_clipboard(self, text: str) -> None:
        """Copy ``text`` through the gate: pasted into a terminal, a copied ESC would run there."""
        super().copy_to_clipboard(safe(text))

    # -- start-up ----------------------------------------------------------------

    def on_mount(self) -> None:
        self._apply_config()
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)
        self.set_interval(self.NOTES_RELOAD_SECONDS, self.reload_notes)
        shown = self.notices if len(self.notices) <= MAX_INPUT_TOASTS else self.notices[: MAX_INPUT_TOASTS - 1]
        for notice in shown:
            self.notify(notice, title="Input", severity="warning", timeout=10)
        if len(shown) < len(self.notices):
            more = len(self.notices) - len(shown)
            self.notify(
                f"and {more} more about the input (listed on stderr)", title="Input", severity="warning", timeout=10
            )

    def on_unmount(self) -> None:
        release_long_lived()

    def on_main_screen_ready(self, message: MainScreenReady) -> None:
        """Show the given story, or analyse the sources now that there is a screen."""
        if self.story is not None:
            self._show_story(self.story)
        elif self.pile:
            self.action_story_list()
        else:
            self.analyse()

    # -- a pile of stories -------------------------------------------------------

    def action_story_list(self) -> None:
        """Show the pile's stories (over the main screen); picking one reads it."""
        self.push_screen(StoryListScreen(self.pile, self.pile_story), self._read_pile_story)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``esc`` back to the story list only in a story of a pile."""
        if action == "story_list":
            return bool(self.pile)
        return True

    def _read_pile_story(self, story: PileStory | None) -> None:
        if story is None or (story.id == self.pile_story and self.story is not None):
            return
        self.pile_story = story.id
        self.sources = list(story.articles)
        self.story = None
        self.position = None
        self.main.await_story(story.title)
        self.analyse()

    def _apply_config(self) -> None:
        """Read the config; every problem is a warning and a default, never a crash."""
        config, warnings = load_config(self.config_path)
        self.config = config
        if config.theme in self.available_themes:
            picked = theme_to_use(config.theme, load_theme_choice())
            self.theme = picked if picked in self.available_themes else config.theme
        else:
            warnings.append(f"unknown theme {config.theme!r}; using {self.theme!r}")
        known_ids = {row.binding_id for row in self.key_reference({}) if row.binding_id}
        for binding_id in config.keys:
            if binding_id not in known_ids:
                warnings.append(f"[keys] {binding_id!r} is not a binding id (see ? for the list)")
        for binding_id, key in config.keys.items():
            if binding_id in known_ids and not key.isprintable():
                # Textual shows a key in the footer as it is written: no key holds a control character.
                warnings.append(f"[keys] {binding_id!r} is not a key (it holds a control character); kept its default")
        keymap = {k: v for k, v in config.keys.items() if k in known_ids and v.isprintable()}
        if keymap:
            self.set_keymap(keymap)
            rows = self.key_reference(keymap)
            warnings.extend(key_clashes(rows, keymap, ACTIVE_TOGETHER))
            warnings.extend(text_field_clashes(rows, keymap, TEXT_FIELDS))
        self.palette = palette_for(self.current_theme.dark)
        for warning in warnings:
            self.notify(warning, title="Config", severity="warning", timeout=8)

    def _on_theme_changed(self, theme: Theme) -> None:
        """Repaint in the new theme's palette and remember the pick for the next session."""
        self.palette = palette_for(theme.dark)
        self.main.repaint()
        try:
            save_theme_choice(ThemeChoice(theme.name, self.config.theme))
        except StoreError as error:
            self.notify(str(error), title="Theme", severity="warning", timeout=5)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyse(self) -> None:
        """Analyse the sources off the UI thread; progress and result come back as messages.

        Quitting cancels the worker, but a thread cannot be stopped from
        outside, and the process waits for it: a 5 MB story kept a blank
        terminal for 20 s after the reader quit. So each progress report
        checks for the cancel and ends the analysis there.
        """
        worker = get_current_worker()

        def report(message: str, share: float) -> None:
            if worker.is_cancelled:
                raise _AnalysisCancelled
            self.post_message(AnalysisProgress(message, share))

        def split(articles: tuple[Article, ...], passages: tuple[Passage, ...]) -> None:
            if not worker.is_cancelled:
                self.post_message(ArticlesSplit(articles, passages))

        try:
            analysis = run_analysis(
                self.sources,
                semantic=self.config.semantic if self.semantic is None else self.semantic,
                say_fallback=bool(self.semantic),
                use_cache=self.use_cache,
                progress=report,
                on_split=split,
            )
        except _AnalysisCancelled:
            return
        except InputError as error:
            self.post_message(AnalysisFailed(str(error)))
        except Exception as error:  # the app must stay up and say what went wrong
            self.post_message(AnalysisFailed(f"analysis failed: {type(error).__name__}: {error}"))
        else:
            for notice in analysis.notices:
                self.call_from_thread(self.notify, notice, title="Analysis", severity="warning", timeout=8)
            self.post_message(AnalysisDone(analysis.story))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        if self.is_running:  # while the app shuts down its screen is gone; reports still queued are dropped
            self.main.show_progress(message.message, message.share)

    def on_articles_split(self, message: ArticlesSplit) -> None:
        """Show the articles unpainted while they are matched, unless a story is shown that is being renamed.

        A renamed source is the same story analysed again: its claims stay
        readable meanwhile, and the reader comes back to its place after.
        """
        if self.is_running and self._resume is None:
            self.main.show_split(Story(message.articles, message.passages, claims=(), coverage=()))

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        if not self.is_running:
            return
        self.main.show_failure(message.reason)
        self.notify(message.reason, title="Cannot analyse", severity="error", timeout=10)

    def on_analysis_done(self, message: AnalysisDone) -> None:
        # A story that arrives after the reader quit is not drawn: drawing a big one took a second of the exit.
        if self.is_running and self.return_code is None:
            self._show_story(message.story)

    def _show_story(self, story: Story) -> None:
        self.story = story
        self.note_store = NoteStore(story_key(story.articles), self.notes_dir)
        self._deleted_notes = []
        for warning in self.note_store.warnings:
            self.notify(warning, title="Notes", severity="warning", timeout=8)
        resumed, self._resume = self._resume, None
        position = resumed or self.position
        if position is None:
            self.main.show_story(story, ReachFilter.parse(self.config.default_filter))
        else:
            self.main.show_story(story, ReachFilter.parse(position.reach_filter))
            self.main.go_to(position.article_id, position.offset)
            if resumed is None:
                self.notify(f"Opened where the snapshot was saved (filter: {self.main.reach_filter.label}).", timeout=5)
        self._show_notes()
        self.call_after_refresh(freeze_long_lived)
        if not story.comparable:
            self.notify("This story has one article: nothing to compare.", timeout=6)
        elif isolated := isolation_note(story):
            self.notify(isolated, timeout=8)

    # -- sources -----------------------------------------------------------------------

    def names_taken(self, article_id: str) -> set[str]:
        """Names the article may not take: every other article's, as shown and as its own.

        Its own name comes back when a name is emptied, and a name given in
        another window is on disk already (read now), so both count: two
        articles under one name could not be told apart.
        """
        if self.story is None:
            return set()
        others = [a for a in self.story.articles if a.id != article_id]
        own = {a.id: a.source for a in self.sources if isinstance(a, Article)}
        names = load_source_names()
        return {
            *(a.source for a in others),
            *(own[a.id] for a in others if a.id in own),
            *(names[key] for a in others if (key := article_key(a)) in names),
        }

    def rename_source(self, article_id: str, name: str | None) -> None:
        """Keep ``name`` for the article (empty: its own name again) and show the story under it.

        The names are part of the analysis (flags and exports name articles
        by source), so the story is analysed again, from the cache when the
        names have been seen before, and the reader comes back to the same
        place.
        """
        if name is None or self.story is None:
            return
        article = self.story.article(article_id)
        try:
            save_source_name(article, name or None)
        except StoreError as error:
            self.notify(str(error), title="Source name", severity="error", timeout=8)
            return
        self.notify(
            f"Named {name}; every export uses it." if name else "Back to the article's own name.",
            timeout=4,
        )
        if not self.sources:  # opened from a snapshot: its articles are the sources
            self.sources = list(self.story.articles)
        self._resume = self.main.position()
        self.analyse()

    # -- notes -----------------------------------------------------------------------

    @property
    def notes(self) -> tuple[Note, ...]:
        """The story's notes on disk plus any carried in by a reopened snapshot."""
        stored = self.note_store.notes if self.note_store is not None else ()
        ids = {n.id for n in stored}
        return stored + tuple(n for n in self.carried_notes if n.id not in ids)

    def _located_notes(self) -> dict[tuple[str, str], tuple[Note, ...]]:
        """The notes by where they are in this story now: ``(target, passage or claim id)``."""
        located: dict[tuple[str, str], tuple[Note, ...]] = {}
        if self.story is None:
            return located
        for note in self.notes:
            target_id = locate(note, self.story)
            if target_id is not None:
                key = (note.target, target_id)
                located[key] = (*located.get(key, ()), note)
        return located

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Back in this window: show what another window did to the notes meanwhile."""
        self.reload_notes()

    def reload_notes(self) -> None:
        """Show the notes another window saved on this story (cheap when there are none: one ``stat``)."""
        store = self.note_store
        if store is None:
            return
        known = len(store.warnings)
        if store.reload():
            self._show_notes()
        for warning in store.warnings[known:]:
            self.notify(warning, title="Notes", severity="warning", timeout=8, markup=False)

    def _show_notes(self) -> None:
        if self.story is None:
            return
        located = self._located_notes()
        self.main.show_notes(
            {target_id: notes for (target, target_id), notes in located.items() if target == "passage"},
            {target_id: notes for (target, target_id), notes in located.items() if target == "claim"},
        )

    def annotate(self, on_claim: bool) -> None:
        """Ask for a note on the current claim (claims panel focused) or passage, or change one there."""
        story, store = self.story, self.note_store
        passage = self.main.query_one(Reader).passage
        if story is None or store is None:
            return
        claim_id = self.main.query_one(ClaimList).claim_id if on_claim else None
        if claim_id is not None:
            target, target_id = "claim", claim_id
            label, excerpt = f"claim {claim_id}", story.claim(claim_id).summary
        elif passage is not None:
            target, target_id = "passage", passage.id
            label, excerpt = f"passage in {story.article(passage.article_id).source}", passage.text
        else:
            self.notify("Move to a passage or claim first.", timeout=3)
            return
        editable = self._located_notes().get((target, target_id), ())

        def add(annotation: Annotation) -> None:
            store.add(
                target,  # type: ignore[arg-type]
                target_id,
                annotation.text,
                mark=annotation.mark,
                article_id=passage.article_id if passage else None,
                start=passage.start if passage else None,
                end=passage.end if passage else None,
                excerpt=passage.text if passage else "",
            )

        def change(annotation: Annotation, note_id: str) -> str:
            """Edit or delete a note already there; what was done, for a toast."""
            self._adopt(note_id)
            try:
                if annotation.delete:
                    self._deleted_notes.append(store.delete(note_id))
                    self.carried_notes = tuple(n for n in self.carried_notes if n.id != note_id)
                    return f"Note deleted; {self.key_for('undo_delete_note')} brings it back."
                store.update(note_id, text=annotation.text, mark=annotation.mark)
                return "Note updated."
            except KeyError:  # another window deleted it meanwhile: an edit is kept as a new note
                if annotation.delete:
                    return "That note was already deleted (in another window)."
                add(annotation)
                return "The note had been deleted in another window; saved as a new note."

        def save(annotation: Annotation | None) -> None:
            if annotation is None:
                return
            try:
                if annotation.note_id is None:
                    add(annotation)
                    done = "Note saved."
                else:
                    done = change(annotation, annotation.note_id)
            except StoreError as error:
                self.notify(str(error), title="Note not saved", severity="error")
                return
            self._show_notes()
            self.notify(done, timeout=3)

        screen = AnnotateScreen(label, excerpt, editable, self.key_for("delete_note"))
        self.push_screen(screen, save)

    def _adopt(self, note_id: str) -> None:
        """Make a note carried in by a reopened snapshot one of the story's own, so a change to it is kept.

        The snapshot's own ``notes.json`` stays as it was saved.
        """
        assert self.note_store is not None
        carried = next((n for n in self.carried_notes if n.id == note_id), None)
        if carried is not None:
            self.note_store.restore(carried)  # nothing to do if the story's notes have it

    def undo_note_deletion(self) -> None:
        """Bring back the note deleted last (each press one further back)."""
        if self.note_store is None or not self._deleted_notes:
            self.notify("No deleted note to bring back.", timeout=3)
            return
        try:
            self.note_store.restore(self._deleted_notes[-1])
        except StoreError as error:
            self.notify(str(error), title="Note not restored", severity="error")
            return
        self._deleted_notes.pop()
        self._show_notes()
        self.notify("Note restored.", timeout=3)

    # -- snapshots -----------------------------------------------------------------

    def action_save_snapshot(self) -> None:
        self.save_snapshot()

    def save_snapshot(self) -> None:
        """Save the reader's view and the exports (with notes) as a new snapshot.

        Toasts ("Note saved.", an earlier "Snapshot saved to ...") are
        transient and would cover the text in the saved screen, so they are
        cleared first. The toast rack only hides on a later refresh, so the
        screen is captured after that refresh.
        """
        if self.story is None:
            self.notify("Nothing to save yet: the analysis is still running.", timeout=3)
            return
        self.clear_notifications()
        self.call_after_refresh(self._write_snapshot, self.story)

    def _write_snapshot(self, story: Story) -> None:
        """Write the screen as it is now and the story's exports to a new snapshot folder."""
        notes = self.notes
        note_dicts = [n.to_dict() for n in notes]
        exports = {f"story.{name}": render(story, note_dicts) for name, render in RENDERERS.items()}
        try:
            path = save_snapshot(
                story,
                notes,
                self.export_screenshot(),
                exports=exports,
                base_dir=snapshots_dir(self.config, self.snapshots_override),
                position=self.main.position(),
            )
        except StoreError as error:
            self.notify(str(error), title="Snapshot not saved", severity="error")
            return
        self.notify(f"Snapshot saved to {path}", title="Saved", timeout=8)

    # -- help and the command palette ----------------------------------------------------

    def key_reference(self, keymap: Mapping[str, str] | None = None) -> list[KeyHelp]:
        """Every binding of every screen and panel, with the user's keys."""
        contexts = (
            ("Everywhere", NewsdiffApp),
            ("Main screen", MainScreen),
            ("Reader", Reader),
            ("Articles", ArticleList),
            ("Claims", ClaimList),
            ("Search", SearchBar),
            ("Claim", ClaimScreen),
            ("Compare", CompareScreen),
            ("Compare", CompareView),
            ("Note", AnnotateScreen),
            ("Rename", RenameScreen),
            ("Help", HelpScreen),
            ("Story list", StoryListScreen),
        )
        return key_help(contexts, self.config.keys if keymap is None else keymap, self.get_key_display)

    def key_for(self, binding_id: str) -> str:
        """The key the user has for a binding, shown as the help shows it."""
        return next(row.keys[0] for row in self.key_reference() if row.binding_id == binding_id)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.key_reference(), self.palette, self.story))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from (c for c in super().get_system_commands(screen) if c.title not in REPLACED_SYSTEM_COMMANDS)
        main = self.main
        yield SystemCommand(
            "Save snapshot",
            "Save the screen and the story's exports with your notes",
            lambda: self.set_timer(PALETTE_CAPTURE_DELAY, self.save_snapshot),
        )
        yield SystemCommand(
            "Cycle filter", "Show everything / shared by all / by some / unique", main.action_cycle_filter
        )
        yield SystemCommand("Compare articles", "Two or three articles side by side", main.action_compare)
        yield SystemCommand("Search", "Mark a word in this article and count it in the others", main.action_search)
        yield SystemCommand("Add a note", "Note and mark on the current passage", lambda: self.annotate(False))
        yield SystemCommand("Undo note deletion", "Bring back the note deleted last", self.undo_note_deletion)
        yield SystemCommand(
            "Copy passage", "The current passage with its source, title, date and URL", main.action_copy_passage
        )
        yield SystemCommand(
            "Name the source",
            "Give the article being read its outlet's name, kept for every reading",
            main.action_rename_source,
        )
        yield SystemCommand("Next divergence", "Next passage worded differently or unique", lambda: main.action_jump(1))
        yield SystemCommand("Next claim", "Next claim in the claims panel", lambda: main.action_step_claim(1))
        yield SystemCommand(
            "Next disagreement",
            "Next claim with ⚑: sources disagree on a number, date, name or quote",
            lambda: main.action_step_disputed(1),
        )
        yield SystemCommand("Help: keys", "Every key and its binding id", self.action_help)
        if self.story is not None:
            for number, article in enumerate(self.story.articles, start=1):
                yield SystemCommand(
                    shown_command(f"Read {number}: {article.source}"),
                    shown_command(article.title or article.source),
                    lambda n=number: main.action_pick_article(n),
                )
