"""Errors the user can act on.

Bad input is normal for a tool fed with files from the web, so it must end
in one clear line, never a traceback: every loader and exporter raises
``InputError`` with a message written for the reader of a terminal.
"""


class InputError(Exception):
    """Input that cannot be analysed; ``str(error)`` is one line for the user."""
