"""DVK404: a date (or award year) in the future."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext, fmt_date
from ..rule import Rule, Source

RULE = Rule(
    "DVK404", "future-date", Severity.ERROR,
    title="Không ghi ngày trong tương lai.",
    why="Hồ sơ ghi lại việc đã làm; ngày chưa tới thường là gõ nhầm năm.",
    bad="notice: {number: 05-TB/ĐU, date: 2032-07-12}",
    good="notice: {number: 05-TB/ĐU, date: 2023-07-12}",
    clause="so-lieu",
    source=Source.FORMAT,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, day in ctx.dates():
        if day > ctx.today:
            yield ctx.problem(RULE, path, f"{ctx.label(path)} {fmt_date(day)} là ngày trong tương lai.", "Kiểm tra lại năm.")
    for i, award in ctx.items("awards"):
        year = award.get("year")
        if isinstance(year, int) and year > ctx.today.year:
            yield ctx.problem(RULE, ("awards", i, "year"), f"Năm khen thưởng {year} chưa tới.", "Kiểm tra lại năm.")
