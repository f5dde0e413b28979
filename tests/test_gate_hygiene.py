"""The front ends reach the terminal only through the gate (``engine.safe_text``): checked on their source.

``tests/app/test_injection_corpus.py`` shows that today's screens, report,
exports and messages let no escape sequence out; this keeps it so for the
next screen. The app, ``report`` and ``cli`` make their Rich text with
``ShownText``, their Textual text with ``shown_content``, their text
fields are ``ShownInput``, and the CLI prints through ``_say``; a string that Textual would parse as markup or
print as it is (an f-string, a variable) is never handed to a widget.
Toasts and the clipboard are gated where the app overrides ``notify`` and
``copy_to_clipboard``, so they need no rule here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui" / "newsdiff"
FRONT_ENDS = sorted([*PACKAGE.glob("app/**/*.py"), PACKAGE / "report.py", PACKAGE / "cli.py"])
GATES = {PACKAGE / "app" / "shown.py"}
"""Where raw ``Content`` may be made: the gate itself."""

RAW_TEXT = {"Text": "ShownText", "Content": "shown_content", "Input": "ShownInput"}
"""Rich's and Textual's text types and text field, which keep every control character, and what to use instead."""
RAW_CLASS_METHODS = {"assemble", "from_markup", "from_ansi", "styled", "from_text", "from_rich_text"}
WIDGETS = {"Static", "Label", "Button", "Option", "ShownInput", "SystemCommand", "Rule", "Padding"}
"""Textual and Rich classes that show a ``str`` they are given (most as markup)."""
TEXT_KEYWORDS = {"placeholder", "title", "help", "content", "renderable", "label", "prompt"}
"""Keywords that carry text to show (a ``ShownInput``'s ``value`` is gated by the field itself)."""


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def _is_gated(node: ast.expr) -> bool:
    """A literal (the program's own words) or a call's result (a gate, or a function building ``ShownText``)."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.Call)


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_text_for_the_screen_is_made_only_through_the_gate(path: Path) -> None:
    if path in GATES:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for call in _calls(tree):
        name = _name(call)
        base, _, method = name.partition(".")
        if name in RAW_TEXT or (base in RAW_TEXT and method in RAW_CLASS_METHODS):
            problems.append(
                f"{_where(path, call)}: {name}(...) keeps control characters; use ShownText or shown_content"
            )
        if base in WIDGETS and not method:
            shown = [*call.args[:1], *(k.value for k in call.keywords if k.arg in TEXT_KEYWORDS)]
            problems.extend(
                f"{_where(path, call)}: {name} is given text that has not been through the gate"
                for argument in shown
                if not _is_gated(argument)
            )
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            problems.extend(
                f"{_where(path, node)}: {node.name} is a raw {base.id}; subclass {RAW_TEXT[base.id]}"
                for base in node.bases
                if isinstance(base, ast.Name) and base.id in RAW_TEXT
            )
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in ("border_title", "border_subtitle"):
                    value = node.value
                    gated = isinstance(value, ast.Call) and _name(value) == "shown_content"
                    if not gated:
                        problems.append(f"{_where(path, node)}: {target.attr} must be shown_content(...)")
    assert problems == []


def test_the_cli_prints_only_through_say() -> None:
    path = PACKAGE / "cli.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    say = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "_say")
    inside = {id(call) for call in _calls(say)}
    prints = [_where(path, call) for call in _calls(tree) if _name(call) == "print" and id(call) not in inside]
    assert prints == []


def test_the_app_gates_every_toast_and_copy() -> None:
    from textual.app import App

    from newsdiff.app.app import NewsdiffApp

    assert NewsdiffApp.notify is not App.notify
    assert NewsdiffApp.copy_to_clipboard is not App.copy_to_clipboard
