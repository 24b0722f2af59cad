"""DVK307: the same tier recognized twice."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK307", "duplicate-tier", Severity.WARNING,
    title="Một cấp được ghi hai lần công nhận: kiểm tra có phải nhập trùng không.",
    why="Mục 5.2.b: mỗi cấp chọn mô hình từ cấp dưới; hai lần công nhận cùng cấp thường là nhập trùng.",
    bad="recognitions:\n  - tier: co-so ...\n  - tier: co-so ...",
    good="recognitions:\n  - tier: co-so ...\n  - tier: huyen ...",
    clause="5.2.b",
    source=Source.READING,
    cite="Hướng dẫn không cấm công nhận lại ở cùng một cấp; hai lần cùng cấp thường là nhập trùng nên dvk chỉ nhắc kiểm tra lại.",
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, rec in ctx.items("recognitions"):
        tier = rec.get("tier")
        if not isinstance(tier, str):
            continue
        if tier in seen:
            label = ctx.config.tiers[tier].label if tier in ctx.config.tiers else f"`{tier}`"
            yield ctx.problem(RULE, ("recognitions", i, "tier"),
                              f"Lần công nhận thứ {i + 1}: {label.lower()} đã được ghi ở lần công nhận thứ {seen[tier] + 1}.",
                              "Nếu là nhập trùng thì xóa một lần; nếu mô hình được công nhận lại thì giữ cả hai.")
        else:
            seen[tier] = i
