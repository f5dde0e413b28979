"""No escape sequence from untrusted input leaves newsdiff: one corpus of payloads, every output surface.

The payloads sit wherever outside text enters: a file name, the article
text, front matter (title, source, url), a note, a snapshot's metadata and
folder name, a source name kept in ``source-names.json`` and a config key.
Each surface is then read as the terminal (or the clipboard, or a file)
would get it: ``report`` and ``export`` on a real pseudo-terminal (so the
progress line is drawn), every export format, the bytes Textual would write
for every screen and dialog of the app with its toasts, the clipboard text
of ``y``, and ``newsdiff snapshots`` and ``open``. Nothing may carry a raw
ESC, BEL, C1 control (8-bit CSI, OSC, DCS) or bidi control from the input;
JSON strings carry them as ``\\u`` escapes and load back to the exact text.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from waiting import until

from newsdiff import cli
from newsdiff.app.app import NewsdiffApp
from newsdiff.engine.export import RENDERERS
from newsdiff.engine.story import analyze, collect_articles
from newsdiff.store.notes import NoteStore
from newsdiff.store.snapshots import MANIFEST, NOTES, list_snapshots, save_snapshot
from newsdiff.store.story_key import article_key, story_key

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"
"""OSC 52 puts its base64 text on the clipboard: "rm -rf ~"."""
CSI = "\x1b[2J\x1b[6n"
EIGHT_BIT = "\x9b31m\x9d0;EIGHTBIT\x07\x90qDCS\x9c"
DCS = "\x1bPqDCS7\x1b\\"
BIDI = "\u202e\u2066\u200f\u061c\u200e"
PAYLOAD = OSC_TITLE + OSC_CLIPBOARD + CSI + EIGHT_BIT + DCS + BIDI
FRAGMENTS = (OSC_TITLE, OSC_CLIPBOARD, CSI, "\x9d0;EIGHTBIT", "\x90qDCS", DCS)
"""The payload's sequences as a terminal would run them: none may appear in any output."""
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""Every C0 control but tab and line breaks, DEL, every C1 control, every bidi control."""
PROGRAM_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mHK]|\r")
"""What newsdiff, Rich and Textual write themselves to a terminal: colours, cursor moves, clearing a line."""


def filler(seed: str) -> str:
    """Sentences of made-up words no other article shares: a text long enough that its controls are 1 % or less.

    A text with more controls than that is refused as binary data, which would hide the payloads from the screens.
    """
    chance = random.Random(seed)
    syllables = ("ka", "lo", "mi", "ren", "tu", "vas", "pe", "dor", "shi", "nu")
    words = ["".join(chance.choices(syllables, k=3)) for _ in range(900)]
    return "\n".join(" ".join(words[n : n + 9]).capitalize() + "." for n in range(0, len(words), 9)) + "\n"


WIRE = f"""---
title: Bridge{PAYLOAD} opens
source: Wire{PAYLOAD}
url: https://example.com/{PAYLOAD}
date: 2026-01-05
---
The mayor opened the new bridge{PAYLOAD} on Monday morning.
The bridge cost five million dollars, officials said.
Traffic was light in the first hours.
{filler("wire")}"""
DAILY = f"""The mayor opened the new bridge{PAYLOAD} on Monday morning.
The bridge cost six million dollars, officials said.
Residents{PAYLOAD} cheered from the river bank.
{filler("daily")}"""
HERALD = """On Monday morning the mayor opened the new bridge.
The bridge cost five million dollars, officials said.
"""


def leaks(output: str) -> list[str]:
    """What in ``output`` a terminal would take as a control (the program's own sequences aside)."""
    found = [repr(fragment) for fragment in FRAGMENTS if fragment in output]
    rest = PROGRAM_SEQUENCES.sub("", output)
    found += [repr(rest[max(m.start() - 20, 0) : m.end() + 20]) for m in FORBIDDEN.finditer(rest)]
    return found


def leak_summary(output: str) -> str | None:
    """``None`` when nothing leaks, else how many controls leak and the first, for a readable failure."""
    found = leaks(output)
    return f"{len(found)} leaks, first {found[0]}" if found else None


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """A story folder whose files' names and texts carry the payload, with one unusable file left out."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / f"b{OSC_TITLE}{OSC_CLIPBOARD}{BIDI}.txt").write_text(WIRE, encoding="utf-8")
    (folder / "daily.txt").write_text(DAILY, encoding="utf-8")
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8")
    (folder / f"c{PAYLOAD}.txt").write_bytes(b"\x00\x01binary\x00")
    return folder


@pytest.fixture
def hostile_user_data(story_dir: Path, user_dirs: Path) -> Path:
    """Config (a setting, a key name, a key), a kept source name and notes, each with the payload; the config file."""
    articles = collect_articles([story_dir], warn=lambda _message: None)
    data = user_dirs / "xdg_data_home" / "newsdiff"
    data.mkdir(parents=True)
    daily = next(a for a in articles if a.id == "daily")
    (data / "source-names.json").write_text(json.dumps({article_key(daily): f"Daily{PAYLOAD}"}), encoding="utf-8")
    store = NoteStore(story_key(articles))
    for passage in analyze(articles).passages_of("daily")[:2]:
        store.add(
            "passage",
            passage.id,
            f"check{PAYLOAD} this",
            mark="dispute",
            article_id="daily",
            start=passage.start,
            end=passage.end,
            excerpt=passage.text,
        )
    config = user_dirs / "xdg_config_home" / "newsdiff" / "config.toml"
    config.parent.mkdir(parents=True)
    key = json.dumps(f"next{PAYLOAD}")
    settings = (
        f'theme = {json.dumps("dark" + PAYLOAD)}\n{key} = 1\n[keys]\n{key} = "x"\nnext_claim = {json.dumps(PAYLOAD)}\n'
    )
    config.write_text(settings, encoding="utf-8")
    return config


def run_on_terminal(arguments: list[str], env: dict[str, str]) -> str:
    """Run ``newsdiff ARGUMENTS`` with stdout and stderr on a pseudo-terminal; everything it wrote there."""
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdiff", *arguments],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**env, "TERM": "xterm-256color", "COLUMNS": "160", "FORCE_COLOR": "1"},
    )
    os.close(follower)
    written = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is gone: the program has ended
            break
        if not chunk:
            break
        written += chunk
    process.wait(timeout=60)
    os.close(leader)
    return written.decode("utf-8", errors="surrogateescape")


def user_env(user_dirs: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NO_COLOR", "COLUMNS"))}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(user_dirs / name.lower())
    return env


def test_report_and_export_on_a_terminal_show_no_sequence(story_dir, hostile_user_data, user_dirs) -> None:
    env = user_env(user_dirs)
    report = run_on_terminal(["report", "--no-cache", str(story_dir)], env)
    assert "Reading 1/4" in report, "the progress line was not drawn: not a terminal?"
    assert "PWNED" in report and "bridge" in report
    progress = report[: report.index("Done")]
    failures = {"report's progress line": leak_summary(progress), "report": leak_summary(report)}
    for export_format in RENDERERS:
        written = run_on_terminal(["export", "--no-cache", "-f", export_format, str(story_dir)], env)
        failures[f"export {export_format} on a terminal"] = leak_summary(written)
    assert {where: leak for where, leak in failures.items() if leak} == {}


def test_every_export_escapes_the_payload(story_dir, hostile_user_data) -> None:
    articles = collect_articles([story_dir], warn=lambda _message: None)
    story = analyze(articles)
    notes = [note.to_dict() for note in NoteStore(story_key(articles)).notes]
    assert notes
    failures = {name: leak_summary(render(story, notes)) for name, render in RENDERERS.items()}
    assert {name: leak for name, leak in failures.items() if leak} == {}
    document = RENDERERS["json"](story, notes)
    for char in "\x1b\x07\x9b\x9d\x90" + BIDI_CONTROLS[:5]:
        assert char not in document
    loaded = json.loads(document)
    assert [a["text"] for a in loaded["articles"]] == [a.text for a in story.articles], "offsets are sacred"
    assert f"\\u{ord(chr(0x202E)):04x}" in document


def terminal_bytes(app: NewsdiffApp) -> str:
    """What Textual would write to the terminal for the whole screen (the screens under a dialog included)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(app.console)  # type: ignore[union-attr]


def shown_everywhere(app: NewsdiffApp) -> list[str]:
    """Leaks on the screen (toasts included) and in every notification's text."""
    found = leaks(terminal_bytes(app))
    for notification in app._notifications:
        found += leaks(f"{notification.title} {notification.message}")
    return found


async def walk_every_screen(app: NewsdiffApp, visited: Callable[[str], None]) -> None:
    """Open every screen and dialog in turn, calling ``visited`` on each, and copy in the reader and a claim."""
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: app.story is not None, "the story")
        await pilot.pause()
        assert app.story is not None and len(app.story.articles) == 3
        assert "␛]0;PWNED␇" in terminal_bytes(app), "the payload is shown, as symbols"
        assert type(app.screen).__name__ == "MainScreen", "main"
        visited("main")
        await pilot.press("j")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen", "main, next passage"
        visited("main, next passage")
        await pilot.press("2")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen", "main, article 2"
        visited("main, article 2")
        await pilot.press("y")
        visited(f"clipboard of y:{app.clipboard}")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClaimScreen", "claim"
        visited("claim")
        await pilot.press("y")
        visited(f"clipboard of y in the claim view:{app.clipboard}")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "CompareScreen", "compare"
        visited("compare")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen", "help"
        visited("help")
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AnnotateScreen", "note"
        visited("note")
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.editing is not None, "a note of the payload is being edited"  # type: ignore[attr-defined]
        visited("note, editing")
        await pilot.press("escape")
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "RenameScreen", "rename"
        visited("rename")
        await pilot.press("escape")
        await pilot.press("slash")
        await pilot.pause()
        for char in "bridge":
            await pilot.press(char)
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen", "search"
        visited("search")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen", "search summary"
        visited("search summary")
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "read":
            await pilot.press(char)
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette", "command palette"
        visited("command palette")


async def test_every_screen_dialog_toast_and_copy_of_the_app(story_dir, hostile_user_data, monkeypatch) -> None:
    opened: dict[str, object] = {}
    monkeypatch.setattr("newsdiff.app.run_app", lambda sources, **options: opened.update(options, sources=sources) or 0)
    assert cli.main([str(story_dir), "--no-cache", "--config", str(hostile_user_data)]) == 0
    sources = opened.pop("sources")
    app = NewsdiffApp(sources, **opened)  # type: ignore[arg-type]
    app.animation_level = "none"
    failures: dict[str, str] = {}

    def visited(where: str) -> None:
        found = leaks(where) if where.startswith("clipboard") else shown_everywhere(app)
        if found:
            failures[where.split(":")[0]] = f"{len(found)} leaks, first {found[0]}"

    await walk_every_screen(app, visited)
    assert failures == {}


def hostile_snapshot(story_dir: Path, base: Path) -> Path:
    """A saved snapshot, then hand-edited as a shared one could be: payloads in its manifest and folder name.

    Its ``notes.json`` is broken, so ``open`` warns about it, naming the folder.
    """
    articles = collect_articles([story_dir], warn=lambda _message: None)
    story = analyze(articles)
    notes = NoteStore(story_key(articles)).notes
    exports = {f"story.{name}": render(story, [n.to_dict() for n in notes]) for name, render in RENDERERS.items()}
    folder = save_snapshot(story, notes, "<svg/>", exports=exports, base_dir=base, label=f"label{PAYLOAD}")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["title"] = f"title{PAYLOAD}"
    for article in manifest["articles"]:
        article["source"] = f"source{PAYLOAD}"
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (folder / NOTES).write_text("{", encoding="utf-8")  # a warning that names the folder
    hostile = folder.with_name(f"{folder.name}{OSC_TITLE}{BIDI}")
    shutil.move(folder, hostile)
    return hostile


def test_snapshots_lists_hostile_snapshots_without_a_sequence(story_dir, hostile_user_data, user_dirs) -> None:
    base = user_dirs / "snapshots"
    hostile_snapshot(story_dir, base)
    assert len(list_snapshots(base)) == 1
    listing = run_on_terminal(["snapshots", "--snapshots-dir", str(base)], user_env(user_dirs))
    assert "PWNED" in listing
    assert leak_summary(listing) is None


async def test_open_shows_a_hostile_snapshot_without_a_sequence(
    story_dir, hostile_user_data, user_dirs, monkeypatch, capsys
) -> None:
    base = user_dirs / "snapshots"
    hostile_snapshot(story_dir, base)
    opened: dict[str, object] = {}
    monkeypatch.setattr("newsdiff.app.run_app", lambda sources, **options: opened.update(options, sources=sources) or 0)
    assert cli.main(["open", "1", "--snapshots-dir", str(base), "--config", str(hostile_user_data)]) == 0
    printed = capsys.readouterr()
    assert "notes not loaded" in printed.err
    assert leak_summary(printed.out + printed.err) is None
    sources = opened.pop("sources")
    app = NewsdiffApp(sources, **opened)  # type: ignore[arg-type]
    app.animation_level = "none"
    failures: dict[str, str] = {}

    def visited(where: str) -> None:
        found = leaks(where) if where.startswith("clipboard") else shown_everywhere(app)
        if found:
            failures[where.split(":")[0]] = f"{len(found)} leaks, first {found[0]}"

    await walk_every_screen(app, visited)
    assert failures == {}
