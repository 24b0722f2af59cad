"""DVK406: the declared self-assessment differs from the level the results suggest (a reading: a warning)."""

from typing import Iterator

from ...assessment import compute
from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK406"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    # malformed ids and result names are DVK102/DVK104's; only well-formed pairs are compared
    targets = [t for _, t in ctx.items("idea", "targets") if isinstance(t.get("id"), str)]
    for at, results in ctx.evaluations():
        declared = ctx.word(*at, "self_assessment")
        computed = compute(targets, [r for _, r in results if isinstance(r.get("target"), str)])
        if declared in ctx.config.self_assessment and computed and computed != declared:
            labels = ctx.config.self_assessment
            yield ctx.problem(
                RULE, (*at, "self_assessment"),
                f"Tự đánh giá “{labels[declared]['label']}”; số liệu kết quả so với chỉ tiêu gợi ý mức "
                f"“{labels[computed]['label']}”.",
                "Mức tự đánh giá là của tập thể; nếu số liệu ghi nhầm thì sửa số liệu, nếu không thì giữ nguyên.",
            )
