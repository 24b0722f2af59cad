"""DVK201: a field (lĩnh vực) that the dossier's period does not list."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK201"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    fields = ctx.get("fields")
    if period is None or not isinstance(fields, list):
        return
    for i, slug in enumerate(fields):
        if isinstance(slug, str) and slug in ctx.config.fields and slug not in period.fields:
            yield ctx.problem(RULE, ("fields", i), f"Lĩnh vực `{slug}` không thuộc {period.label}.",
                              "Chọn một trong: " + ", ".join(f"`{f}`" for f in period.fields) + ".")
