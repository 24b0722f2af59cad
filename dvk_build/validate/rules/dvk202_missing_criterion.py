"""DVK202: a recognized model lacks evidence for a criterion of its holder kind."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK202", "missing-criterion-evidence", Severity.ERROR,
    title="Mô hình được công nhận phải nêu minh chứng cho từng tiêu chí của tập thể hoặc cá nhân.",
    why="Mục 5.2.a: cấp ủy chỉ biểu quyết công nhận khi mô hình bảo đảm đủ các tiêu chí. Tập thể: lãnh đạo, hiệu quả, được Nhân dân ủng hộ, 03 lợi ích, lan tỏa. Cá nhân: vai trò, sáng tạo, lan tỏa, phẩm chất, vận động.",
    bad="criteria:\n  leadership: Chi bộ ra nghị quyết...\n  effectiveness: ...",
    good="criteria:\n  leadership: ...\n  effectiveness: ...\n  popular_support: ...\n  three_interests: ...\n  spread: ...",
    clause="5.2.a",
    source=Source.GUIDELINE,
    summary=False,  # a summary record from a province's list has no such facts
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.recognized:
        return  # a draft is judged only for the steps it has reached
    kind = ctx.word("holder", "kind")
    for crit in ctx.config.criteria.get(kind, ()):
        value = ctx.get("criteria", crit.key)
        if not isinstance(value, str) or not value.strip():
            yield ctx.problem(
                RULE, ("criteria", crit.key) if ctx.get("criteria") else ("recognitions",),
                f"Thiếu minh chứng cho tiêu chí `{crit.key}`: {crit.label}.",
                f"Thêm `criteria.{crit.key}`: nêu việc làm, số liệu cho thấy mô hình “{crit.label[:1].lower() + crit.label[1:]}”.",
            )
