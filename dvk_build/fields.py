"""The dossier's field declarations (config.yaml `dossier:`), typed, with their children and leaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TYPES = ("line", "text", "texts", "date", "count", "vnd", "number", "boolean", "code", "codes", "slug", "year", "object",
         "records")
CONTAINERS = ("object", "records")
EXPORTS = ("both", "json", "tiers")
# Tables of config.yaml a `values:` or `keys:` may name.
VALUE_TABLES = ("periods", "fields", "holder_kinds", "tiers", "self_assessment", "record_kinds", "vote_bodies")
KEY_TABLES = ("interests", "criteria")
_KNOWN = {"type", "label", "short", "hint", "example", "required", "nullable", "values", "keys", "step", "show",
          "export", "table", "value", "note", "description", "replicate"}


@dataclass(frozen=True)
class FieldSpec:
    """One dossier field: where it is, what it holds, how people read it and where it is published."""

    path: str  # dotted, `[]` after a list of records: `idea.targets[].indicator`
    type: str
    label: str = ""
    short: str = ""  # the model page's name for it, when shorter than `label`
    hint: str = ""  # the comment beside it in a new dossier
    example: tuple[str, ...] = ()
    required: bool = False
    nullable: bool = True
    values: str | tuple[str, ...] = ()  # a table name of config.yaml, or the codes themselves
    keys: str = ""  # an object whose keys are a table of config.yaml
    step: int | None = None
    show: str = ""  # `fact`, a named display, `card`, `aside`, `with <path>`; empty: the parent shows it
    export: str = "both"
    table: str = ""  # the CSV/Excel writer of a list of records
    value: str = ""  # the published value, when it differs from the typed one
    note: str = ""
    description: str = ""  # the schema's description (criteria: the guideline's clause)
    replicate: str = ""  # its name in the page's "Nhân rộng mô hình này" box, when the box repeats it

    @property
    def key(self) -> str:
        """The last name of the path: `indicator` for `idea.targets[].indicator`."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def parent(self) -> str:
        """The enclosing field's path (`idea.targets` for `idea.targets[].id`); "" at the top."""
        return self.path.rpartition(".")[0].removesuffix("[]")

    @property
    def page_label(self) -> str:
        """The name the model page gives it."""
        return self.short or self.label

    @property
    def shown_with(self) -> str:
        """The path of the field whose display shows this one (`show: with <path>`), else ""."""
        return self.show[5:].strip() if self.show.startswith("with ") else ""


def _spec(path: str, raw: dict[str, Any]) -> FieldSpec:
    unknown = set(raw) - _KNOWN
    kind = raw.get("type")
    problems = []
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    if kind not in TYPES:
        problems.append(f"type {kind!r} is not one of {TYPES}")
    if not raw.get("label"):
        problems.append("no label")
    if raw.get("export", "both") not in EXPORTS:
        problems.append(f"export {raw.get('export')!r} is not one of {EXPORTS}")
    values = raw.get("values", ())
    if kind in ("code", "codes") and not (values in VALUE_TABLES or isinstance(values, list) and values):
        problems.append(f"values must be a list or one of {VALUE_TABLES}")
    if raw.get("keys") and raw["keys"] not in KEY_TABLES:
        problems.append(f"keys must be one of {KEY_TABLES}")
    if problems:
        raise ValueError(f"config.yaml: dossier field {path}: " + "; ".join(problems))
    required = bool(raw.get("required", False))
    as_written = {k: raw[k] for k in _KNOWN - {"type", "example", "required", "nullable", "values"} if k in raw}
    return FieldSpec(path=path, type=kind, example=tuple(raw.get("example", ())), required=required,
                     nullable=bool(raw.get("nullable", not required)),
                     values=values if isinstance(values, str) else tuple(str(v) for v in values), **as_written)


def parse_fields(raw: dict[str, Any], tables: dict[str, dict[str, str]],
                 clauses: dict[str, str]) -> dict[str, FieldSpec]:
    """Declarations by path, in order; `keys:` objects get one text child per key of their table.

    `tables` gives each key table's labels (`interests`: key → label; `criteria`: key → ""), `clauses`
    the guideline's words for each criterion key (the schema's description).
    """
    out: dict[str, FieldSpec] = {}
    for path, decl in raw.items():
        spec = _spec(str(path), decl or {})
        parent = spec.parent
        if parent and parent not in out:
            raise ValueError(f"config.yaml: dossier field {path} comes before its parent {parent}")
        if parent and out[parent].type not in CONTAINERS:
            raise ValueError(f"config.yaml: dossier field {path}: its parent {parent} is not an object or records")
        if parent and spec.step is None and out[parent].step is not None:
            spec = FieldSpec(**{**spec.__dict__, "step": out[parent].step})
        out[spec.path] = spec
        if spec.keys:
            for key, label in tables[spec.keys].items():
                out[f"{spec.path}.{key}"] = FieldSpec(path=f"{spec.path}.{key}", type="text", label=label,
                                                      step=spec.step, description=clauses.get(key, ""))
    return out


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path of a dossier (`idea.funding.sources`); None where a level is missing."""
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def children(specs: dict[str, FieldSpec], path: str) -> list[FieldSpec]:
    """The declared fields directly inside `path` ("" for the top level), in order."""
    return [s for s in specs.values() if s.parent == path]


def leaves(specs: dict[str, FieldSpec]) -> list[FieldSpec]:
    """Fields that hold values (no declared children), in order."""
    parents = {s.parent for s in specs.values()}
    return [s for s in specs.values() if s.path not in parents]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(specs: dict[str, FieldSpec]) -> str:
    """The field table of docs/DOSSIER-FORMAT.md: every declared field, as config.yaml declares it."""
    lines = ["| field | type | required | label | step | on the model page | in the exports |",
             "|---|---|---|---|---|---|---|"]
    for spec in specs.values():
        kind = spec.type
        if kind in ("code", "codes"):
            kind += ": " + (spec.values if isinstance(spec.values, str) else ", ".join(f"`{v}`" for v in spec.values))
        elif spec.keys:
            kind += f" (keys: {spec.keys})"
        label = spec.label or spec.description
        show = spec.show or ("its fields" if spec.type == "object" and not spec.parent else "by its parent")
        lines.append(f"| `{spec.path}` | {_cell(kind)} | {'yes' if spec.required else ''} | {_cell(label)} "
                     f"| {spec.step or ''} | {_cell(show)} | {_exports(specs, spec)} |")
    return "\n".join(lines) + "\n"


def _exports(specs: dict[str, FieldSpec], spec: FieldSpec) -> str:
    """Where a field is published: the JSON key or CSV/Excel column that carries it."""
    chain = [spec]
    while chain[-1].parent:
        chain.append(specs[chain[-1].parent])
    in_records = next((s for s in reversed(chain) if s.type == "records" and s is not spec), None)
    column = in_records.path if in_records else spec.path
    if spec.type == "object" and not in_records:
        return "its fields"
    exports = {s.export for s in chain}
    where = "JSON" if exports & {"json", "tiers"} else "JSON, CSV, Excel"
    if "tiers" in exports:
        where += "; CSV, Excel: a group of columns per tier"
    if spec.value:
        where += f" ({spec.value})"
    return f"`{column}`: {where}"
