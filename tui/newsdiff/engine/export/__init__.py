"""Story exports: JSON (the shared contract), Markdown and HTML documents, a CSV of the claims.

Each renderer is a pure function of a ``Story`` and optional reader notes
(plain mappings: ``target``, ``target_id``, ``mark``, ``text``, ``created``)
that returns text; ``write_export`` puts that text on disk atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from newsdiff.engine.export.csv_export import to_csv
from newsdiff.engine.export.html_export import to_html
from newsdiff.engine.export.json_export import SCHEMA, to_json
from newsdiff.engine.export.markdown_export import to_markdown
from newsdiff.engine.export.write import write_export
from newsdiff.engine.model import Story

Renderer = Callable[[Story, Sequence[Mapping[str, object]]], str]

RENDERERS: Mapping[str, Renderer] = {"json": to_json, "md": to_markdown, "html": to_html, "csv": to_csv}
"""Export formats by the name the CLI and the app offer them under."""

__all__ = ["RENDERERS", "SCHEMA", "Renderer", "to_csv", "to_html", "to_json", "to_markdown", "write_export"]
