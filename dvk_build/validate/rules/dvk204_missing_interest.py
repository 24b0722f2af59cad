"""DVK204: one of the three interests is not stated.

Step 1 of the guideline asks every model, collective or individual, for its expected results,
among them "kết hợp hài hòa 03 lợi ích (tập thể, cộng đồng và cá nhân)"; criterion 5.2.a repeats
it for tập thể. Which holder kinds are checked is config.yaml's `interests_required_for` (both
kinds in the shipped configuration).
"""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK204"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized or ctx.word("holder", "kind") not in ctx.config.interests_required_for:
        return
    for key, label in ctx.config.interests.items():
        value = ctx.get("idea", "interests", key)
        if not isinstance(value, str) or not value.strip():
            yield ctx.problem(RULE, ("idea", "interests", key), f"Chưa nêu {label.lower()} (`idea.interests.{key}`).",
                              "Ghi rõ mô hình đem lại gì cho " + label.lower().replace("lợi ích ", "") + ".")
