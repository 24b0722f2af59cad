"""DVK403: the registration date falls outside the dossier's period."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import vi_date
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK403"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    period = ctx.period
    day = parse_date(ctx.get("idea", "registered", "date"))
    if period and day and not (period.start <= day <= period.end):
        yield ctx.problem(RULE, ("idea", "registered", "date"),
                          f"Ngày đăng ký {vi_date(day)} nằm ngoài {period.label.lower()} ({vi_date(period.start)} - {vi_date(period.end)}).",
                          "Sửa lại ngày đăng ký hoặc trường `period`.")
