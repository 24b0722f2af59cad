"""DVK301: a recognition tier, or a replicability scope, that the dossier's period does not have.

The tiers of each period come from config.yaml (`periods.<slug>.tiers`): after the 2025 reform
the 2026-2030 period has `xa` and `tinh` only, so neither a recognition nor
`evaluation.replicability.scope` may name `huyen` (or `co-so`) there.
"""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK301"]


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
