"""Articles by link and feed, against a local HTTP server (never the internet).

The server plays the web a reader meets: article pages wrapped in
navigation, a cookie banner, adverts, related links and a footer; a
redirect; a 404; a slow answer; a huge body; a PDF; RSS and Atom feeds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsdiff.cli import main
from newsdiff.engine.errors import InputError
from newsdiff.web.feeds import looks_like_feed, parse_feed
from newsdiff.web.fetch import Fetched, Fetcher, FetchFailure, PageCache, is_url
from newsdiff.web.sources import read_sources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

FURNITURE = (
    "Accept all cookies",
    "Subscribe to our newsletter",
    "Sponsored: best mortgage rates",
    "Related: Ten things to know",
    "Copyright Example Media",
)


def page(title: str, site: str, paragraphs: list[str]) -> str:
    """An article page as news sites send them: the article among everything else."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta name="date" content="2024-06-20"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner"><p>{FURNITURE[0]}</p><button>OK</button></div>
<aside class="newsletter"><p>{FURNITURE[1]}</p></aside>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside class="ad"><p>{FURNITURE[2]}</p></aside>
<section class="related"><h2>{FURNITURE[3]}</h2><ul><li><a href="/x">Another story</a></li></ul></section>
<footer><p>{FURNITURE[4]}</p></footer></body></html>"""


def seed_paragraphs(path: Path) -> tuple[str, list[str]]:
    """The headline and body paragraphs of a bundled sample article."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], lines[1:]


def serve_seed_pages(httpserver: HTTPServer) -> list[str]:
    """The three sample articles as pages of three sites; their links."""
    links = []
    for number, path in enumerate(SEEDS):
        title, paragraphs = seed_paragraphs(path)
        route = f"/news/story-{number}"
        html = page(title, f"Site {number}", paragraphs)
        httpserver.expect_request(route).respond_with_data(html, content_type="text/html; charset=utf-8")
        links.append(httpserver.url_for(route))
    return links


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>World news</title>{items}</channel></rss>'


def atom(links: list[str]) -> str:
    entries = "".join(
        f'<entry><title>Entry {n}</title><link href="{link}"/><id>urn:{n}</id></entry>' for n, link in enumerate(links)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>{entries}</feed>'


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))


def export_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[dict[str, object], str]:
    status = main(["export", "--format", "json", *arguments])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return json.loads(captured.out), captured.err


def test_a_story_from_three_links_keeps_the_articles_and_drops_the_page_around_them(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = serve_seed_pages(httpserver)
    document, _ = export_json(capsys, *links)
    articles = document["articles"]
    assert [a["source"] for a in articles] == ["Site 0", "Site 1", "Site 2"]
    assert [a["url"] for a in articles] == links
    for article, path in zip(articles, SEEDS, strict=True):
        title, paragraphs = seed_paragraphs(path)
        assert article["title"] == title
        assert paragraphs[-1] in article["text"]
        assert not any(furniture in article["text"] for furniture in FURNITURE)
        for passage in article["passages"]:
            assert article["text"][passage["start"] : passage["end"]] == passage["text"]
    shared = [c for c in document["claims"] if len(c["sources"]) > 1]
    assert len(shared) >= 5, "the three reports of one event share claims as their files do"


def test_every_request_names_newsdiff(httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    links = serve_seed_pages(httpserver)
    export_json(capsys, *links)
    agents = {request.headers.get("User-Agent", "") for request, _ in httpserver.log}
    assert agents and all(agent.startswith("newsdiff/") for agent in agents)


def test_a_redirect_is_followed_and_the_article_keeps_the_address_it_came_from(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = serve_seed_pages(httpserver)
    httpserver.expect_request("/short/1").respond_with_data("", status=301, headers={"Location": links[0]})
    document, _ = export_json(capsys, httpserver.url_for("/short/1"), *links[1:])
    assert document["articles"][0]["url"] == links[0]


def test_a_broken_link_is_one_warning_and_the_rest_of_the_story_opens(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = serve_seed_pages(httpserver)
    httpserver.expect_request("/gone").respond_with_data("not here", status=404, content_type="text/html")
    httpserver.expect_request("/paper.pdf").respond_with_data(b"%PDF-1.7", content_type="application/pdf")
    document, err = export_json(
        capsys, links[0], httpserver.url_for("/gone"), links[1], httpserver.url_for("/paper.pdf")
    )
    assert len(document["articles"]) == 2
    warnings = [line for line in err.splitlines() if line.startswith("newsdiff: ")]
    assert any("/gone: the server answered 404" in line for line in warnings), err
    assert any("/paper.pdf: not a web page or feed (application/pdf)" in line for line in warnings), err
    assert "Traceback" not in err


def test_when_every_link_fails_the_command_ends_with_one_line(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    assert main(["export", httpserver.url_for("/gone")]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("newsdiff: error: no usable article")
    assert "Traceback" not in err


def test_a_slow_page_times_out_and_a_huge_one_is_cut_off(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response("<html><body><p>late</p></body></html>", content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/huge").respond_with_data("<p>" + "word " * 50_000 + "</p>", content_type="text/html")
    fetcher = Fetcher(cache=None, timeout=0.5, max_bytes=100_000)
    (huge_result,) = fetcher.fetch_all([httpserver.url_for("/huge")])
    (slow_result,) = fetcher.fetch_all([httpserver.url_for("/slow")])  # last: the test server answers one at a time
    assert isinstance(slow_result, FetchFailure) and slow_result.reason == "timed out after 0.5 s"
    assert isinstance(huge_result, FetchFailure) and huge_result.reason.startswith("too large")


def test_a_feed_link_stands_for_the_articles_it_lists(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = serve_seed_pages(httpserver)
    httpserver.expect_request("/feed.rss").respond_with_data(rss(links), content_type="application/rss+xml")
    document, _ = export_json(capsys, httpserver.url_for("/feed.rss"))
    assert [a["url"] for a in document["articles"]] == links


def test_several_feeds_one_of_them_a_file_make_one_reading_list(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    links = serve_seed_pages(httpserver)
    httpserver.expect_request("/atom").respond_with_data(atom(links[:2]), content_type="text/xml")
    feed_file = tmp_path / "saved.rss"
    feed_file.write_text(rss(links[2:]), encoding="utf-8")
    document, _ = export_json(capsys, httpserver.url_for("/atom"), str(feed_file))
    assert [a["url"] for a in document["articles"]] == links


def test_a_story_from_links_reopens_offline_and_refresh_fetches_again(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = serve_seed_pages(httpserver)
    first, _ = export_json(capsys, *links)
    requests = len(httpserver.log)
    httpserver.clear()  # the site is gone: only the kept copies can answer
    again, _ = export_json(capsys, *links)
    assert again["claims"] == first["claims"] and len(httpserver.log) == 0
    links = serve_seed_pages(httpserver)
    export_json(capsys, "--refresh", *links)
    assert len(httpserver.log) == requests


def test_a_damaged_page_cache_entry_is_fetched_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "<html><body><p>Text.</p></body></html>", content_type="text/html"
    )
    cache = PageCache(tmp_path / "pages")
    link = httpserver.url_for("/a")
    (result,) = Fetcher(cache=cache).fetch_all([link])
    assert isinstance(result, Fetched)
    cache.put(result)
    for entry in (tmp_path / "pages").iterdir():
        entry.write_text("[" * 100_000, encoding="utf-8")
    assert cache.get(link) is None


def test_links_are_told_from_paths() -> None:
    assert is_url("https://example.com/a") and is_url("http://127.0.0.1:8080/x")
    assert not is_url("example.com/a") and not is_url("ftp://example.com/a") and not is_url("https://")


def test_a_feed_is_known_by_its_first_element_not_its_media_type() -> None:
    assert looks_like_feed('\ufeff<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0"></rss>')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    assert not looks_like_feed('<?xml version="1.0"?><urlset></urlset>')
    assert not looks_like_feed("<!DOCTYPE html><html><body><p>rss</p></body></html>")


def test_feed_items_without_an_http_link_are_counted_not_followed() -> None:
    feed = parse_feed(rss(["https://example.com/a", "javascript:alert(1)", "/relative"]))
    assert [item.link for item in feed.items] == ["https://example.com/a"]
    assert feed.skipped == 2


def test_paths_alone_need_no_web_extra(tmp_path: Path) -> None:
    assert read_sources([tmp_path / "a.txt"], cache_folder=None) == [tmp_path / "a.txt"]


def test_a_feed_file_that_is_no_feed_is_left_out_with_a_reason(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<?xml version='1.0'?><rss><channel><item>", encoding="utf-8")
    warnings: list[str] = []
    with pytest.raises(InputError, match="no usable article"):
        read_sources([bad], cache_folder=None, warn=warnings.append)
    assert warnings and warnings[0].startswith(f"left out {bad}")
