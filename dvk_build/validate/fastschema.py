"""A quick yes/no check of data against the dossier schema, before jsonschema's detailed errors.

Most dossiers are valid; jsonschema spends ~0.5 ms on each just to find nothing. This compiles
the keywords our schema uses into plain closures. It may say "not sure" (False) more often than
jsonschema, never less: on False the caller runs jsonschema, which has the final word.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

Check = Callable[[Any], bool]

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "array": (list,),
    "object": (dict,), "null": (),
}
_KNOWN = frozenset({"type", "properties", "additionalProperties", "required", "enum", "items", "minLength",
                    "minItems", "maxItems", "maxLength", "uniqueItems", "pattern", "minimum", "maximum",
                    "title", "description", "$schema", "$id"})


def _never(value: Any) -> bool:
    return False


def _type_check(kinds: list[str]) -> Check:
    types = tuple(t for k in kinds for t in _PY_TYPES[k])
    none_ok = "null" in kinds
    # bool is an int to Python, not a number to JSON Schema
    bool_ok = "boolean" in kinds or not ({"integer", "number"} & set(kinds))

    def check(v: Any) -> bool:
        if v is None:
            return none_ok
        return isinstance(v, types) and (bool_ok or not isinstance(v, bool))

    return check


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:  # most: a type and a length or bounds; one lambda is faster than the loop
        a, b = checks
        return lambda v: a(v) and b(v)

    def every(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True

    return every


def _length_check(kind: type, shortest: int, longest: float) -> Check:
    return lambda v: not isinstance(v, kind) or shortest <= len(v) <= longest


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function data → True when data is certainly valid against schema."""
    if set(schema) - _KNOWN or schema.get("additionalProperties", False) is not False:
        return _never  # a keyword this checker does not know: always ask jsonschema
    checks: list[Check] = []
    if "type" in schema:
        checks.append(_type_check(schema["type"] if isinstance(schema["type"], list) else [schema["type"]]))
    if "enum" in schema:
        allowed = frozenset(schema["enum"])
        # a str/None enum: bool and number never equal its members, so plain `in` is exact
        if not all(a is None or isinstance(a, str) for a in allowed):
            return _never
        checks.append(lambda v: (v is None or type(v) is str) and v in allowed)
    for kind, shortest, longest in ((str, "minLength", "maxLength"), (list, "minItems", "maxItems")):
        if shortest in schema or longest in schema:
            checks.append(_length_check(kind, schema.get(shortest, 0), schema.get(longest, math.inf)))
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "minimum" in schema or "maximum" in schema:
        number = _type_check(["number"])
        low, high = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
        checks.append(lambda v: not number(v) or low <= v <= high)
    if schema.get("uniqueItems"):
        # only lists of strings are judged here; anything else is left to jsonschema
        checks.append(lambda v: not isinstance(v, list) or (all(type(x) is str for x in v) and len(set(v)) == len(v)))
    if "items" in schema:
        item = compile_schema(schema["items"])
        checks.append(lambda v: not isinstance(v, list) or all(map(item, v)))
    if "properties" in schema or "required" in schema:
        props = {k: compile_schema(sub) for k, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))

        def obj(v: Any) -> bool:
            if not isinstance(v, dict):
                return True  # `type` decides
            for key in required:
                if key not in v:
                    return False
            for key, value in v.items():
                check = props.get(key)
                if check is None or not check(value):  # additionalProperties: false
                    return False
            return True

        checks.append(obj)
    return _all(checks)
