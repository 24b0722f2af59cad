"""DVK316: the recognizing body's name does not look like a body of the tier it recognizes at (a reading)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK316", "body-not-of-tier", Severity.WARNING,
    title="Cấp ủy công nhận nên thuộc đúng cấp công nhận: đảng ủy xã, phường, chi bộ (cơ sở, xã); huyện ủy, thị ủy, "
          "thành ủy (huyện); tỉnh ủy, thành ủy (tỉnh).",
    why="Mục 5.2.b: mỗi cấp chọn và công nhận mô hình của cấp mình. Tên cơ quan công nhận được đối chiếu với các từ "
        "khai báo cho từng cấp trong config.yaml (`tiers.<cấp>.bodies`); tên khác thường là ghi nhầm cấp hoặc nhầm "
        "cơ quan.",
    bad="  - tier: huyen\n    body: Đảng ủy xã Phú An",
    good="  - tier: huyen\n    body: Ban Thường vụ Huyện ủy Châu Thành",
    clause="5.2.b",
    source=Source.READING,
    cite="Hướng dẫn không kê tên cơ quan công nhận của từng cấp; dvk đối chiếu tên cơ quan với các từ khai báo cho "
         "cấp đó trong config.yaml (`bodies`), nên chỉ nhắc kiểm tra lại.",
)


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
