"""Clause splitting: a sentence that reports two things gives two parts."""

from __future__ import annotations

from newsdiff.engine.clauses import clause_spans


def parts(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in clause_spans(text)]


def test_while_clause_is_a_part_of_its_own() -> None:
    text = "Putin did not rule out sending weapons to North Korea, while warning South Korea against arming Ukraine."
    assert parts(text) == [
        "Putin did not rule out sending weapons to North Korea,",
        "while warning South Korea against arming Ukraine.",
    ]


def test_spans_cover_the_text_and_respect_offset() -> None:
    text = "Seoul will review its weapons policy; Moscow warned of a painful response."
    spans = clause_spans(text, offset=10)
    assert spans[0][0] == 10 and spans[-1][1] == 10 + len(text)
    assert all(a < b for a, b in spans)


def test_short_parts_and_attributions_stay_with_a_neighbour() -> None:
    assert len(clause_spans("Yes, he said.")) == 1
    text = "The quake struck off the coast at dawn near the main city, the U.S. Geological Survey said."
    assert len(clause_spans(text)) == 1


def test_empty_text_has_no_parts() -> None:
    assert clause_spans("") == []
