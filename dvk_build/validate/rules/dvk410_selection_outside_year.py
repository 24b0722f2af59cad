"""DVK410: the typical-model selection is dated in another year than the award (a reading)."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import vi_date
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK410"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for k, award in ctx.items("awards"):
        year = award.get("year")
        selected = parse_date(ctx.get("awards", k, "selected", "date"))
        if isinstance(year, int) and selected is not None and selected.year != year:
            yield ctx.problem(RULE, ("awards", k, "selected", "date"),
                              f"Lần khen thưởng thứ {k + 1} (năm {year}): ngày lựa chọn mô hình tiêu biểu "
                              f"({vi_date(selected)}) thuộc năm {selected.year}.",
                              "Kiểm tra lại năm khen thưởng hoặc ngày lựa chọn.")
