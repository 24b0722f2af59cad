"""DVK303: the replicability scope is narrower than the highest tier claimed."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK303", "replication-scope-too-small", Severity.ERROR,
    title="Phạm vi nhân rộng phải tối thiểu bằng cấp công nhận cao nhất.",
    why="Mục 5.2.b: mô hình cấp huyện “đã nhân rộng hoặc có thể nhân rộng ở phạm vi toàn huyện”; cấp tỉnh: “trong phạm vi toàn tỉnh”.",
    bad="evaluation:\n  replicability: {scope: co-so}\nrecognitions:\n  - tier: co-so ...\n  - tier: huyen ...",
    good="evaluation:\n  replicability: {scope: huyen}\nrecognitions:\n  - tier: co-so ...\n  - tier: huyen ...",
    clause="5.2.b",
    source=Source.GUIDELINE,
    summary=False,  # a summary record from a province's list has no such facts
)


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
            f"Phạm vi nhân rộng “{tiers[scope].label.lower() if scope in tiers else scope}” (`{scope}`) hẹp hơn cấp công nhận cao nhất ({tiers[top].label.lower()}).",
            f"Mô hình {tiers[top].label.lower()} phải nhân rộng được trong phạm vi: {tiers[top].scope}.",
        )
