"""DVK409: an award or a typical-model selection dated before the model was first recognized."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import vi_date
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK409"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    # the earliest recognition: its notice's date, or its vote's when the notice has none
    dates = ((parse_date(ctx.get("recognitions", i, "notice", "date"))
              or parse_date(ctx.get("recognitions", i, "vote", "date")), i) for i, _ in ctx.items("recognitions"))
    first = min(((day, i) for day, i in dates if day), default=None)
    if first is None:
        return
    day, i = first
    when = f"lần công nhận thứ {i + 1}, {vi_date(day)}"
    for k, _ in ctx.items("awards"):
        year = ctx.count("awards", k, "year")
        if year is not None and year < day.year:
            yield ctx.problem(RULE, ("awards", k, "year"),
                              f"Lần khen thưởng thứ {k + 1}: năm {year} sớm hơn năm mô hình được công nhận ({when}).",
                              "Kiểm tra lại năm khen thưởng hoặc ngày công nhận.")
        selected = parse_date(ctx.get("awards", k, "selected", "date"))
        if selected is not None and selected < day:
            yield ctx.problem(RULE, ("awards", k, "selected", "date"),
                              f"Lần khen thưởng thứ {k + 1}: ngày lựa chọn mô hình tiêu biểu ({vi_date(selected)}) sớm "
                              f"hơn ngày mô hình được công nhận ({when}).",
                              "Chỉ mô hình đã được công nhận mới được lựa chọn là mô hình tiêu biểu; kiểm tra lại ngày.")
