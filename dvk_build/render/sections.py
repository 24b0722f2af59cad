"""The model page's step sections, derived from the field declarations (config.yaml `dossier:`).

A field's `show` names its display in templates/_fields.j2: `fact` or a `fact_*` macro is one line of
the section's facts (one list, placed where its first fact is declared), a `block_*` macro stands
alone where the field is declared, a `part_*` macro is a sub-section with its own heading after the rest.
`template_source` writes them out as the Jinja template `_sections.j2` that model.html.j2 includes: paths,
labels, types and heading ids are literals there, so a page pays for no loop over the declarations.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify

from ..config import Config
from ..fields import FieldSpec

HEAD = ("card", "aside")  # shown by the page's head (templates/model.html.j2), not by a step section
KINDS = ("fact", "block", "part")


@dataclass(frozen=True)
class Item:
    """What one section shows next: its facts list, or a block."""

    kind: str  # "facts" or "block"
    shows: tuple[tuple[FieldSpec, str], ...]  # each field with its display's macro: the facts in order, or one


@dataclass(frozen=True)
class Section:
    step: int | None  # None: the parts after the six steps (attachments)
    items: tuple[Item, ...]  # the facts list and the blocks, in declaration order: one HTML block on the page
    parts: tuple[tuple[FieldSpec, str], ...]  # headed sub-sections after them: (field, macro)


def display(spec: FieldSpec, macros: set[str]) -> tuple[str, str]:
    """(kind, macro) of a field's display; ValueError for a display _fields.j2 does not have."""
    if spec.show == "fact":  # written by _sections.j2 itself, by the field's type
        return "fact", "fact"
    for kind in KINDS:
        if f"{kind}_{spec.show}" in macros:
            return kind, f"{kind}_{spec.show}"
    raise ValueError(f"config.yaml: dossier field {spec.path}: no display `{spec.show}` in templates/_fields.j2")


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
            if kind == "fact" and spec is facts[0][0]:
                items.append(Item("facts", facts))
            elif kind == "block":
                items.append(Item("block", ((spec, macro),)))
        parts = tuple((spec, macro) for kind, macro, spec in entries if kind == "part")
        if step is not None or items or parts:
            out.append(Section(step, tuple(items), parts))
    return out


def code_label(config: Config, spec: FieldSpec, code: Any) -> str:
    """The Vietnamese label of a code a field holds (from the table its `values` names), else the code;
    the labels of a list of codes, comma-separated."""
    if isinstance(code, list):
        return ", ".join(code_label(config, spec, c) for c in code)
    table = spec.values if isinstance(spec.values, str) else ""
    entry = getattr(config, table, {}).get(code) if table else None
    if entry is None:
        return str(code)
    if isinstance(entry, str):
        return entry
    return str(entry["long"] if isinstance(entry, dict) else entry.label)


# How a plain `fact` writes its value, by the field's type (`v` is the value, `spec` the declaration).
_FACT_VALUE = {
    "texts": '<ul>{% for x in v %} <li>{{ x }}</li>{% endfor %}</ul>',
    "code": "{{ code_label(spec, v) }}",
    "codes": "{{ code_label(spec, v) }}",
    "vnd": "{{ v | vnd }}",
    "date": "{{ v | vi_date_str }}",
    "count": "{{ v | num }}",
    "number": "{{ v | num }}",
    "boolean": '{{ "Có" if v else "Không" }}',
}


def _literal(text: str) -> str:
    """Static text placed in template source, HTML-escaped; refused if Jinja would read it as code."""
    if any(mark in text for mark in ("{{", "{%", "{#")):
        raise ValueError(f"config.yaml: a label may not contain Jinja markup: {text!r}")
    return html.escape(text, quote=False)


def _fact(spec: FieldSpec, label: str, opening: str) -> str:
    """A plain fact's `<dt>`/`<dd>`, written while the field has a value (`code_label` gets the field's own spec)."""
    value = _FACT_VALUE.get(spec.type, "{{ v }}").replace("spec", f'specs["{spec.path}"]')
    return (f'{opening} set v = at(d, "{spec.path}") %}}{{% if v is not none and v != "" and v != [] %}}'
            f" <dt>{_literal(label)}</dt> <dd>{value}</dd>{{% endif %}}")


def _call(spec: FieldSpec, macro: str, from_model: set[str]) -> str:
    """A display macro's call for one field (skipped while the field is empty, unless it shows derived values)."""
    call = f'{{{{ show.{macro}(specs["{spec.path}"], v, m, here) }}}}'
    test = "true" if macro in from_model else "v"
    return f'{{% set v = at(d, "{spec.path}") %}}{{% if {test} %}}{call}{{% endif %}}'


def _heading(level: int, label: str) -> str:
    """The id is the one Python-Markdown's `toc` gives a heading: the links people shared to a step keep working."""
    return f'<h{level} id="{slugify(label, "-")}">{_literal(label)}</h{level}>'


def template_source(config: Config, sections: list[Section], from_model: set[str]) -> str:
    """`_sections.j2`: the page's step sections as Jinja source of HTML, written from the declarations."""
    out = ['{#- Written by render/sections.py from config.yaml `dossier:`; do not edit. -#}',
           '{%- import "_fields.j2" as show -%}']
    for section in sections:
        if section.step:
            out.append("\n" + _heading(2, config.steps[section.step]["long"]))
        body = []
        for item in section.items:
            if item.kind == "block":
                body.append(_call(*item.shows[0], from_model))
                continue
            facts = ["{%- set facts %}"]  # a list only when a fact has a value: no empty <dl> for a step left blank
            facts += [_fact(spec, spec.page_label, "{%") if macro == "fact" else _call(spec, macro, from_model)
                      for spec, macro in item.shows]
            body.append("".join(facts) + '{% endset %}{% if facts | trim %}<dl class="dvk-facts">{{ facts }}\n</dl>{% endif %}')
        out.append("{%- set shown %}" + "\n".join(body) + "{% endset %}\n"
                   "{%- if shown | trim %}\n{{ shown }}\n{%- endif %}")
        for spec, macro in section.parts:
            test = "true" if macro in from_model else "v"
            out.append(f'{{%- set v = at(d, "{spec.path}") %}}'
                       f'{{%- set shown = show.{macro}(specs["{spec.path}"], v, m, here) if {test} else "" %}}'
                       f"{{%- if shown | trim %}}\n{_heading(3, spec.page_label)}\n{{{{ shown }}}}\n{{%- endif %}}")
    return "\n".join(out) + "\n"


def replicate_source(config: Config) -> str:
    """`_replicate.j2`: the facts the box "Nhân rộng mô hình này" repeats (`replicate:`), by type, in declaration order."""
    out = ['{#- Written by render/sections.py from config.yaml `dossier:` (`replicate:`); do not edit. -#}']
    out += [_fact(spec, spec.replicate, "{%-") for spec in config.dossier.values() if spec.replicate]
    return "\n".join(out) + "\n"
