"""DVK203: a criterion that belongs to the other holder kind."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK203"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    kind = ctx.word("holder", "kind")
    criteria = ctx.get("criteria")
    if kind is None or kind not in ctx.config.criteria or not isinstance(criteria, dict):
        return
    own = {c.key for c in ctx.config.criteria[kind]}
    label = ctx.config.holder_kinds[kind].lower()
    for key, value in criteria.items():
        if key not in own and key in ctx.config.all_criteria_keys() and value:
            other = next((c.label for crits in ctx.config.criteria.values() for c in crits if c.key == key), key)
            yield ctx.problem(RULE, ("criteria", key), f"Tiêu chí “{other}” (`{key}`) không phải tiêu chí của {label}.",
                              f"Tiêu chí của {label}: " + "; ".join(f"“{c.label}” (`{c.key}`)" for c in ctx.config.criteria[kind]) + ".",
                              on_key=True)
