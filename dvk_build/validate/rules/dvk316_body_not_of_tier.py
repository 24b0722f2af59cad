"""DVK316: the recognizing body's name does not look like a body of the tier it recognizes at (a reading)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK316"]


def fold(text: str) -> str:
    """Lowercase, with the old tone placement of “uỷ” folded to “ủy” (both are in use)."""
    return text.lower().replace("uỷ", "ủy").replace("uý", "úy")


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, rec in ctx.items("recognitions"):
        tier = ctx.config.tiers.get(ctx.word("recognitions", i, "tier") or "")
        body = ctx.word("recognitions", i, "body")
        if tier is None or not tier.bodies or not body:
            continue
        if ctx.period is not None and tier.slug not in ctx.period.tiers:
            continue  # a tier the period does not have is DVK301's
        if not any(fold(word) in fold(body) for word in tier.bodies):
            yield ctx.problem(
                RULE, ("recognitions", i, "body"),
                f"Lần công nhận thứ {i + 1} ({tier.label.lower()}): “{body}” không giống tên một cấp ủy {tier.label.lower()}.",
                f"Cấp ủy {tier.label.lower()} thường có tên chứa: {', '.join(tier.bodies)}. Kiểm tra lại cấp công nhận "
                "hoặc tên cơ quan.",
            )
