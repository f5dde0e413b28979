"""Keep the story out of the garbage collector's full passes while it is read.

A full collection walks every object the collector tracks. With a 50-article
story, its widgets and Textual's render caches that is ~170,000 objects and
~100 ms, and Python runs one every dozen or so key presses: a stutter the
reader feels. The story and what the app builds to show it live until the
app closes, so once the story is on screen they go to the collector's
permanent generation (``gc.freeze``), which full passes skip; objects made
later are collected as usual. Unmounting the app gives them back
(``gc.unfreeze``), so a process that runs several apps (the tests) frees
each one's garbage.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Exempt every object alive now from full collections (they stay freed by refcount)."""
    gc.freeze()


def release_long_lived() -> None:
    """Let full collections see the frozen objects again."""
    gc.unfreeze()
