"""The reader's own data: config, notes and snapshots, kept outside the story.

Headless on purpose (never imports Textual): the CLI and the app share it, and
it is tested with plain files in temporary directories.
"""
