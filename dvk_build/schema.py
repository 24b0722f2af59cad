"""The dossier's front matter as JSON Schema (draft 2020-12), built from the field declarations.

The validator checks form with this very schema, and `dvk schema` prints it,
so the published schema and the checks cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from .config import Config, default_config
from .fields import FieldSpec, children
from .validate.limits import (AMOUNT_MAX, COUNT_MAX, ITEM_TEXT_MAX, LIST_ITEMS_MAX, LONG_TEXT_MAX, MEASURE_MAX,
                              SHORT_TEXT_MAX)

SCHEMA_ID = "https://dvk.example/du-lieu/dossier.schema.json"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Json = dict[str, Any]


def _codes(config: Config, spec: FieldSpec) -> list[str]:
    """The codes a `code`/`codes` field allows: its own list, or the keys of a table of config.yaml."""
    return list(spec.values if isinstance(spec.values, tuple) else getattr(config, spec.values))


def _value(config: Config, spec: FieldSpec, specs: dict[str, FieldSpec]) -> Json:
    """The schema of one declared field (its title added by the caller)."""
    null = spec.nullable
    kind = spec.type
    if kind in ("line", "text"):
        return {"type": ["string", "null"] if null else "string", "minLength": 1,
                "maxLength": SHORT_TEXT_MAX if kind == "line" else LONG_TEXT_MAX}
    if kind == "date":
        return {"type": ["string", "null"], "pattern": DATE_PATTERN,
                "description": "Ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2023-07-12."}
    if kind in ("count", "vnd"):  # bounded (validate/limits.py): what a page, a CSV and a float can all hold
        return {"type": ["integer", "null"] if null else "integer", "minimum": 0,
                "maximum": AMOUNT_MAX if kind == "vnd" else COUNT_MAX}
    if kind == "number":
        return {"type": ["number", "null"] if null else "number", "minimum": 0, "maximum": MEASURE_MAX}
    if kind == "year":
        return {"type": ["integer", "null"] if null else "integer", "minimum": 2000, "maximum": 2100}
    if kind == "boolean":
        return {"type": ["boolean", "null"] if null else "boolean"}
    if kind == "slug":
        return {"type": ["string", "null"] if null else "string", "pattern": SLUG_PATTERN}
    if kind == "code":
        return {"enum": _codes(config, spec) + ([None] if null else [])}
    if kind == "codes":
        return {"type": ["array", "null"] if null else "array", **({"minItems": 1} if spec.required else {}),
                "uniqueItems": True, "items": {"enum": _codes(config, spec)}}
    if kind == "texts":
        return {"type": ["array", "null"] if null else "array", "maxItems": LIST_ITEMS_MAX,
                "items": {"type": "string", "minLength": 1, "maxLength": ITEM_TEXT_MAX}}
    if kind == "object":
        return _object(config, specs, spec.path, null)
    # records: a list of objects declared as `path[].key`
    return {"type": ["array", "null"] if null else "array", "maxItems": LIST_ITEMS_MAX,
            "items": _object(config, specs, spec.path + "[]", False)}


def _object(config: Config, specs: dict[str, FieldSpec], path: str, nullable: bool) -> Json:
    """An object whose properties are the declared children of `path` ("" for the dossier)."""
    kids = children(specs, path.removesuffix("[]"))
    schema: Json = {"type": ["object", "null"] if nullable else "object",
                    "properties": {k.key: _field(config, k, specs) for k in kids}, "additionalProperties": False}
    required = [k.key for k in kids if k.required]
    if required:
        schema["required"] = required
    return schema


def _field(config: Config, spec: FieldSpec, specs: dict[str, FieldSpec]) -> Json:
    schema = _value(config, spec, specs)
    if spec.description:
        schema["description"] = spec.description
    return {"title": spec.label, **schema} if spec.label else schema


def build_schema(config: Config | None = None) -> Json:
    """The JSON Schema of a dossier's front matter, from the field declarations of config.yaml."""
    c = config or default_config()
    top = _object(c, c.dossier, "", False)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ mô hình “Dân vận khéo”",
        "description": "Phần thông tin đầu tệp (YAML front matter) của một hồ sơ mô hình “Dân vận khéo”.",
        "type": "object",
        "properties": top["properties"],
        "required": top["required"],
        "additionalProperties": False,
    }
