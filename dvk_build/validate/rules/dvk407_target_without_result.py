"""DVK407: a registered target has no result in the evaluation."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK407"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.items("evaluation", "results"):
        return
    done = {r["target"] for _, r in ctx.items("evaluation", "results") if isinstance(r.get("target"), str)}
    for i, target in ctx.items("idea", "targets"):
        if isinstance(target.get("id"), str) and target["id"] not in done:
            yield ctx.problem(RULE, ("idea", "targets", i, "id"), f"Chỉ tiêu “{target.get('indicator') or target['id']}” (`{target['id']}`) chưa có kết quả đánh giá.",
                              f"Thêm `{{target: {target['id']}, actual: ...}}` vào `evaluation.results`.")
