"""Errors in the reader's own files that the user can act on."""


class StoreError(Exception):
    """A note or snapshot that cannot be read or written; ``str(error)`` is one line."""
