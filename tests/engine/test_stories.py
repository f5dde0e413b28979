"""Sorting a pile into stories: the linkage, the grouping, furniture, and the stories export."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pile_texts import pile_articles

from newsdiff.engine.boilerplate import is_boilerplate
from newsdiff.engine.export.stories_list import STORIES_SCHEMA, stories_json, stories_text
from newsdiff.engine.linkage import average_linkage
from newsdiff.engine.load import article_from_text
from newsdiff.engine.pile_terms import headline_of, pile_terms
from newsdiff.engine.stories import (
    attach_loners,
    group_stories,
    linked_groups,
    story_vectors,
)


def test_average_linkage_merges_by_mean_similarity() -> None:
    # 0 and 1 are close; 2 is close to 1 only (mean to {0,1} is 0.25 < 0.3); 3 is alone.
    similarity = np.array(
        [
            [1.0, 0.9, 0.1, 0.0],
            [0.9, 1.0, 0.4, 0.0],
            [0.1, 0.4, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )
    assert average_linkage(similarity, 0.3) == [[0, 1], [2], [3]]
    assert average_linkage(similarity, 0.2) == [[0, 1, 2], [3]]
    assert average_linkage(similarity, 0.95) == [[0], [1], [2], [3]]


def test_clustering_part_by_part_equals_clustering_the_whole() -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(6, 64))
    rows = np.vstack([centre + rng.normal(scale=0.9, size=(12, 64)) for centre in centres]).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    for threshold in (0.1, 0.2, 0.35):
        whole = average_linkage((rows @ rows.T).astype(np.float64), threshold)
        assert sorted(linked_groups(rows, threshold)) == sorted(whole)


def test_a_pile_of_two_earthquakes_and_a_phone_is_three_stories() -> None:
    articles, events = pile_articles()
    stories = group_stories(articles)
    grouped = sorted(sorted(events[articles.index(a)] for a in story.articles) for story in stories)
    assert grouped == [["chile"] * 3, ["japan"] * 3, ["phone"] * 3]


def test_the_same_site_furniture_on_every_page_does_not_join_stories() -> None:
    articles, events = pile_articles(furniture=True)
    stories = group_stories(articles)
    assert all(len({events[articles.index(a)] for a in story.articles}) == 1 for story in stories)
    assert len(stories) == 3


def test_every_article_is_in_exactly_one_story_biggest_first() -> None:
    articles, _events = pile_articles()
    extra = article_from_text("Tennis: Serena Williams wins in Melbourne.", article_id="tennis", source="Sport")
    stories = group_stories([*articles, extra])
    ids = [a.id for story in stories for a in story.articles]
    assert sorted(ids) == sorted(a.id for a in [*articles, extra])
    assert [s.id for s in stories] == list(range(1, len(stories) + 1))
    assert [len(s.articles) for s in stories] == sorted((len(s.articles) for s in stories), reverse=True)
    assert stories[-1].articles == (extra,)


def test_a_story_names_its_sources_once_and_its_date_span() -> None:
    texts = [
        "---\ndate: 2024-03-02\n---\nNokia unveils the Lumia 2020 in Helsinki, said Pekka Lundmark.",
        "---\ndate: 2024-03-01T10:00\n---\nPekka Lundmark of Nokia unveils the Lumia 2020 in Helsinki.",
    ]
    articles = [article_from_text(t, article_id=f"a{n}", source="Wire") for n, t in enumerate(texts)]
    (story,) = group_stories(articles)
    assert story.sources == ("Wire",)
    assert (story.first_date, story.last_date) == ("2024-03-01", "2024-03-02")


def test_a_loner_joins_the_story_it_is_most_like_only_above_attach() -> None:
    rows = np.eye(3, dtype=np.float32)
    rows[2] = np.array([0.3, 0.3, 0.9], dtype=np.float32)
    rows[2] /= np.linalg.norm(rows[2])
    groups = [[0, 1], [2]]
    assert attach_loners(rows, groups, 0.2) == [[0, 1, 2]]
    assert attach_loners(rows, groups, 0.5) == [[0, 1], [2]]


def test_empty_pile_has_no_stories() -> None:
    assert group_stories([]) == ()


@pytest.mark.parametrize(
    "line",
    [
        "http://www.ny1.com/content/news/188792/woman-killed",
        "Updated 09/14/2013 01:03 PM",
        "Posted: Saturday, Sep 14 2013",
        "By Jane Doe, Staff Writer",
        "Share this article",
        "August 17, 2011",
        "Wednesday, 05 January 2011",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)


def test_a_sentence_with_a_time_is_not_furniture() -> None:
    assert not is_boilerplate("The quake struck at 10:42 local time, about 60 km north of Antofagasta, officials said.")


def test_names_and_headline_count_more_furniture_not_at_all() -> None:
    article = article_from_text(
        "http://site.example/a\nUpdated 09/14/2013 01:03 PM\nQuake hits Chile\nThe quake hit Antofagasta.",
        article_id="a",
    )
    terms = pile_terms(article)
    assert "site" not in terms and "updat" not in terms
    assert terms["antofagasta"] > terms["hit"] / 2  # a name in the body vs a headline word plus a body word
    assert terms["chile"] == 2.0  # headline weight; the headline's capitals are not names


def test_headline_of_a_web_page_is_not_its_address() -> None:
    article = article_from_text("http://site.example/a-b-c\nQuake hits Chile\nThe quake hit.", article_id="a")
    assert headline_of(article) == "Quake hits Chile"


def test_stories_json_lists_every_article_once() -> None:
    articles, _events = pile_articles()
    document = json.loads(stories_json(group_stories(articles)))
    assert document["schema"] == STORIES_SCHEMA
    listed = [entry for story in document["stories"] for entry in story["articles"]]
    assert len(listed) == len(articles)
    assert {"source", "title"} <= set(listed[0])


def test_stories_text_shows_controls_as_symbols() -> None:
    article = article_from_text("Quake \x1b[31mhits\x1b[0m Chile\nThe quake hit Chile.", article_id="a", source="X")
    text = stories_text(group_stories([article]))
    assert "\x1b" not in text
    assert "1 story in 1 article" in text


def test_vectors_are_unit_rows() -> None:
    articles, _events = pile_articles()
    vectors = story_vectors([pile_terms(a) for a in articles])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_folder_about_one_event_stays_one_story_when_a_brief_would_split_off() -> None:
    articles = [
        article_from_text(
            "Mayor opens river bridge\n\nThe mayor of Riverton opened the new Ashford river bridge on Monday morning. "
            "The Ashford bridge cost six million dollars, city officials said. Residents of Riverton cheered.",
            article_id="wire",
        ),
        article_from_text(
            "Riverton celebrates its new bridge\n\nRiverton's mayor cut the ribbon on the Ashford river bridge. "
            "Officials put the cost of the Ashford bridge at six million dollars. Crowds cheered on the bank.",
            article_id="daily",
        ),
        article_from_text(
            "In brief\n\nTraffic flows again across the water after Monday's ceremony.", article_id="brief"
        ),
    ]
    [story] = group_stories(articles)
    assert [a.id for a in story.articles] == ["wire", "daily", "brief"]
    assert len(group_stories(articles, attach=1.0, threshold=0.99)) == 1, "no two stories of three articles"
