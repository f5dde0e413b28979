"""The key reference, read from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

WIDGET_ACTIONS = frozenset({"select", "first", "last", "submit"})
"""Textual's own list and input bindings worth listing; the rest (text editing,
sideways scrolling, copy) would bury newsdiff's keys in the help."""


@dataclass(frozen=True)
class KeyHelp:
    """One action in the help: where it works, its keys, what it does, its id."""

    context: str
    keys: tuple[str, ...]
    description: str
    binding_id: str | None


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The class's bindings including inherited ones; a subclass's key wins."""
    by_key: dict[str, Binding] = {}
    for klass in reversed(node_class.__mro__):
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", ())):
            by_key[binding.key] = binding
    return list(by_key.values())


def key_help(
    contexts: Iterable[tuple[str, type[DOMNode]]],
    keymap: Mapping[str, str],
    display: Callable[[Binding], str],
) -> list[KeyHelp]:
    """newsdiff's bindings (those with an id) of every context, keys as the user has them.

    Of Textual's own widget bindings only ``WIDGET_ACTIONS`` are listed.
    """
    rows: list[KeyHelp] = []
    for context, node_class in contexts:
        grouped: dict[tuple[str, str], list[Binding]] = {}
        for binding in class_bindings(node_class):
            if not binding.description or (binding.id is None and binding.action not in WIDGET_ACTIONS):
                continue
            if binding.id is not None and binding.id in keymap:
                binding = binding.with_key(keymap[binding.id])
            grouped.setdefault((binding.action, binding.description), []).append(binding)
        for (_, description), bindings in grouped.items():
            keys = tuple(dict.fromkeys(display(b) for b in bindings))
            rows.append(KeyHelp(context, keys, description, next((b.id for b in bindings if b.id), None)))
    return rows


def key_clashes(rows: Iterable[KeyHelp], rebound: Iterable[str], together: Iterable[Iterable[str]]) -> list[str]:
    """One warning per rebound binding whose key another binding also uses where both are active.

    ``together`` lists the groups of contexts active at once (a screen and
    its panels, plus what works everywhere); there, a key bound twice does
    only one of its two things, and which one depends on focus.
    """
    rows = list(rows)
    groups = [frozenset(group) for group in together]
    warnings: list[str] = []
    for binding_id in rebound:
        mine = [row for row in rows if row.binding_id == binding_id]
        for row in mine:
            shared = next(
                (
                    other
                    for other in rows
                    if other.binding_id != binding_id
                    and set(other.keys) & set(row.keys)
                    and any({row.context, other.context} <= group for group in groups)
                ),
                None,
            )
            if shared is not None:
                key = sorted(set(shared.keys) & set(row.keys))[0]
                warnings.append(
                    f"[keys] {binding_id} uses {key!r}, which is also {shared.description!r}"
                    f" ({shared.context.lower()}): one of them will not work"
                )
                break
    return warnings


def text_field_clashes(
    rows: Iterable[KeyHelp], keymap: Mapping[str, str], fields: Mapping[str, type[DOMNode]]
) -> list[str]:
    """One warning per rebound binding whose key the text field of its context takes first.

    ``fields`` gives the contexts that open with a text field focused (the
    note's text, the search line) and the field's class. A focused field
    gets a key before the screen does: a character types itself, and its
    own bindings (``ctrl+k`` deletes to the end) win, so such a key works
    only once focus has left the field.
    """
    warnings: list[str] = []
    for row in rows:
        field = fields.get(row.context)
        if field is None or row.binding_id is None or row.binding_id not in keymap:
            continue
        taken = {key: binding.description for binding in class_bindings(field) for key in binding.key.split(",")}
        for key in (key.strip() for key in keymap[row.binding_id].split(",")):
            use = "typing" if (len(key) == 1 and key.isprintable()) or key == "space" else taken.get(key)
            if use is not None:
                warnings.append(
                    f"[keys] {row.binding_id} uses {key!r}, which the {row.context.lower()} text field"
                    f" takes first ({use.lower()}): it works only when the field is not focused"
                )
                break
    return warnings
