"""DVK106: a date that does not exist in the calendar."""

from typing import Iterator

from ...problem import Problem, Severity
from ..context import DossierContext, parse_date
from ..rule import Rule, Source
from ..form import DATE_RE

RULE = Rule(
    "DVK106", "invalid-date", Severity.ERROR,
    title="Ngày phải có thật trên lịch.",
    why="Ngày không có thật (như 30/2) thường là gõ nhầm và làm sai thứ tự các bước.",
    bad="notice: {number: 05-TB/ĐU, date: 2023-02-30}",
    good="notice: {number: 05-TB/ĐU, date: 2023-02-28}",
    clause="dinh-dang",
    source=Source.FORMAT,
)


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, raw in ctx.date_texts():
        if DATE_RE.match(raw) and parse_date(raw) is None:
            yield ctx.problem(RULE, path, f"Ngày `{raw}` không có trên lịch.", "Kiểm tra lại ngày và tháng.")
