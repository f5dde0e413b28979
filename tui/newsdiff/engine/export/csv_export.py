"""The story's claims as a spreadsheet: one row per claim, one column per article's wording.

For researchers who tally coverage in a spreadsheet rather than a script:
a row says who reports a claim, how the sources disagree (the flags), the
reader's notes on it, the sources where it was not found (none of their
passages comes near) and where no match was found (with the closest passage
and its score), and each article's own words, so filtering a column shows
what one outlet carried and an empty cell what the matcher did not find there.

Article text is data here too. A spreadsheet runs a cell that starts with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) as a formula, so
such a cell gets a leading apostrophe, the usual guard, which spreadsheets
hide.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from newsdiff.engine.control_chars import visible_controls
from newsdiff.engine.export.document import absences, claim_passages, near_miss_line
from newsdiff.engine.export.notes import ReaderNote, reader_notes
from newsdiff.engine.model import Claim, Story

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FIXED_COLUMNS = ("claim", "reach", "sources", "summary", "flags", "notes", "not_found_in", "no_match_found_in")
SEPARATOR = " | "
"""Between several flags, notes or passages in one cell."""


def to_csv(story: Story, notes: Sequence[Mapping[str, object]] = ()) -> str:
    """The claims as CSV (RFC 4180, a header row, then the claims in story order)."""
    read = reader_notes(notes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*FIXED_COLUMNS, *(_cell(article.source) for article in story.articles)])
    for claim in story.claims:
        writer.writerow([_cell(value) for value in _row(story, claim, read)])
    return buffer.getvalue()


def _row(story: Story, claim: Claim, notes: Sequence[ReaderNote]) -> list[str]:
    wording: dict[str, list[str]] = {article.id: [] for article in story.articles}
    for passage in claim_passages(story, claim):
        wording[passage.article_id].append(" ".join(passage.text.split()))
    on_claim = [
        note
        for note in notes
        if (note.target == "claim" and note.target_id == claim.id)
        or (note.target == "passage" and note.target_id in claim.passage_ids)
    ]
    absent = absences(story, [claim])
    return [
        claim.id,
        claim.reach.value,
        str(len(claim.article_ids)),
        claim.summary,
        SEPARATOR.join(f"{flag.kind.value}: {flag.detail}" for flag in claim.flags),
        SEPARATOR.join(note.heading for note in on_claim),
        SEPARATOR.join(article.source for article in absent.not_found),
        SEPARATOR.join(near_miss_line(story, miss) for miss in absent.no_match),
        *(SEPARATOR.join(wording[article.id]) for article in story.articles),
    ]


def _cell(value: str) -> str:
    """The value, control characters visible, with a leading apostrophe when a spreadsheet would run it as a formula."""
    value = visible_controls(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
