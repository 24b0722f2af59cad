"""DVK401: a step the dossier has passed is not recorded, by the rules in force when it was recognized."""

import datetime as dt
from typing import Iterator

from ...problem import Problem
from ...stage import STEP_REQUIREMENTS, stage_of
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK401"]


def judged_on(ctx: DossierContext) -> dt.date:
    """The day whose rules apply: the first recognition vote (or notice), else today (a draft)."""
    days = [parse_date(ctx.get("recognitions", i, "vote", "date")) or parse_date(ctx.get("recognitions", i, "notice", "date"))
            for i, _ in ctx.items("recognitions")]
    return min((d for d in days if d is not None), default=ctx.today)


def check(ctx: DossierContext) -> Iterator[Problem]:
    reached = stage_of(ctx.data)
    period = ctx.period
    rules = period.rules_on(judged_on(ctx)) if period is not None else None
    required = set(rules.requires) if rules is not None else None  # no configured rules: all of them
    for step, needs in STEP_REQUIREMENTS.items():
        if step >= reached or step > 4:
            continue  # a draft is judged only for the steps before the furthest it reached
        for path, what in needs:
            if required is not None and ".".join(path) not in required:
                continue
            value = ctx.get(*path)
            if value in (None, "", [], {}):
                step_label = ctx.config.steps[step]["long"]
                since = f", theo quy định có hiệu lực khi đó: {rules.label}" if rules is not None else ""
                missing = what if what.startswith("chưa") else f"thiếu {what}"
                yield ctx.problem(RULE, path, f"{step_label}: {missing} (trường `{'.'.join(path)}`){since}.",
                                  f"Hồ sơ đã đến {ctx.config.steps[reached]['long'].lower()}, nên phải ghi các bước trước.")
