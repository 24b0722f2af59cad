"""DVK411: a recognition names an evaluation date the dossier has no evaluation for."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import vi_date
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK411"]


def evaluation_dates(ctx: DossierContext) -> list:
    days = [parse_date(ctx.get("evaluation", "date"))]
    days += [parse_date(ctx.get("re_evaluations", i, "date")) for i, _ in ctx.items("re_evaluations")]
    return [d for d in days if d is not None]


def check(ctx: DossierContext) -> Iterator[Problem]:
    known = evaluation_dates(ctx)
    for i, _ in ctx.items("recognitions"):
        day = parse_date(ctx.get("recognitions", i, "evaluation_date"))
        if day is not None and day not in known:
            listed = ", ".join(vi_date(d) for d in sorted(known)) or "chưa ghi lần đánh giá nào"
            yield ctx.problem(RULE, ("recognitions", i, "evaluation_date"),
                              f"Lần công nhận thứ {i + 1} căn cứ lần đánh giá ngày {vi_date(day)}, nhưng hồ sơ không có "
                              "lần đánh giá nào vào ngày đó.",
                              f"Ghi đúng ngày của một lần đánh giá ({listed}), hoặc thêm lần đánh giá lại vào `re_evaluations`.")
