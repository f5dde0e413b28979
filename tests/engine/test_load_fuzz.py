"""Property tests for the loaders: arbitrary bytes, names and front matter end in an article or one ``InputError``.

Whatever a file holds, loading it either gives an article whose passages
keep their exact spans, or raises ``InputError`` with one line; nothing
else escapes (no ``UnicodeError``, ``ValueError``, ``IndexError``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.engine.decode import decode_article_bytes
from newsdiff.engine.errors import InputError
from newsdiff.engine.export import RENDERERS
from newsdiff.engine.load import article_from_text, load_paths
from newsdiff.engine.model import Article
from newsdiff.engine.segment import segment
from newsdiff.engine.story import analyze

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_KEYS = st.sampled_from(["title", "headline", "source", "outlet", "url", "date", "lang", "x-other", "Title"])
_VALUES = st.text(st.characters(blacklist_categories=["Cs"]), max_size=400)
_LINES = st.lists(st.tuples(_KEYS, _VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"), max_size=8)
_FRONT_MATTER = st.builds(
    lambda lines, close, newline, body: f"---{newline}" + newline.join(lines) + f"{newline}{close}{newline}" + body,
    _LINES,
    st.sampled_from(["---", "...", "--", ""]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.text(max_size=300),
)
_ARBITRARY_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=300).map(lambda t: t.encode("utf-16-le", "surrogatepass")),
    st.text(st.characters(max_codepoint=0xFF), max_size=300).map(lambda t: t.encode("latin-1")),
    _FRONT_MATTER.map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def assert_sound(article: Article) -> None:
    """Offsets hold, the body starts inside the text, fields are short and valid text."""
    assert 0 <= article.body_start <= len(article.text)
    for passage in segment(article):
        assert article.text[passage.start : passage.end] == passage.text
    for value in (article.title, article.source, article.url or "", article.date or "", article.language or ""):
        assert len(value) <= 2000
        value.encode("utf-8")


@FUZZ
@given(_ARBITRARY_BYTES)
def test_decoding_arbitrary_bytes_gives_text_or_one_input_error(data: bytes) -> None:
    try:
        text = decode_article_bytes(data, name="x.txt")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(text, str)
    assert "\r" not in text


@FUZZ
@given(_ARBITRARY_BYTES, st.sampled_from([".txt", ".md"]))
def test_loading_a_file_of_arbitrary_bytes_gives_a_sound_article_or_one_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        try:
            (article,) = load_paths([path])
        except InputError as error:
            assert "\n" not in str(error)
            return
        assert article.text == decode_article_bytes(data, name=str(path))
        assert_sound(article)


@FUZZ
@given(_FRONT_MATTER)
def test_front_matter_of_any_shape_keeps_offsets_and_caps_values(text: str) -> None:
    warnings: list[str] = []
    try:
        article = article_from_text(text, article_id="a", warn=warnings.append)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert article.text == text
    assert_sound(article)
    assert len(article.title) <= 300 and len(article.source) <= 300


_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b)


@pytest.mark.skipif(sys.platform == "win32", reason="file names are bytes on POSIX only")
@settings(max_examples=40, deadline=None)
@given(_NAME_BYTES)
def test_a_file_name_of_any_bytes_loads_and_exports(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        other = Path(folder) / "0.txt"
        other.write_text("Putin arrived in Hanoi on Thursday.\n", encoding="utf-8")
        try:
            Path(os.fsdecode(os.fsencode(folder) + b"/" + name + b".txt")).write_text(
                "Putin arrived in Hanoi on Thursday for talks.\n", encoding="utf-8"
            )
        except OSError:
            return  # a name the file system itself refuses (too long)
        story = analyze([Path(folder)])
        for article in story.articles:
            article.id.encode("utf-8")
            (article.path or "").encode("utf-8")
        for render in RENDERERS.values():
            render(story, []).encode("utf-8")
