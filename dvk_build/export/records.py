"""One flat, ordered record per published model: every dossier field plus the derived values.

The columns come from the field declarations of config.yaml (through the schema built from them):
a field added to the format appears in every export and in the codebook without touching this file;
its `export`, `table`, `value` and `note` say where and how it is published.
Keys are the dossier's dotted paths (`holder.name`); lists of records (targets, recognitions, awards,
sites...) stay lists in JSON and become readable text (or one column per tier) in CSV and Excel.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable, Iterable

from ..config import Config
from ..fields import value_at
from ..model import Catalogue, Model
from ..register import Unit
from ..vietnamese import number
from ..schema import DATE_PATTERN, SLUG_PATTERN, build_schema
from ..site_context import Site

Json = dict[str, Any]
JSON, TABLE = "json", "table"  # TABLE: CSV and Excel, which share their columns
BOTH = frozenset({JSON, TABLE})
LIST_SEP, ITEM_SEP = "; ", " | "  # between plain values, between records flattened into one cell

# Kinds of value; the codebook names them in Vietnamese.
TEXT, DATE, INTEGER, NUMBER, BOOLEAN, CODE, CODES, TEXTS, INTEGERS, RECORDS, URL = (
    "text", "date", "integer", "number", "boolean", "code", "codes", "texts", "integers", "records", "url")


@dataclass(frozen=True)
class Column:
    """One column of the exports: its key, meaning, kind, allowed codes and where it appears."""

    name: str
    label: str
    kind: str
    schema: Json  # JSON Schema of the value in the JSON export
    values: tuple[tuple[str, str], ...] = ()  # allowed codes and their Vietnamese labels
    formats: frozenset[str] = BOTH
    note: str = ""  # how the table formats flatten it, when they do
    get: Callable[[Model, Site], Any] | None = None  # derived values; dossier fields are read by path
    table: Callable[[Model, Site], str] | None = None  # how CSV and Excel write a list of records

    def value(self, model: Model, ctx: Site) -> Any:
        """The column's value for one model, as the JSON export holds it."""
        return self.get(model, ctx) if self.get else _plain(value_at(model.data, self.name))


# --- reading dossier values ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready copy: dates as YYYY-MM-DD, nothing shared with the model's data."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _nullable(schema: Json) -> Json:
    """The schema also allowing null (a flattened value is null when its parent object is missing)."""
    schema = copy.deepcopy(schema)
    if "enum" in schema:
        if None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    kinds = schema.get("type")
    if isinstance(kinds, str):
        schema["type"] = [kinds, "null"]
    elif isinstance(kinds, list) and "null" not in kinds:
        schema["type"] = [*kinds, "null"]
    return schema


def _types(schema: Json) -> set[str]:
    """The schema's `type` keyword as a set."""
    kinds = schema.get("type")
    return {kinds} if isinstance(kinds, str) else set(kinds or [])


def _kind(schema: Json) -> str:
    """The kind of value a dossier schema describes."""
    if "enum" in schema:
        return CODE
    kinds = _types(schema)
    if "array" in kinds:
        items = schema.get("items") or {}
        if "enum" in items:
            return CODES
        return RECORDS if "object" in _types(items) else TEXTS
    for kind in (INTEGER, NUMBER, BOOLEAN):  # named as the JSON Schema types they stand for
        if kind in kinds:
            return kind
    if schema.get("pattern") == DATE_PATTERN:
        return DATE
    return TEXT


def _code_labels(config: Config, path: str, codes: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """Vietnamese label of each allowed code, from the table of config.yaml the field's `values` names."""
    tables: dict[str, dict[str, str]] = {
        "periods": {k: p.label for k, p in config.periods.items()},
        "fields": {k: f.label for k, f in config.fields.items()},
        "holder_kinds": dict(config.holder_kinds),
        "self_assessment": {k: v["long"] for k, v in config.self_assessment.items()},
        "tiers": {k: t.label for k, t in config.tiers.items()},
        "record_kinds": {k: v["long"] for k, v in config.record_kinds.items()},
        "vote_bodies": {k: b.label for k, b in config.vote_bodies.items()},
    }
    spec = config.dossier.get(path)
    table = tables.get(spec.values, {}) if spec and isinstance(spec.values, str) else {}
    return tuple((str(c), table.get(str(c), "")) for c in codes if c is not None)


# --- the dossier's own fields, walked from its schema ------------------------------------------


def _label(config: Config, path: str) -> str:
    """Vietnamese meaning of a dossier path; deep paths name their group (`Ban chỉ đạo: Ngày thành lập`)."""
    parts = path.split(".")
    if parts[0] == "criteria" and len(parts) == 2:
        by_kind = [(config.holder_kinds.get(kind, kind).lower(), c.label)
                   for kind, crits in config.criteria.items() for c in crits if c.key == parts[1]]
        named = "; ".join(f"{label} ({kind})" for kind, label in by_kind)
        return f"{config.label('criteria')}: {named}"
    label = config.label(path)
    if len(parts) >= 3:
        parent = ".".join(parts[:-1])
        if parent in config.field_labels:
            label = f"{config.label(parent)}: {label}"
    return label


def _dossier_columns(config: Config) -> list[Column]:
    """A column for every leaf of the dossier schema, in schema order."""
    schema = build_schema(config)
    out: list[Column] = []

    def walk(props: Json, required: set[str], prefix: str, optional_parent: bool) -> None:
        """Objects are flattened into dotted paths; lists stay one column."""
        for key, sub in props.items():
            path = prefix + key
            optional = optional_parent or key not in required
            if "object" in _types(sub) and "properties" in sub:
                walk(sub["properties"], set(sub.get("required", [])), path + ".", optional)
                continue
            value_schema = _nullable(sub) if optional else copy.deepcopy(sub)
            kind = _kind(sub)
            codes = sub.get("enum") or (sub.get("items") or {}).get("enum") or []
            out.append(Column(path, _label(config, path), kind, value_schema, _code_labels(config, path, codes)))

    walk(schema["properties"], set(schema.get("required", [])), "", False)
    return out


# --- values derived by the model, never typed by hand --------------------------------------------


def _head_columns() -> list[Column]:
    """Which model, and where it is published."""
    url = {"type": "string", "minLength": 1}
    return [
        Column("slug", "Mã mô hình (tên tệp hồ sơ; phần cuối địa chỉ trang)", CODE,
               {"type": "string", "pattern": SLUG_PATTERN}, get=lambda m, c: m.slug),
        Column("url", "Địa chỉ trang của mô hình", URL, url, get=lambda m, c: c.absolute(m.url)),
        Column("data_url", "Địa chỉ tệp JSON riêng của mô hình", URL, url,
               get=lambda m, c: c.absolute(model_json_path(m))),
    ]


def _derived_columns(config: Config) -> list[Column]:
    """Values the model derives from the dossier (model.py), never typed by hand."""
    tiers = tuple((t.slug, t.label) for t in config.tiers_in_order())
    tier_codes = [t for t, _ in tiers]
    marks = tuple((k, v["long"]) for k, v in config.self_assessment.items())
    mark_codes: list[Any] = [k for k, _ in marks] + [None]
    steps = tuple((str(k), v["long"]) for k, v in sorted(config.steps.items()))
    date = {"type": "string", "pattern": DATE_PATTERN}
    return [
        Column("tier_reached", "Cấp công nhận cao nhất đã đạt", CODE, {"enum": tier_codes}, tiers,
               get=lambda m, c: m.tier),
        Column("tiers", "Các cấp đã được công nhận, từ thấp đến cao", CODES,
               {"type": "array", "items": {"enum": tier_codes}}, tiers, get=lambda m, c: m.tiers),
        Column("stage", "Bước xa nhất hồ sơ thể hiện, theo sáu bước của hướng dẫn", INTEGER,
               {"type": "integer", "minimum": 0, "maximum": max(config.steps)}, steps, get=lambda m, c: m.stage),
        Column("self_assessment", "Tự đánh giá: mức hồ sơ ghi; nếu hồ sơ không ghi, mức tính từ kết quả", CODE,
               {"enum": mark_codes}, marks, get=lambda m, c: m.self_assessment),
        Column("self_assessment_computed", "Tự đánh giá tính từ kết quả so với chỉ tiêu đăng ký (để đối chiếu)", CODE,
               {"enum": mark_codes}, marks, get=lambda m, c: m.computed_assessment),
        Column("recognized_on", "Ngày thông báo công nhận gần nhất", DATE, date,
               get=lambda m, c: _plain(m.recognized_on)),
        Column("first_recognized_on", "Ngày thông báo công nhận đầu tiên", DATE, date,
               get=lambda m, c: _plain(m.first_recognized_on)),
        Column("province_now", "Tỉnh, thành phố hiện nay (sau sắp xếp năm 2025)", TEXT, {"type": "string"},
               get=lambda m, c: m.province),
        Column("province_at_recognition", "Tỉnh, thành phố tại thời điểm công nhận", TEXT, {"type": "string"},
               get=lambda m, c: m.province_at_recognition),
        *_unit_code_columns(),
        Column("typical_years", "Các năm được chọn là mô hình tiêu biểu", INTEGERS,
               {"type": "array", "items": {"type": "integer"}}, get=lambda m, c: m.typical_years),
        Column("cost_vnd", "Kinh phí (đồng): thực tế nếu hồ sơ có, nếu không thì dự kiến", INTEGER,
               {"type": ["integer", "null"], "minimum": 0}, get=lambda m, c: m.cost_vnd),
        Column("replicated_by", "Mã các mô hình học tập từ mô hình này", CODES,
               {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}},
               get=lambda m, c: list(m.derived_children)),
    ]


def _unit_code_columns() -> list[Column]:
    """The official codes (General Statistics Office) of the units then and now, for joining with other data."""
    province = {"type": "string", "pattern": "^[0-9]{2}$"}
    district = {"type": ["string", "null"], "pattern": "^[0-9]{3}$"}
    commune = {"type": ["string", "null"], "pattern": "^[0-9]{5}$"}
    src = "mã đơn vị hành chính theo danh mục chính thức"

    def of(unit: Unit | None, attr: str) -> str | None:
        return getattr(unit, attr) or None if unit else None

    return [
        Column("province_code_now", f"Mã tỉnh, thành phố hiện nay ({src} từ ngày 1/7/2025)", CODE, province,
               get=lambda m, c: of(m.unit_today, "province_code")),
        Column("commune_now", "Xã, phường, đặc khu hiện nay (sau sắp xếp năm 2025; suy ra từ danh mục)", TEXT,
               {"type": ["string", "null"]}, get=lambda m, c: of(m.unit_today, "commune")),
        Column("commune_code_now", f"Mã xã, phường, đặc khu hiện nay ({src} từ ngày 1/7/2025)", CODE, commune,
               get=lambda m, c: of(m.unit_today, "commune_code")),
        Column("province_code_at_recognition", f"Mã tỉnh, thành phố tại thời điểm công nhận ({src} của giai đoạn)",
               CODE, province, get=lambda m, c: of(m.unit_then, "province_code")),
        Column("district_code_at_recognition", f"Mã huyện tại thời điểm công nhận ({src} trước ngày 1/7/2025)",
               CODE, district, get=lambda m, c: of(m.unit_then, "district_code")),
        Column("commune_code_at_recognition", f"Mã xã, phường, thị trấn tại thời điểm công nhận ({src} của giai đoạn)",
               CODE, commune, get=lambda m, c: of(m.unit_then, "commune_code")),
    ]


def model_json_path(m: Model) -> str:
    """Where a model's own JSON file is published, beside its page."""
    return f"{m.url}mo-hinh.json"


# --- what the dossier holds but the exports show differently --------------------------------------


def _official_only(parent: str, key: str, m: Model, ctx: Site) -> Any:
    """The site shows a contact's phone or e-mail only when the dossier marks it official; so do the exports."""
    group = value_at(m.data, parent) or {}
    return _plain(group.get(key)) if isinstance(group, dict) and group.get("official") else None


def _attachments(m: Model, ctx: Site) -> list[Json] | None:
    """Attachments with their absolute address added."""
    items = m.data.get("attachments")
    if not items:
        return _plain(items)
    return [{**_plain(a), "url": ctx.absolute(f"{m.url}{a['path']}")} for a in items]


def _num(value: Any) -> str:
    """`3.412`, `67,5`: numbers inside Vietnamese text."""
    return number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _targets_text(m: Model, ctx: Site) -> str:
    """`Số hộ ký cam kết: 120 hộ → 125 hộ (ghi chú) | …`: each registered target with its result."""
    parts = []
    for t in m.targets_with_results():
        unit = f" {t['unit']}" if t.get("unit") else ""
        actual = f"{_num(t['actual'])}{unit}" if t.get("actual") is not None else "chưa có kết quả"
        lower = " (càng thấp càng tốt)" if t.get("better") == "lower" else ""
        note = f" ({t['note']})" if t.get("note") else ""
        parts.append(f"{t['indicator']}{lower}: {_num(t['target'])}{unit} → {actual}{note}")
    return ITEM_SEP.join(parts)


def _joined(items: Any, one: Callable[[Json], str]) -> str:
    """Records as one cell, ` | `-separated."""
    return ITEM_SEP.join(one(i) for i in items or [] if isinstance(i, dict))


def _generic(item: Json) -> str:
    """A record's values, comma-separated (lists with no dedicated format)."""
    return ", ".join(str(_plain(v)) for v in item.values() if v not in (None, "", [], {}))


def _award(a: Json) -> str:
    """`2024: Giấy khen – Huyện ủy Y (số 123-QĐ/HU)`."""
    text = f"{a.get('year')}: {a.get('form')} – {a.get('by')}"
    if a.get("decision"):
        text += f" (số {a['decision']})"
    text += ", mô hình tiêu biểu" if a.get("typical") else ""
    selected = a.get("selected") if isinstance(a.get("selected"), dict) else {}
    if selected.get("by") or selected.get("date"):
        text += " (lựa chọn" + (f" bởi {selected['by']}" if selected.get("by") else "") + \
                (f" ngày {selected['date']}" if selected.get("date") else "") + ")"
    return text


def _site(s: Json) -> str:
    """`Chi hội Phụ nữ ấp Phú Lợi, Xã Z (2024)`."""
    text = ", ".join(str(s[k]) for k in ("unit", "locality") if s.get(k))
    return text + (f" ({s['year']})" if s.get("year") else "")


def _monitoring(e: Json) -> str:
    """`2022-10-01: hoạt động kiểm tra; nhận xét: …; giải pháp: …`."""
    text = f"{_plain(e.get('date'))}: {e.get('activity')}"
    if e.get("findings"):
        text += f"; nhận xét: {e['findings']}"
    return text + (f"; giải pháp: {e['actions']}" if e.get("actions") else "")


def _recognition_columns(config: Config) -> list[Column]:
    """In CSV and Excel, `recognitions` is one group of columns per tier, lowest first."""
    label = config.label
    # (key, label, kind, value of the tier's latest recognition)
    parts: list[tuple[str, str, str, Callable[[Any], Any]]] = [
        ("body", label("recognitions[].body"), TEXT, lambda r: r.body),
        ("notice.number", f"{label('recognitions[].notice.number')} ({label('recognitions[].notice')})", TEXT,
         lambda r: r.notice_number),
        ("notice.date", label("recognitions[].notice.date"), DATE, lambda r: _plain(r.notice_date)),
        ("vote", f"{label('recognitions[].vote')} (số phiếu tán thành/số thành viên)", TEXT,
         lambda r: f"{r.vote_in_favor}/{r.vote_members}" if r.vote_members else None),
    ]

    def latest(slug: str, value: Callable[[Any], Any], m: Model, c: Site) -> Any:
        return next((value(r) for r in reversed(m.recognitions) if r.tier == slug), None)

    return [Column(f"recognitions.{tier.slug}.{key}", f"{tier.label}: {text}", kind, {"type": ["string", "null"]},
                   formats=frozenset({TABLE}), get=partial(latest, tier.slug, value))
            for tier in config.tiers_in_order() for key, text, kind, value in parts]


_BODY = Column("body_markdown", "Nội dung hồ sơ dưới phần thông tin đầu tệp (Markdown): cách làm, kinh nghiệm",
               TEXT, {"type": "string"}, formats=frozenset({JSON}), get=lambda m, c: m.body.strip())

# How CSV and Excel show a list of records in one cell (JSON keeps the list), by a field's `table`.
_TABLE_WRITERS: dict[str, Callable[[Model, Site], str]] = {
    "targets": _targets_text,
    "monitoring": lambda m, c: _joined(m.data.get("monitoring"), _monitoring),
    "awards": lambda m, c: _joined(m.data.get("awards"), _award),
    "sites": lambda m, c: _joined((m.data.get("replication") or {}).get("sites"), _site),
    "attachments": lambda m, c: _joined(_attachments(m, c), lambda a: f"{a.get('caption') or a['path']}: {a['url']}"),
}


def _customize(col: Column, config: Config) -> list[Column]:
    """A dossier column as its declaration publishes it, followed by any columns that replace it in tables."""
    spec = config.dossier[col.name]
    col = replace(col, note=spec.note)
    if spec.table:
        col = replace(col, table=_TABLE_WRITERS[spec.table])
    if spec.value == "official":
        col = replace(col, get=partial(_official_only, *col.name.rsplit(".", 1)))
    elif spec.value == "attachments":
        schema = copy.deepcopy(col.schema)
        schema["items"]["properties"]["url"] = {"title": "Địa chỉ tệp", "type": "string"}
        col = replace(col, schema=schema, get=_attachments)
    elif spec.value:
        raise ValueError(f"config.yaml: dossier field {col.name}: unknown value {spec.value!r}")
    if spec.export == "json":
        return [replace(col, formats=frozenset({JSON}))]
    if spec.export == "tiers":
        return [replace(col, formats=frozenset({JSON})), *_recognition_columns(config)]
    if col.kind == RECORDS and not col.table and not col.note:
        col = replace(col, note="CSV, Excel: các mục cách nhau bởi “ | ”, các giá trị của một mục cách nhau bởi dấu phẩy.")
    return [col]


_CACHE: dict[int, tuple[Config, list[Column]]] = {}  # one schema walk per configuration, not one per model


def columns(config: Config) -> list[Column]:
    """Every column, in their stable published order: identity, summary fields, derived values, the rest."""
    hit = _CACHE.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    dossier = [c for col in _dossier_columns(config) for c in _customize(col, config)]
    split = next(i for i, c in enumerate(dossier) if c.name == "summary") + 1
    cols = [*_head_columns(), *dossier[:split], *_derived_columns(config), *dossier[split:], _BODY]
    _CACHE[id(config)] = (config, cols)
    return cols


def json_columns(config: Config) -> list[Column]:
    """Columns of the JSON records."""
    return [c for c in columns(config) if JSON in c.formats]


def table_columns(config: Config) -> list[Column]:
    """Columns of the CSV and Excel files."""
    return [c for c in columns(config) if TABLE in c.formats]


# --- records and rows ------------------------------------------------------------------------------


def record(m: Model, ctx: Site, cols: list[Column] | None = None) -> Json:
    """The model as one JSON object, keys in column order."""
    return {c.name: c.value(m, ctx) for c in (cols or json_columns(ctx.config))}


def cell(col: Column, m: Model, ctx: Site) -> Any:
    """The value of a table cell: str, int, float, bool or None (lists joined into text)."""
    if col.table:
        return col.table(m, ctx) or None
    return _cell_of(col, col.value(m, ctx))


def _cell_of(col: Column, value: Any) -> Any:
    """A table cell from the column's JSON value."""
    if isinstance(value, list):
        if col.kind == RECORDS:
            return _joined(value, _generic) or None
        return LIST_SEP.join(str(v) for v in value) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def row(m: Model, ctx: Site, cols: list[Column] | None = None) -> list[Any]:
    """The model as one row of typed cells, in table column order."""
    return [cell(c, m, ctx) for c in (cols or table_columns(ctx.config))]


def in_record(cols: list[Column], json_cols: list[Column]) -> list[bool]:
    """For each table column, whether a record over `json_cols` holds its value (the same column object:
    `columns` is made once per configuration), for `row_of_record`."""
    known = {c.name: c for c in json_cols}
    return [not col.table and known.get(col.name) is col for col in cols]


def row_of_record(rec: Json, m: Model, ctx: Site, cols: list[Column], shared: list[bool]) -> list[Any]:
    """`row(m, ctx, cols)` reusing the values the model's `record` already worked out (`shared`: `in_record`)."""
    return [_cell_of(col, rec[col.name]) if same else cell(col, m, ctx) for col, same in zip(cols, shared)]


def rows(catalogue: Catalogue, ctx: Site) -> tuple[list[str], list[list[Any]]]:
    """Header and one row per published model, newest recognition first (the catalogue's order)."""
    cols = table_columns(ctx.config)
    return [c.name for c in cols], [row(m, ctx, cols) for m in catalogue.models]
