"""DVK304: a recognition without its report (Mẫu 2a), vote or notice (Mẫu 2b)."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK304"]

_NEEDED = (
    ("report", "date", "ngày báo cáo Mẫu 2a"),
    ("vote", "date", "ngày biểu quyết"),
    ("vote", "members", "số thành viên cấp ủy"),
    ("vote", "in_favor", "số phiếu tán thành"),
    ("notice", "number", "số thông báo công nhận (Mẫu 2b)"),
    ("notice", "date", "ngày thông báo công nhận"),
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for i, rec in ctx.items("recognitions"):
        missing = [label for part, key, label in _NEEDED if ctx.get("recognitions", i, part, key) is None]
        if missing:
            yield ctx.problem(RULE, ("recognitions", i), f"Lần công nhận thứ {i + 1} còn thiếu: {', '.join(missing)}.",
                              "Bổ sung theo hồ sơ công nhận (báo cáo, biên bản biểu quyết, thông báo).")
