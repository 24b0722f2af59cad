"""DVK404: a date (or award year) in the future."""

from typing import Iterator

from ...problem import Problem
from ...vietnamese import vi_date
from ..context import DossierContext
from ..rule import RULES

RULE = RULES["DVK404"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, day in ctx.dates():
        if day > ctx.today:
            yield ctx.problem(RULE, path, f"{ctx.label(path)} {vi_date(day)} là ngày trong tương lai.", "Kiểm tra lại năm.")
    for i, award in ctx.items("awards"):
        year = award.get("year")
        if isinstance(year, int) and year > ctx.today.year:
            yield ctx.problem(RULE, ("awards", i, "year"), f"Năm khen thưởng {year} chưa tới.", "Kiểm tra lại năm.")
