"""DVK406: the declared self-assessment differs from the level the results suggest (a reading: a warning)."""

from typing import Any, Iterator

from ...assessment import compute
from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK406"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    # malformed ids and result names are DVK102/DVK104's; only well-formed pairs are compared
    targets = [t for _, t in ctx.items("idea", "targets") if isinstance(t.get("id"), str)]
    for at, results in evaluations(ctx):
        declared = ctx.word(*at, "self_assessment")
        computed = compute(targets, [r for r in results if isinstance(r.get("target"), str)])
        if declared in ctx.config.self_assessment and computed and computed != declared:
            labels = ctx.config.self_assessment
            yield ctx.problem(
                RULE, (*at, "self_assessment"),
                f"Tự đánh giá “{labels[declared]['label']}”; số liệu kết quả so với chỉ tiêu gợi ý mức "
                f"“{labels[computed]['label']}”.",
                "Mức tự đánh giá là của tập thể; nếu số liệu ghi nhầm thì sửa số liệu, nếu không thì giữ nguyên.",
            )


def evaluations(ctx: DossierContext) -> list[tuple[tuple[str | int, ...], list[dict[str, Any]]]]:
    """(path, results) of the evaluation and of each re-evaluation."""
    out: list[tuple[tuple[str | int, ...], list[dict[str, Any]]]] = [
        (("evaluation",), [r for _, r in ctx.items("evaluation", "results")])
    ]
    for i, _ in ctx.items("re_evaluations"):
        results = ctx.get("re_evaluations", i, "results")
        out.append((("re_evaluations", i), [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []))
    return out
