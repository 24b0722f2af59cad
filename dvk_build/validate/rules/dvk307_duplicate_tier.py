"""DVK307: the same tier recognized twice."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK307"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, rec in ctx.items("recognitions"):
        tier = rec.get("tier")
        if not isinstance(tier, str):
            continue
        if tier in seen:
            label = ctx.config.tiers[tier].label if tier in ctx.config.tiers else f"`{tier}`"
            yield ctx.problem(RULE, ("recognitions", i, "tier"),
                              f"Lần công nhận thứ {i + 1}: {label.lower()} đã được ghi ở lần công nhận thứ {seen[tier] + 1}.",
                              "Nếu là nhập trùng thì xóa một lần; nếu mô hình được công nhận lại thì giữ cả hai.")
        else:
            seen[tier] = i
