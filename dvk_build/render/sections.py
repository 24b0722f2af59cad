"""The model page's step sections, derived from the field declarations (config.yaml `dossier:`).

A field's `show` names its display in templates/_fields.j2: `fact` or a `fact_*` macro is one line of
the section's facts (one list, placed where its first fact is declared), a `block_*` macro stands
alone where the field is declared, a `part_*` macro is a sub-section with its own heading after the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..fields import FieldSpec

HEAD = ("card", "aside")  # shown by the page's head (templates/model.md.j2), not by a step section
KINDS = ("fact", "block", "part")


@dataclass(frozen=True)
class Item:
    """What one section shows next: the facts list, a block, or a headed part."""

    kind: str  # "facts", "block" or "part"
    shows: tuple[tuple[FieldSpec, str], ...]  # each field with its display's macro: the facts in order, or one


@dataclass(frozen=True)
class Section:
    step: int | None  # None: the part after the six steps (attachments)
    items: tuple[Item, ...]


def display(spec: FieldSpec, macros: set[str]) -> tuple[str, str]:
    """(kind, macro) of a field's display; ValueError for a display _fields.j2 does not have."""
    if spec.show == "fact":
        return "fact", "fact"
    for kind in KINDS:
        if f"{kind}_{spec.show}" in macros:
            return kind, f"{kind}_{spec.show}"
    raise ValueError(f"config.yaml: dossier field {spec.path}: no display `{spec.show}` in render/templates/_fields.j2")


def page_sections(config: Config, macros: set[str]) -> list[Section]:
    """The six step sections, then the fields shown after them, each with what it shows in order."""
    by_step: dict[int | None, list[tuple[str, str, FieldSpec]]] = {}
    for spec in config.dossier.values():
        if not spec.show or spec.show in HEAD or spec.shown_with:
            continue
        kind, macro = display(spec, macros)
        by_step.setdefault(spec.step, []).append((kind, macro, spec))
    out = []
    for step in [*sorted(config.steps), None]:
        entries = by_step.get(step, [])
        items: list[Item] = []
        facts = tuple((spec, macro) for kind, macro, spec in entries if kind == "fact")
        for kind, macro, spec in entries:
            if kind == "fact":
                if spec is facts[0][0]:
                    items.append(Item("facts", facts))
            elif kind == "block":
                items.append(Item("block", ((spec, macro),)))
        items += [Item("part", ((spec, macro),)) for kind, macro, spec in entries if kind == "part"]
        if step is not None or items:
            out.append(Section(step, tuple(items)))
    return out


def at(data: Any, path: str) -> Any:
    """The value at a dotted path of a dossier (`idea.funding.sources`); None where a level is missing."""
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def code_label(config: Config, spec: FieldSpec, code: Any) -> str:
    """The Vietnamese label of a code a field holds (from the table its `values` names), else the code."""
    table = spec.values if isinstance(spec.values, str) else ""
    entry = getattr(config, table, {}).get(code) if table else None
    if entry is None:
        return str(code)
    if isinstance(entry, str):
        return entry
    return str(entry["long"] if isinstance(entry, dict) else entry.label)
