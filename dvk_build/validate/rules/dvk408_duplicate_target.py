"""DVK408: two targets (or two results) share an id."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK408"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, key in ((("idea", "targets"), "id"), (("evaluation", "results"), "target")):
        seen: set[str] = set()
        for i, item in ctx.items(*path):
            value = item.get(key)
            if isinstance(value, str):
                if value in seen:
                    yield ctx.problem(RULE, path + (i, key), f"Mã `{value}` bị lặp lại.", "Mỗi mã chỉ dùng một lần.")
                seen.add(value)
