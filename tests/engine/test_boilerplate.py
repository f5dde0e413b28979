"""Page furniture and datelines."""

from __future__ import annotations

import pytest

from newsdiff.engine.boilerplate import dateline_length, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "SEE ALSO:",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "Read more »",
        "Related:",
        "Also read",
        "Share this article",
        "Story continues below advertisement",
        "Click here to subscribe",
        "Sign up for our newsletter",
        "READ MORE: Putin visits Pyongyang",
        "Related: Kim hosts Putin",
        "© 2024 Reuters",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "***",
        "---",
        "Advertisement · Scroll to continue",
        "Share | Subscribe",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Putin said Russia may arm North Korea.",
        "Read more about the treaty in the report published on Thursday.",
        "Related talks are planned for next week.",
        "Advertisement revenue fell sharply at the agency last year.",
        "Click here and there: officials say the website that hosts the treaty text was "
        "down for hours on Thursday after heavy traffic.",
        "See also the statement by the Kremlin.",
        "Share · Putin signs the treaty",
        "Moscow / Pyongyang",
    ],
)
def test_sentences_that_only_mention_furniture_words_are_content(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("dateline", "content"),
    [
        ("JAKARTA - ", "Russian President Vladimir Putin said"),
        ("WASHINGTON (Reuters) - ", "The United States said"),
        ("LONDON, June 20 (AP) — ", "Britain said"),
        ("NEW YORK -- ", "Stocks fell"),
        ("Kyiv, Ukraine (AP) — ", "Ukraine said"),
    ],
)
def test_datelines(dateline: str, content: str) -> None:
    assert dateline_length(dateline + content) == len(dateline)


@pytest.mark.parametrize(
    "sentence",
    [
        "PRESIDENT Vladimir Putin said Russia may arm North Korea.",
        "US - China talks resumed on Monday.",
        "Putin - who spoke in Hanoi - said so.",
        "JAKARTA -",
    ],
)
def test_not_datelines(sentence: str) -> None:
    assert dateline_length(sentence) == 0
