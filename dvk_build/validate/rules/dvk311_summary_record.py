"""DVK311: a summary record (`record: tom-tat`) without the recognition facts a list holds."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext
from ..rule import Rule, Source

RULE = Rule(
    "DVK311", "summary-record-incomplete", Severity.ERROR,
    title="Hồ sơ tóm tắt (`record: tom-tat`) phải có cấp công nhận, cấp ủy công nhận, số và ngày Thông báo công nhận.",
    why="Hồ sơ tóm tắt được nhập từ danh sách mô hình đã công nhận của tỉnh và chỉ được kiểm tra trên các thông tin "
        "danh sách có; căn cứ để đăng mô hình là Thông báo công nhận (mục 5.3), nên số và ngày thông báo là bắt buộc.",
    bad="record: tom-tat\nrecognitions:\n  - tier: co-so\n    body: Đảng ủy xã Tân Thạch",
    good="record: tom-tat\nrecognitions:\n  - tier: co-so\n    body: Đảng ủy xã Tân Thạch\n"
         "    notice: {number: 21-TB/ĐU, date: 2023-06-15}",
    clause="5.3",
    source=Source.GUIDELINE,
)

_NEEDED = (("number", "số thông báo công nhận"), ("date", "ngày thông báo công nhận"))


def check(ctx: DossierContext) -> Iterator[Problem]:
    if not ctx.summary_record:
        return
    recognitions = ctx.items("recognitions")
    if not recognitions:
        yield ctx.problem(RULE, ("record",), "Hồ sơ tóm tắt chưa có lần công nhận nào (`recognitions`).",
                          "Ghi cấp công nhận, cấp ủy công nhận, số và ngày Thông báo công nhận theo danh sách của tỉnh.")
        return
    for i, _rec in recognitions:
        missing = [label for key, label in _NEEDED if ctx.get("recognitions", i, "notice", key) is None]
        if missing:
            at = ("recognitions", i, "notice") if isinstance(ctx.get("recognitions", i, "notice"), dict) else ("recognitions", i)
            yield ctx.problem(RULE, at, f"Lần công nhận thứ {i + 1} của hồ sơ tóm tắt còn thiếu: "
                              f"{', '.join(missing)}.", "Chép số và ngày từ Thông báo công nhận (Mẫu 2b) hoặc từ danh sách của tỉnh.")
