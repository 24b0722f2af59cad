"""DVK201: a field (lĩnh vực) that the dossier's period does not list."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK201", "field-not-in-period", Severity.ERROR,
    title="Lĩnh vực phải thuộc danh sách lĩnh vực của giai đoạn.",
    why="Mục 5.2.a: nội dung mô hình thuộc các lĩnh vực kinh tế, văn hóa - xã hội, quốc phòng - an ninh, xây dựng hệ thống chính trị hoặc “04 không”.",
    bad="period: 2021-2025\nfields: [moi-truong]",
    good="period: 2021-2025\nfields: [bon-khong]",
    clause="5.2.a-tt-linh-vuc",
    source=Source.GUIDELINE,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    fields = ctx.get("fields")
    if period is None or not isinstance(fields, list):
        return
    for i, slug in enumerate(fields):
        if isinstance(slug, str) and slug in ctx.config.fields and slug not in period.fields:
            yield ctx.problem(RULE, ("fields", i), f"Lĩnh vực `{slug}` không thuộc {period.label}.",
                              "Chọn một trong: " + ", ".join(f"`{f}`" for f in period.fields) + ".")
