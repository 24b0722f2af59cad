"""DVK301: a recognition tier that the dossier's period does not have."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule

RULE = Rule(
    "DVK301", "tier-not-in-period", Severity.ERROR,
    title="Cấp công nhận phải thuộc các cấp của giai đoạn.",
    why="Từ 01/7/2025 không còn cấp huyện: giai đoạn 2026-2030 chỉ công nhận ở cấp xã và cấp tỉnh; giai đoạn 2021-2025 có cấp cơ sở, huyện, tỉnh.",
    bad="period: 2026-2030\nrecognitions:\n  - tier: huyen",
    good="period: 2026-2030\nrecognitions:\n  - tier: xa",
    clause="5.2.b",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    if period is None:
        return
    for i, rec in ctx.items("recognitions"):
        tier = rec.get("tier")
        if isinstance(tier, str) and tier in ctx.config.tiers and tier not in period.tiers:
            yield ctx.problem(RULE, ("recognitions", i, "tier"), f"{period.label} không có {ctx.config.tiers[tier].label.lower()}.",
                              "Các cấp của giai đoạn: " + ", ".join(f"`{t}`" for t in period.tiers) + ".")
