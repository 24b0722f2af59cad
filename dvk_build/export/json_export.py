"""`du-lieu/mo-hinh.json`: every published model, and the JSON Schema that describes the file."""

from __future__ import annotations

import json

from ..model import Catalogue, Model
from ..schema import SCHEMA_ID
from ..site_context import Site
from .records import Json, json_columns, record

PATH = "du-lieu/mo-hinh.json"
SCHEMA_PATH = "du-lieu/mo-hinh.schema.json"


def _header(ctx: Site, pointer: str = "") -> Json:
    """Fields every JSON file starts with; `$schema` only when the schema's absolute address is known."""
    schema_ref = {"$schema": ctx.absolute(SCHEMA_PATH) + pointer} if ctx.site_url else {}
    site = ctx.config.site
    return {
        **schema_ref,
        "title": site.get("name", ""),
        "generated": ctx.generated_iso,
        "licence": {"name": site.get("licence", ""), "url": site.get("licence_url", "")},
        "notice": ctx.notice,
        "source": ctx.absolute("du-lieu/"),
    }


def document(catalogue: Catalogue, ctx: Site) -> Json:
    """{generated, count, licence, …, models: […]}; `models` is the only list (verify.py finds the rows by it)."""
    cols = json_columns(ctx.config)
    models = [record(m, ctx, cols) for m in catalogue.models]  # newest recognition first
    return {**_header(ctx), "count": len(models), "models": models}


def document_ends(ctx: Site, count: int) -> tuple[str, str]:
    """`dumps(document(...))` around its records, for writing one record at a time (`dumps_record`, joined by ",")."""
    empty = dumps({**_header(ctx), "count": count, "models": []})
    assert empty.endswith("[]}\n")  # `models` is the last key
    return empty[:-3], empty[-3:]


def dumps_record(rec: Json) -> str:
    """One record as `dumps(document(...))` writes it."""
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


def model_document(m: Model, ctx: Site, rec: Json | None = None) -> Json:
    """The JSON file published beside one model's page."""
    return {**_header(ctx, "#/$defs/modelFile"), "model": rec if rec is not None else record(m, ctx)}


def dumps(doc: Json, indent: int | None = None) -> str:
    """UTF-8 JSON text (Vietnamese kept readable, not \\u-escaped), ending in a newline."""
    return json.dumps(doc, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":")) + "\n"


def schema(ctx: Site) -> Json:
    """JSON Schema (draft 2020-12) of `mo-hinh.json` and, as `$defs/modelFile`, of a model's own file."""
    cols = json_columns(ctx.config)
    base = ctx.site_url or SCHEMA_ID.rsplit("du-lieu/", 1)[0]
    model = {
        "title": "Một mô hình đã được công nhận",
        "type": "object",
        "properties": {c.name: {"title": c.label, **{k: v for k, v in c.schema.items() if k != "title"}} for c in cols},
        "required": [c.name for c in cols],
        "additionalProperties": False,
    }
    header = {
        "$schema": {"type": "string"},
        "title": {"type": "string"},
        "generated": {"title": "Thời điểm tạo tệp (UTC)", "type": "string", "format": "date-time"},
        "licence": {
            "title": "Giấy phép dữ liệu",
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
            "required": ["name", "url"],
        },
        "notice": {"title": "Lưu ý về dữ liệu", "type": "string"},
        "source": {"title": "Trang dữ liệu mở", "type": "string"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base + SCHEMA_PATH,
        "title": "Dữ liệu mở: các mô hình “Dân vận khéo” đã được công nhận",
        "description": "Tệp du-lieu/mo-hinh.json: mỗi mô hình một bản ghi phẳng gồm các trường của hồ sơ "
                       "(khóa là đường dẫn trường, ví dụ holder.name) và các giá trị suy ra (cấp cao nhất, bước, địa chỉ).",
        "type": "object",
        "properties": {
            **header,
            "count": {"title": "Số mô hình", "type": "integer", "minimum": 0},
            "models": {"title": "Các mô hình, công nhận mới nhất trước", "type": "array", "items": {"$ref": "#/$defs/model"}},
        },
        "required": ["generated", "count", "licence", "models"],
        "additionalProperties": False,
        "$defs": {
            "model": model,
            "modelFile": {
                "title": "Tệp JSON riêng của một mô hình (mo-hinh/<mã>/mo-hinh.json)",
                "type": "object",
                "properties": {**header, "model": {"$ref": "#/$defs/model"}},
                "required": ["generated", "licence", "model"],
                "additionalProperties": False,
            },
        },
    }
