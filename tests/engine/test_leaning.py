"""A sentence whose subject is a pronoun leans on the sentence before it (made-up sentences)."""

from __future__ import annotations

import pytest

from newsdiff.engine.leaning import leaning_variants, leans_on_previous
from newsdiff.engine.model import Passage, PassageKind


def passages(article_id: str, *texts: str, first: PassageKind = PassageKind.SENTENCE) -> list[Passage]:
    found, start = [], 0
    for index, text in enumerate(texts):
        kind = first if index == 0 else PassageKind.SENTENCE
        found.append(Passage(f"{article_id}:{index}", article_id, index, start, start + len(text), text, kind=kind))
        start += len(text) + 1
    return found


@pytest.mark.parametrize(
    "text",
    ["It also gets storage up to 512 GB.", "And it gets USB 3.0 ports.", "They will cost more.", "Its battery lasts."],
)
def test_a_sentence_whose_subject_is_a_pronoun_leans_on_the_one_before(text: str) -> None:
    assert leans_on_previous(text)


@pytest.mark.parametrize("text", ["The Zephyr Air gets faster chips.", "Italy won the match.", "It-support is closed."])
def test_a_sentence_that_names_its_subject_leans_on_nothing(text: str) -> None:
    assert not leans_on_previous(text)


def test_a_leaning_sentence_is_about_the_variant_the_sentence_before_names() -> None:
    found = leaning_variants(
        passages("a", "The Zephyr Air gets faster chips.", "It also gets 512 GB of storage.", "And it gets a camera.")
    )
    assert found == {"a:1": {("zephyr", "air", "air")}, "a:2": {("zephyr", "air", "air")}}


def test_nothing_leans_across_articles_or_on_page_furniture() -> None:
    found = leaning_variants(
        [
            *passages("a", "The Zephyr Air gets faster chips."),
            *passages("b", "Updated by the Zephyr Pro desk", "It also gets 512 GB.", first=PassageKind.BOILERPLATE),
        ]
    )
    assert found == {}
