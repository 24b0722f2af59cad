"""DVK302: a higher-tier recognition without the tier below it first."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK302"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    if period is None:
        return
    seen: set[str] = set()
    for i, rec in ctx.items("recognitions"):
        tier = rec.get("tier")
        if isinstance(tier, str) and tier in period.tiers:
            idx = period.tiers.index(tier)
            if idx > 0:
                lower = period.tiers[idx - 1]
                if lower not in seen:
                    lower_label = ctx.config.tiers[lower].label.lower()
                    yield ctx.problem(
                        RULE, ("recognitions", i, "tier"),
                        f"Công nhận {ctx.config.tiers[tier].label.lower()} nhưng chưa có công nhận {lower_label} trước đó.",
                        f"Thêm lần công nhận {lower_label} (`tier: {lower}`) lên trước, theo thứ tự từ cấp thấp đến cấp cao.",
                    )
            seen.add(tier)
