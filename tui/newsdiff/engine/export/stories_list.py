"""A pile's stories as text or JSON (``newsdiff stories``).

The JSON is the ``newsdiff.stories/1`` contract: every input article is in
exactly one story, named by its path (or URL, for a page given by address),
source and headline, so a script can pick a story and pass its files on.
The text is for a terminal: control characters in titles, sources and file
names are shown as symbols (``control_chars``), never sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsdiff.engine.control_chars import visible_controls
from newsdiff.engine.model import Article
from newsdiff.engine.pile_terms import headline_of
from newsdiff.engine.stories import PileStory

STORIES_SCHEMA = "newsdiff.stories/1"


def stories_json(stories: Sequence[PileStory]) -> str:
    """The ``newsdiff.stories/1`` document, indented, with a final newline."""
    document = {
        "schema": STORIES_SCHEMA,
        "stories": [
            {"id": story.id, "title": story.title, "articles": [_article(a) for a in story.articles]}
            for story in stories
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stories_text(stories: Sequence[PileStory]) -> str:
    """One block per story: id, headline, counts and date span, then one line per article."""
    total = sum(len(story.articles) for story in stories)
    lines = [f"{_count(len(stories), 'story', 'stories')} in {_count(total, 'article', 'articles')}"]
    width = len(str(len(stories)))
    for story in stories:
        lines.append("")
        lines.append(f"{story.id:>{width}}  {visible_controls(story.title)}")
        lines.append(f"{'':>{width}}  {story_counts(story)}")
        lines.extend(
            f"{'':>{width}}    {visible_controls(a.path or a.url or a.id)}  {visible_controls(a.source)}"
            for a in story.articles
        )
    return "\n".join(lines) + "\n"


def story_counts(story: PileStory) -> str:
    """ "12 articles, 9 outlets, 2013-09-14 to 2013-09-16": what a list of stories says of one."""
    parts = [
        _count(len(story.articles), "article", "articles"),
        _count(len(story.sources), "outlet", "outlets"),
    ]
    if story.first_date:
        same = story.first_date == story.last_date
        parts.append(story.first_date if same else f"{story.first_date} to {story.last_date}")
    return ", ".join(parts)


def _article(article: Article) -> dict[str, str]:
    where = {"path": article.path} if article.path else {"url": article.url} if article.url else {"id": article.id}
    return {**where, "source": article.source, "title": headline_of(article)}


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
