"""DVK301: a recognition tier, or a replicability scope, that the dossier's period does not have.

The tiers of each period come from config.yaml (`periods.<slug>.tiers`): after the 2025 reform
the 2026-2030 period has `xa` and `tinh` only, so neither a recognition nor
`evaluation.replicability.scope` may name `huyen` (or `co-so`) there.
"""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK301", "tier-not-in-period", Severity.ERROR,
    title="Cấp công nhận và phạm vi nhân rộng phải thuộc các cấp của giai đoạn.",
    why="Từ 01/7/2025 không còn cấp huyện: giai đoạn 2026-2030 chỉ công nhận ở cấp xã và cấp tỉnh, phạm vi nhân "
        "rộng cũng chỉ là toàn xã hoặc toàn tỉnh; giai đoạn 2021-2025 có cấp cơ sở, huyện, tỉnh.",
    bad="period: 2026-2030\nevaluation:\n  replicability: {scope: huyen}\nrecognitions:\n  - tier: huyen",
    good="period: 2026-2030\nevaluation:\n  replicability: {scope: tinh}\nrecognitions:\n  - tier: xa",
    clause="sap-xep-2025",
    source=Source.REFORM,
    cite="Chính quyền địa phương hai cấp (tỉnh, xã) từ ngày 1/7/2025, không còn cấp huyện; các cấp của giai đoạn 2021-2025 theo mục 5.2.b của hướng dẫn.",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    if period is None:
        return
    tiers = ctx.config.tiers
    choices = "Các cấp của giai đoạn: " + "; ".join(f"{tiers[t].label.lower()} (`{t}`)" if t in tiers else f"`{t}`" for t in period.tiers) + "."
    for i, rec in ctx.items("recognitions"):
        tier = rec.get("tier")
        if isinstance(tier, str) and tier in tiers and tier not in period.tiers:
            yield ctx.problem(RULE, ("recognitions", i, "tier"), f"{period.label} không có {tiers[tier].label.lower()}.", choices)
    scope = ctx.word("evaluation", "replicability", "scope")
    if scope in tiers and scope not in period.tiers:
        yield ctx.problem(
            RULE, ("evaluation", "replicability", "scope"),
            f"{period.label} không có {tiers[scope].label.lower()}: phạm vi nhân rộng này (`{scope}`) không dùng được.",
            "Phạm vi nhân rộng của giai đoạn: " + "; ".join(f"`{t}` ({tiers[t].scope})" for t in period.tiers) + ".",
        )
