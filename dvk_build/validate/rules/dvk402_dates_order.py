"""DVK402: dates that do not run in the order of the six steps."""

import datetime as dt
from typing import Iterator

from ...load.yamltree import PathKey
from ...problem import Problem
from ...vietnamese import lower_first, vi_date
from ..context import DossierContext, parse_date
from ..rule import RULES

RULE = RULES["DVK402"]


def _groups(ctx: DossierContext) -> list[list[PathKey]]:
    """Paths of dates in the order they must run; dates in one group are unordered."""
    rollout = ("steering_committee", "survey_team", "propaganda_team", "survey", "assignment", "commitment", "plan")
    return [[("idea", "registered", "date")], [("rollout", part, "date") for part in rollout], [("evaluation", "date")],
            *([("recognitions", i, part, "date")] for i, _ in ctx.items("recognitions") for part in ("report", "vote", "notice"))]


def name(ctx: DossierContext, path: PathKey) -> str:
    """The date's label, with the position (counted from 1) of the list item it belongs to."""
    label = ctx.label(path)
    if path[0] == "monitoring":
        return f"{label} lần thứ {int(path[1]) + 1}"
    if path[0] == "monitoring_plan":
        return "Ngày ban hành kế hoạch theo dõi"
    if path[0] == "recognitions":
        return f"{label} của lần công nhận thứ {int(path[1]) + 1}"
    return label


def check(ctx: DossierContext) -> Iterator[Problem]:
    yield from _chain(ctx)
    yield from _re_evaluations(ctx)
    registered = parse_date(ctx.get("idea", "registered", "date"))
    if registered is None:
        return
    after_registration: list[PathKey] = [("monitoring_plan", "date")]
    after_registration += [("monitoring", i, "date") for i, _ in ctx.items("monitoring")]
    for path in after_registration:
        day = parse_date(ctx.get(*path))
        if day is not None and day < registered:
            line = ctx.tree.pos(("idea", "registered", "date"))[0]
            yield ctx.problem(
                RULE, path,
                f"{name(ctx, path)} ({vi_date(day)}) sớm hơn ngày đăng ký xây dựng mô hình ({vi_date(registered)}, dòng {line}).",
                "Việc theo dõi, kiểm tra bắt đầu sau khi mô hình được đăng ký; kiểm tra lại một trong hai ngày.",
            )


def _re_evaluations(ctx: DossierContext) -> Iterator[Problem]:
    """A re-evaluation follows the first evaluation; a recognition follows the evaluation it rests on."""
    first = parse_date(ctx.get("evaluation", "date"))
    for k, _ in ctx.items("re_evaluations"):
        path: PathKey = ("re_evaluations", k, "date")
        day = parse_date(ctx.get(*path))
        if first is not None and day is not None and day <= first:
            line = ctx.tree.pos(("evaluation", "date"))[0]  # asked only here: positions cost a second YAML compose
            yield ctx.problem(RULE, path,
                              f"Ngày đánh giá lại lần thứ {k + 1} ({vi_date(day)}) không sau ngày đánh giá ({vi_date(first)}, dòng {line}).",
                              "Lần đánh giá lại diễn ra sau lần đánh giá đầu; kiểm tra lại một trong hai ngày.")
    for i, _ in ctx.items("recognitions"):
        rests = parse_date(ctx.get("recognitions", i, "evaluation_date"))
        report = parse_date(ctx.get("recognitions", i, "report", "date"))
        if rests is not None and report is not None and rests > report:
            yield ctx.problem(RULE, ("recognitions", i, "evaluation_date"),
                              f"Ngày đánh giá làm căn cứ của lần công nhận thứ {i + 1} ({vi_date(rests)}) muộn hơn ngày "
                              f"báo cáo Mẫu 2a của lần đó ({vi_date(report)}).",
                              "Báo cáo kết quả dựa trên lần đánh giá đã có; kiểm tra lại một trong hai ngày.")


def _chain(ctx: DossierContext) -> Iterator[Problem]:
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
                        f"{name(ctx, path)} ({vi_date(day)}) sớm hơn {lower_first(name(ctx, before_path))} "
                        f"({vi_date(before)}, dòng {line}).",
                        "Các bước phải theo thứ tự thời gian; kiểm tra lại một trong hai ngày.",
                    )
        for path, day in present:
            if latest is None or day > latest[0]:
                latest = (day, path)
