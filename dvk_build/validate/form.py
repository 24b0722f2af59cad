"""Form checks: the front matter against the JSON Schema, errors in Vietnamese."""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from ..config import Config
from ..problem import Problem
from ..schema import DATE_PATTERN, build_schema
from ..vietnamese import number
from .context import DossierContext, field_path
from .fastschema import Check, compile_schema
from .limits import LIST_TEXT_MAX
from .rule import RULES

DATE_RE = re.compile(DATE_PATTERN)

_TYPE_VI = {
    "string": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "đúng/sai (true/false)",
    "array": "danh sách",
    "object": "nhóm trường",
    "null": "để trống",
}


# By configuration object (kept alive beside it): the object, its schema, the quick check, jsonschema's validator.
_COMPILED: dict[int, tuple[Config, dict[str, Any], Check, list[Any]]] = {}


def _compiled(config: Config) -> tuple[Config, dict[str, Any], Check, list[Any]]:
    cached = _COMPILED.get(id(config))
    if cached is None or cached[0] is not config:
        schema = build_schema(config)
        cached = _COMPILED[id(config)] = (config, schema, compile_schema(schema), [])
    return cached


def _validator(config: Config) -> Any:
    """jsonschema's validator, built (and jsonschema imported: ~50 ms) only when a dossier needs it."""
    _, schema, _, validator = _compiled(config)
    if not validator:
        import jsonschema

        validator.append(jsonschema.validators.validator_for(schema)(schema))
    return validator[0]


def _text_size(node: Any) -> int:
    """Characters of all the text in node, a separator counted for each value (as a CSV cell joins them)."""
    if isinstance(node, str):
        return len(node) + 3
    if isinstance(node, dict):
        return sum(_text_size(v) for v in node.values())
    if isinstance(node, list):
        return sum(_text_size(v) for v in node)
    return 8


def _long_lists(ctx: DossierContext, node: dict[str, Any], path: tuple[Any, ...], out: list[Problem]) -> None:
    """A list whose text together is over LIST_TEXT_MAX: one CSV or Excel cell could not hold it.

    The lists that are values of mappings, at any depth; a plain loop, not generators (every
    mapping of every dossier is visited).
    """
    for key, value in node.items():
        if isinstance(value, dict):
            _long_lists(ctx, value, path + (key,), out)
        elif isinstance(value, list) and len(value) > 1:
            size = _text_size(value)
            if size > LIST_TEXT_MAX:
                at = path + (key,)
                out.append(ctx.problem(RULES["DVK105"], at, f"{ctx.where(at)}: các mục cộng lại dài khoảng {number(size)} ký tự, "
                                       f"quá giới hạn {number(LIST_TEXT_MAX)} ký tự của một danh sách.",
                                       "Giữ các mục tiêu biểu, viết ngắn gọn; danh sách đầy đủ đặt thành tệp đính kèm."))


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_HINT = {
    "integer": "Số viết liền, không dấu chấm, không kèm chữ (ví dụ 15000000).",
    "number": "Số viết liền, không kèm chữ; phần thập phân dùng dấu chấm (ví dụ 3.5).",
    "string": "Chữ có dấu `:` hoặc bắt đầu bằng `[`, `{` thì đặt cả giá trị trong ngoặc kép.",
    "boolean": "Ghi `true` (đúng) hoặc `false` (sai).",
    "array": "Danh sách viết `[a, b]` hoặc mỗi mục một dòng bắt đầu bằng `- `.",
    "object": "Nhóm trường viết mỗi trường con một dòng, thụt lề hai dấu cách: `tên: giá trị`.",
}


# An example that fits the field: a count of people is not written like an amount of money.
_EXAMPLE_BY_FIELD_TYPE = {"count": "15", "vnd": "15000000", "year": "2024", "number": "3.5"}


def _type_hint(ctx: DossierContext, path: tuple[Any, ...], wanted: list[str]) -> str:
    spec = ctx.config.dossier.get(field_path(path))
    example = _EXAMPLE_BY_FIELD_TYPE.get(spec.type) if spec is not None else None
    if example and ("integer" in wanted or "number" in wanted):
        decimal = "; phần thập phân dùng dấu chấm" if spec.type == "number" else ", không dấu chấm"
        return f"Số viết liền{decimal}, không kèm chữ (ví dụ {example})."
    return " ".join(_TYPE_HINT[w] for w in wanted if w in _TYPE_HINT)


# What a value is, in the words of DVK102's message (a mapping, or anything else, is a group of fields).
_KIND_VI = {type(None): "để trống", bool: "đúng/sai", int: "số nguyên", float: "số", str: "chữ", list: "danh sách"}


def check_form(ctx: DossierContext) -> Iterator[Problem]:
    """Yield DVK101-DVK105 problems for the dossier's front matter."""
    long_lists: list[Problem] = []
    _long_lists(ctx, ctx.data, (), long_lists)
    yield from long_lists
    _, _, certainly_valid, _ = _compiled(ctx.config)
    if certainly_valid(ctx.data):
        return  # the common case, ~20x faster than asking jsonschema
    for err in _validator(ctx.config).iter_errors(ctx.data):
        path = tuple(err.absolute_path)
        where = ctx.where(path) if path else "Hồ sơ"
        kw = err.validator
        if kw == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            for key in sorted(set(err.instance) - set(allowed)):
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"Có phải ý bạn là `{near[0]}`?" if near else f"Các trường được dùng ở đây: {', '.join(allowed)}."
                yield ctx.problem(RULES["DVK101"], path + (key,), f"Trường `{key}` không có trong định dạng hồ sơ.", hint, on_key=True)
        elif kw == "required":
            for key in re.findall(r"'([^']+)' is a required property", err.message):
                sub = ctx.label(path + (key,))
                yield ctx.problem(RULES["DVK104"], path, f"{where}: thiếu trường bắt buộc `{key}`, “{sub}”.", f"Thêm dòng `{key}: ...`.")
        elif kw == "type":
            wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
            names = " hoặc ".join(_TYPE_VI.get(w, w) for w in wanted if w != "null")
            yield ctx.problem(
                RULES["DVK102"], path,
                f"{where} phải là {names}, nhưng đang là {_KIND_VI.get(type(err.instance), 'nhóm trường')} "
                f"`{_show(err.instance)}`.",
                _type_hint(ctx, path, wanted),
            )
        elif kw == "enum":
            allowed = [v for v in err.validator_value if v is not None]
            near = difflib.get_close_matches(str(err.instance), [str(a) for a in allowed], n=1, cutoff=0.5)
            hint = f"Có phải ý bạn là `{near[0]}`? " if near else ""
            yield ctx.problem(
                RULES["DVK103"], path,
                f"{where}: giá trị `{_show(err.instance)}` không hợp lệ.",
                hint + "Chọn một trong: " + ", ".join(f"`{a}`" for a in allowed) + ".",
            )
        elif kw == "pattern" and err.validator_value == DATE_PATTERN:
            yield ctx.problem(RULES["DVK105"], path, f"{where}: `{_show(err.instance)}` không phải ngày dạng NĂM-THÁNG-NGÀY.",
                              "Ví dụ: 2023-07-12 cho ngày 12/7/2023.")
        elif kw == "pattern":
            yield ctx.problem(RULES["DVK105"], path, f"{where}: `{_show(err.instance)}` chỉ được gồm chữ thường không dấu, chữ số và dấu `-`.",
                              "Ví dụ: `ho-cam-ket`.")
        elif kw in ("minLength", "minItems"):
            yield ctx.problem(RULES["DVK105"], path, f"{where} không được để trống.", "Điền nội dung hoặc xóa cả dòng nếu chưa có.")
        elif kw in ("minimum", "maximum"):
            bound = "nhỏ hơn" if kw == "minimum" else "lớn hơn"
            yield ctx.problem(RULES["DVK105"], path, f"{where}: `{_show(err.instance)}` không được {bound} "
                              f"{number(err.validator_value)}.",
                              "" if kw == "minimum" else "Kiểm tra lại số (thừa chữ số?) và đơn vị tính.")
        elif kw == "maxLength":
            yield ctx.problem(RULES["DVK105"], path, f"{where} dài {number(len(err.instance))} ký tự, quá giới hạn "
                              f"{number(err.validator_value)} ký tự.",
                              "Viết ngắn gọn ý chính; phần kể chi tiết đặt ở nội dung hồ sơ (dưới dòng `---` thứ hai) "
                              "hoặc thành tệp đính kèm.")
        elif kw == "maxItems":
            yield ctx.problem(RULES["DVK105"], path, f"{where} có {number(len(err.instance))} mục, quá giới hạn "
                              f"{number(err.validator_value)} mục.",
                              "Giữ các mục tiêu biểu; danh sách đầy đủ đặt thành tệp đính kèm.")
        elif kw == "uniqueItems":
            yield ctx.problem(RULES["DVK105"], path, f"{where} có giá trị lặp lại.", "Mỗi giá trị chỉ ghi một lần.")
        else:  # pragma: no cover - keywords we do not use
            yield ctx.problem(RULES["DVK105"], path, f"{where}: giá trị không hợp lệ ({err.message}).", "")
