"""The newsdiff Textual app. ``run_app`` is what the CLI calls."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from newsdiff.engine.errors import InputError
from newsdiff.engine.model import Article, Story
from newsdiff.engine.stories import PileStory
from newsdiff.store.notes import Note
from newsdiff.store.snapshots import ReadingPosition


def run_app(
    sources: Sequence[str | Path | Article] = (),
    *,
    story: Story | None = None,
    snapshots_dir: Path | None = None,
    config_path: Path | None = None,
    notes_dir: Path | None = None,
    notes: Sequence[Note] = (),
    semantic: bool | None = None,
    use_cache: bool = True,
    position: ReadingPosition | None = None,
    notices: Sequence[str] = (),
    pile: Sequence[PileStory] = (),
) -> int:
    """Run the app until the user quits; returns the exit code.

    ``sources`` are analysed in a worker so the window appears at once (paths,
    raw texts or ``Article`` objects, as ``analyze`` takes them). Pass a
    ready ``story`` instead to skip the analysis. ``notes`` are notes carried
    by a reopened snapshot, shown beside the story's own. ``semantic`` chooses
    the matcher (``None``: the config's ``semantic``, by default the sentence
    encoder when it is installed);
    ``use_cache=False`` analyses afresh, neither reading nor writing the cache.
    ``position`` is where a reopened snapshot was being read. ``notices``
    are shown as warnings when the window opens (a file of the story folder
    left out). A ``pile`` of several stories (``engine.stories``) opens on
    the list of them instead, and ``sources`` are not read.
    """
    from newsdiff.app.app import NewsdiffApp
    from newsdiff.app.long_lived import freeze_long_lived

    _require_terminal()
    app = NewsdiffApp(
        sources,
        story=story,
        config_path=config_path,
        snapshots_dir=snapshots_dir,
        notes_dir=notes_dir,
        notes=notes,
        semantic=semantic,
        use_cache=use_cache,
        position=position,
        notices=notices,
        pile=pile,
    )
    result = app.run()
    # The process ends now: what is alive goes to the collector's permanent
    # generation, so the interpreter's last collection skips it. Quitting
    # during a 2-million-character analysis spent 2.5 s there (shared machine).
    freeze_long_lived()
    return result if isinstance(result, int) else 0


def _require_terminal() -> None:
    """Refuse to start without a terminal: ``InputError`` (one line from the CLI) instead of a hang.

    Textual reads keys from standard input and draws on standard error.
    Redirected to a file (``newsdiff story/ > out 2>&1``, a cron job) it
    would wait for keys forever while filling the file with escape codes.
    """
    if not all(stream is not None and stream.isatty() for stream in (sys.__stdin__, sys.__stderr__)):
        raise InputError(
            "the app needs a terminal (its keys come from standard input, its screen goes to standard error); "
            "without one, use 'newsdiff report' or 'newsdiff export'"
        )
