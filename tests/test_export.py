"""The exports: the JSON contract, untrusted text kept literal, self-contained HTML."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from handmade_story import HOSTILE, NOTES, handmade_story

from newsdiff.engine.export import (
    RENDERERS,
    SCHEMA,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    write_export,
)
from newsdiff.engine.export.document import citation, claim_citation, story_overview
from newsdiff.engine.export.highlights import article_runs
from newsdiff.engine.export.markdown_export import escape_markdown
from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article, Coverage, Reach, Story
from newsdiff.engine.story import analyze


@pytest.fixture(scope="module")
def story():
    return handmade_story()


@pytest.fixture(scope="module")
def exported(story) -> dict:
    return json.loads(to_json(story, NOTES))


def test_json_names_its_schema(exported: dict) -> None:
    assert exported["schema"] == SCHEMA == "newsdiff.story/1"


def test_every_export_says_which_matcher_made_the_claims(story) -> None:
    semantic = dataclasses.replace(story, matcher="use-m3")
    assert json.loads(to_json(story))["matcher"] == "lexical"
    assert json.loads(to_json(semantic))["matcher"] == "use-m3"
    assert "Matched by the lexical matcher." in to_markdown(story)
    assert "Matched by the sentence encoder use-m3." in to_html(semantic)


def test_the_overview_names_the_articles_that_share_no_claim(story) -> None:
    """Said in every export (and the report and help, which share the sentence), escaped where the format needs it."""
    one = dataclasses.replace(
        story,
        coverage=tuple(Coverage(c.article_id, 0.0, 0.0, 1.0) if c.article_id == "bugle" else c for c in story.coverage),
    )
    sentence = "1 of 3 articles (Bugle & Co) shares no claim with the others, so nothing in it is compared."
    assert story_overview(one).endswith(" " + sentence)
    assert html.escape(sentence, quote=False) in to_html(one)
    assert "shares no claim" not in to_markdown(story)

    many = Story(
        articles=tuple(Article(f"a{n}", f"Outlet {n}", "", "Text.") for n in range(5)),
        passages=(),
        claims=(),
        coverage=tuple(Coverage(f"a{n}", 0.0, 0.0, 1.0) for n in range(5)),
    )
    assert story_overview(many).endswith(
        " 5 of 5 articles (Outlet 0, Outlet 1, Outlet 2 and 2 more) share no claim with the others,"
        " so nothing in them is compared."
    )


def test_a_citation_quotes_the_passage_then_says_where_it_is_from(story) -> None:
    planet = story.article("planet")
    passage = next(p for p in story.passages_of("planet") if p.text.startswith("The mayor"))
    assert (
        citation(planet, passage)
        == "The mayor opened the new bridge on Monday. \u2014 Daily Planet, \u201cMayor opens bridge\u201d"
    )
    dated = dataclasses.replace(planet, date="2024-06-20", url="https://example.com/bridge")
    wrapped = dataclasses.replace(passage, text="The mayor opened\n  the new bridge.")
    assert citation(dated, wrapped) == (
        "The mayor opened the new bridge. \u2014 Daily Planet, \u201cMayor opens bridge\u201d,"
        " 2024-06-20, https://example.com/bridge"
    )


def test_a_claim_citation_gives_every_wording_its_flags_and_who_leaves_it_out(story) -> None:
    claim = next(c for c in story.claims if c.flags and len(c.article_ids) < len(story.articles))
    lines = claim_citation(story, claim).splitlines()
    sources = len(claim.article_ids)
    assert lines[0] == f"Claim {claim.id} ({sources} of 3 sources): {claim.summary}"
    assert lines[1 : 1 + len(claim.flags)] == [f"\u2691 {f.kind.value}: {f.detail}" for f in claim.flags]
    wordings = lines[1 + len(claim.flags) : -1]
    assert len(wordings) == len(claim.passage_ids) and all(line.startswith("- ") for line in wordings)
    left_out = [a.source for a in story.articles if a.id not in claim.article_ids]
    assert lines[-1] == f"Not found in: {', '.join(left_out)}"


def csv_rows(story, notes=()) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(story, notes))))


def test_csv_has_a_row_per_claim_and_a_column_per_articles_wording(story) -> None:
    rows = csv_rows(story, NOTES)
    assert [row["claim"] for row in rows] == [claim.id for claim in story.claims]
    header = next(csv.reader(io.StringIO(to_csv(story))))
    assert header == [
        "claim",
        "reach",
        "sources",
        "summary",
        "flags",
        "notes",
        "not_found_in",
        "no_match_found_in",
        "Daily Planet",
        "Bugle & Co",
        "Sentinel",
    ]
    for row, claim in zip(rows, story.claims, strict=True):
        assert (row["reach"], row["sources"], row["summary"]) == (
            claim.reach.value,
            str(len(claim.article_ids)),
            claim.summary,
        )
        for article in story.articles:
            said = [" ".join(story.passage(p).text.split()) for p in claim.passage_ids if p.startswith(article.id)]
            assert row[article.source] == " | ".join(said)  # empty: the article leaves the claim out
    first = rows[0]
    assert first["flags"] == " | ".join(f"{f.kind.value}: {f.detail}" for f in story.claims[0].flags)
    assert first["notes"] == "?: check the <b>day</b> [red]x[/]"  # literal: CSV has no markup to escape


def test_csv_keeps_article_text_and_notes_from_running_as_spreadsheet_formulas(story) -> None:
    planet = story.article("planet")
    passage = next(p for p in story.passages_of("planet") if p.text.startswith("The mayor"))
    claim = next(c for c in story.claims if passage.id in c.passage_ids)
    formula = '=HYPERLINK("http://evil.example","x")'
    hostile = dataclasses.replace(
        story,
        claims=tuple(dataclasses.replace(c, summary=formula) if c.id == claim.id else c for c in story.claims),
        articles=tuple(dataclasses.replace(a, source="@Planet") if a.id == planet.id else a for a in story.articles),
    )
    note = {"target": "claim", "target_id": claim.id, "mark": "", "text": "-1 for this", "created": ""}
    row = next(r for r in csv_rows(hostile, [note]) if r["claim"] == claim.id)
    assert row["summary"] == "'" + formula
    assert row["notes"] == "'-1 for this"
    assert "'@Planet" in row


def test_json_articles_carry_the_full_decoded_text(story, exported: dict) -> None:
    assert [a["id"] for a in exported["articles"]] == [a.id for a in story.articles]
    for article, record in zip(story.articles, exported["articles"], strict=True):
        assert record["text"] == article.text
        assert (record["source"], record["title"], record["path"]) == (
            article.source,
            article.title,
            article.path,
        )


def test_json_passage_offsets_cut_the_passage_text_out_of_the_article(exported: dict) -> None:
    texts = {a["id"]: a["text"] for a in exported["articles"]}
    claim_passages = [p for c in exported["claims"] for p in c["passages"]]
    article_passages = [dict(p, article=a["id"]) for a in exported["articles"] for p in a["passages"]]
    assert claim_passages and article_passages
    for passage in claim_passages + article_passages:
        assert texts[passage["article"]][passage["start"] : passage["end"]] == passage["text"]


def test_json_claims_name_their_sources_by_article_id(story, exported: dict) -> None:
    for claim, record in zip(story.claims, exported["claims"], strict=True):
        assert record["id"] == claim.id
        assert record["summary"] == claim.summary
        assert record["sources"] == list(claim.article_ids)
        assert {p["article"] for p in record["passages"]} == set(claim.article_ids)
        assert record["reach"] == claim.reach.value


def test_json_boilerplate_is_listed_with_its_article_but_in_no_claim(exported: dict) -> None:
    boilerplate = [
        (a["id"], p["start"]) for a in exported["articles"] for p in a["passages"] if p["kind"] == "boilerplate"
    ]
    in_claims = {(p["article"], p["start"]) for c in exported["claims"] for p in c["passages"]}
    assert boilerplate == [("planet", boilerplate[0][1])]
    assert not set(boilerplate) & in_claims


def test_json_keeps_word_differences_as_article_offsets(exported: dict) -> None:
    texts = {a["id"]: a["text"] for a in exported["articles"]}
    claim = next(c for c in exported["claims"] if c["id"] == "K1")
    bugle = next(p for p in claim["passages"] if p["article"] == "bugle")
    assert [texts["bugle"][d["start"] : d["end"]] for d in bugle["differs"]] == ["Tuesday"]


def test_json_exports_notes_as_given(exported: dict) -> None:
    assert exported["notes"] == [dict(note) for note in NOTES]


def test_json_keeps_untrusted_text_exactly(exported: dict) -> None:
    bugle = next(a for a in exported["articles"] if a["id"] == "bugle")
    assert HOSTILE in bugle["text"]


def test_markdown_shows_untrusted_text_escaped_never_as_syntax(story) -> None:
    markdown = to_markdown(story, NOTES)
    assert "<script>" not in markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "\\[bold red\\]x\\[/\\]" in markdown
    assert "\\*\\*not bold\\*\\*" in markdown
    assert "check the \\<b\\>day\\</b\\>" in markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("> not a quote", "\\> not a quote"),
        ("a | b", "a \\| b"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("AT&amp;T", "AT\\&amp;T"),
        ("$5 and $6", "\\$5 and \\$6"),
        ("a :rocket: at 10:00:00", "a \\:rocket: at 10:00:00"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escaping_covers_block_and_inline_syntax(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_markdown_marks_reach_in_the_article_text(story) -> None:
    markdown = to_markdown(story)
    assert "**The mayor opened the new bridge on Monday.**" in markdown
    assert "_\\<script\\>alert(1)" in markdown
    assert "~~SEE ALSO:~~" in markdown
    assert "The mayor opened the bridge on **Tuesday**." in markdown


def test_markdown_lists_claims_flags_missing_claims_and_notes(story) -> None:
    markdown = to_markdown(story, NOTES)
    assert "## Claims reported by all sources" in markdown
    assert "### K1. The mayor opened the new bridge on Monday." in markdown
    assert "Sources: Daily Planet, Bugle \\& Co, Sentinel" in markdown
    assert "- Number: \\$5 million or \\$6 million" in markdown
    assert "Leaves out claims that most other sources report:\n- K2. The bridge cost \\$5 million." in markdown
    assert "## Notes" in markdown
    assert "claim K99 (not in this story)" in markdown


def test_markdown_without_notes_has_no_notes_section(story) -> None:
    assert "## Notes" not in to_markdown(story)


def test_html_escapes_every_piece_of_untrusted_text(story) -> None:
    page = to_html(story, NOTES)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold red]x[/] **not bold**" in page
    assert "check the &lt;b&gt;day&lt;/b&gt; [red]x[/]" in page
    assert "Bugle &amp; Co" in page and "Bugle & Co" not in page


def test_html_is_self_contained(story) -> None:
    page = to_html(story, NOTES)
    references = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page, flags=re.IGNORECASE)
    assert references
    assert all(reference.startswith("#") for reference in references)
    assert "@import" not in page and "url(" not in page
    assert "<link" not in page.lower()


def test_html_internal_links_point_at_ids_on_the_page(story) -> None:
    page = to_html(story, NOTES)
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links <= ids


def test_html_highlights_each_reach_with_its_own_class_and_a_legend(story) -> None:
    page = to_html(story)
    assert '<span class="r-all" id="p-1-1"' in page
    assert '<span class="r-some" id="p-1-2"' in page
    assert '<span class="r-one" id="p-2-1"' in page
    assert '<span class="boilerplate" id="p-1-3"' in page
    assert '<span class="differs">Tuesday</span>' in page
    assert 'class="legend"' in page
    styles = re.search(r"<style>(.*)</style>", page, flags=re.DOTALL).group(1)
    for reach_class, line in (("r-all", "solid"), ("r-some", "dashed"), ("r-one", "dotted")):
        assert re.search(rf"\.{reach_class} {{[^}}]*border-bottom: 2px {line}", styles)


def test_html_article_text_reads_back_exactly_once_tags_are_removed(story) -> None:
    page = to_html(story)
    for number, article in enumerate(story.articles, start=1):
        block = re.search(rf'<article id="article-{number}">.*?<div class="text">(.*?)</div>', page, re.DOTALL)
        assert html.unescape(re.sub(r"<[^>]+>", "", block.group(1))) == article.text


def test_runs_cover_the_whole_article_in_order(story) -> None:
    for article in story.articles:
        runs = article_runs(story, article)
        assert "".join(article.text[r.start : r.end] for r in runs) == article.text
        assert all(a.end == b.start for a, b in pairwise(runs))
    bugle = story.article("bugle")
    bugle_runs = article_runs(story, bugle)
    assert [bugle.text[r.start : r.end] for r in bugle_runs if r.differs] == ["Tuesday"]
    assert {r.reach for r in bugle_runs if r.passage} == {Reach.ALL, Reach.ONE}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_format_renders_a_story_without_notes_or_claims(name: str) -> None:
    lonely = Story(articles=(Article("a", "Solo", "", "   \n"),), passages=(), claims=(), coverage=())
    assert RENDERERS[name](lonely, ()).endswith("\n")


def test_write_export_writes_utf8_text(tmp_path, story) -> None:
    target = tmp_path / "story.md"
    write_export(target, to_markdown(story))
    assert target.read_text(encoding="utf-8") == to_markdown(story)


def test_notes_keep_the_apps_own_fields_and_become_json_safe(story) -> None:
    note = {
        "id": "n1",
        "target": "passage",
        "target_id": "planet:2",
        "mark": None,
        "text": "which figure?",
        "created": datetime(2024, 6, 20, 10, 0, tzinfo=UTC),
        "start": 63,
        "end": 82,
    }
    [exported_note] = json.loads(to_json(story, [note]))["notes"]
    assert exported_note == {**note, "created": "2024-06-20T10:00:00+00:00"}
    markdown = to_markdown(story, [note])
    assert "- **On Daily Planet: It cost \\$5 million.** (2024-06-20T10:00:00+00:00)  \n  which figure?" in markdown
    assert '<a href="#p-1-2">Daily Planet: It cost $5 million.</a> <span class="created">' in to_html(story, [note])


def test_an_edited_note_says_when_it_was_edited_and_a_mark_only_note_has_no_dangling_colon(story) -> None:
    claim = story.claims[0]
    note = {
        "target": "claim",
        "target_id": claim.id,
        "mark": "dispute",
        "text": "",
        "created": "2024-06-20T10:00:00+00:00",
        "updated": "2024-06-21T09:30:00+00:00",
    }
    when = "2024-06-20T10:00:00+00:00, edited 2024-06-21T09:30:00+00:00"
    assert f"({when})" in to_markdown(story, [note])
    assert f'<span class="created">{when}</span>' in to_html(story, [note])
    row = next(r for r in csv_rows(story, [note]) if r["claim"] == claim.id)
    assert row["notes"] == "dispute"


def test_markdown_renders_untrusted_text_as_plain_text_and_highlights_as_emphasis(story) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(to_markdown(story, NOTES))
    assert "<script>" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold red]x[/] **not bold** said one resident." in rendered
    assert "<strong>The mayor opened the new bridge on Monday.</strong>" in rendered
    assert "<em>&lt;script&gt;alert(1)" in rendered
    assert "<s>SEE ALSO:</s>" in rendered
    assert "on <strong>Tuesday</strong>." in rendered
    assert "<td>Bugle &amp; Co</td>" in rendered


def test_exports_for_people_show_control_characters_as_symbols_and_json_keeps_them() -> None:
    texts = {
        "Bugle\x1b]0;owned\x07": "The mayor opened the bridge \x1b[31mon Monday\x1b[0m.\nIt cost $5 million.\n",
        "Planet": "The mayor opened the bridge on Monday.\nIt cost $6 million.\n",
    }
    articles = [
        article_from_text(text, article_id=f"a{n}", source=name) for n, (name, text) in enumerate(texts.items())
    ]
    story = analyze(articles)
    controls = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    for render in (to_markdown, to_html, to_csv):
        rendered = render(story, ())
        assert not controls.search(rendered), render.__name__
        shown = rendered.replace("\\", "")  # Markdown escapes the brackets
        assert "␛[31mon Monday␛[0m" in shown and "Bugle␛]0;owned␇" in shown
    data = json.loads(to_json(story, ()))
    assert data["articles"][0]["text"] == articles[0].text


def test_json_escapes_c1_and_bidi_controls_and_keeps_the_text_exact() -> None:
    text = "The toll rose to \u202e12\u202c on Monday\u200f.\x9b31m Officials \x1b]0;x\x07 said.\n"
    story = analyze([article_from_text(text, article_id="a1", source="Wire")])
    document = to_json(story)
    assert not set(document) & set("\x1b\x07\x9b\u202e\u202c\u200f")
    assert "\\u202e12\\u202c" in document and "\\u009b31m" in document
    assert json.loads(document)["articles"][0]["text"] == text
