"""DVK410: the typical-model selection is dated in another year than the award (a reading)."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext, fmt_date, parse_date
from ..rule import Rule, Source

RULE = Rule(
    "DVK410", "selection-outside-year", Severity.WARNING,
    title="Ngày lựa chọn mô hình tiêu biểu nên nằm trong năm khen thưởng.",
    why="Bước 6: “Hàng năm, các cấp ủy, tổ chức đảng xem xét, lựa chọn các mô hình … tiêu biểu” (Hướng dẫn "
        "10-HD/BDVTU). Lựa chọn ghi ngày của năm khác thường là nhầm năm.",
    bad="awards:\n  - {year: 2024, ..., selected: {date: 2023-11-20, by: Ban Thường vụ Huyện ủy Gò Dầu}}",
    good="awards:\n  - {year: 2024, ..., selected: {date: 2024-11-20, by: Ban Thường vụ Huyện ủy Gò Dầu}}",
    clause="b6-khen-thuong",
    source=Source.READING,
    cite="Hướng dẫn nói “hàng năm” nhưng không nói việc lựa chọn cho một năm phải làm trong chính năm đó (có nơi "
         "tổng kết đầu năm sau); dvk chỉ nhắc kiểm tra lại.",
    summary=False,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for k, award in ctx.items("awards"):
        year = award.get("year")
        selected = parse_date(ctx.get("awards", k, "selected", "date"))
        if isinstance(year, int) and selected is not None and selected.year != year:
            yield ctx.problem(RULE, ("awards", k, "selected", "date"),
                              f"Lần khen thưởng thứ {k + 1} (năm {year}): ngày lựa chọn mô hình tiêu biểu "
                              f"({fmt_date(selected)}) thuộc năm {selected.year}.",
                              "Kiểm tra lại năm khen thưởng hoặc ngày lựa chọn.")
