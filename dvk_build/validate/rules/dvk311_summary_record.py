"""DVK311: a summary record (`record: tom-tat`) without the recognition facts a list holds."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK311"]

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
