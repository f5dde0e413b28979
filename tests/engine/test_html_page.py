"""Saved web pages as articles: the article found among the page's clutter, its metadata, and errors."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import pytest

from newsdiff.engine.errors import InputError
from newsdiff.engine.html_page import read_page
from newsdiff.engine.load import load_paths

PARAGRAPHS = (
    (
        "HANOI, June 20 (Wire) - The president said on Thursday that his country might supply weapons "
        "to the north, in what he called a mirror response to the arming of its neighbour."
    ),
    "He was speaking to reporters a day after signing a mutual defence agreement with the north's leader.",
    "Critics called it a &lt;script&gt; [bold red]reckless[/] step &amp; a threat to the region.",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>President does not rule out arming the north | Daily Wire</title>
<meta property="og:site_name" content="Daily Wire">
<meta property="og:title" content="President does not rule out arming the north">
<meta name="article:published_time" content="2024-06-20T10:00:00Z">
<link rel="canonical" href="https://www.example.com/world/arms-2024-06-20/">
<script>var tracking = "do not show this";</script>
<style>body {{ font: 1em serif }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
<article>
<h1>President does not rule out arming the north</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article>
<footer>Copyright 2024 Daily Wire. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.fixture
def trafilatura() -> None:
    """Skip where the extra is not installed; an installed but broken one (a missing part) fails."""
    pytest.importorskip("trafilatura", exc_type=ModuleNotFoundError)


def unescaped(paragraph: str) -> str:
    return paragraph.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_the_article_text_is_found_and_the_clutter_left_out(trafilatura) -> None:
    page = read_page(PAGE, "wire.html")
    assert page.text.split("\n\n")[-3:] == [unescaped(p) for p in PARAGRAPHS]
    for clutter in ("tracking", "Markets", "Privacy policy", "font:"):
        assert clutter not in page.text


def test_the_page_names_its_title_outlet_url_and_date(trafilatura) -> None:
    page = read_page(PAGE, "wire.html")
    assert page.title == "President does not rule out arming the north"
    assert page.source == "Daily Wire"
    assert page.url == "https://www.example.com/world/arms-2024-06-20/"
    assert page.date == "2024-06-20"


def test_a_page_in_a_folder_is_an_article_beside_text_files(trafilatura, tmp_path: Path) -> None:
    (tmp_path / "wire.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "ap.txt").write_text("The president did not rule out arming the north.", encoding="utf-8")
    text, page = load_paths([tmp_path])
    assert (page.source, page.title, page.path) == (
        "Daily Wire",
        "President does not rule out arming the north",
        str(tmp_path / "wire.html"),
    )
    assert text.source == "AP"
    # Markup-looking words of the article are its text, as written (the app and exports keep them literal).
    assert "a <script> [bold red]reckless[/] step & a threat" in page.text


def test_a_page_without_article_text_is_one_line(trafilatura, tmp_path: Path) -> None:
    """A page saved before its script filled it in (the text never reached the file)."""
    shell = '<html><head><script src="app.js"></script></head><body><div id="root"></div></body></html>'
    (tmp_path / "shell.html").write_text(shell, encoding="utf-8")
    with pytest.raises(InputError, match=r"^.*shell\.html: no article text found in the page$"):
        load_paths([tmp_path / "shell.html"])


def test_a_broken_install_of_the_extra_says_so_in_one_line(monkeypatch, tmp_path: Path) -> None:
    real_import = builtins.__import__

    def lxml_6_without_the_cleaner(name: str, *args, **kwargs):
        if name == "trafilatura":  # what importing it raised with lxml 6 and no lxml_html_clean
            raise ImportError("lxml.html.clean module is now a separate project", name="lxml.html.clean")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", lxml_6_without_the_cleaner)
    (tmp_path / "wire.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_paths([tmp_path / "wire.html"])
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'wire.html'}: trafilatura cannot load (")
    assert message.endswith("reinstall: pip install 'newsdiff[html]'") and "\n" not in message


def test_without_the_extra_a_page_is_one_line_naming_the_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    (tmp_path / "wire.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_paths([tmp_path / "wire.html"])
    assert (
        str(raised.value)
        == f"{tmp_path / 'wire.html'}: reading web pages needs the html extra (pip install 'newsdiff[html]')"
    )
