"""The benchmark story generator: deterministic, the asked size, and text the engine reads.

The benchmarks (tests/benchmarks/scale.py, app_speed.py) compare figures
across runs and machines, which only means something if the same seed gives
the same story; their quality figures use the generator's fact labels as
gold, which only means something if those labels sit on the article text.
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest

from newsdiff.engine.segment import segment

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import CORPUS, build_story, generate_story, reword, write_story

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/ecb beside the project")


def test_same_seed_gives_the_same_articles() -> None:
    assert generate_story(5, 12, seed=7) == generate_story(5, 12, seed=7)


def test_another_seed_gives_other_articles() -> None:
    texts = [a.text for a in generate_story(5, 12, seed=7)]
    assert texts != [a.text for a in generate_story(5, 12, seed=8)]


def test_story_has_the_asked_articles_and_sentences() -> None:
    story = build_story(6, 15, seed=1)
    assert len(story.articles) == 6
    assert len({a.id for a in story.articles}) == 6
    assert len({a.source for a in story.articles}) == 6
    assert [len(sentences) for sentences in story.sentences] == [15] * 6


def test_fact_labels_tile_the_article_body() -> None:
    story = build_story(4, 10, seed=2)
    for article, sentences in zip(story.articles, story.sentences, strict=True):
        assert sentences[0].start >= article.body_start
        assert not article.text[article.body_start : sentences[0].start].strip()
        for sentence, following in itertools.pairwise(sentences):
            text = article.text[sentence.start : sentence.end]
            assert text and text == text.strip()
            assert sentence.end <= following.start
            assert not article.text[sentence.end : following.start].strip()


def test_popular_facts_are_widely_reported_and_outlets_keep_some_their_own() -> None:
    story = build_story(8, 20, seed=3)
    reports = [s.fact for sentences in story.sentences for s in sentences]
    counts = sorted((reports.count(f) for f in set(reports)), reverse=True)
    assert counts[0] >= 6, "the most popular fact is in most articles"
    assert counts[-1] == 1, "some sentences only one outlet reports"


def test_articles_segment_into_passages() -> None:
    for article in generate_story(3, 10, seed=4):
        passages = [p for p in segment(article) if p.is_content]
        assert len(passages) >= 8
        assert all(article.text[p.start : p.end] == p.text for p in passages)


def test_reword_keeps_the_facts_words_mostly() -> None:
    sentence = "After the storm hit the coast, police said 12 people were injured."
    rng = random.Random(0)
    for _ in range(20):
        variant = reword(sentence, rng)
        assert "12" in variant and "storm" in variant


def test_written_folder_holds_one_file_per_article(tmp_path: Path) -> None:
    articles = generate_story(3, 5, seed=5)
    write_story(articles, tmp_path / "story")
    files = sorted((tmp_path / "story").iterdir())
    assert [f.stem for f in files] == [a.id for a in articles]
    assert [f.read_text(encoding="utf-8") for f in files] == [a.text for a in articles]
