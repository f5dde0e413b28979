"""Fixtures for the app tests: isolated user folders and ready-made stories."""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsdiff.app.app import NewsdiffApp
from newsdiff.engine import story as story_module
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Story
from newsdiff.engine.story import analyze

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (Pilot needs one; no plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point config, notes and snapshots at a temporary folder for every test."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return tmp_path


@pytest.fixture(scope="session")
def seeds_story() -> Story:
    return analyze([SEEDS])


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def story_from_texts() -> Callable[[dict[str, str]], Story]:
    """Analyse raw texts into a story, one article per source name (ids a1, a2...)."""

    def build(texts: dict[str, str]) -> Story:
        articles = [
            article_from_text(text, article_id=f"a{n}", source=source)
            for n, (source, text) in enumerate(texts.items(), start=1)
        ]
        return analyze(articles)

    return build


@pytest.fixture
def make_app() -> Callable[..., NewsdiffApp]:
    """An app with animations off, showing a story or analysing sources (with the lexical matcher unless told)."""

    def make(story: Story | None = None, **options: object) -> NewsdiffApp:
        options.setdefault("semantic", False)  # the lexical matcher unless a test asks: fast and deterministic
        app = NewsdiffApp(story=story, **options)  # type: ignore[arg-type]
        app.animation_level = "none"
        return app

    return make


@pytest.fixture
def matching_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Hold the engine at the start of matching (``started``) until the test sets ``release``."""
    started, release = threading.Event(), threading.Event()
    cluster = story_module.cluster_passages

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(30)  # a failing test never leaves the thread waiting for long
        return cluster(*args, **kwargs)

    monkeypatch.setattr(story_module, "cluster_passages", held)
    try:
        yield started, release
    finally:
        release.set()
