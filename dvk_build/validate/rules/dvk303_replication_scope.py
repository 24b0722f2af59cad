"""DVK303: the replicability scope is narrower than the highest tier claimed."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK303"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    tiers = ctx.config.tiers
    claimed = [rec.get("tier") for _, rec in ctx.items("recognitions") if isinstance(rec.get("tier"), str) and rec["tier"] in tiers]
    if not claimed:
        return
    top = max(claimed, key=ctx.config.tier_rank)
    scope = ctx.word("evaluation", "replicability", "scope")
    if scope is None or scope not in tiers:
        yield ctx.problem(RULE, ("evaluation", "replicability"), "Chưa nêu phạm vi có thể nhân rộng (`evaluation.replicability.scope`).",
                          f"Với mô hình {tiers[top].label.lower()}, ghi `scope: {top}` hoặc cao hơn.")
    elif ctx.period is not None and scope not in ctx.period.tiers:
        return  # a scope the period does not have is DVK301's to report
    elif ctx.config.tier_rank(scope) < ctx.config.tier_rank(top):
        yield ctx.problem(
            RULE, ("evaluation", "replicability", "scope"),
            f"Phạm vi nhân rộng “{tiers[scope].label.lower()}” (`{scope}`) hẹp hơn cấp công nhận cao nhất ({tiers[top].label.lower()}).",
            f"Mô hình {tiers[top].label.lower()} phải nhân rộng được trong phạm vi: {tiers[top].scope}.",
        )
