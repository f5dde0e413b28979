"""The ``newsdiff`` command: open the app, print a report, or export a story.

``newsdiff [PATH...]`` (the implicit ``read`` command) opens the Textual app;
``report`` and ``export`` never import Textual, so they stay fast and work
where no terminal UI can run (pipes, CI). Whatever goes wrong with the
user's input ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsdiff.analysis import pick_story, run_analysis, sort_pile
from newsdiff.engine.decode import codec_name
from newsdiff.engine.errors import InputError
from newsdiff.engine.export import RENDERERS, write_export
from newsdiff.engine.export.stories_list import stories_json, stories_text
from newsdiff.engine.model import Article, Story
from newsdiff.engine.safe_text import safe_line
from newsdiff.engine.story import Progress, collect_articles
from newsdiff.shown_text import ShownText
from newsdiff.store.paths import cache_dir
from newsdiff.web.fetch import is_url

if TYPE_CHECKING:
    from newsdiff.store.config import Config

PROG = "newsdiff"
COMMANDS = ("read", "report", "export", "stories", "snapshots", "open", "config")
DEFAULT_COMMAND = "read"
EXPORT_SUFFIXES = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}

EXIT_OK = 0
EXIT_BROKEN_PIPE = 1
"""What Python itself (and Rich) use when the reader of a pipe goes away."""
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        try:
            options = parser.parse_args(_with_default_command(arguments))
        except SystemExit as exit_request:
            return _exit_status(exit_request)
        command: Command = options.run
        return command(options)
    except InputError as error:
        return _fail(str(error))
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as error:
        return _fail(_describe_os_error(error))
    except SystemExit as exit_request:
        return _exit_status(exit_request)


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command, with ``--help`` on each."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=(
            f"{PROG} [read] [--lexical] [--no-cache] [--snapshots-dir DIR] [--config FILE] [PATH ...]\n"
            f"       {PROG} {{report,export,stories,snapshots,open,config}} ...\n"
            f"       {PROG} --version"
        ),
        description=(
            "Read one news story through many outlets: what every source reports, "
            "what only some do, and how their wording differs. Without a command, "
            "open the articles in the terminal app (the bundled sample story when no PATH is given)."
        ),
        epilog=f"Run '{PROG} COMMAND --help' for a command's options.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {package_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", required=True, prog=PROG)

    read = commands.add_parser(
        "read",
        help="open the story in the terminal app (the default command)",
        description="Open articles in the terminal app. Without PATH, open the bundled sample story.",
    )
    _add_paths(read)
    _add_pile_options(read)
    _add_app_options(read)
    _add_matcher_options(read)
    read.set_defaults(run=_run_read)

    report = commands.add_parser(
        "report",
        help="print a readable report of the story",
        description=(
            "Print what every source reports, what only some do, how their wording differs "
            "and what each source leaves out. Plain text when piped or when NO_COLOR is set."
        ),
    )
    _add_paths(report)
    _add_pile_options(report)
    _add_matcher_options(report)
    report.set_defaults(run=_run_report)

    export = commands.add_parser(
        "export",
        help="export the story as JSON, Markdown, HTML or a CSV of the claims",
        description=(
            "Export the story. JSON follows the newsdiff.story/1 contract; Markdown and HTML "
            "are documents to read; CSV is one row per claim with each article's wording in its own column. "
            "Writes to stdout unless -o is given; files are replaced atomically."
        ),
    )
    export.add_argument(
        "-f",
        "--format",
        choices=tuple(RENDERERS),
        help="export format (default: from the -o file's extension, else json)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout ('-' for stdout)")
    _add_paths(export)
    _add_pile_options(export)
    _add_matcher_options(export)
    export.set_defaults(run=_run_export)

    stories = commands.add_parser(
        "stories",
        help="sort a pile of articles into stories and print them",
        description=(
            "Sort the articles given (folders, files) into stories, one event each, biggest first, "
            "and print each story's id, headline and articles. 'report', 'export' and the app "
            "take a story's id with --story ID."
        ),
    )
    stories.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _add_paths(stories)
    stories.set_defaults(run=_run_stories)

    snapshots = commands.add_parser(
        "snapshots",
        help="list saved snapshots",
        description="List the snapshots saved from the app, newest first.",
    )
    _add_app_options(snapshots)
    snapshots.set_defaults(run=_run_snapshots)

    open_snapshot = commands.add_parser(
        "open",
        help="open a saved snapshot in the app",
        description="Open a snapshot saved from the app (a path, or a name from 'newsdiff snapshots').",
    )
    open_snapshot.add_argument(
        "snapshot",
        metavar="SNAPSHOT",
        help="the snapshot to open: its number in `newsdiff snapshots` (1 = newest), folder name or path",
    )
    _add_app_options(open_snapshot)
    open_snapshot.set_defaults(run=_run_open)

    config = commands.add_parser(
        "config",
        help="print a settings file with every default",
        description=(
            "Print a commented config.toml holding every setting at its default, headed by the "
            "path newsdiff reads it from: save it there and edit what you want to change."
        ),
    )
    config.add_argument("--path", action="store_true", help="print only the path of the settings file")
    config.set_defaults(run=_run_config)
    return parser


def package_version() -> str:
    """The installed distribution's version; the package's own when not installed."""
    try:
        return metadata.version(PROG)
    except metadata.PackageNotFoundError:
        from newsdiff import __version__

        return __version__


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="*",
        type=_path_or_link,
        help="article files, a folder holding one story's .txt/.md files and saved web pages (.html),"
        " http(s) links to article pages, or RSS/Atom feeds (links or .rss/.atom/.xml files; needs newsdiff[web]);"
        " none: the bundled sample story",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="fetch links and feeds again instead of reading the copies kept from the last time",
    )
    parser.add_argument(
        "--encoding",
        metavar="CODEC",
        type=_codec,
        help="read files that are not UTF-8 as CODEC (e.g. cp1250, cp1254, koi8_r) instead of guessing",
    )


def _path_or_link(argument: str) -> Path | str:
    """A link stays the text it is (``Path`` would fold its ``//``); anything else is a path."""
    return argument if is_url(argument) else Path(argument)


def _codec(name: str) -> str:
    try:
        return codec_name(name)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_matcher_options(parser: argparse.ArgumentParser) -> None:
    matcher = parser.add_mutually_exclusive_group()
    matcher.add_argument(
        "--lexical",
        action="store_true",
        help="match by wording only, without the sentence encoder (as semantic = false in the config)",
    )
    matcher.add_argument(
        "--semantic",
        action="store_true",
        help="match with the sentence encoder too (the default when pip install 'newsdiff[semantic]' has installed it;"
        " says so when it has not)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse afresh instead of reading the analysis cache (nothing is written to it either)",
    )


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--snapshots-dir",
        metavar="DIR",
        type=Path,
        help="folder where snapshots are saved and looked up (default: from the config, else the user data folder)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="read settings from FILE (TOML; default: config.toml in the user config folder)",
    )


def _with_default_command(arguments: list[str]) -> list[str]:
    """Insert ``read`` unless the line starts with a command or a top-level option.

    A file or folder named like a command (``newsdiff config`` beside a
    ``config`` folder) is taken as the command; a warning says how to read it.
    """
    if arguments and arguments[0] in COMMANDS:
        if (here := Path(arguments[0])).exists():
            kind = "folder" if here.is_dir() else "file"
            _warn(f"'{here}' is taken as the command; to open the {kind} '{here}' instead: {PROG} ./{here}")
        return arguments
    if arguments and arguments[0] in ("-h", "--help", "-V", "--version"):
        return arguments
    return [DEFAULT_COMMAND, *arguments]


def _run_read(options: argparse.Namespace) -> int:
    from newsdiff.app import run_app

    _require_existing(options.paths)
    # Read the articles before the window opens: unusable input (an empty,
    # binary or undecodable file named on its own, or a folder with no usable
    # file) ends here with one line and exit code 2, as in every other
    # command, instead of an app with nothing to show. An unusable file in a
    # folder is left out with a warning, here and as a toast in the app; a
    # file whose encoding had to be guessed gets a warning the same way.
    notices: list[str] = []
    with _warnings_after(notices), _story_paths(options.paths) as paths, _progress_line(sys.stderr) as progress:
        articles = _read_articles(paths, options, progress, notices.append)
        pile = sort_pile(articles, as_one_story=options.as_one_story, progress=progress)
    if options.story is not None or len(pile) == 1:
        articles = list(pick_story(pile, options.story, shown=_shown_paths(options.paths)).articles)
        pile = ()
    return run_app(
        articles,
        pile=pile,
        notices=notices,
        snapshots_dir=options.snapshots_dir,
        config_path=options.config,
        semantic=_matcher_choice(options),
        use_cache=not options.no_cache,
    )


def _matcher_choice(options: argparse.Namespace) -> bool | None:
    """``--semantic``: True, ``--lexical``: False, neither: None (the config decides, the encoder by default)."""
    if options.semantic:
        return True
    if options.lexical:
        return False
    return None


def _run_report(options: argparse.Namespace) -> int:
    from rich.console import Console

    from newsdiff.report import PIPE_WIDTH, render_report

    story = _analyze(options)
    if sys.stdout.isatty():
        render_report(story, Console())
        return EXIT_OK
    plain = io.StringIO()
    render_report(story, Console(file=plain, width=PIPE_WIDTH))
    _write_stdout("".join(f"{line.rstrip()}\n" for line in plain.getvalue().splitlines()))
    return EXIT_OK


def _run_export(options: argparse.Namespace) -> int:
    output: str | None = None if options.output in (None, "-") else options.output
    suffix_format = _format_for(output)
    export_format = options.format or suffix_format or "json"
    if suffix_format not in (None, export_format):
        _warn(f"writing {export_format} to {output}, whose name says {suffix_format}")
    story = _analyze(options)
    content = RENDERERS[export_format](story, _saved_notes(story))
    if output is None:
        _write_stdout(content)
        return EXIT_OK
    try:
        write_export(output, content)
    except OSError as error:
        raise InputError(f"cannot write {output}: {_reason(error)}") from error
    return EXIT_OK


def _saved_notes(story: Story) -> list[dict[str, object]]:
    """The reader's notes on this story (what the app saved for these very texts), as exports take them."""
    from newsdiff.store.notes import NoteStore
    from newsdiff.store.story_key import story_key

    store = NoteStore(story_key(story.articles))
    for warning in store.warnings:
        _warn(warning)
    return [note.to_dict() for note in store.notes]


def _format_for(output: str | None) -> str | None:
    """The format an output file's extension asks for, if it names one (without, JSON: the contract)."""
    return None if output is None else EXPORT_SUFFIXES.get(Path(output).suffix.lower())


def _run_snapshots(options: argparse.Namespace) -> int:
    from rich.console import Console

    from newsdiff.store.snapshots import list_snapshots

    folder = _snapshots_folder(options)
    if folder.exists() and not folder.is_dir():
        return _fail(f"{folder} is a file, not a folder of snapshots")
    snapshots = list_snapshots(folder)
    if not snapshots:
        _say(f"no snapshots in {folder}")
        return EXIT_OK
    console = Console(highlight=False, soft_wrap=True)
    width = len(str(len(snapshots)))
    for number, snapshot in enumerate(snapshots, start=1):
        sources = len(snapshot.articles)
        console.print(
            ShownText.assemble(
                (f"{number:>{width}}  ", "bold"),
                (safe_line(snapshot.name), "bold"),  # one line each: a name or label cannot add one
                f"  {snapshot.created:%Y-%m-%d %H:%M}  {sources} {'source' if sources == 1 else 'sources'}, "
                f"{snapshot.note_count} {'note' if snapshot.note_count == 1 else 'notes'}  ",
                safe_line(snapshot.label or snapshot.title),
            )
        )
    return EXIT_OK


def _run_open(options: argparse.Namespace) -> int:
    from newsdiff.app import run_app
    from newsdiff.store.errors import StoreError
    from newsdiff.store.snapshots import load_snapshot, resolve_snapshot

    folder = _snapshots_folder(options)
    try:
        snapshot = load_snapshot(resolve_snapshot(options.snapshot, folder))
    except StoreError as error:
        raise InputError(str(error)) from error
    for warning in snapshot.warnings:
        _warn(warning)
    return run_app(
        snapshot.articles,
        snapshots_dir=options.snapshots_dir,
        config_path=options.config,
        notes=snapshot.notes,
        semantic=snapshot.matched_by_encoder,
        position=snapshot.info.position,
    )


def _run_config(options: argparse.Namespace) -> int:
    from newsdiff.store.config import default_config_text
    from newsdiff.store.paths import config_path

    path = config_path()
    if options.path:
        _write_stdout(f"{path}\n")
    else:
        _write_stdout(f"# Save as {path}\n{default_config_text()}")
    return EXIT_OK


def _snapshots_folder(options: argparse.Namespace) -> Path:
    """Where snapshots are: ``--snapshots-dir``, else the config's folder, else the default."""
    from newsdiff.store.errors import StoreError
    from newsdiff.store.snapshots import snapshots_dir

    try:
        return snapshots_dir(_user_config(options), options.snapshots_dir)
    except StoreError as error:
        raise InputError(str(error)) from None


def _user_config(options: argparse.Namespace) -> Config:
    """The user's settings (``--config`` where the command has it); problems are warnings."""
    from newsdiff.store.config import load_config

    config, warnings = load_config(getattr(options, "config", None))
    for warning in warnings:
        _warn(warning)
    return config


def _analyze(options: argparse.Namespace) -> Story:
    """The story of the given paths (none: the bundled sample, as the app opens it)."""
    articles = _story_articles(options)
    notices: list[str] = []
    with _warnings_after(notices), _progress_line(sys.stderr) as progress:
        analysis = run_analysis(
            articles,
            semantic=_user_config(options).semantic if (choice := _matcher_choice(options)) is None else choice,
            say_fallback=options.semantic,
            use_cache=not options.no_cache,
            progress=progress,
            encoding=options.encoding,
        )
        notices.extend(analysis.notices)
    return analysis.story


@contextmanager
def _warnings_after(notices: list[str]) -> Iterator[None]:
    """Print the notices gathered inside the block once it ends (the progress line gone), even when it fails."""
    try:
        yield
    finally:
        for notice in notices:
            _warn(notice)


def _read_articles(
    paths: Sequence[Path | str], options: argparse.Namespace, progress: Progress | None, warn: Callable[[str], None]
) -> list[Article]:
    """The articles of the given paths, links and feeds fetched (pages kept in the user cache unless ``--no-cache``)."""
    from newsdiff.web.sources import read_sources

    folder = None if getattr(options, "no_cache", False) else cache_dir() / "pages"
    sources = read_sources(paths, cache_folder=folder, refresh=options.refresh, progress=progress, warn=warn)
    return collect_articles(sources, progress=progress, warn=warn, encoding=options.encoding)


def _story_articles(options: argparse.Namespace) -> list[Article]:
    """The articles of the one story the command works on: all given, or the pile's story ``--story`` names."""
    _require_existing(options.paths)
    notices: list[str] = []
    with _warnings_after(notices), _story_paths(options.paths) as paths, _progress_line(sys.stderr) as progress:
        articles = _read_articles(paths, options, progress, notices.append)
        pile = sort_pile(articles, as_one_story=options.as_one_story, progress=progress)
    return list(pick_story(pile, options.story, shown=_shown_paths(options.paths)).articles)


def _run_stories(options: argparse.Namespace) -> int:
    _require_existing(options.paths)
    notices: list[str] = []
    with _warnings_after(notices), _story_paths(options.paths) as paths, _progress_line(sys.stderr) as progress:
        articles = _read_articles(paths, options, progress, notices.append)
        pile = sort_pile(articles, progress=progress)
    render = stories_json if options.format == "json" else stories_text
    _write_stdout(render(pile))
    return EXIT_OK


def _add_pile_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--story",
        metavar="ID",
        type=_story_id,
        help="when the articles given report several events, read the story with this id ('newsdiff stories' lists them)",
    )
    parser.add_argument(
        "--as-one-story",
        action="store_true",
        help="read every article given as one story, without sorting them into stories first",
    )


def _story_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a story id is a number from 1 ('newsdiff stories' lists them), not {text!r}")
    return int(text)


def _shown_paths(paths: Sequence[Path | str]) -> str:
    """How a message names the input: the one path, or how many."""
    if not paths:
        return "the sample"
    if len(paths) == 1:
        return str(paths[0])
    return f"the {len(paths)} paths given"


def _require_existing(paths: Sequence[Path | str]) -> None:
    """Fail before any work (or any UI) starts when a named path does not exist; say when one is named twice."""
    seen: set[Path] = set()
    for path in paths:
        if isinstance(path, str):
            continue
        if not path.exists():
            raise InputError(f"no such file or folder: {path}")
        resolved = path.resolve()
        if resolved in seen:
            _warn(f"{path} is given twice; it is read once")
        seen.add(resolved)


@contextmanager
def _story_paths(paths: Sequence[Path | str]) -> Iterator[list[Path | str]]:
    """The given paths, or the bundled sample story's folder when none are given."""
    if paths:
        yield list(paths)
        return
    with resources.as_file(resources.files("newsdiff") / "seeds") as seeds:
        yield [Path(seeds)]


@contextmanager
def _progress_line(stream: TextIO) -> Iterator[Callable[[str, float], None] | None]:
    """A progress callback that redraws one line on a terminal, and nothing in a pipe.

    The message names the file being read, so it goes through the gate
    (``safe_line``): a file named with ``ESC]52;…`` would otherwise write to the
    reader's clipboard, and one with a line break would break the redraw.
    """
    if not stream.isatty():
        yield None
        return
    shown = False

    def show(message: str, share: float) -> None:
        nonlocal shown
        shown = True
        stream.write(f"\r\x1b[2K{PROG}: {safe_line(message)} {share:.0%}")
        stream.flush()

    try:
        yield show
    finally:
        if shown:
            stream.write("\r\x1b[2K")
            stream.flush()


def _write_stdout(content: str) -> None:
    """Write an export as UTF-8 whatever the terminal's encoding, since files are UTF-8 too.

    A buffered write into a pipe may stop short (and report how far it got)
    when the reader goes away; writing the rest raises ``BrokenPipeError``
    instead of silently dropping it.
    """
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(content)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        remaining = memoryview(content.encode("utf-8"))
        while remaining:
            written = buffer.write(remaining)
            remaining = remaining[written:]
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise InputError(f"cannot write to standard output: {_reason(error)}") from None


def _say(message: str) -> None:
    """One line on stderr, through the gate: a file, folder or config key named in it may hold escape sequences.

    Every line the CLI writes itself comes here (``tests/test_gate_hygiene.py``
    holds it to that); ``engine.safe_text.safe_line`` shows every control,
    line breaks included, as a symbol, so a name cannot add lines or run a
    sequence on the reader's terminal.
    """
    print(f"{PROG}: {safe_line(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    _say(f"warning: {message}")


def _fail(message: str) -> int:
    _say(f"error: {' '.join(message.splitlines())}")
    return EXIT_USAGE


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _describe_os_error(error: OSError) -> str:
    if error.filename is not None:
        return f"{error.filename}: {_reason(error)}"
    return _reason(error)


def _exit_status(exit_request: SystemExit) -> int:
    code = exit_request.code
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_USAGE


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
