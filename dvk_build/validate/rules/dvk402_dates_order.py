"""DVK402: dates that do not run in the order of the six steps."""

import datetime as dt
from typing import Iterator

from ...load.yamltree import PathKey
from ...problem import Problem, Severity
from ..context import DossierContext, fmt_date, parse_date
from ..rule import Rule

RULE = Rule(
    "DVK402", "dates-out-of-order", Severity.ERROR,
    title="Các ngày phải theo đúng thứ tự: đăng ký, triển khai, theo dõi, đánh giá, báo cáo, biểu quyết, thông báo; cấp trên sau cấp dưới.",
    why="Các bước của hướng dẫn nối tiếp nhau: không thể biểu quyết trước khi có báo cáo, hay công nhận cấp huyện trước cấp cơ sở.",
    bad="report: {form: 2a, date: 2023-07-15}\nvote: {date: 2023-07-10, ...}",
    good="report: {form: 2a, date: 2023-07-05}\nvote: {date: 2023-07-10, ...}",
    clause="I",
)


def _groups(ctx: DossierContext) -> list[list[PathKey]]:
    """Paths of dates in the order they must run; dates in one group are unordered."""
    groups: list[list[PathKey]] = [[("idea", "registered", "date")]]
    groups.append([("rollout", part, "date") for part in ("steering_committee", "survey", "assignment", "commitment", "plan")])
    groups.append([("monitoring", i, "date") for i, _ in ctx.items("monitoring")])
    groups.append([("evaluation", "date")])
    for i, _ in ctx.items("recognitions"):
        for part in ("report", "vote", "notice"):
            groups.append([("recognitions", i, part, "date")])
    return groups


def check(ctx: DossierContext) -> Iterator[Problem]:
    latest: tuple[dt.date, PathKey] | None = None
    for group in _groups(ctx):
        dated = [(path, parse_date(ctx.get(*path))) for path in group]
        present = [(p, d) for p, d in dated if d is not None]
        if latest is not None:
            for path, day in present:
                if day < latest[0]:
                    before, before_path = latest
                    line = ctx.tree.pos(before_path)[0]
                    yield ctx.problem(
                        RULE, path,
                        f"{ctx.label(path)} ({fmt_date(day)}) sớm hơn {ctx.label(before_path).lower()} ({fmt_date(before)}, dòng {line}).",
                        "Các bước phải theo thứ tự thời gian; kiểm tra lại một trong hai ngày.",
                    )
        for path, day in present:
            if latest is None or day > latest[0]:
                latest = (day, path)
