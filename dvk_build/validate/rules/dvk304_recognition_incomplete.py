"""DVK304: a recognition without its report (Mẫu 2a), vote or notice (Mẫu 2b)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK304", "recognition-incomplete", Severity.ERROR,
    title="Mỗi lần công nhận phải có báo cáo (Mẫu 2a), biểu quyết của cấp ủy và thông báo công nhận (Mẫu 2b) có số, ngày.",
    why="Mục 5.1-5.3: tập thể, cá nhân viết báo cáo theo Mẫu 2a; cấp ủy họp biểu quyết; ban hành Thông báo công nhận theo Mẫu 2b.",
    bad="  - tier: co-so\n    body: Đảng ủy xã Phú An\n    notice: {number: 05-TB/ĐU}",
    good="  - tier: co-so\n    body: Đảng ủy xã Phú An\n    report: {form: 2a, date: 2023-07-05}\n    vote: {date: 2023-07-10, members: 15, in_favor: 14}\n    notice: {number: 05-TB/ĐU, date: 2023-07-12}",
    clause="5.1",
    source=Source.GUIDELINE,
    summary=False,  # a summary record from a province's list has no such facts
)

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
