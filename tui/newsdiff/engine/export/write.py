"""Writing an export to disk, atomically.

An export may overwrite one the reader still has open (or be interrupted),
so it is written through ``newsdiff.atomic``: the old file stays whole until
the new one is complete.
"""

from __future__ import annotations

import os

from newsdiff.atomic import write_text_atomic


def write_export(path: str | os.PathLike[str], content: str) -> None:
    """Write an export's text as UTF-8, replacing ``path`` atomically.

    Raises ``OSError`` when the file cannot be written (missing folder, no
    permission, full disk); the previous file, if any, is left as it was.
    """
    write_text_atomic(path, content, encoding="utf-8")
