"""DVK106: a date that does not exist in the calendar."""

from typing import Iterator

from ...problem import Problem
from ..context import DossierContext, parse_date
from ..rule import RULES
from ..form import DATE_RE

RULE = RULES["DVK106"]


def check(ctx: DossierContext) -> Iterator[Problem]:
    for path, raw in ctx.date_texts():
        if DATE_RE.match(raw) and parse_date(raw) is None:
            yield ctx.problem(RULE, path, f"Ngày `{raw}` không có trên lịch.", "Kiểm tra lại ngày và tháng.")
